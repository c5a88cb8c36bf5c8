// Shared end-to-end fixtures: every test fails on a console error or an uncaught exception
// (a wasm panic included), and can read the bundle the site under test was built from.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  // Console errors a test provokes on purpose (a refused request logs one) are listed here.
  allowedConsoleErrors: [[], { option: true }],

  consoleGuard: [
    async ({ page, allowedConsoleErrors }, use) => {
      const problems = [];
      page.on('console', (message) => {
        if (message.type() !== 'error' && message.type() !== 'warning') return;
        const text = message.text();
        if (allowedConsoleErrors.some((pattern) => pattern.test(text))) return;
        problems.push(`console ${message.type()}: ${text}`);
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      await use(problems);
      expect(problems, 'no console errors, warnings or uncaught exceptions').toEqual([]);
    },
    { auto: true },
  ],

  manifest: async ({ request }, use) => {
    const response = await request.get('bundle/manifest.json');
    expect(response.ok()).toBe(true);
    await use(await response.json());
  },
});

export { expect };

/** Resolves once the app has rendered its first real view (list, article or a page heading). */
export async function waitForApp(page) {
  await expect(page.locator('main h1')).toBeVisible();
}
