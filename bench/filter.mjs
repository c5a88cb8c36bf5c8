// Parts 4 and 6 of `make bench`: filter changes on a large listing, from the change to the next
// paint of the updated list, in Quire's /insights and in the vanilla-JS floor (bench/floor.html,
// same files, same controls), interleaved change by change; the longest main-thread task while
// Quire decodes the index; and memory after loading and after the changes.
import { copyFile, readFile } from 'node:fs/promises';
import { brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { freshPage, here, median, memoryOf, pageProbe, summary, titleWords } from './lib.mjs';

/**
 * A fixed, varied sequence of `count` changes built from the site's own categories, months and
 * title words (so any content works): category on/off, the most used tag on/off, a month range,
 * a word typed and cleared.
 */
export async function filterChanges(site, count) {
  const manifest = JSON.parse(await readFile(join(site, 'bundle/manifest.json'), 'utf8'));
  const firstShard = JSON.parse(await readFile(join(site, 'bundle', manifest.shards[0].path), 'utf8'));
  const words = titleWords(firstShard.articles.map((article) => article.title));
  const categories = manifest.categories.map((category) => category.slug);
  const months = manifest.archive.map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);
  const cycle = (list, i) => list[i % list.length];
  const changes = [];
  for (let i = 0; changes.length < count; i += 1) {
    const category = cycle(categories, i);
    const month = cycle(months, i * 5 + 3);
    const word = cycle(words, i * 3);
    // Both pages offer the chosen tags first, then the most used: the first button is the
    // same tag in each, on its way in and on its way out.
    const tag = { kind: 'tag', selector: '.filter-bar__tags button', action: 'click' };
    changes.push(
      { kind: 'category', selector: `#filter-category-${category}`, action: 'click' },
      tag,
      { kind: 'date', selector: '#filter-from', action: 'select', value: month },
      { kind: 'text', selector: '#filter-text', action: 'type', value: word },
      { kind: 'text', selector: '#filter-text', action: 'type', value: '' },
      tag,
      { kind: 'date', selector: '#filter-from', action: 'select', value: '' },
      { kind: 'category', selector: `#filter-category-${category}`, action: 'click' },
    );
  }
  return changes.slice(0, count);
}

/**
 * Applies one change in the page and resolves with the ms from the event to the frame after the
 * listing's DOM changed and its results are no longer busy (both pages mark them `aria-busy`
 * while the page's entries are on their way): requestAnimationFrame, then a message, by when
 * the paint has happened.
 */
function applyChange(change) {
  return new Promise((done, failed) => {
    const listing = document.querySelector('.filtered-listing');
    const control = document.querySelector(change.selector);
    if (!listing || !control) return failed(new Error(`missing ${change.selector}`));
    const timer = setTimeout(() => failed(new Error(`no update after ${change.kind} change`)), 10_000);
    let start;
    const observer = new MutationObserver(() => {
      if (listing.querySelector('[aria-busy="true"]')) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          clearTimeout(timer);
          done(performance.now() - start);
        };
        channel.port2.postMessage(null);
      });
    });
    observer.observe(listing, { childList: true, subtree: true, characterData: true, attributes: true });
    start = performance.now();
    if (change.action === 'click') {
      control.click();
    } else {
      control.value = change.value;
      control.dispatchEvent(new Event(change.action === 'type' ? 'input' : 'change', { bubbles: true }));
    }
  });
}

async function openQuire(browser, origin, throttle, fragmentCount) {
  const opened = await freshPage(browser, throttle);
  await opened.page.addInitScript(pageProbe, { listing: '.filtered-listing .article-card', filters: '[id^=filter-category-]' });
  await opened.page.goto(`${origin}/insights/`);
  await opened.page.waitForFunction(() => window.__bench.seen.filters !== undefined && document.documentElement.dataset.app === 'started', null, {
    timeout: 120_000,
    polling: 50,
  });
  // The first page comes from the manifest alone; reaching for the filters loads the facet
  // index. Long tasks from then on are the index load's; those before it are the app's start.
  opened.indexLoadFrom = await opened.page.evaluate(() => performance.now());
  await opened.page.focus('#filter-text');
  await opened.page.waitForFunction(
    (count) => performance.getEntriesByType('resource').filter((entry) => /\/bundle\/facets\//.test(entry.name)).length >= count,
    fragmentCount,
    { timeout: 120_000, polling: 50 },
  );
  await opened.page.waitForTimeout(1_000);
  return opened;
}

async function openFloor(browser, origin, throttle) {
  const opened = await freshPage(browser, throttle);
  await opened.page.goto(`${origin}/bench-floor.html`);
  await opened.page.waitForSelector('body[data-ready]', { timeout: 120_000 });
  return opened;
}

/** Copies the floor page into `site` so it is served from the same origin as Quire. */
export async function installFloor(site) {
  for (const extension of ['html', 'js', 'css']) await copyFile(join(here, `floor.${extension}`), join(site, `bench-floor.${extension}`));
}

/** Fresh opens of `/insights/` measured for the app's start: one alone is too noisy to judge. */
const startRuns = 5;

/**
 * The longest main-thread tasks of `runs` first visits to `/insights/` until the app has
 * started, median over the runs: the app's own (from `public/boot.js`'s `quire:app-start` mark,
 * set as it starts fetching the app, to a second after the app has started), and the served
 * page's before it (its parse, style and layout, which any static page pays).
 */
async function appStart(browser, origin, throttle, runs) {
  const app = [];
  const page = [];
  const over = [];
  for (let run = 0; run < runs; run += 1) {
    const opened = await freshPage(browser, throttle);
    await opened.page.addInitScript(pageProbe, {});
    await opened.page.goto(`${origin}/insights/`);
    await opened.page.waitForFunction(() => document.documentElement.dataset.app === 'started', null, { timeout: 120_000, polling: 50 });
    await opened.page.waitForTimeout(1_000);
    const { tasks, from } = await opened.page.evaluate(() => ({
      tasks: window.__bench.longTasks,
      from: performance.getEntriesByName('quire:app-start')[0]?.startTime,
    }));
    await opened.context.close();
    if (from === undefined) throw new Error('boot.js set no quire:app-start mark');
    const longest = (list) => list.reduce((most, task) => Math.max(most, task.duration), 0);
    const appTasks = tasks.filter((task) => task.start >= from);
    app.push(longest(appTasks));
    page.push(longest(tasks.filter((task) => task.start < from)));
    over.push(appTasks.length);
  }
  return { app_ms: median(app), page_ms: median(page), app_tasks_over_50ms: median(over) };
}

/** The filter changes a reader's session is weighed over (#38's budget). */
const sessionChanges = 10;

/**
 * The bundle files Quire's page fetched from its opening to its last change, each once, weighed
 * as the host sends them: their brotli copy when the build wrote one, else compressed here at
 * the level the compiler uses for bundle files. The app's own files are the first visit's.
 */
async function sessionBytes(page, site, changes) {
  const paths = await page.evaluate(() => [
    ...new Set(
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.includes('/bundle/'))
        .map((path) => path.slice(path.indexOf('/bundle/') + 1)),
    ),
  ]);
  let brotli = 0;
  let raw = 0;
  const byFolder = {};
  for (const path of paths) {
    const bytes = await readFile(join(site, path));
    const compressed = await readFile(join(site, `${path}.br`)).catch(() => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }));
    brotli += compressed.length;
    raw += bytes.length;
    const folder = path.split('/')[1].replace(/\..*$/, '');
    byFolder[folder] = (byFolder[folder] ?? 0) + compressed.length;
  }
  return { changes, files: paths.length, bundle_brotli_bytes: brotli, bundle_raw_bytes: raw, brotli_bytes_by_folder: byFolder };
}

export async function benchFilters(browser, origin, site, { changes: count, throttles, log }) {
  const changes = await filterChanges(site, count);
  const fragmentCount = JSON.parse(await readFile(join(site, 'bundle/manifest.json'), 'utf8')).facets.fragments.length;
  const result = { changes: count };
  for (const throttle of throttles) {
    const quire = await openQuire(browser, origin, throttle, fragmentCount);
    const floor = await openFloor(browser, origin, throttle);
    const allLongTasks = await quire.page.evaluate(() => window.__bench.longTasks);
    const longTasks = allLongTasks.filter((task) => task.start >= quire.indexLoadFrom);
    const start = await appStart(browser, origin, throttle, startRuns);
    const times = { quire: [], floor: [] };
    const perKind = {};
    let memoryAfterLoad = null;
    if (throttle === 1) memoryAfterLoad = await memoryOf(quire.page, quire.cdp);
    const changesFrom = await quire.page.evaluate(() => performance.now());
    for (const [index, change] of changes.entries()) {
      if (throttle === 1 && index === sessionChanges) result.session = await sessionBytes(quire.page, site, sessionChanges);
      for (const [name, { page }] of [['quire', quire], ['floor', floor]]) {
        await page.bringToFront();
        const ms = await page.evaluate(applyChange, change);
        times[name].push(ms);
        perKind[`${name}_${change.kind}`] ??= [];
        perKind[`${name}_${change.kind}`].push(ms);
      }
    }
    const ratioP75 = summary(times.quire).p75 / summary(times.floor).p75;
    const changeTasks = (await quire.page.evaluate(() => window.__bench.longTasks)).filter((task) => task.start >= changesFrom);
    result[`${throttle}x`] = {
      quire_ms: summary(times.quire),
      floor_ms: summary(times.floor),
      p75_ratio: ratioP75,
      by_kind_p75_ms: Object.fromEntries(Object.entries(perKind).map(([key, values]) => [key, summary(values).p75])),
      index_load_longest_task_ms: longTasks.reduce((longest, task) => Math.max(longest, task.duration), 0),
      changes_longest_task_ms: changeTasks.reduce((longest, task) => Math.max(longest, task.duration), 0),
      changes_tasks_over_50ms: changeTasks.length,
      index_load_tasks_over_50ms: longTasks.length,
      app_start_longest_task_ms: start.app_ms,
      app_start_tasks_over_50ms: start.app_tasks_over_50ms,
      page_parse_longest_task_ms: start.page_ms,
      start_runs: startRuns,
    };
    if (throttle === 1) result.session ??= await sessionBytes(quire.page, site, count);
    if (memoryAfterLoad) {
      result.memory = { after_load: memoryAfterLoad, after_changes: await memoryOf(quire.page, quire.cdp), changes: count };
    }
    await quire.context.close();
    await floor.context.close();
    log(`filters: ${throttle}x CPU, ${count} changes: quire p75 ${result[`${throttle}x`].quire_ms.p75.toFixed(1)} ms, floor p75 ${result[`${throttle}x`].floor_ms.p75.toFixed(1)} ms`);
  }
  return result;
}
