// The app is split per route (crates/quire-split, src/routes.rs): a page fetches the entry module
// and its own route's chunk, never another route's; a chunk a new deploy removed leads to the
// new-version prompt rather than a broken page.
import { test, expect, waitForApp } from './fixtures.js';

/** The split point a request is the chunk of (`quire-split_<point>-<hash>.wasm`), if any. */
function splitPointOf(url) {
  return /\/quire-split_([a-z_]+)-[0-9a-f]{16}\.wasm$/.exec(new URL(url).pathname)?.[1];
}

/** Every request for a file of the app's code (wasm or JS of the split build), by path. */
function recordAppRequests(page) {
  const requests = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (/\/quire-[^/]*\.(wasm|js)$/.test(path)) requests.push(path);
  });
  return requests;
}

const splitPoints = (requests) => requests.map((path) => splitPointOf(`http://x${path}`)).filter(Boolean);

test('the home page fetches its own chunk and none of the article view, the listing or the search engine', async ({ page }) => {
  const requests = recordAppRequests(page);
  await page.goto('./');
  await waitForApp(page);
  await page.waitForLoadState('networkidle');
  expect(splitPoints(requests)).toEqual(['home']);
});

test('an article fetches the article chunk, not the listing\'s, and each file of the app once', async ({ page, manifest }) => {
  const requests = recordAppRequests(page);
  await page.goto(`insights/${manifest.latest[0].slug}/`);
  await waitForApp(page);
  await page.waitForLoadState('networkidle');
  expect(splitPoints(requests)).toEqual(['article']);
  // The route's chunks are preloaded beside the entry module; the loader's own fetch of each is
  // served by its preload, not sent again.
  expect(requests.length).toBeGreaterThan(3);
  expect(new Set(requests).size).toBe(requests.length);
});

test('a route opened in the app fetches its chunk then, and the page works', async ({ page, manifest }) => {
  const requests = recordAppRequests(page);
  await page.goto('./');
  await waitForApp(page);
  await page.waitForLoadState('networkidle');
  expect(splitPoints(requests)).not.toContain('article');
  const article = manifest.latest[0];
  await page.locator(`#app main a[href$="insights/${article.slug}/"]`).first().click();
  await expect(page.locator('#app main h1')).toHaveText(article.title);
  expect(splitPoints(requests)).toContain('article');
});

test('the search engine\'s chunk is fetched on the first keystroke, not before', async ({ page, manifest }) => {
  const requests = recordAppRequests(page);
  await page.goto('./');
  await waitForApp(page);
  await page.waitForLoadState('networkidle');
  const box = page.getByRole('combobox', { name: 'Search articles' });
  await box.focus();
  await page.waitForLoadState('networkidle');
  expect(splitPoints(requests)).not.toContain('search_engine');
  const word = manifest.latest[0].title.split(/\W+/).find((part) => part.length >= 4);
  await box.pressSequentially(word.toLowerCase());
  await expect(page.getByRole('listbox', { name: 'Best matches' })).toBeVisible();
  expect(splitPoints(requests)).toContain('search_engine');
});

test.describe('a chunk a new deploy removed', () => {
  test.use({ allowedConsoleErrors: [/404|quire-split_article|HTTP status code is not ok/] });

  test('leads to the new-version prompt, not a broken page', async ({ page, manifest }) => {
    await page.route(/\/quire-split_article-[0-9a-f]{16}\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto('./');
    await waitForApp(page);
    const article = manifest.latest[0];
    await page.locator(`#app main a[href$="insights/${article.slug}/"]`).first().click();
    const prompt = page.getByRole('alert');
    await expect(prompt).toContainText('A new version of this site is available');
    await expect(prompt.getByRole('button', { name: 'Load the new version' })).toBeVisible();
    // The rest of the app still works: the header leads home.
    await page.locator('header a[href="/"], header a[href="./"]').first().click();
    await expect(page).toHaveURL(/\/$/);
  });

  test('on a page served before the deploy, leads to the prompt in place of the page, not a broken hydration', async ({ page, manifest }) => {
    await page.route(/\/quire-split_article-[0-9a-f]{16}\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(`insights/${manifest.latest[0].slug}/`);
    const prompt = page.getByRole('alert');
    await expect(prompt).toContainText('A new version of this site is available');
    await expect(page.locator('#app main')).toHaveCount(1);
  });
});
