// Broken networks, stale deploys and hostile URLs: every fault shows the right message with a
// working way forward, a later success recovers without a reload, and nothing panics (a wasm
// panic logs a console error, which fails the test through the console guard).
import { test, expect, waitForApp } from './fixtures.js';

test.describe('the bundle index fails', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource/], servedData: false });

  const faults = [
    ['answers 404', (route) => route.fulfill({ status: 404, body: 'gone' }), /answered 404/],
    ['answers 500', (route) => route.fulfill({ status: 500, body: 'boom' }), /answered 500/],
    ['is unreachable', (route) => route.abort('connectionrefused'), /could not be reached/],
    ['is cut off mid-way', null, /malformed/],
    ['is of another schema version', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"schema_version": 1}' }), /schema version 1/],
  ];

  for (const [name, fault, message] of faults) {
    test(`when it ${name}, the reader is told and a retry recovers`, async ({ page, request, manifest }) => {
      const real = await (await request.get('bundle/manifest.json')).text();
      let failing = true;
      await page.route('**/bundle/manifest.json', (route) => {
        if (!failing) return route.continue();
        if (fault) return fault(route);
        // Truncated JSON: the first half of the real index.
        return route.fulfill({ status: 200, contentType: 'application/json', body: real.slice(0, real.length / 2) });
      });
      await page.goto('');
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('The articles could not be loaded');
      await expect(alert).toContainText(message);
      failing = false;
      await alert.getByRole('button', { name: 'Try again' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(manifest.site.title);
      await expect(page.getByRole('alert')).toHaveCount(0);
    });
  }
});

test.describe('a request that never answers', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource/], awaitApp: false, servedData: false });

  test('times out with a message after 10 seconds, and a retry recovers', async ({ page, manifest }) => {
    test.setTimeout(60_000);
    let hanging = true;
    await page.route('**/bundle/manifest.json', (route) => (hanging ? undefined : route.continue()));
    await page.goto('');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('did not answer within 10 seconds', { timeout: 20_000 });
    hanging = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(manifest.site.title);
  });
});

test.describe("a listing's articles fail while the index works", () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource/], servedData: false });

  for (const [name, pattern, path] of [
    ["a category's first page", '**/bundle/first-pages/**', (manifest) => `category/${manifest.categories.find((c) => c.count > 0).slug}`],
    ['the facet index', '**/bundle/facets/*', () => 'insights?sort=oldest'],
    ["the entries of a page", '**/bundle/entries/**', () => 'insights?sort=oldest'],
  ]) {
    test(`when ${name} cannot be fetched, the listing says so and a retry recovers`, async ({ page, manifest }) => {
      let failing = true;
      await page.route(pattern, (route) => (failing ? route.fulfill({ status: 503, body: '' }) : route.continue()));
      await page.goto(path(manifest));
      await waitForApp(page);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('The articles could not be loaded');
      await expect(alert).toContainText('answered 503');
      // No busy region around the alert, so it is read out at once.
      await expect(page.locator('.filtered-listing__results [aria-busy="true"]')).toHaveCount(0);
      failing = false;
      await alert.getByRole('button', { name: 'Try again' }).click();
      await expect(page.locator('main article').first()).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
    });
  }
});

test.describe('an article body fails while the index works', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource/], servedData: false });

  test('a missing slug bucket is reported in the article area, and a retry recovers', async ({ page, manifest }) => {
    const article = manifest.latest[1];
    let failing = true;
    await page.route('**/bundle/lookup/*.json', (route) => (failing ? route.fulfill({ status: 503, body: '' }) : route.continue()));
    await page.goto(`insights/${article.slug}`);
    await waitForApp(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('answered 503');
    failing = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.locator('.article__body')).toBeVisible();
  });

  test('a body that is cut off is reported, not half shown', async ({ page, manifest }) => {
    const article = manifest.latest[0];
    await page.route('**/bundle/articles/*.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"schema_version": 2, "html": "<p>half' }));
    await page.goto(`insights/${article.slug}`);
    await expect(page.getByRole('alert')).toContainText('malformed');
    await expect(page.locator('.article__body')).toHaveCount(0);
  });
});

test.describe('a new deploy while the page is open', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource/], servedData: false });

  test('files of the old deploy that are gone lead to a clear prompt, and reloading reads the new version', async ({ page, manifest }) => {
    const [first, second] = manifest.latest;
    await page.goto(`insights/${first.slug}`);
    await waitForApp(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.title);
    await expect(page.locator('.article__body')).toBeVisible();

    // The new deploy: a different index, and the old hashed files removed.
    const redeployed = { ...manifest, site: { ...manifest.site, tagline: `${manifest.site.tagline} (new)` }, lookup: manifest.lookup.map((path) => path.replace('.json', '.new.json')) };
    await page.route('**/bundle/manifest.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(redeployed) }));
    // Every old hashed file is gone: the lookup bucket already read stays in memory, so the next
    // article's body is what finds out.
    await page.route('**/bundle/lookup/*.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.route('**/bundle/articles/*.json', (route) => route.fulfill({ status: 404, body: 'gone' }));

    await page.getByRole('link', { name: /^Older/ }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('A new version of this site is available');
    await page.unrouteAll();
    await alert.getByRole('button', { name: 'Load the new version' }).click();
    await waitForApp(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(second.title);
    await expect(page.locator('.article__body')).toBeVisible();
  });

  test('a file that is missing from the current deploy too is an ordinary error, not a new version', async ({ page, manifest }) => {
    const article = manifest.latest[2];
    await page.route('**/bundle/lookup/*.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(`insights/${article.slug}`);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('answered 404');
    await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
  });
});

test('hostile and odd URLs show the right page', async ({ page }) => {
  const long = 'x'.repeat(5000);
  const cases = [
    ['insights/%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'This article does not exist'],
    ['insights/..%2F..%2F..%2Fetc%2Fpasswd', 'This article does not exist'],
    [`insights/${long}`, 'This article does not exist'],
    ['insights/%E0%A4%A', 'This article does not exist'],
    ['tag/%00', 'This tag does not exist'],
    [`category/${long}`, 'This category does not exist'],
    ['category/%F0%9F%A6%80', 'This category does not exist'],
    ['archive/0000/00', 'This archive page does not exist'],
    ['archive/2026/13', 'This archive page does not exist'],
    ['archive/99999', 'This archive page does not exist'],
    ['%2F%2Fevil.example', 'This page does not exist'],
    ['a/b/c/d/e/f', 'This page does not exist'],
    [`insights?category=%ZZ&tag=a&tag=a&tag=%&from=9999-99&to=-1&page=-7&sort=%00&q=${long}`, 'All articles'],
    ['insights?page=99999999999999999999999', 'All articles'],
    ['insights?%E2%80%AE=1&&&=&q=%F0%9F%A6%80', 'All articles'],
  ];
  for (const [url, heading] of cases) {
    await page.goto(url);
    await waitForApp(page);
    await expect(page.getByRole('heading', { level: 1 }), url).toHaveText(heading);
  }
});
