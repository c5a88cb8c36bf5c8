// Filtering on /insights, category, tag and archive pages: every filter writes the URL, the URL
// restores the view, counts follow the other filters, and history behaves like a reader expects.
import { test, expect, allArticles, countLabel, waitForApp } from './fixtures.js';

const PAGE_SIZE = 24;

function status(page) {
  return page.locator('main').getByRole('status');
}

test('a category checkbox filters the list and writes the URL', async ({ page, manifest, request }) => {
  const articles = await allArticles(request, manifest);
  const category = manifest.categories.find((c) => c.count > 0);
  await page.goto('/insights');
  await expect(status(page)).toHaveText(countLabel(articles.length));

  await page.getByRole('checkbox', { name: new RegExp(`^${category.name}`) }).check();
  await expect(page).toHaveURL(new RegExp(`[?&]category=${category.slug}(&|$)`));
  await expect(status(page)).toHaveText(countLabel(category.count));
  const shown = Math.min(category.count, PAGE_SIZE);
  await expect(page.locator('main article')).toHaveCount(shown);
  for (const card of await page.locator('main article .article-meta__category').allTextContents()) {
    expect(card).toBe(category.name);
  }

  await page.goBack();
  await expect(page).toHaveURL(/\/insights\/$/);
  await expect(status(page)).toHaveText(countLabel(articles.length));
  await expect(page.getByRole('checkbox', { name: new RegExp(`^${category.name}`) })).not.toBeChecked();
  await page.goForward();
  await expect(status(page)).toHaveText(countLabel(category.count));
});

test('tags combine as all-of, and counts follow the other filters', async ({ page, manifest, request }) => {
  const articles = await allArticles(request, manifest);
  const tag = [...manifest.tags].sort((a, b) => b.count - a.count)[0];
  await page.goto('/insights');
  await page.getByRole('button', { name: new RegExp(`^${tag.name}\\b`) }).click();
  await expect(page).toHaveURL(new RegExp(`tag=${tag.slug}`));
  await expect(status(page)).toHaveText(countLabel(tag.count));
  await expect(page.getByRole('button', { name: new RegExp(`^${tag.name}\\b`) })).toHaveAttribute('aria-pressed', 'true');

  // Each category's count now counts only articles carrying the tag.
  for (const category of manifest.categories) {
    const expected = articles.filter((a) => a.category === category.slug && a.tags.includes(tag.slug)).length;
    await expect(page.getByRole('checkbox', { name: new RegExp(`^${category.name}`) })).toHaveAccessibleName(
      `${category.name} (${expected})`,
    );
  }
});

test('the date range filters by month and survives a reload', async ({ page, manifest, request }) => {
  const articles = await allArticles(request, manifest);
  const month = manifest.archive[1] ?? manifest.archive[0];
  const value = `${month.year}-${String(month.month).padStart(2, '0')}`;
  await page.goto('/insights');
  await page.getByLabel('From', { exact: true }).selectOption(value);
  await page.getByLabel('To', { exact: true }).selectOption(value);
  await expect(page).toHaveURL(new RegExp(`from=${value}&to=${value}`));
  await expect(status(page)).toHaveText(countLabel(month.count));
  await page.reload();
  await expect(status(page)).toHaveText(countLabel(month.count));
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(value);
  const expected = articles.filter((a) => a.date.startsWith(value)).length;
  expect(expected).toBe(month.count);
});

test('back and forward show the month range and order each URL names', async ({ page, manifest }) => {
  const [newer, older] = manifest.archive.length > 1 ? manifest.archive : [manifest.archive[0], manifest.archive[0]];
  const value = (month) => `${month.year}-${String(month.month).padStart(2, '0')}`;
  const from = page.getByLabel('From', { exact: true });
  const to = page.getByLabel('To', { exact: true });
  const sort = page.getByLabel('Sort', { exact: true });
  await page.goto('/insights');
  await from.selectOption(value(older));
  await expect(page).toHaveURL(new RegExp(`from=${value(older)}`));
  await to.selectOption(value(newer));
  await expect(page).toHaveURL(new RegExp(`to=${value(newer)}`));
  await sort.selectOption('oldest');
  await expect(page).toHaveURL(/sort=oldest/);

  // Each step back must show that URL's choices, even in the controls the reader changed by hand.
  await page.goBack();
  await expect(sort).toHaveValue('newest');
  await expect(to).toHaveValue(value(newer));
  await page.goBack();
  await expect(to).toHaveValue('');
  await expect(from).toHaveValue(value(older));
  await page.goBack();
  await expect(from).toHaveValue('');
  await page.goForward();
  await page.goForward();
  await page.goForward();
  await expect(page).toHaveURL(/sort=oldest/);
  await expect(from).toHaveValue(value(older));
  await expect(to).toHaveValue(value(newer));
  await expect(sort).toHaveValue('oldest');
});

test('typing replaces the history entry instead of adding one per keystroke', async ({ page, manifest }) => {
  const word = manifest.latest[0].title.split(/\s+/).find((w) => w.length > 4).toLowerCase();
  await page.goto('/');
  await waitForApp(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights', exact: true }).click();
  await expect(page).toHaveURL(/\/insights\/$/);
  await page.getByLabel('Search these articles').pressSequentially(word, { delay: 20 });
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(word)}`));
  await expect(page.locator('main article').first()).toContainText(new RegExp(word, 'i'));
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
});

test('a shared URL restores exactly that view', async ({ page, manifest, request }) => {
  const articles = await allArticles(request, manifest);
  const tag = manifest.tags.find((t) => t.count >= 2) ?? manifest.tags[0];
  const tagged = articles.filter((a) => a.tags.includes(tag.slug));
  const category = tagged[0].category;
  const expected = tagged.filter((a) => a.category === category);
  await page.goto(`/insights?category=${category}&tag=${tag.slug}&sort=oldest`);
  await expect(status(page)).toHaveText(countLabel(expected.length));
  await expect(page.getByLabel('Sort', { exact: true })).toHaveValue('oldest');
  const titles = await page.locator('main article h3').allTextContents();
  expect(titles).toEqual(expected.slice().reverse().slice(0, PAGE_SIZE).map((a) => a.title));
});

test('invalid parameters are ignored or clamped, never a blank page', async ({ page, manifest }) => {
  await page.goto('/insights?from=banana&to=2026-13&page=-3&category=no-such-category&tag=%3Cscript%3E&sort=sideways');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All articles');
  await expect(status(page)).toHaveText(countLabel(manifest.article_count));
  await page.goto('/insights?page=99999');
  const lastPage = Math.ceil(manifest.article_count / PAGE_SIZE);
  await expect(page.getByText(`Page ${lastPage} of ${lastPage}`)).toBeVisible();
});

test('an empty result says so and offers to clear the filters', async ({ page, manifest }) => {
  await page.goto('/insights?q=zzqxjv-nothing-matches');
  await expect(status(page)).toHaveText('No articles');
  await expect(page.getByText('No articles match these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear all filters' }).click();
  await expect(page).toHaveURL(/\/insights\/$/);
  await expect(status(page)).toHaveText(countLabel(manifest.article_count));
});

test('pagination keeps the DOM small and links pages', async ({ page, manifest }) => {
  test.skip(manifest.article_count <= PAGE_SIZE, 'one page only');
  await page.goto('/insights');
  await expect(page.locator('main article')).toHaveCount(PAGE_SIZE);
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText(/^Page 2 of/)).toBeVisible();
  await expect(page.locator('main article')).toHaveCount(Math.min(PAGE_SIZE, manifest.article_count - PAGE_SIZE));
});

test('the filter bar works from the keyboard alone', async ({ page, manifest }) => {
  const category = manifest.categories.find((c) => c.count > 0);
  await page.goto('/insights');
  const box = page.getByRole('checkbox', { name: new RegExp(`^${category.name}`) });
  await page.getByLabel('Search these articles').focus();
  for (let i = 0; i < 40 && !(await box.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(box).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(new RegExp(`category=${category.slug}`));
  await expect(status(page)).toHaveText(countLabel(category.count));
});

test('category and tag pages list their articles under their own headings', async ({ page, manifest }) => {
  const category = manifest.categories.find((c) => c.count > 0);
  await page.goto(`/category/${category.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(category.name);
  await expect(status(page)).toHaveText(countLabel(category.count));
  await expect(page.getByRole('checkbox')).toHaveCount(0);

  const tag = manifest.tags[0];
  await page.goto(`/tag/${tag.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Tag: ${tag.name}`);
  await expect(status(page)).toHaveText(countLabel(tag.count));
  await expect(page).toHaveTitle(new RegExp(`^Tag: `));

  await page.goto('/category/no-such-category');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This category does not exist');
});

test('the archive counts years and months and lists a month', async ({ page, manifest }) => {
  const month = manifest.archive[0];
  const mm = String(month.month).padStart(2, '0');
  await page.goto('/archive');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Archive');
  await expect(page.locator('.archive__note')).toHaveText('Choose a year or a month to list its articles.');
  const index = page.getByRole('navigation', { name: 'Archive by month' });
  await expect(index.getByRole('link', { name: String(month.year), exact: true })).toBeVisible();
  await index.locator(`a[href="/archive/${month.year}/${mm}/"]`).click();
  await expect(page).toHaveURL(new RegExp(`/archive/${month.year}/${mm}/$`));
  await expect(status(page)).toHaveText(countLabel(month.count));
  await expect(page.locator('main article')).toHaveCount(month.count);

  await page.goto(`/archive/${month.year}/13`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This archive page does not exist');
});

test('going back to a listing restores its scroll position; a new page starts at the top', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto('/insights');
  const target = page.locator('main article h3 a').nth(10);
  await target.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(300);
  await target.click();
  await expect(page).toHaveURL(/\/insights\/.+/);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeLessThan(50);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.goBack();
  await expect(page).toHaveURL(/\/insights\/$/);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 80);
});

test('the theme toggle switches themes and is remembered', async ({ page }) => {
  await page.goto('/');
  const toggle = page.getByRole('button', { name: /^Theme:/ });
  await expect(toggle).toHaveText('Theme: system');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(15, 18, 23)');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: /^Theme:/ })).toHaveText('Theme: dark');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('the filters wait behind a toggle, so the first article is on the first screen', async ({ page, manifest }) => {
    const category = manifest.categories.find((c) => c.count > 0);
    await page.goto('/insights');
    await waitForApp(page);
    const toggle = page.getByRole('button', { name: /^Filters/ });
    await expect(toggle).toHaveAccessibleName('Filters');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('group', { name: 'Categories' })).toBeHidden();
    await expect(page.getByLabel('Search these articles')).toBeVisible();
    const firstEntry = await page.locator('main article').first().boundingBox();
    expect(firstEntry.y + 40).toBeLessThan(640);

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const panel = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
    await expect(panel.getByRole('group', { name: 'Categories' })).toBeVisible();
    await panel.getByRole('checkbox', { name: new RegExp(`^${category.name}`) }).check();
    await expect(page).toHaveURL(new RegExp(`category=${category.slug}`));
    await expect(status(page)).toHaveText(countLabel(category.count));
    // Choosing keeps the panel open, and the toggle counts the choice for when it is closed.
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(toggle).toHaveAccessibleName('Filters 1 active');

    await toggle.click();
    await expect(page.getByRole('group', { name: 'Categories' })).toBeHidden();
    await page.reload();
    await waitForApp(page);
    await expect(page.getByRole('button', { name: 'Filters 1 active' })).toHaveAttribute('aria-expanded', 'false');
  });

  test('the toggle works from the keyboard and counts only what the panel offers', async ({ page, manifest }) => {
    const tag = manifest.tags.find((t) => t.count > 0);
    const month = manifest.archive[0];
    const value = `${month.year}-${String(month.month).padStart(2, '0')}`;
    // The page's own tag is fixed by its path, not chosen in the panel.
    await page.goto(`/tag/${tag.slug}?tag=${tag.slug}&from=${value}&sort=oldest&q=a`);
    await waitForApp(page);
    await page.getByLabel('Search these articles').focus();
    await page.keyboard.press('Tab');
    const toggle = page.getByRole('button', { name: 'Filters 1 active' });
    await expect(toggle).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByLabel('From', { exact: true })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('From', { exact: true })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByLabel('From', { exact: true })).toBeHidden();
  });

  test('a wide screen shows every filter and no toggle', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/insights');
    await waitForApp(page);
    await expect(page.getByRole('group', { name: 'Categories' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Filters/ })).toBeHidden();
  });
});
