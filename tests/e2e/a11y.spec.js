// axe-core on every route, in light and dark: no violations at all (WCAG 2.x A and AA rules).
import { createRequire } from 'node:module';
import { test, expect, holdRequests, waitForApp } from './fixtures.js';

// axe is injected as an inline script, which the site's own CSP rightly refuses; the policy is
// under test in hosting.spec.js.
test.use({ bypassCSP: true });

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const APP_WASM = /_bg\.wasm$/;

/** A route of each kind, at the address the site links it by (a page's folder, with its slash). */
async function routes(manifest) {
  const month = manifest.archive[0];
  return [
    '/',
    '/insights/',
    '/insights/?category=' + manifest.categories[0].slug,
    `/insights/${manifest.latest[0].slug}/`,
    `/category/${manifest.categories.find((c) => c.count > 0).slug}/`,
    `/tag/${manifest.tags[0].slug}/`,
    '/tags/',
    '/archive/',
    `/search/?q=${encodeURIComponent(manifest.latest[0].title.split(/\s+/)[0])}`,
    '/search/?q=qqqqzzzz',
    `/archive/${month.year}/${String(month.month).padStart(2, '0')}/`,
    ...(manifest.case_studies.length ? ['/case-studies/', `/case-studies/${manifest.case_studies[0].slug}/`] : []),
    ...(manifest.pages.length ? [`/${manifest.pages[0].slug}/`] : []),
    '/no/such/page',
  ];
}

for (const colorScheme of ['light', 'dark']) {
  test(`every route passes axe-core in the ${colorScheme} theme`, async ({ page, manifest }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    for (const route of await routes(manifest)) {
      await page.goto(route);
      await expect(page.locator('main h1')).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() =>
        window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }),
      );
      const violations = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      expect(violations, `axe violations on ${route} (${colorScheme})`).toEqual([]);
    }
  });
}

test('every route fits a 320 px wide screen without sideways scrolling', async ({ page, manifest }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 320, height: 640 });
  for (const route of await routes(manifest)) {
    await page.goto(route);
    await expect(page.locator('main h1')).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow on ${route}`).toBeLessThanOrEqual(0);
  }
});

test.describe('before the app starts', () => {
  test.use({ awaitApp: false });

  test('the served pages, with the app\'s controls shown, pass axe-core', async ({ page, manifest }) => {
    test.setTimeout(120_000);
    const checked = [];
    const listings = ['/insights/', `/category/${manifest.categories.find((c) => c.count > 0).slug}/`, `/tag/${manifest.tags[0].slug}/`];
    const others = (await routes(manifest)).filter((route) => !route.includes('?') && !listings.includes(route));
    for (const route of [...listings, ...others]) {
      // Holding the wasm back keeps the served page as it was served while axe reads it.
      const release = await holdRequests(page, APP_WASM);
      await page.goto(route, { waitUntil: 'domcontentloaded' });
      await expect(page.locator('#app main h1')).toBeVisible();
      await expect(page.locator('#app .site-search')).toBeVisible();
      checked.push(route);
      if (listings.includes(route)) await expect(page.locator('#app .filter-bar')).toBeVisible();
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() =>
        window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }),
      );
      const violations = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      expect(violations, `axe violations on the served ${route}`).toEqual([]);
      release();
      await waitForApp(page);
      await page.unroute(APP_WASM);
    }
    expect(checked.length).toBeGreaterThan(8);
  });
});
