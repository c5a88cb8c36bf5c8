// Parts 2 and 3 of `make bench`: what a first visit fetches, and how soon it shows, for Quire and
// for a Docusaurus blog of the same articles, measured in the same browser in the same run.
import { encodedSizes, freshPage, pageProbe, summary, waitForProbe } from './lib.mjs';

/** What each site shows first: a listing's first entry, and an article's first body paragraph. */
export const markers = {
  quire: { listing: '.article-card', article: '.article__body p' },
  docusaurus: { listing: 'main article', article: 'article .markdown p' },
};

function kindOf(url, contentType) {
  const path = new URL(url).pathname;
  if (/\.wasm$/.test(path) || contentType.includes('wasm')) return 'wasm';
  if (/\.m?js$/.test(path) || contentType.includes('javascript')) return 'js';
  if (/\.css$/.test(path) || contentType.includes('css')) return 'css';
  if (/\.(woff2?|ttf|otf)$/.test(path) || contentType.includes('font')) return 'font';
  if (/\.(png|jpe?g|gif|webp|avif|svg|ico)$/.test(path) || contentType.startsWith('image/')) return 'image';
  if (path.includes('/bundle/') || contentType.includes('json') || path.endsWith('.bin')) return 'data';
  return 'html';
}

/**
 * One first visit: a fresh page at `throttle`× CPU loads `url` until `marker` has shown and the
 * network is idle; `watch` sees the page before it navigates. Resolves with the probe's record.
 */
async function firstVisit(browser, url, marker, { throttle = 1, watch = () => {} } = {}) {
  const { context, page } = await freshPage(browser, throttle);
  try {
    watch(page);
    await page.addInitScript(pageProbe, { marker });
    await page.goto(url);
    await waitForProbe(page, ['marker']);
    await page.waitForLoadState('networkidle');
    return await page.evaluate(() => ({ shown: window.__bench.seen.marker, lcp: window.__bench.lcp }));
  } finally {
    await context.close();
  }
}

/**
 * Every file a first visit to `url` fetches until the page shows `marker` and the network is
 * idle (for Quire: after the app has taken over from the pre-rendered page), with its size raw,
 * gzip and brotli, summed per kind and in all.
 */
export async function firstVisitBytes(browser, url, marker) {
  const bodies = [];
  const watch = (page) =>
    page.on('response', (response) => {
      if (response.status() >= 300 || response.url().startsWith('data:')) return;
      bodies.push(
        response
          .body()
          .then((body) => ({ url: response.url(), kind: kindOf(response.url(), response.headers()['content-type'] ?? ''), ...encodedSizes(body) }))
          .catch(() => null),
      );
    });
  await firstVisit(browser, url, marker, { watch });
  const files = (await Promise.all(bodies)).filter(Boolean);
  const total = { raw: 0, gzip: 0, brotli: 0 };
  const byKind = {};
  for (const file of files) {
    byKind[file.kind] ??= { raw: 0, gzip: 0, brotli: 0, files: 0 };
    byKind[file.kind].files += 1;
    for (const encoding of ['raw', 'gzip', 'brotli']) {
      total[encoding] += file[encoding];
      byKind[file.kind][encoding] += file[encoding];
    }
  }
  const shell = ['wasm', 'js', 'css'].reduce((sum, kind) => sum + (byKind[kind]?.brotli ?? 0), 0);
  // Quire's split build (crates/quire-split): the entry every route loads (glue, main module,
  // the chunks' loader) and the chunks of the route's own code.
  const sum = (pattern) => files.filter((file) => pattern.test(new URL(file.url).pathname)).reduce((total, file) => total + file.brotli, 0);
  const entry = sum(/\/quire-(split-)?[0-9a-f]{16}(_bg\.wasm|\.js)$/);
  const chunks = sum(/\/quire-(chunk|split)_[a-z_0-9]+-[0-9a-f]{16}\.wasm$/);
  return { url, files: files.length, total, by_kind: byKind, shell_brotli: shell, entry_brotli: entry, route_chunks_brotli: chunks, list: files };
}

/**
 * First-load timings of `targets` ({name: {url, marker}}), interleaved load by load so both
 * sites share whatever the machine is doing: the frame that first shows the marker, and LCP.
 * Every other round runs the targets in reverse (ABBA), so that no page always follows the same
 * one: a page loaded just after a heavier one shares the machine with that one's teardown.
 */
export async function loadTimings(browser, targets, { loads, throttles, log }) {
  const results = {};
  const forward = Object.entries(targets);
  const backward = [...forward].reverse();
  for (const throttle of throttles) {
    const samples = Object.fromEntries(Object.keys(targets).map((name) => [name, { shown: [], lcp: [] }]));
    for (let load = 0; load < loads; load += 1) {
      for (const [name, { url, marker }] of load % 2 === 0 ? forward : backward) {
        const { shown, lcp } = await firstVisit(browser, url, marker, { throttle });
        samples[name].shown.push(shown);
        samples[name].lcp.push(lcp);
      }
      log(`page timings: ${throttle}x CPU, load ${load + 1}/${loads}`);
    }
    results[`${throttle}x`] = Object.fromEntries(
      Object.entries(samples).map(([name, { shown, lcp }]) => [name, { shown_ms: summary(shown), lcp_ms: summary(lcp) }]),
    );
  }
  return results;
}
