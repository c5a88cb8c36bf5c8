// Images as readers get them: a phone fetches a narrow variant and a wide screen a wide one,
// every article without an image of its own has a 1200×630 preview card, and no image moves
// the page as it loads.
import { test, expect, allArticles } from './fixtures.js';

async function coveredArticle(request, manifest) {
  const articles = await allArticles(request, manifest);
  const covered = articles.find((article) => article.picture);
  expect(covered, 'the site under test has an article with a cover').toBeTruthy();
  return covered;
}

/// The width each `/_img/` file the page requested was written at (`name.hash-800.webp`).
function requestedWidths(page) {
  const widths = [];
  page.on('request', (request) => {
    const match = new URL(request.url()).pathname.match(/\/_img\/[^/]+-(\d+)\.(webp|jpg|png)$/);
    if (match) widths.push({ width: Number(match[1]), format: match[2] });
  });
  return widths;
}

for (const [viewport, check] of [
  [{ width: 360, height: 740 }, (width) => expect(width).toBeLessThanOrEqual(400)],
  [{ width: 1440, height: 900 }, (width) => expect(width).toBeGreaterThanOrEqual(1200)],
]) {
  test(`a ${viewport.width} px wide screen fetches a cover variant sized for it, in WebP`, async ({ browser, request, manifest }) => {
    const covered = await coveredArticle(request, manifest);
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const widths = requestedWidths(page);
    await page.goto(`/insights/${covered.slug}/`);
    const cover = page.locator('.cover--lead img');
    await expect(cover).toHaveJSProperty('complete', true);
    expect(await cover.evaluate((img) => img.naturalWidth)).toBeGreaterThan(0);
    const current = new URL(await cover.evaluate((img) => img.currentSrc)).pathname;
    const match = current.match(/-(\d+)\.webp$/);
    expect(match, current).toBeTruthy();
    check(Number(match[1]));
    expect(widths.length).toBeGreaterThan(0);
    expect(widths.every(({ format }) => format === 'webp')).toBe(true);
    await context.close();
  });
}

test('an article without an image of its own links a 1200×630 preview card', async ({ page, request, manifest }) => {
  const articles = await allArticles(request, manifest);
  const plain = articles.find((article) => !article.image);
  expect(plain, 'the site under test has an article without an image').toBeTruthy();
  expect(plain.card).toMatch(/^\/_img\/card-.+\.png$/);
  await page.goto(`/insights/${plain.slug}/`);
  const image = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(new URL(image).pathname).toBe(plain.card);
  expect(await page.locator('meta[name="twitter:image"]').getAttribute('content')).toBe(image);
  const response = await request.get(plain.card);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('image/png');
  const png = await response.body();
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
});

test('no image moves the page as it loads (CLS 0 on an article with a cover and body images)', async ({ page, request, manifest }) => {
  const covered = await coveredArticle(request, manifest);
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__shifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`/insights/${covered.slug}/`);
  await expect(page.locator('.cover--lead img')).toHaveJSProperty('complete', true);
  // Scroll through so every lazy image loads, then back to the top.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 500) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(50);
  }
  await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode().catch(() => {}))));
  const shifts = await page.evaluate(() => window.__shifts);
  expect(shifts.reduce((sum, value) => sum + value, 0)).toBe(0);
});

test('the listing shows covers in a fixed frame and cards without one as before', async ({ page, request, manifest }) => {
  const covered = await coveredArticle(request, manifest);
  await page.goto('/insights/');
  const card = page.locator('.article-card', { has: page.getByRole('link', { name: covered.title, exact: true }) });
  const cover = card.locator('.cover--card img');
  await expect(cover).toHaveAttribute('alt', covered.image_alt ?? covered.title);
  await expect(cover).toHaveAttribute('loading', 'lazy');
  const box = await cover.boundingBox();
  expect(Math.abs(box.width / box.height - 16 / 9)).toBeLessThan(0.02);
  const plainCards = page.locator('.article-card:not(:has(.cover))');
  expect(await plainCards.count()).toBeGreaterThan(0);
});
