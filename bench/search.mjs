// Search timing in headless Chromium against a built site: bytes a first query fetches, the
// first query's time (index load included) and later queries' time, measured in the page from
// the input event to the results list's update (a MutationObserver, so no frame rounding).
//
//   node bench/search.mjs <dist folder> [port] [later query count]
// Prints one JSON object.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from '@playwright/test';

const [dist = 'dist', port = '4199', laterCount = '30'] = process.argv.slice(2);
const origin = `http://127.0.0.1:${port}`;
const here = new URL('.', import.meta.url).pathname;

const server = spawn('node', [join(here, '../tests/e2e/static-server.mjs'), dist, port], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((ready) => server.stdout.once('data', ready));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
const p75 = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.75) - 1];
};

async function brotliSize(path) {
  const bytes = await readFile(join(resolve(dist), path));
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }).length;
}

const manifest = JSON.parse(await readFile(join(resolve(dist), 'bundle/manifest.json'), 'utf8'));
const titles = [];
for (const shard of manifest.shards.slice(0, 4)) {
  const listing = JSON.parse(await readFile(join(resolve(dist), 'bundle', shard.path), 'utf8'));
  titles.push(...listing.articles.map((article) => article.title));
}
// Words of five letters or more from titles, in a fixed spread across the corpus.
const words = [...new Set(titles.flatMap((title) => title.toLowerCase().split(/[^\p{L}]+/u)).filter((w) => w.length >= 5))];
const queries = Array.from({ length: Number(laterCount) }, (_, i) => {
  const word = words[(i * 7) % words.length];
  return i % 3 === 0 ? word.slice(0, 4) : word;
});

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** Types `query` into the header box and resolves with the ms until its listbox changes. */
function timeQuery(page, query) {
  return page.evaluate(
    (query) =>
      new Promise((done) => {
        const input = document.querySelector('#site-search-input');
        const list = document.querySelector('#site-search-listbox');
        const start = performance.now();
        new MutationObserver((_, observer) => {
          if (list.querySelector('[role=option]')) {
            observer.disconnect();
            done(performance.now() - start);
          }
        }).observe(list, { childList: true, subtree: true, characterData: true });
        input.value = query;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    query,
  );
}

const firstTimes = [];
let firstBytes = 0;
for (let run = 0; run < 5; run += 1) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched = [];
  page.on('requestfinished', (request) => {
    const path = new URL(request.url()).pathname.slice(1);
    if (path.startsWith('bundle/')) fetched.push(path);
  });
  await page.goto(origin + '/');
  await page.locator('#prerender').waitFor({ state: 'detached' });
  await page.waitForLoadState('networkidle');
  const before = new Set(fetched);
  firstTimes.push(await timeQuery(page, queries[1]));
  await page.waitForLoadState('networkidle');
  if (run === 0) {
    for (const path of fetched.filter((p) => !before.has(p))) firstBytes += await brotliSize(path);
  }
  await context.close();
}

const context = await browser.newContext();
const page = await context.newPage();
await page.goto(origin + '/');
await page.locator('#prerender').waitFor({ state: 'detached' });
await timeQuery(page, queries[1]);
await page.waitForLoadState('networkidle');
// Warm every later query's shards once, then time them: "later" means the index is loaded.
for (const query of queries) await timeQuery(page, query + ' ');
const laterTimes = [];
for (const query of queries) laterTimes.push(await timeQuery(page, query));
await context.close();
await browser.close();
server.kill();

let indexBytes = await brotliSize(`bundle/${manifest.search.dictionary}`);
for (const shard of manifest.search.postings) indexBytes += await brotliSize(`bundle/${shard}`);
console.log(
  JSON.stringify({
    articles: manifest.article_count,
    index_brotli_bytes_total: indexBytes,
    dictionary_brotli_bytes: await brotliSize(`bundle/${manifest.search.dictionary}`),
    postings_shards: manifest.search.postings.length,
    first_query_fetched_brotli_bytes: firstBytes,
    first_query_ms: { median: median(firstTimes), p75: p75(firstTimes), runs: firstTimes.length },
    later_query_ms: { median: median(laterTimes), p75: p75(laterTimes), runs: laterTimes.length },
  }),
);
