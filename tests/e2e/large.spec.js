// What a listing of 1,200 articles in three shards loads, and when: the first page of
// `/insights` comes from the manifest alone, a category's or tag's from its own first page, the
// next pages of the unfiltered list from the newest shard, anything else from the facet index
// and the entry files of the page shown, and every path shows the same counts.
import { test, expect, allArticles, countLabel, waitForApp } from './fixtures.js';

const PAGE_SIZE = 24;
// Articles per entry file (quire_model::facets::ENTRY_CHUNK_LENGTH).
const ENTRY_CHUNK = 4;

function status(page) {
  return page.locator('main').getByRole('status');
}

/** Records which listing shards (or, with `folder`, which other bundle files) the page fetches. */
function watchShards(page, folder = 'listing') {
  const fetched = new Set();
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    const at = path.indexOf(`/bundle/${folder}/`);
    if (at >= 0) fetched.add(path.slice(at + '/bundle/'.length));
  });
  return fetched;
}

async function tagLabels(page) {
  return page.locator('.filter-bar .tag-toggle').allTextContents();
}

async function categoryLabels(page) {
  return page.locator('.filter-bar [id^=filter-category-] + label').allTextContents();
}

test('the site under test has a listing in several shards', async ({ manifest }) => {
  expect(manifest.article_count).toBe(1200);
  expect(manifest.shards.length).toBeGreaterThan(2);
});

test('the first page of /insights needs no listing shard, and shows every count', async ({ page, manifest, request }) => {
  const fetched = watchShards(page);
  await page.goto('/insights');
  await expect(status(page)).toHaveText(countLabel(manifest.article_count));
  const articles = await allArticles(request, manifest);
  await expect(page.locator('main article')).toHaveCount(PAGE_SIZE);
  await expect(page.locator('main article h3').first()).toHaveText(articles[0].title);
  await expect(page.locator('main article h3').last()).toHaveText(articles[PAGE_SIZE - 1].title);
  for (const category of manifest.categories) {
    await expect(page.locator(`label[for="filter-category-${category.slug}"]`)).toContainText(`(${category.count})`);
  }
  await page.waitForLoadState('networkidle');
  expect([...fetched]).toEqual([]);
});

test('the next pages of /insights need only the newest shard', async ({ page, manifest, request }) => {
  const fetched = watchShards(page);
  await page.goto('/insights?page=2');
  await expect(status(page)).toHaveText(countLabel(manifest.article_count));
  const articles = await allArticles(request, manifest);
  await expect(page.locator('main article h3').first()).toHaveText(articles[PAGE_SIZE].title);
  await page.waitForLoadState('networkidle');
  expect([...fetched]).toEqual([manifest.shards[0].path]);
});

/** The bundle files the served page embeds for the app, by path. */
async function embeddedFiles(page) {
  return JSON.parse(await page.locator('#quire-data').textContent());
}

test('a category or a tag shows its first page from one small file, with the counts of every article', async ({ page, manifest, request }) => {
  const articles = await allArticles(request, manifest);
  const category = manifest.categories.find((c) => c.count > PAGE_SIZE);
  const tag = manifest.tags.find((t) => t.count > PAGE_SIZE);
  for (const [path, count, members, firstPage] of [
    [`/category/${category.slug}`, category.count, articles.filter((a) => a.category === category.slug), `${manifest.first_pages}/category/${category.slug}.json`],
    [`/tag/${tag.slug}`, tag.count, articles.filter((a) => a.tags.includes(tag.slug)), `${manifest.first_pages}/tag/${tag.slug}.json`],
  ]) {
    const shards = watchShards(page);
    const firstPages = watchShards(page, 'first-pages');
    await page.goto(path);
    await expect(status(page)).toHaveText(countLabel(count));
    await expect(page.locator('main article')).toHaveCount(PAGE_SIZE);
    await expect(page.locator('main article h3').first()).toHaveText(members[0].title);
    await expect(page.locator('main article h3').last()).toHaveText(members[PAGE_SIZE - 1].title);
    const labels = { categories: await categoryLabels(page), tags: await tagLabels(page) };
    expect(labels.tags.length).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    expect([...shards], path).toEqual([]);
    // The one small file comes inside the page: nothing more is fetched.
    expect([...firstPages], path).toEqual([]);
    expect(Object.keys(await embeddedFiles(page)), path).toEqual([firstPage]);
    page.removeAllListeners('request');

    // Page 2 is computed from every article: the bar's counts must not depend on which was used.
    await page.goto(`${path}?page=2`);
    await expect(page.locator('main article h3').first()).toHaveText(members[PAGE_SIZE].title);
    expect({ categories: await categoryLabels(page), tags: await tagLabels(page) }, path).toEqual(labels);
  }
});

/** Every request the page makes for a file in the bundle's `folder`, repeats included. */
function requestsIn(page, folder) {
  const requested = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    const at = path.indexOf(`/bundle/${folder}/`);
    if (at >= 0) requested.push(path.slice(at + '/bundle/'.length));
  });
  return requested;
}

const fragmentPaths = (manifest) => manifest.facets.fragments.map((fragment) => fragment.path).sort();

/** The entry files that hold `positions`, each once. */
function entryFiles(manifest, positions) {
  return [...new Set(positions.map((position) => `${manifest.facets.entries}/${Math.floor(position / ENTRY_CHUNK)}.json`))].sort();
}

test('reaching for the filters fetches the facet index once, before the first change, and no shard', async ({ page, manifest }) => {
  const shards = requestsIn(page, 'listing');
  const fragments = requestsIn(page, 'facets');
  await page.goto('/insights');
  await expect(status(page)).toHaveText(countLabel(manifest.article_count));
  await page.getByLabel('Search these articles').focus();
  await expect.poll(() => fragments.length).toBe(manifest.facets.fragments.length);
  await page.waitForLoadState('networkidle');
  expect(fragments.sort()).toEqual(fragmentPaths(manifest));
  expect(shards).toEqual([]);
});

test('another order fetches the facet index once and only the entries of the page shown', async ({ page, manifest, request }) => {
  const articles = await allArticles(request, manifest);
  const shards = requestsIn(page, 'listing');
  const fragments = requestsIn(page, 'facets');
  const entries = requestsIn(page, 'entries');
  await page.goto('/insights?sort=oldest');
  await expect(status(page)).toHaveText(countLabel(manifest.article_count));
  await expect(page.locator('main article h3').first()).toHaveText(articles.at(-1).title);
  await page.getByLabel('Search these articles').focus();
  await page.waitForLoadState('networkidle');
  expect(fragments.sort()).toEqual(fragmentPaths(manifest));
  const shown = Array.from({ length: PAGE_SIZE }, (_, i) => articles.length - 1 - i);
  expect(entries.sort()).toEqual(entryFiles(manifest, shown));
  expect(shards).toEqual([]);
});

test('a change of filters fetches no shard, only the entries of the page shown, and counts every article', async ({ page, manifest, request }) => {
  const articles = await allArticles(request, manifest);
  const tag = manifest.tags.find((t) => t.count > 2 * PAGE_SIZE);
  const tagged = articles.filter((a) => a.tags.includes(tag.slug));
  const category = manifest.categories.find((c) => tagged.some((a) => a.category === c.slug));
  await page.goto(`/insights?tag=${tag.slug}`);
  await expect(status(page)).toHaveText(countLabel(tag.count));
  const shards = requestsIn(page, 'listing');
  const entries = requestsIn(page, 'entries');
  await page.getByRole('checkbox', { name: new RegExp(`^${category.name}`) }).check();
  const expected = tagged.filter((a) => a.category === category.slug);
  await expect(status(page)).toHaveText(countLabel(expected.length));
  const titles = await page.locator('main article h3').allTextContents();
  expect(titles).toEqual(expected.slice(0, PAGE_SIZE).map((a) => a.title));
  await page.waitForLoadState('networkidle');
  expect(shards).toEqual([]);
  const positions = expected.slice(0, PAGE_SIZE).map((a) => articles.indexOf(a));
  expect(entries.sort()).toEqual(entryFiles(manifest, positions));
  // Every count in the bar is a count over the whole corpus under the other filters.
  for (const other of manifest.categories) {
    const count = tagged.filter((a) => a.category === other.slug).length;
    await expect(page.locator(`label[for="filter-category-${other.slug}"]`)).toContainText(`(${count})`);
  }
  const tagCounts = new Map();
  for (const article of expected) for (const t of article.tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
  const labels = await tagLabels(page);
  expect(labels.length).toBeGreaterThan(0);
  for (const label of labels) {
    const [, name, count] = label.trim().match(/^(.*\S)\s+(\d+)$/);
    const shownTag = manifest.tags.find((t) => t.name === name);
    expect(Number(count), label).toBe(tagCounts.get(shownTag.slug));
  }
});

test('a filter, another order or a later page shows the articles the whole listing does', async ({ page, manifest, request }) => {
  const articles = await allArticles(request, manifest);
  const unfilteredLabels = async (path) => {
    await page.goto(path);
    await expect(status(page)).toHaveText(countLabel(manifest.article_count));
    return categoryLabels(page);
  };
  // Page 2 is in the newest shard; page 30 is not: the counts must not depend on which was used.
  const fromNewest = await unfilteredLabels('/insights?page=2');
  const fromWhole = await unfilteredLabels('/insights?page=30');
  expect(fromWhole).toEqual(fromNewest);
  await expect(page.locator('main article h3').first()).toHaveText(articles[29 * PAGE_SIZE].title);

  await page.goto('/insights?sort=oldest');
  await expect(page.locator('main article h3').first()).toHaveText(articles.at(-1).title);

  const category = manifest.categories.find((c) => c.count > 0);
  await page.goto('/insights');
  await page.getByRole('checkbox', { name: new RegExp(`^${category.name}`) }).check();
  await expect(status(page)).toHaveText(countLabel(category.count));
  const expected = articles.filter((article) => article.category === category.slug);
  await expect(page.locator('main article h3').first()).toHaveText(expected[0].title);
  await page.goto(`/insights?category=${category.slug}&page=${Math.ceil(expected.length / PAGE_SIZE)}`);
  await expect(page.locator('main article h3').last()).toHaveText(expected.at(-1).title);
});

test('the archive loads no shard for its index, and for a month only the shards that hold it', async ({ page, manifest }) => {
  let fetched = watchShards(page);
  await page.goto('/archive');
  await waitForApp(page);
  await page.waitForLoadState('networkidle');
  expect([...fetched]).toEqual([]);

  const month = manifest.archive[Math.floor(manifest.archive.length / 2)];
  const mm = String(month.month).padStart(2, '0');
  const [first, last] = [`${month.year}-${mm}-01`, `${month.year}-${mm}-31`];
  const expected = manifest.shards.filter((shard) => shard.oldest <= last && shard.newest >= first).map((shard) => shard.path);
  expect(expected.length).toBeLessThan(manifest.shards.length);
  page.removeAllListeners('request');
  fetched = watchShards(page);
  await page.goto(`/archive/${month.year}/${mm}`);
  await expect(status(page)).toHaveText(countLabel(month.count));
  await expect(page.locator('main article')).toHaveCount(Math.min(month.count, PAGE_SIZE));
  await page.waitForLoadState('networkidle');
  // The shards that hold the month come inside the page, with the month's articles alone.
  expect([...fetched]).toEqual([]);
  const embedded = await embeddedFiles(page);
  expect(Object.keys(embedded).filter((path) => path.startsWith('listing/')).sort()).toEqual(expected.sort());
  const dates = expected.flatMap((path) => embedded[path].articles.map((article) => article.date));
  expect(dates).toHaveLength(month.count);
  for (const date of dates) expect(date >= first && date <= last, date).toBe(true);
});

test('an archive year of hundreds of articles is listed a page at a time', async ({ page, manifest, request }) => {
  const articles = await allArticles(request, manifest);
  const year = manifest.archive[Math.floor(manifest.archive.length / 2)].year;
  const inYear = articles.filter((article) => article.date.startsWith(`${year}-`));
  expect(inYear.length).toBeGreaterThan(2 * PAGE_SIZE);
  await page.goto(`/archive/${year}`);
  await expect(status(page)).toHaveText(countLabel(inYear.length));
  await expect(page.locator('main article')).toHaveCount(PAGE_SIZE);
  await expect(page.locator('main article h3').first()).toHaveText(inYear[0].title);
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await expect(pages).toContainText(`Page 1 of ${Math.ceil(inYear.length / PAGE_SIZE)}`);
  await pages.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(new RegExp(`/archive/${year}/\\?page=2$`));
  await expect(page.locator('main article h3').first()).toHaveText(inYear[PAGE_SIZE].title);
  await expect(page.locator('main article')).toHaveCount(PAGE_SIZE);
});

test('choosing one category and then another shows each one its own first page', async ({ page, manifest, request }) => {
  const articles = await allArticles(request, manifest);
  const [first, second] = manifest.categories.filter((c) => c.count > PAGE_SIZE);
  await page.goto(`/insights?category=${first.slug}`);
  await expect(status(page)).toHaveText(countLabel(first.count));
  const firstPages = requestsIn(page, 'first-pages');
  await page.getByRole('checkbox', { name: new RegExp(`^${first.name}`) }).uncheck();
  await page.getByRole('checkbox', { name: new RegExp(`^${second.name}`) }).check();
  await expect(page).toHaveURL(new RegExp(`category=${second.slug}$`));
  await expect(status(page)).toHaveText(countLabel(second.count));
  const expected = articles.filter((a) => a.category === second.slug).slice(0, PAGE_SIZE).map((a) => a.title);
  await expect(page.locator('main article h3')).toHaveText(expected);
  expect(firstPages).toEqual([`${manifest.first_pages}/category/${second.slug}.json`]);
  await page.goBack();
  await page.goBack();
  await expect(status(page)).toHaveText(countLabel(first.count));
  await expect(page.locator('main article h3').first()).toHaveText(articles.find((a) => a.category === first.slug).title);
});

test('a change that needs another file keeps the results on screen, marked busy, and builds them once', async ({ page, manifest }) => {
  const tag = manifest.tags.find((t) => t.count > PAGE_SIZE);
  await page.goto('/insights?category=' + manifest.categories[0].slug + '&tag=' + tag.slug);
  await waitForApp(page);
  await expect(page.locator('.filtered-listing__page')).toHaveCount(1);
  // One tag alone is shown from its own first page, a file this view has not fetched yet: hold
  // it back, so that whatever the results show meanwhile is seen.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(`**/bundle/${manifest.first_pages}/tag/${tag.slug}.json`, async (route) => {
    await held;
    await route.continue();
  });
  await page.evaluate(() => {
    const results = document.querySelector('.filtered-listing__results');
    window.__resultsPage = results.querySelector('.filtered-listing__page');
    window.__loadingShown = false;
    new MutationObserver(() => {
      if (results.querySelector('.loading-state')) window.__loadingShown = true;
    }).observe(results, { childList: true, subtree: true });
  });
  await page.getByRole('checkbox', { name: new RegExp(`^${manifest.categories[0].name}`) }).uncheck();
  await expect(page).toHaveURL(new RegExp(`\\?tag=${tag.slug}$`));
  await expect(page.locator('.filtered-listing__page')).toHaveAttribute('aria-busy', 'true');
  release();
  await expect(status(page)).toHaveText(countLabel(tag.count));
  await expect(page.locator('.filtered-listing__page')).not.toHaveAttribute('aria-busy', 'true');
  expect(await page.evaluate(() => window.__loadingShown)).toBe(false);
  // The same results region, updated in place rather than drawn again.
  expect(await page.evaluate(() => document.querySelector('.filtered-listing__page') === window.__resultsPage)).toBe(true);
});
