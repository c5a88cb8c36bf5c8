// The developer's loop: `trunk serve` (content compiled by the Trunk.toml hook) serves the same app.
import { test, expect, waitForApp } from './fixtures.js';

test('trunk serve lists the compiled content', async ({ page, manifest }) => {
  await page.goto('/');
  await waitForApp(page);
  await expect(page.getByRole('link', { name: manifest.latest[0].title, exact: true }).first()).toBeVisible();
});

test('trunk serve answers a deep link to an article', async ({ page, manifest }) => {
  const article = manifest.latest.at(-1);
  await page.goto(`/insights/${article.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
  await expect(page.locator('.article__body')).toBeVisible();
});
