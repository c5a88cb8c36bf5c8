// Part 5 of `make bench`: search against a built site. The index's size, the bytes a first query
// fetches, the first query's time (index load included) and later queries' time, measured in the
// page from the input event to the results list's update (a MutationObserver, so no frame rounding).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodedSizes, freshPage, summary, titleWords } from './lib.mjs';

/** Types `query` into the header box and resolves with the ms until its listbox changes. */
function timeQuery(page, query) {
  return page.evaluate(
    (query) =>
      new Promise((done, failed) => {
        const input = document.querySelector('#site-search-input');
        const list = document.querySelector('#site-search-listbox');
        const timer = setTimeout(() => failed(new Error(`no results for "${query}"`)), 30_000);
        const start = performance.now();
        new MutationObserver((_, observer) => {
          if (list.querySelector('[role=option]')) {
            observer.disconnect();
            clearTimeout(timer);
            done(performance.now() - start);
          }
        }).observe(list, { childList: true, subtree: true, characterData: true });
        input.value = query;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    query,
  );
}

async function openHome(browser, origin) {
  const opened = await freshPage(browser);
  const fetched = [];
  opened.page.on('requestfinished', (request) => {
    const path = new URL(request.url()).pathname.slice(1);
    if (path.startsWith('bundle/')) fetched.push(path);
  });
  await opened.page.goto(`${origin}/`);
  await opened.page.locator('html[data-app="started"]').waitFor({ state: 'attached' });
  await opened.page.waitForLoadState('networkidle');
  return { ...opened, fetched };
}

export async function benchSearch(browser, origin, site, { firstRuns, laterCount }) {
  const file = async (path) => readFile(join(site, 'bundle', path));
  const manifest = JSON.parse(await file('manifest.json'));
  const titles = [];
  for (const shard of manifest.shards.slice(0, 4)) titles.push(...JSON.parse(await file(shard.path)).articles.map((a) => a.title));
  // Words of five letters or more from titles, in a fixed spread across the corpus; every third
  // query is a four-letter prefix.
  const words = titleWords(titles);
  const queries = Array.from({ length: laterCount }, (_, i) => {
    const word = words[(i * 7) % words.length];
    return i % 3 === 0 ? word.slice(0, 4) : word;
  });

  const firstTimes = [];
  let firstBytes = 0;
  for (let run = 0; run < firstRuns; run += 1) {
    const { context, page, fetched } = await openHome(browser, origin);
    const before = new Set(fetched);
    firstTimes.push(await timeQuery(page, queries[1 % queries.length]));
    await page.waitForLoadState('networkidle');
    if (run === 0) {
      for (const path of fetched.filter((p) => !before.has(p))) firstBytes += encodedSizes(await file(path.slice('bundle/'.length))).brotli;
    }
    await context.close();
  }

  const { context, page } = await openHome(browser, origin);
  await timeQuery(page, queries[1 % queries.length]);
  await page.waitForLoadState('networkidle');
  // Warm every later query's shards once, then time them: "later" means the index is loaded.
  for (const query of queries) await timeQuery(page, `${query} `);
  await page.waitForLoadState('networkidle');
  const laterTimes = [];
  for (const query of queries) laterTimes.push(await timeQuery(page, query));
  await context.close();

  const dictionary = encodedSizes(await file(manifest.search.dictionary)).brotli;
  let index = dictionary;
  for (const shard of manifest.search.postings) index += encodedSizes(await file(shard)).brotli;
  return {
    articles: manifest.article_count,
    index_brotli_bytes: index,
    dictionary_brotli_bytes: dictionary,
    postings_shards: manifest.search.postings.length,
    first_query_fetched_brotli_bytes: firstBytes,
    first_query_ms: summary(firstTimes),
    later_query_ms: summary(laterTimes),
  };
}
