// What a listing of 1,200 articles in three shards loads, and when: the first pages of the
// unfiltered list come from the newest shard alone, anything else from every shard, and both
// show the same counts.
import { test, expect, allArticles, countLabel } from './fixtures.js';

const PAGE_SIZE = 24;

function status(page) {
  return page.locator('main').getByRole('status');
}

/** Records which listing shards the page fetches. */
function watchShards(page) {
  const fetched = new Set();
  page.on('request', (request) => {
    const match = new URL(request.url()).pathname.match(/\/bundle\/(listing\/[^/]+\.json)$/);
    if (match) fetched.add(match[1]);
  });
  return fetched;
}

async function categoryLabels(page) {
  return page.locator('.filter-bar [id^=filter-category-] + label').allTextContents();
}

test('the site under test has a listing in several shards', async ({ manifest }) => {
  expect(manifest.article_count).toBe(1200);
  expect(manifest.shards.length).toBeGreaterThan(2);
});

test('the first page of /insights needs only the newest shard, and shows every count', async ({ page, manifest, request }) => {
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
  expect([...fetched]).toEqual([manifest.shards[0].path]);
});

test('reaching for the filters fetches every shard before the first change', async ({ page, manifest }) => {
  const fetched = watchShards(page);
  await page.goto('/insights');
  await expect(status(page)).toHaveText(countLabel(manifest.article_count));
  await page.getByLabel('Search titles and summaries').focus();
  await expect.poll(() => fetched.size).toBe(manifest.shards.length);
  expect([...fetched].sort()).toEqual(manifest.shards.map((shard) => shard.path).sort());
});

test('a filter, another order or a later page shows articles from every shard', async ({ page, manifest, request }) => {
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
