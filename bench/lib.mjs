// What every part of `make bench` shares: statistics, a static server per site, a headless
// Chromium configured for this machine, byte counts under both encodings, and the in-page probes.
import { spawn } from 'node:child_process';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../tests/e2e/chromium.mjs';

export const here = new URL('.', import.meta.url).pathname;

export function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The nearest-rank 75th percentile: a value that was measured, never interpolated. */
export function p75(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.75) - 1];
}

export const summary = (values) => ({ median: median(values), p75: p75(values), runs: values.length });

/** Distinct words of five letters or more in `titles`, in first-seen order: queries any site has. */
export function titleWords(titles) {
  return [...new Set(titles.flatMap((title) => title.toLowerCase().split(/[^\p{L}]+/u)).filter((word) => word.length >= 5))];
}

/** Sizes as a host serving precompressed files would send them: gzip -9 and brotli 11. */
export function encodedSizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const servers = new Set();
// A run that fails half-way must not leave servers holding the ports of the next run.
process.on('exit', () => {
  for (const server of servers) server.kill();
});

/** Serves `folder` on 127.0.0.1:`port` with the end-to-end tests' CDN-like static server. */
export async function serve(folder, port) {
  const server = spawn('node', [`${here}../tests/e2e/static-server.mjs`, folder, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((ready, failed) => {
    server.stdout.once('data', ready);
    server.once('exit', (code) => failed(new Error(`static server for ${folder} exited with ${code}`)));
  });
  servers.add(server);
  return { origin: `http://127.0.0.1:${port}`, close: () => server.kill() };
}

export { chromiumArgs };

export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}

/**
 * A fresh context and page with the HTTP cache off and the CPU slowed `throttle` times (CDP), so
 * every load is a first visit on the chosen class of device.
 */
export async function freshPage(browser, throttle = 1) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return { context, page, cdp };
}

/**
 * Installed before any page script: records when the frame that first shows each watched
 * selector runs (a requestAnimationFrame callback, which precedes that frame's paint), the
 * Largest Contentful Paint, and main-thread long tasks; and keeps the wasm instance's memory.
 */
export function pageProbe(watched) {
  const seen = {};
  window.__bench = { seen, lcp: null, longTasks: [], wasmMemories: [] };
  const check = () => {
    for (const [name, selector] of Object.entries(watched)) {
      if (seen[name] === undefined && document.querySelector(selector)) seen[name] = performance.now();
    }
    if (Object.keys(seen).length < Object.keys(watched).length) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const keep = (result) => {
    const instance = result.instance ?? result;
    for (const value of Object.values(instance.exports ?? {})) {
      if (value instanceof WebAssembly.Memory) window.__bench.wasmMemories.push(value);
    }
    return result;
  };
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = (...args) => instantiate(...args).then(keep);
  const streaming = WebAssembly.instantiateStreaming;
  if (streaming) WebAssembly.instantiateStreaming = (...args) => streaming(...args).then(keep);
}

/** Waits until every watched selector has been seen, or `timeout` ms. */
export async function waitForProbe(page, names, timeout = 60_000) {
  await page.waitForFunction((names) => names.every((name) => window.__bench?.seen[name] !== undefined), names, {
    timeout,
    polling: 50,
  });
}

/** JS heap after a forced garbage collection, plus every wasm linear memory the page created. */
export async function memoryOf(page, cdp) {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__bench.wasmMemories.reduce((sum, memory) => sum + memory.buffer.byteLength, 0));
  return { js_heap_bytes: usedSize, wasm_memory_bytes: wasm, total_bytes: usedSize + wasm };
}
