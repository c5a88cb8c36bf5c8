// Parts 2 and 3 of `make bench`: what a first visit fetches, and how soon it shows, for Quire and
// for a Docusaurus blog of the same articles, measured in the same browser in the same run.
import { encodedSizes, freshPage, pageProbe, readProbe, summary } from './lib.mjs';

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
 * Every file a first visit to `url` fetches until the page shows `marker` and the network is
 * idle (for Quire: after the app has taken over from the pre-rendered page), with its size raw,
 * gzip and brotli, summed per kind and in all.
 */
export async function firstVisitBytes(browser, url, marker) {
  const { context, page } = await freshPage(browser);
  const bodies = [];
  page.on('response', (response) => {
    if (response.status() >= 300 || response.url().startsWith('data:')) return;
    bodies.push(
      response
        .body()
        .then((body) => ({ url: response.url(), kind: kindOf(response.url(), response.headers()['content-type'] ?? ''), ...encodedSizes(body) }))
        .catch(() => null),
    );
  });
  await page.addInitScript(pageProbe, { marker });
  await page.goto(url);
  await readProbe(page, ['marker']);
  await page.waitForLoadState('networkidle');
  const files = (await Promise.all(bodies)).filter(Boolean);
  await context.close();
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
  return { url, files: files.length, total, by_kind: byKind, shell_brotli: shell, list: files };
}

/**
 * First-load timings of `targets` ({name: {url, marker}}), interleaved load by load so both
 * sites share whatever the machine is doing: the frame that first shows the marker, and LCP.
 */
export async function loadTimings(browser, targets, { loads, throttles, log }) {
  const results = {};
  for (const throttle of throttles) {
    const samples = Object.fromEntries(Object.keys(targets).map((name) => [name, { shown: [], lcp: [] }]));
    for (let load = 0; load < loads; load += 1) {
      for (const [name, { url, marker }] of Object.entries(targets)) {
        const { context, page } = await freshPage(browser, throttle);
        await page.addInitScript(pageProbe, { marker });
        await page.goto(url);
        const probe = await readProbe(page, ['marker']);
        await page.waitForLoadState('networkidle');
        const lcp = await page.evaluate(() => window.__bench.lcp);
        await context.close();
        samples[name].shown.push(probe.seen.marker);
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
