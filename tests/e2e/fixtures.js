// Shared end-to-end fixtures: every test fails on a console error or an uncaught exception
// (a wasm panic included), and can read the bundle the site under test was built from.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  // Console errors a test provokes on purpose (a refused request logs one) are listed here.
  allowedConsoleErrors: [[], { option: true }],

  // Most tests exercise the app, so `page.goto` and `page.reload` wait until it has hydrated
  // the served page; tests of the served page itself, before the app runs, turn this off.
  awaitApp: [true, { option: true }],

  // Served pages embed the bundle files they were rendered from and name their manifest, so the
  // app fetches that one file to start. Tests of what a failed fetch shows turn this off: the page then comes without them,
  // and the app renders it afresh and fetches its data as it does for any later view.
  servedData: [true, { option: true }],

  page: async ({ page, awaitApp, servedData }, use) => {
    if (!servedData) {
      await page.route(
        (url) => !url.pathname.includes('/bundle/') && !/\.(js|wasm|css|svg|png|xml|txt)$/.test(url.pathname),
        async (route) => {
          if (route.request().resourceType() !== 'document') return route.fallback();
          const response = await route.fetch();
          const body = (await response.text()).replace(/<script type="application\/json" id="quire-data"[^>]*>[\s\S]*?<\/script>/, '');
          await route.fulfill({ response, body });
        },
      );
    }
    if (awaitApp) {
      for (const method of ['goto', 'reload']) {
        const original = page[method].bind(page);
        page[method] = async (...args) => {
          const response = await original(...args);
          await expect(page.locator('html[data-app="started"]')).toHaveCount(1);
          return response;
        };
      }
    }
    await use(page);
  },

  consoleGuard: [
    async ({ page, allowedConsoleErrors }, use) => {
      const problems = [];
      page.on('console', (message) => {
        if (message.type() !== 'error' && message.type() !== 'warning') return;
        const text = message.text();
        if (allowedConsoleErrors.some((pattern) => pattern.test(text))) return;
        // An unknown route is answered by 404.html with an honest 404 status, which Chromium
        // logs for the document itself; any other failed request still fails the test.
        if (/status of 404/.test(text) && message.location().url === page.url()) return;
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

/**
 * Resolves once the app has hydrated the served page (or rendered it, where the host's
 * not-found page was served) and shows a real view with its heading.
 */
export async function waitForApp(page) {
  await expect(page.locator('html[data-app="started"]')).toHaveCount(1);
  await expect(page.locator('#app main h1').first()).toBeVisible();
}

/** FNV-1a, as `quire_model::lookup` computes it: which lookup bucket holds a slug. */
function fnv1a(text) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash;
}

/** Follows the bundle's slug lookup to an article body, as the app does. */
/**
 * Holds back the requests `pattern` matches (the manifest keeps the pre-rendered page in front
 * of the app until the app has its data; the wasm keeps the app from starting at all); returns
 * the function that lets them through. The caller removes the route when it is done with it.
 */
export async function holdRequests(page, pattern) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

export async function articleBody(request, manifest, slug) {
  const bucket = manifest.lookup[Number(fnv1a(slug) % BigInt(manifest.lookup.length))];
  const bodies = (await (await request.get(`bundle/${bucket}`)).json()).bodies;
  return (await request.get(`bundle/${bodies[slug]}`)).json();
}

/** Every article in the bundle, newest first, joined from the listing shards. */
export async function allArticles(request, manifest) {
  const shards = await Promise.all(
    manifest.shards.map(async (shard) => (await (await request.get(`bundle/${shard.path}`)).json()).articles),
  );
  return shards.flat();
}

export function countLabel(count) {
  return count === 0 ? 'No articles' : count === 1 ? '1 article' : `${count} articles`;
}
