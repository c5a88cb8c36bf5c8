// Search: the header combobox, the `/` shortcut, `/search` with the insights filters, marked
// words, empty results with suggestions, and an index that loads only once search is used.
// Queries are derived from the bundle under test, never from known demo text.
import { test, expect, allArticles, countLabel } from './fixtures.js';

/** A distinctive word of an article's title: its longest purely alphabetic word. */
function titleWord(article) {
  return article.title
    .split(/[^\p{L}]+/u)
    .filter((word) => word.length >= 6)
    .sort((a, b) => b.length - a.length || a.localeCompare(b))[0];
}

/** The newest article with a long enough title word, and that word. */
function target(articles) {
  for (const article of articles) {
    const word = titleWord(article);
    if (word) return { article, word };
  }
  throw new Error('no article has a title word of six letters or more');
}

const box = (page) => page.getByRole('combobox', { name: 'Search articles' });
const listbox = (page) => page.getByRole('listbox', { name: 'Best matches' });
const results = (page) => page.locator('main .search-result');
const status = (page) => page.locator('main').getByRole('status');

test('the index is not fetched until the reader searches', async ({ page }) => {
  const searchRequests = [];
  page.on('request', (request) => {
    if (request.url().includes('/bundle/search/')) searchRequests.push(request.url());
  });
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  expect(searchRequests).toEqual([]);
  await box(page).fill('a');
  await expect.poll(() => searchRequests.some((url) => url.includes('/dictionary.'))).toBe(true);
});

test('a search page fetches each file it needs once: the index, the facets, its results\' entries and bodies', async ({ page, manifest, request }) => {
  const { word } = target(await allArticles(request, manifest));
  const requested = [];
  page.on('request', (request) => {
    const at = request.url().indexOf('/bundle/');
    if (at >= 0) requested.push(request.url().slice(at + '/bundle/'.length));
  });
  await page.goto(`/search?q=${encodeURIComponent(word.toLowerCase())}`);
  await expect(results(page).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  const shown = await results(page).count();
  const fetchedOnce = (prefix) => {
    const matching = requested.filter((path) => path.startsWith(prefix));
    expect(new Set(matching).size, prefix).toBe(matching.length);
    return matching;
  };
  expect(fetchedOnce('search/dictionary.')).toHaveLength(1);
  fetchedOnce('search/postings-');
  expect(fetchedOnce('listing/')).toHaveLength(0);
  expect(fetchedOnce('facets/')).toHaveLength(manifest.facets.fragments.length);
  expect(fetchedOnce('entries/').length).toBeLessThanOrEqual(shown);
  // Several results share a lookup bucket: they share its request too.
  fetchedOnce('lookup/');
  expect(fetchedOnce('articles/')).toHaveLength(shown);

  // Opening a result reads its bucket from the search's request, not the server.
  const lookups = requested.filter((path) => path.startsWith('lookup/')).length;
  await results(page).first().locator('.article-card__title a').click();
  await expect(page.locator('main .article__body')).toBeVisible();
  expect(requested.filter((path) => path.startsWith('lookup/'))).toHaveLength(lookups);
});

test('typing in the header lists ranked matches; Enter opens /search', async ({ page, manifest, request }) => {
  const { article, word } = target(await allArticles(request, manifest));
  await page.goto('/');
  await box(page).fill(word.toLowerCase());
  await expect(listbox(page)).toBeVisible();
  await expect(box(page)).toHaveAttribute('aria-expanded', 'true');
  const option = listbox(page).getByRole('option').filter({ hasText: article.title });
  await expect(option).toBeVisible();
  // The matched word is marked in the option's title, in its original spelling.
  await expect(option.locator('mark').first()).toHaveText(new RegExp(`^${word}$`, 'i'));

  await box(page).press('Enter');
  await expect(page).toHaveURL(new RegExp(`/search/\\?q=${encodeURIComponent(word.toLowerCase())}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible();
  await expect(results(page).filter({ hasText: article.title })).toHaveCount(1);
  await expect(page.getByLabel('Search every article')).toHaveValue(word.toLowerCase());
});

test('arrow keys choose a match and Enter opens it; Escape closes the list', async ({ page, manifest, request }) => {
  const { word } = target(await allArticles(request, manifest));
  await page.goto('/insights');
  await box(page).fill(word);
  const first = listbox(page).getByRole('option').first();
  await expect(first).toBeVisible();
  await box(page).press('ArrowDown');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(box(page)).toHaveAttribute('aria-activedescendant', await first.getAttribute('id'));
  await box(page).press('Escape');
  await expect(listbox(page)).toBeHidden();
  await box(page).press('ArrowDown');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  const title = await first.locator('a').textContent();
  await box(page).press('Enter');
  await expect(page).toHaveURL(/\/insights\/[^/?]+\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
});

test('"/" focuses the search box, except while typing elsewhere', async ({ page }) => {
  await page.goto('/insights');
  await page.locator('body').press('/');
  await expect(box(page)).toBeFocused();
  await expect(box(page)).toHaveValue('');

  const filter = page.getByLabel('Search these articles');
  await filter.focus();
  await filter.press('/');
  await expect(filter).toBeFocused();
  await expect(filter).toHaveValue('/');
});

test('search results mark the matched words in a passage of the body', async ({ page, manifest, request }) => {
  const articles = await allArticles(request, manifest);
  const { word } = target(articles);
  await page.goto(`/search?q=${encodeURIComponent(word)}`);
  await expect(results(page).first()).toBeVisible();
  const marks = results(page).first().locator('.search-result__snippet mark');
  await expect(marks.first()).toBeVisible();
  for (const text of await marks.allTextContents()) {
    expect(text.toLowerCase().slice(0, 4)).toBe(word.toLowerCase().slice(0, 4));
  }
  // Title matches come first: every result with the word in its title precedes every other.
  const titles = await results(page).locator('h3').allTextContents();
  const inTitle = titles.map((title) => title.toLowerCase().includes(word.toLowerCase()));
  expect(inTitle.indexOf(false) === -1 || inTitle.lastIndexOf(true) < inTitle.indexOf(false)).toBe(true);
});

test('prefixes, typos and capitals still find the article', async ({ page, manifest, request }) => {
  const { article, word } = target(await allArticles(request, manifest));
  const lower = word.toLowerCase();
  const oneEdit = lower.slice(0, -1) + (lower.at(-1) === 'x' ? 'y' : 'x');
  for (const query of [lower.slice(0, 4), oneEdit, word.toUpperCase()]) {
    await page.goto(`/search?q=${encodeURIComponent(query)}`);
    await expect(results(page).filter({ hasText: article.title }), `query ${query}`).toHaveCount(1);
  }
});

test('search combines with the category filter through the URL', async ({ page, manifest, request }) => {
  const articles = await allArticles(request, manifest);
  const { article, word } = target(articles);
  const category = manifest.categories.find((c) => c.slug === article.category);
  await page.goto(`/search?q=${encodeURIComponent(word)}`);
  await expect(results(page).first()).toBeVisible();
  const unfiltered = Number((await status(page).textContent()).match(/\d+/)?.[0] ?? 0);

  await page.getByRole('checkbox', { name: new RegExp(`^${category.name}`) }).check();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(word)}.*category=${category.slug}|category=${category.slug}.*q=`));
  await expect(results(page).filter({ hasText: article.title })).toHaveCount(1);
  for (const label of await results(page).locator('.article-meta__category').allTextContents()) {
    expect(label).toBe(category.name);
  }
  const filtered = Number((await status(page).textContent()).match(/\d+/)?.[0] ?? 0);
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThanOrEqual(unfiltered);

  // The same URL, loaded fresh, shows the same page.
  await page.reload();
  await expect(status(page)).toHaveText(countLabel(filtered));
  await expect(page.getByRole('checkbox', { name: new RegExp(`^${category.name}`) })).toBeChecked();
});

test('an author\'s name finds the articles they wrote', async ({ page, manifest, request }) => {
  const articles = await allArticles(request, manifest);
  const byAuthor = new Map();
  for (const article of articles) {
    for (const name of article.authors ?? []) byAuthor.set(name, [...(byAuthor.get(name) ?? []), article]);
  }
  const [name, signed] = [...byAuthor].sort((a, b) => a[1].length - b[1].length || a[0].localeCompare(b[0]))[0] ?? [];
  test.skip(!name, 'no article names its author');
  await page.goto(`/search?q=${encodeURIComponent(name)}`);
  await expect(results(page).first()).toBeVisible();
  const found = Number((await status(page).textContent()).match(/\d+/)?.[0] ?? 0);
  expect(found).toBeGreaterThanOrEqual(signed.length);
  if (signed.length <= 10) {
    for (const article of signed) await expect(results(page).filter({ hasText: article.title })).toHaveCount(1);
  }
});

test('a query with no matches says so, suggests near words and links the archive', async ({ page, manifest, request }) => {
  const { word } = target(await allArticles(request, manifest));
  // Two edits away: beyond typo tolerance, within suggestion distance.
  const lower = word.toLowerCase();
  const far = lower.slice(0, 1) + lower.slice(2, -1) + 'q';
  await page.goto(`/search?q=${encodeURIComponent(far)}`);
  await expect(status(page)).toHaveText('No articles');
  await expect(page.getByText(`No articles match “${far}”.`)).toBeVisible();
  await expect(page.getByRole('link', { name: 'archive', exact: true })).toHaveAttribute('href', /\/archive\/$/);
  const suggestion = page.locator('.search-suggestions a').first();
  await expect(suggestion).toBeVisible();
  await suggestion.click();
  await expect(page).toHaveURL(/\/search\/\?q=/);
  await expect(results(page).first()).toBeVisible();

  await page.goto('/search?q=qqqqzzzzxxxx');
  await expect(page.getByText('No articles match “qqqqzzzzxxxx”.')).toBeVisible();
  await expect(page.locator('.search-suggestions')).toHaveCount(0);
});

test('an empty query prompts instead of listing everything', async ({ page }) => {
  await page.goto('/search');
  await expect(page.getByText('Type a word or two to search every article.')).toBeVisible();
  await expect(results(page)).toHaveCount(0);
});

test.describe('when the index cannot be fetched', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource/] });

  for (const [name, pattern] of [
    ['dictionary', '**/bundle/search/dictionary.*'],
    ['postings shards', '**/bundle/search/postings-*'],
  ]) {
    test(`a failing ${name} shows a retry that recovers`, async ({ page, manifest, request }) => {
      const { article, word } = target(await allArticles(request, manifest));
      let failing = true;
      await page.route(pattern, (route) => (failing ? route.fulfill({ status: 503, body: '' }) : route.continue()));
      await page.goto(`/search?q=${encodeURIComponent(word)}`);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('Search could not be loaded');
      await expect(alert).toContainText('answered 503');
      failing = false;
      await alert.getByRole('button', { name: 'Try again' }).click();
      await expect(results(page).filter({ hasText: article.title })).toHaveCount(1);
      await expect(page.getByRole('alert')).toHaveCount(0);
    });
  }

  test('the header box says search is unavailable instead of failing silently', async ({ page }) => {
    await page.route('**/bundle/search/**', (route) => route.fulfill({ status: 503, body: '' }));
    await page.goto('/');
    await box(page).fill('anything');
    await expect(page.locator('.site-search').getByRole('status')).toHaveText('Search is not available right now.');
  });
});
