// Hostile content in a real browser: the site built by `make hostile-site`, where every title,
// summary, tag, category, section, body, page and site.toml text is an XSS vector. The CSP is
// bypassed here so the sanitiser and escaping are what is tested, not the policy that would
// also stop a payload. On every route, before and after the app takes over: no dialog, no
// request leaves the site, and no element in the DOM can run code.
import { test, expect, allArticles, waitForApp } from './fixtures.js';

// Payloads such as `<img src=x>` survive as harmless same-origin images that 404.
test.use({ bypassCSP: true, allowedConsoleErrors: [/status of 404/] });

/** Watches a page for anything a payload could do; returns the list of what happened. */
async function watch(page, baseURL) {
  const events = [];
  const origin = new URL(baseURL).origin;
  page.on('dialog', async (dialog) => {
    events.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    events.push(`request: ${url}`);
    return route.abort();
  });
  return events;
}

/**
 * Elements and attributes through which markup could run code, found anywhere in the DOM. The
 * shell's own inline script and stylesheet are told apart by their hashes, which the page's
 * policy names: those are the only inline code it lets run.
 */
async function dangerousNodes() {
  const found = [];
  const ours = new Set(['application/ld+json']);
  const policy = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '';
  const allowed = async (text) => {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
    return policy.includes(`'sha256-${btoa(String.fromCharCode(...digest))}'`);
  };
  for (const element of document.querySelectorAll('*')) {
    const tag = element.localName;
    if (tag === 'script') {
      const src = element.getAttribute('src') ?? '';
      const type = element.getAttribute('type') ?? '';
      const inlineAndAllowed = !element.hasAttribute('src') && (await allowed(element.textContent));
      // The data the page was rendered from: a JSON data block, which never runs.
      const embeddedData = type === 'application/json' && element.id === 'quire-data' && element.parentElement === document.body;
      if (!ours.has(type) && !embeddedData && !/\/boot-[0-9a-f]+\.js$/.test(src) && !inlineAndAllowed) found.push(`script ${src || element.textContent.slice(0, 40)}`);
      continue;
    }
    if (tag === 'style' && (await allowed(element.textContent))) continue;
    // The app's own: the <base> Trunk writes in <head>, the filter bar's form (no action) and the
    // header's search form (a GET to the site's own /search).
    const own =
      (tag === 'base' && element.parentElement === document.head) ||
      (tag === 'form' && element.matches('form.filter-bar:not([action])')) ||
      (tag === 'form' && element.matches('.site-search form') && new URL(element.action).pathname.endsWith('/search/'));
    if (!own && ['iframe', 'object', 'embed', 'frame', 'form', 'base', 'style'].includes(tag)) found.push(tag);
    if (tag === 'meta' && element.hasAttribute('http-equiv') && element.getAttribute('http-equiv') !== 'Content-Security-Policy') found.push('meta http-equiv');
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(`${tag}[${name}]`);
      if (name === 'style') found.push(`${tag}[style]`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data'].includes(name) && /^(javascript|vbscript|data:text)/.test(value)) found.push(`${tag}[${name}=${value.slice(0, 30)}]`);
    }
  }
  return found;
}

async function checkRoute(page, route, events) {
  await page.goto(route);
  await waitForApp(page);
  expect(await page.evaluate(dangerousNodes), `${route}: dangerous DOM`).toEqual([]);
  expect(events, `${route}: payload effects`).toEqual([]);
}

test('the site-wide routes render every hostile string inert', async ({ page, manifest, baseURL }) => {
  test.setTimeout(120_000);
  const events = await watch(page, baseURL);
  expect(manifest.site.title).toContain('<');
  const routes = ['', 'insights', 'archive', 'case-studies', 'about', 'no/such/page'];
  // Search marks words in hostile titles and in passages of hostile bodies.
  for (const query of ['script', 'alert onerror', 'javascript', 'img', 'svg']) routes.push(`search?q=${encodeURIComponent(query)}`);
  for (const category of manifest.categories) routes.push(`category/${category.slug}`);
  for (const tag of manifest.tags.slice(0, 40)) routes.push(`tag/${tag.slug}`);
  for (const study of manifest.case_studies) routes.push(`case-studies/${study.slug}`);
  for (const route of routes) await checkRoute(page, route, events);
  // The hostile strings are shown as text, not dropped.
  await page.goto('');
  await waitForApp(page);
  await expect(page.locator('.site-header__brand')).toHaveText(manifest.site.title);
});

for (let part = 0; part < 4; part += 1) {
  test(`every hostile article renders inert (part ${part + 1} of 4)`, async ({ page, request, manifest, baseURL }) => {
    test.setTimeout(180_000);
    const events = await watch(page, baseURL);
    const articles = (await allArticles(request, manifest)).filter((_, index) => index % 4 === part);
    expect(articles.length).toBeGreaterThan(20);
    for (const article of articles) {
      await checkRoute(page, `insights/${article.slug}`, events);
      await expect(page.locator('main h1').first()).toHaveText(article.title);
    }
  });
}

test('filtering by a hostile tag and searching its text stay inert', async ({ page, manifest, baseURL }) => {
  const events = await watch(page, baseURL);
  const tag = manifest.tags.find((t) => t.name.includes('<'));
  await page.goto(`insights?tag=${encodeURIComponent(tag.slug)}&q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
  await waitForApp(page);
  expect(await page.evaluate(dangerousNodes)).toEqual([]);
  expect(events).toEqual([]);
});

test('words too long for a line fit a 320 px screen wherever they are shown', async ({ page, manifest }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 320, height: 640 });
  const tag = manifest.tags.find((t) => t.name.startsWith('Unbroken'));
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const showingTheWord = ['', 'insights/long-words-1', `tag/${tag.slug}`, `search?q=${encodeURIComponent(tag.name)}`, 'archive/2026/06'];
  // And the hostile strings' own long runs: category names, nav labels, tags.
  const others = ['tags', ...manifest.categories.map((c) => `category/${c.slug}`), ...manifest.tags.slice(0, 8).map((t) => `tag/${t.slug}`)];
  for (const route of [...showingTheWord, ...others]) {
    await page.goto(route);
    await waitForApp(page);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    if (showingTheWord.includes(route)) await expect(page.getByText(tag.name, { exact: false }).first()).toBeVisible();
    expect(await overflow(), `horizontal overflow on /${route}`).toBeLessThanOrEqual(0);
  }
  // The filter bar's chip for the tag, unfolded on a phone.
  await page.goto('insights');
  await waitForApp(page);
  await page.getByRole('button', { name: /^Filters/ }).click();
  await expect(page.getByRole('button', { name: new RegExp(tag.name) })).toBeVisible();
  expect(await overflow(), 'horizontal overflow on /insights with the filters unfolded').toBeLessThanOrEqual(0);
});
