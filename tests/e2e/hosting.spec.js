// Static hosting: the built dist/ on a server with no rewrite rules, at the root and (project
// dist-blog) under /blog/. Every route is a file with its own head tags and readable content,
// the app hydrates it in place without a flash, nothing escapes the base, the CSP holds, and every text
// file has precompressed copies.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { test, expect, articleBody, holdRequests, waitForApp } from './fixtures.js';

/** The path the site is served under in this project: `/` or `/blog/`. */
function basePath(testInfo) {
  const path = new URL(testInfo.project.use.baseURL).pathname;
  return path.endsWith('/') ? path : `${path}/`;
}

function pad(month) {
  return String(month).padStart(2, '0');
}

/** One route of each kind, relative to the base. */
function sampleRoutes(manifest) {
  const month = manifest.archive[0];
  return {
    home: '',
    insights: 'insights',
    article: `insights/${manifest.latest[0].slug}`,
    category: `category/${manifest.categories.find((c) => c.count > 0).slug}`,
    tag: `tag/${manifest.tags[0].slug}`,
    archive: 'archive',
    tags: 'tags',
    year: `archive/${month.year}`,
    month: `archive/${month.year}/${pad(month.month)}`,
    ...(manifest.case_studies.length
      ? { studies: 'case-studies', study: `case-studies/${manifest.case_studies[0].slug}` }
      : {}),
    ...(manifest.pages.length ? { page: manifest.pages[0].slug } : {}),
  };
}

/** Root-relative URLs in a page's markup (href and src attributes). */
function rootRelativeUrls(html) {
  return [...html.matchAll(/\s(?:href|src)=["']?([^"'\s>]+)/g)]
    .map((match) => match[1].replaceAll('&amp;', '&'))
    .filter((url) => url.startsWith('/') && !url.startsWith('//'));
}

test('a deep link to an article, a category and an archive month is a file: 200 and the right page', async ({ page, request, manifest }) => {
  const routes = sampleRoutes(manifest);
  const month = manifest.archive[0];
  const expectations = [
    [routes.article, manifest.latest[0].title],
    [routes.category, manifest.categories.find((c) => c.count > 0).name],
    [routes.month, `Archive: ${new Date(Date.UTC(month.year, month.month - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${month.year}`],
  ];
  for (const [route, heading] of expectations) {
    const response = await request.get(route);
    expect(response.status(), route).toBe(200);
    expect(await response.text()).toContain(heading.replaceAll('&', '&amp;'));
    await page.goto(route);
    await waitForApp(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  }
});

test('an unknown path is answered by 404.html with status 404, and the app shows its not-found page', async ({ page, request }) => {
  const response = await request.get('no/such/page');
  expect(response.status()).toBe(404);
  expect(await response.text()).toContain('This page does not exist');
  await page.goto('no/such/page');
  await waitForApp(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist');
});

test('every route has its own title, description, canonical URL, Open Graph, Twitter tags and JSON-LD in its HTML', async ({ request, manifest }, testInfo) => {
  const base = basePath(testInfo);
  const routes = sampleRoutes(manifest);
  const titles = new Set();
  for (const [kind, route] of Object.entries(routes)) {
    const html = await (await request.get(route)).text();
    const title = html.match(/<title>([^<]*)<\/title>/)[1];
    titles.add(title);
    for (const tag of ['name="description"', 'property="og:title"', 'property="og:description"', 'property="og:type"', 'name="twitter:card"', 'name="twitter:title"']) {
      expect(html, `${kind}: ${tag}`).toContain(`<meta ${tag} content="`);
    }
    if (manifest.site.base_url) {
      const canonical = kind === 'home' ? `${manifest.site.base_url}/` : `${manifest.site.base_url}/${route}/`;
      const canonicalLink = html.match(/<link [^>]*rel="canonical"[^>]*>/)?.[0] ?? '';
      expect(canonicalLink, `${kind}: canonical`).toContain(`href="${canonical}"`);
      expect(new URL(canonical).pathname.startsWith(base) || new URL(canonical).pathname === base.slice(0, -1)).toBe(true);
      expect(html).toContain(`href="${base}feed.xml"`);
    }
  }
  expect(titles.size, 'no two routes share a title').toBe(Object.keys(routes).length);

  const article = manifest.latest[0];
  const html = await (await request.get(routes.article)).text();
  expect(html).toContain('<meta property="og:type" content="article"');
  const jsonLd = JSON.parse(html.match(/<script type="application\/ld\+json"[^>]*>([^<]*)<\/script>/)[1]);
  expect(jsonLd['@type']).toBe('BlogPosting');
  expect(jsonLd.headline).toBe(article.title);
  expect(jsonLd.datePublished).toBe(article.date);
});

/** The site paths (with their query) of the absolute URLs in an XML file's <loc>, <link> and href. */
function xmlPaths(xml) {
  const urls = [...xml.matchAll(/<(?:loc|link)>([^<]+)<\/(?:loc|link)>/g), ...xml.matchAll(/<link\b[^>]*\bhref="([^"]+)"/g)].map((match) => match[1]);
  return urls.map((url) => new URL(url.replaceAll('&amp;', '&'))).map((url) => url.pathname + url.search);
}

test('no address Quire makes is redirected by a host that sends a folder to its slash form: links, canonical URLs, sitemap and feeds', async ({ request, manifest }) => {
  const made = new Set();
  for (const route of [...Object.values(sampleRoutes(manifest)), 'no/such/page']) {
    const html = await (await request.get(route)).text();
    for (const url of rootRelativeUrls(html)) made.add(url.split('#')[0]);
    const canonical = html.match(/<link [^>]*rel="canonical"[^>]*>/)?.[0].match(/href="([^"]+)"/)?.[1];
    if (canonical) made.add(new URL(canonical).pathname);
  }
  if (manifest.site.base_url) {
    for (const file of ['sitemap.xml', 'feed.xml', 'atom.xml']) {
      for (const path of xmlPaths(await (await request.get(file)).text())) made.add(path);
    }
  }
  expect(made.size).toBeGreaterThan(40);
  for (const url of made) {
    const response = await request.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(200);
  }
});

test('an address without the slash, the URL contract\'s older form, still leads to the page, which the app shows at its folder address', async ({ page, request, manifest }, testInfo) => {
  const base = basePath(testInfo);
  const article = manifest.latest[0];
  const old = `insights/${article.slug}`;
  const answer = await request.get(old, { maxRedirects: 0 });
  // A host serves the folder's page or sends the reader to its slash form, once.
  if (answer.status() === 301) {
    expect(answer.headers().location).toBe(`${base}${old}/`);
    expect((await request.get(answer.headers().location, { maxRedirects: 0 })).status()).toBe(200);
  } else {
    expect(answer.status()).toBe(200);
  }
  await page.goto(old);
  await expect(page).toHaveURL(new RegExp(`${base}${old}/$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
  await page.goto('insights?sort=oldest#main');
  await expect(page).toHaveURL(new RegExp(`${base}insights/\\?sort=oldest#main$`));
  await expect(page.locator('main article').first()).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, awaitApp: false });

  test('an article can be read and every link on it leads to a page', async ({ page, request, manifest }, testInfo) => {
    const base = basePath(testInfo);
    const article = manifest.latest[1];
    const body = await articleBody(request, manifest, article.slug);
    await page.goto(`insights/${article.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
    const firstParagraph = body.html.match(/<p>([^<&]{20,})/)?.[1];
    if (firstParagraph) await expect(page.locator('.article__body')).toContainText(firstParagraph.slice(0, 40).replaceAll('&amp;', '&'));

    // The header's search box and theme toggle would do nothing here.
    await expect(page.locator('[data-needs-js]')).toHaveCount(2);
    for (const standIn of await page.locator('[data-needs-js]').all()) await expect(standIn).toBeHidden();

    const links = await page.locator('a[href^="/"]').evaluateAll((anchors) => [...new Set(anchors.map((a) => a.getAttribute('href')))]);
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) {
      expect(link.startsWith(base), `${link} stays under ${base}`).toBe(true);
      const response = await request.get(link);
      expect(response.status(), link).toBe(200);
    }

    // Following links is plain page loads: older article, then its category, then the archive.
    await page.getByRole('link', { name: /^Older/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(manifest.latest[2].title);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Archive' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Archive');
    await expect(page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]')).toHaveText('Archive');

    // A listing's filter bar is hidden too: the archive is the way in.
    await page.goto('insights');
    await expect(page.locator('[data-needs-js]')).toHaveCount(3);
    for (const standIn of await page.locator('[data-needs-js]').all()) await expect(standIn).toBeHidden();
  });

  test('every article is reachable through the archive months', async ({ page, manifest }) => {
    let listed = 0;
    for (const month of manifest.archive) {
      await page.goto(`archive/${month.year}/${pad(month.month)}`);
      const cards = page.locator('main article');
      await expect(cards).toHaveCount(month.count);
      listed += month.count;
    }
    expect(listed).toBe(manifest.article_count);
  });
});

/** The wasm module, held back to keep the served page as it was served while a test reads it. */
const APP_WASM = /_bg\.wasm$/;

/**
 * What a reader's browser shows of `#app`: every element with its attributes (but those the
 * app sets on purpose once it runs, `ignored`) and its own text, in document order. Hydration
 * comments are left out: they mark where views begin and end and show nothing.
 */
function servedTree(page, ignored) {
  return page.locator('#app').evaluate((app, ignored) => {
    const out = [];
    const walk = (element) => {
      const attributes = [...element.attributes]
        .filter((attribute) => !ignored.includes(attribute.name))
        .map((attribute) => `${attribute.name}=${attribute.value}`)
        .sort();
      const text = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent)
        .join('');
      out.push(`${element.tagName} ${attributes.join(' ')} | ${text}`);
      for (const child of element.children) walk(child);
    };
    for (const child of app.children) walk(child);
    return out;
  }, ignored);
}

test.describe('hydration', () => {
  test.use({ awaitApp: false });

  test('on every route kind the app makes the served page its own: the same nodes, the same tree, no loading state', async ({ page, manifest }) => {
    test.setTimeout(120_000);
    await page.addInitScript(() => {
      // Records whether a loading placeholder is ever visible, at every frame.
      window.__sawLoading = false;
      const watch = () => {
        for (const element of document.querySelectorAll('.loading-state')) {
          if (element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) window.__sawLoading = true;
        }
        requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    });
    const routes = Object.entries({ ...sampleRoutes(manifest), search: 'search' });
    expect(routes.length).toBeGreaterThan(11);
    for (const [kind, route] of routes) {
      const release = await holdRequests(page, APP_WASM);
      await page.goto(route, { waitUntil: 'domcontentloaded' });
      await expect(page.locator('#app main h1')).toBeVisible();
      // A node of <main> and of the header, tagged before the app exists.
      await page.locator('#app main h1').evaluate((heading) => { heading.__served = true; });
      await page.locator('#app .site-header__brand').evaluate((brand) => { brand.__served = true; });
      // What the app sets on purpose once it runs: the section being read in an article's
      // contents, and a view's busy state while it loads what the page did not hold.
      const ignored = ['aria-current', 'aria-busy'];
      const before = await servedTree(page, ignored);
      release();
      await waitForApp(page);
      await page.unroute(APP_WASM);
      // The app is interactive: its theme toggle answers a click.
      const toggle = page.locator('.theme-toggle');
      const label = await toggle.textContent();
      await toggle.click();
      await expect(toggle).not.toHaveText(label);
      await toggle.click();
      await toggle.click();
      await expect(toggle).toHaveText(label);
      expect(await page.locator('#app main h1').evaluate((heading) => heading.__served === true), `${kind}: the served heading is the app's`).toBe(true);
      expect(await page.locator('#app .site-header__brand').evaluate((brand) => brand.__served === true), `${kind}: the served header is the app's`).toBe(true);
      const after = await servedTree(page, ignored);
      expect(after.length, `${kind}: a whole page`).toBeGreaterThan(10);
      // Every route is the tree it was served; search without words is served its prompt.
      expect(after, `/${route}`).toEqual(before);
      expect(await page.evaluate(() => window.__sawLoading), `${kind}: no loading state`).toBe(false);
      await expect(page.locator('head meta[name="description"]')).toHaveCount(1);
    }
  });

  test('a listing opened with filters in its address shows a placeholder, never entries the filters exclude, until the app applies them', async ({ page, manifest }) => {
    const release = await holdRequests(page, APP_WASM);
    await page.goto('insights?sort=oldest', { waitUntil: 'domcontentloaded' });
    await expect(page.locator('#app main h1')).toBeVisible();
    await expect(page.locator('[data-query-pending]')).toBeVisible();
    await expect(page.locator('.filtered-listing__results')).toBeHidden();
    await expect(page.locator('.article-card').first()).toBeHidden();
    release();
    await waitForApp(page);
    await page.unroute(APP_WASM);
    await expect(page.locator('[data-query-pending]')).toBeHidden();
    const newest = manifest.latest[0].title;
    await expect(page.locator('.article-card').first()).toBeVisible();
    await expect(page.locator('.article-card h3').first()).not.toHaveText(newest);
  });
});

test.describe('hydration after a deploy', () => {
  test.use({ awaitApp: false, allowedConsoleErrors: [/Failed to load resource|manifest could not be read/] });

  test('a page served before the site was deployed again, whose manifest is gone, is rendered afresh from the live one', async ({ page, manifest }) => {
    await page.route('**/bundle/manifest.*.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
    const release = await holdRequests(page, APP_WASM);
    await page.goto(`insights/${manifest.latest[0].slug}`, { waitUntil: 'domcontentloaded' });
    await page.locator('#app main h1').evaluate((heading) => { heading.__served = true; });
    release();
    await waitForApp(page);
    await expect(page.locator('#app main h1')).toHaveText(manifest.latest[0].title);
    expect(await page.locator('#app main h1').evaluate((heading) => heading.__served === true), 'rendered afresh, not hydrated').toBe(false);
    await expect(page.locator('head meta[name="description"]')).toHaveCount(1);
    await expect(page.locator('.theme-toggle')).toBeVisible();
  });
});

test.describe('hydration on a phone-sized screen', () => {
  test.use({ awaitApp: false, viewport: { width: 360, height: 740 } });

  test('moves nothing the reader sees: the header, the listing\'s filter bar and its entries stay where they were served', async ({ page, manifest }) => {
    const { category, tag } = sampleRoutes(manifest);
    for (const route of ['', 'insights', category, tag, `insights/${manifest.latest[0].slug}`]) {
      const release = await holdRequests(page, APP_WASM);
      await page.goto(route, { waitUntil: 'domcontentloaded' });
      const box = (selector) => page.locator(selector).first().evaluate((element) => {
        const { top, left, width, height } = element.getBoundingClientRect();
        return { top, left, width, height };
      });
      const seen = async () => {
        const listing = route.startsWith('insights/') || route === '' ? {} : {
          bar: await box('#app .filter-bar'),
          toggle: await box('#app .filter-bar__toggle'),
          panelShown: await page.locator('#app .filter-bar__panel').evaluate((panel) => getComputedStyle(panel).display !== 'none'),
          firstEntry: await box('#app .article-card'),
          offered: await page.locator('#app .filter-bar').evaluate((bar) =>
            [...bar.querySelectorAll('label, legend, .tag-toggle')].map((element) => element.textContent.trim())),
        };
        return {
          heading: await box('#app main h1'),
          search: await box('#app .site-search'),
          current: await page.locator('#app .site-header [aria-current="page"]').allTextContents(),
          ...listing,
        };
      };
      await expect(page.locator('#app main h1')).toBeVisible();
      const before = await seen();
      release();
      await waitForApp(page);
      await page.unroute(APP_WASM);
      const after = await seen();
      expect(after, `/${route}`).toEqual(before);
      if (before.offered) expect(before.offered.length, `/${route}`).toBeGreaterThan(5);
    }
  });
});

test.describe('when the app cannot load', () => {
  test.use({ awaitApp: false, allowedConsoleErrors: [/Failed to load resource|The app could not start/] });

  test('the served page stays readable and drops the app\'s controls', async ({ page, manifest }) => {
    await page.route(APP_WASM, (route) => route.abort());
    const article = manifest.latest[0];
    await page.goto(`insights/${article.slug}`);
    await expect(page.locator('main h1')).toHaveText(article.title);
    await expect(page.locator('.article__body')).toBeVisible();
    await expect(page.locator('html[data-js]')).toHaveCount(0);
    for (const control of await page.locator('[data-needs-js]').all()) await expect(control).toBeHidden();
  });
});

test('after the takeover, links navigate inside the app without a page load', async ({ page, manifest }, testInfo) => {
  const base = basePath(testInfo);
  await page.goto('');
  await waitForApp(page);
  await page.evaluate(() => (window.__samePage = true));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${base}insights/$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All articles');
  await page.locator('main article h3 a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(manifest.latest[0].title);
  expect(await page.evaluate(() => window.__samePage)).toBe(true);
});

test('nothing the app links, loads or fetches leaves the base path', async ({ page, manifest }, testInfo) => {
  const base = basePath(testInfo);
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  for (const route of Object.values(sampleRoutes(manifest))) {
    await page.goto(route);
    await waitForApp(page);
    const hrefs = await page.locator('a[href^="/"]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    for (const href of hrefs) expect(href.startsWith(base), `${route}: link ${href}`).toBe(true);
  }
  for (const path of requested) expect(path.startsWith(base), `request ${path}`).toBe(true);
});

test('the raw HTML of every route keeps every link and asset under the base path', async ({ request, manifest }, testInfo) => {
  const base = basePath(testInfo);
  for (const route of [...Object.values(sampleRoutes(manifest)), 'no/such/page']) {
    const html = await (await request.get(route)).text();
    for (const url of rootRelativeUrls(html)) expect(url.startsWith(base), `${route}: ${url}`).toBe(true);
    expect(html).toContain(`<base href=${base}>`);
  }
});

test('the Content-Security-Policy is sent and met: no violation on any route', async ({ page, request, manifest }) => {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const header = (await request.get('')).headers()['content-security-policy'];
  expect(header).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(header).not.toContain('unsafe-inline');
  expect(header).not.toContain("'unsafe-eval'");
  for (const route of [...Object.values(sampleRoutes(manifest)), 'no/such/page']) {
    await page.goto(route);
    await waitForApp(page);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("style-src 'self'");
    expect(await page.evaluate(() => window.__violations), route).toEqual([]);
  }
});

test('the first paint needs the page alone: its stylesheet and theme script are inline, allowed by their hashes', async ({ page, request, manifest }) => {
  const header = (await request.get('')).headers()['content-security-policy'];
  for (const route of [`insights/${manifest.latest[0].slug}`, 'insights', 'no/such/page']) {
    await page.goto(route);
    expect(await page.locator('link[rel="stylesheet"]').count(), route).toBe(0);
    expect(await page.locator('head style').count(), route).toBe(1);
    // Styled: the stylesheet's custom properties are in force before the app runs.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--color-bg').trim()), route).not.toBe('');
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(header.startsWith(meta), route).toBe(true);
    const inline = await page.evaluate(async () => {
      const hash = async (text) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))))}'`;
      return {
        styles: await Promise.all([...document.querySelectorAll('style')].map((style) => hash(style.textContent))),
        scripts: await Promise.all([...document.querySelectorAll('script:not([src]):not([type])')].map((script) => hash(script.textContent))),
      };
    });
    expect(inline.scripts.length, route).toBeGreaterThan(0);
    for (const source of inline.styles) expect(meta, route).toContain(`style-src 'self' ${source}`);
    for (const source of inline.scripts) expect(meta, route).toContain(source);
  }
  // No request holds the first paint.
  const blocking = await page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.renderBlockingStatus === 'blocking').map((entry) => entry.name));
  expect(blocking).toEqual([]);
});

test('the app\'s files are fetched only after the pre-rendered page has painted', async ({ page, manifest }) => {
  await page.goto(`insights/${manifest.latest[0].slug}`);
  await waitForApp(page);
  const order = await page.evaluate(() => {
    const firstPaint = performance.getEntriesByName('first-contentful-paint')[0];
    const app = performance.getEntriesByType('resource').filter((entry) => /\.(wasm|js)$/.test(new URL(entry.name).pathname) && /quire-/.test(entry.name));
    // The entry (glue, module, chunk loader) and the chunks of the page's split point.
    const split = document.querySelector('meta[name="quire-app"]').dataset.split.split(' ');
    const point = document.getElementById('app').dataset.splitPoint;
    const chunks = split.find((entry) => entry.startsWith(`${point}:`)).split(':')[1].split(',');
    return { painted: firstPaint?.startTime, requested: app.map((entry) => entry.startTime), expected: 3 + chunks.length };
  });
  expect(order.painted).toBeGreaterThan(0);
  expect(order.requested).toHaveLength(order.expected);
  for (const requested of order.requested) expect(requested).toBeGreaterThan(order.painted);
});

test('every text asset has .br and .gz copies with the same bytes', async ({ request, manifest }) => {
  const html = await (await request.get('')).text();
  const assets = rootRelativeUrls(html).filter((url) => /\.(js|css|wasm|svg)$/.test(url));
  // The app's own two files are named in boot.js's <meta>, not linked.
  const wasm = html.match(/data-wasm="?([^" >]+\.wasm)/)[1];
  const appModule = html.match(/data-js="?([^" >]+\.js)/)[1];
  const checked = [
    ...assets,
    wasm,
    appModule,
    'index.html',
    `insights/${manifest.latest[0].slug}/index.html`,
    '404.html',
    'bundle/manifest.json',
    `bundle/${manifest.shards[0].path}`,
    'feed.xml',
    'sitemap.xml',
  ];
  expect(assets.some((url) => url.endsWith('.js'))).toBe(true);
  for (const url of checked) {
    const original = await (await request.get(url)).body();
    const brotli = await request.get(`${url}.br`);
    const gzip = await request.get(`${url}.gz`);
    expect(brotli.status(), `${url}.br`).toBe(200);
    expect(gzip.status(), `${url}.gz`).toBe(200);
    expect(brotliDecompressSync(await brotli.body()).equals(original), `${url}.br`).toBe(true);
    expect(gunzipSync(await gzip.body()).equals(original), `${url}.gz`).toBe(true);
  }
});

test('a moved page\'s old address sends the reader to it, by host rule and without one', async ({ page, request }, testInfo) => {
  const base = basePath(testInfo);
  const rules = (await (await request.get('_redirects')).text()).split('\n').filter((rule) => rule.endsWith(' 301'));
  expect(rules.length, 'the demo moved an article').toBeGreaterThan(0);
  for (const rule of rules) {
    const [from, to] = rule.split(/\s+/);
    // This server applies no redirect rules: the page standing at the old path does it.
    await page.goto(from.slice(base.length));
    await expect(page).toHaveURL(new RegExp(`${to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    await waitForApp(page);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
});

/** The newest article with a table of contents and a footnote. */
async function articleWithPlaces(request, manifest) {
  for (const candidate of manifest.latest) {
    const body = await articleBody(request, manifest, candidate.slug);
    if (body.toc.length >= 3 && body.html.includes('footnote-reference')) return candidate;
  }
  throw new Error('the demo has an article with contents and a footnote');
}

/** Follows links to places on an article (each kind) and checks the reader stays on it. */
async function followPlacesOnTheArticle(page, article, base) {
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const path = `${base}insights/${article.slug}/`;
  const stays = async (fragment) => {
    await expect(page).toHaveURL(new RegExp(`${escape(path)}#${escape(fragment)}$`));
    await expect(page.locator(`[id="${fragment}"]`)).toBeInViewport();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
  };
  const entry = page.getByRole('navigation', { name: 'On this page' }).getByRole('link').nth(2);
  const heading = (await entry.getAttribute('href')).split('#')[1];
  await entry.click();
  await stays(heading);
  await page.locator('.article__body .footnote-reference a').first().click();
  await stays((await page.locator('.article__body .footnote-reference a').first().getAttribute('href')).split('#')[1]);
  await page.locator('.article__body .heading-anchor').nth(1).click();
  await stays((await page.locator('.article__body .heading-anchor').nth(1).getAttribute('href')).split('#')[1]);
  // The skip link leads to the page's main landmark, and the next Tab starts there.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('.skip-link').first().focus();
  await page.keyboard.press('Enter');
  await stays('main');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement.closest('main') !== null)).toBe(true);
}

test('links to places on a page stay on it: contents, footnotes, heading anchors, the skip link', async ({ page, manifest, request }, testInfo) => {
  const article = await articleWithPlaces(request, manifest);
  await page.goto(`insights/${article.slug}`);
  await waitForApp(page);
  await page.evaluate(() => (window.__samePage = true));
  await followPlacesOnTheArticle(page, article, basePath(testInfo));
  expect(await page.evaluate(() => window.__samePage)).toBe(true);
});

test.describe('without JavaScript, links to places on a page', () => {
  test.use({ javaScriptEnabled: false, awaitApp: false });

  test('stay on it too', async ({ page, manifest, request }, testInfo) => {
    const article = await articleWithPlaces(request, manifest);
    await page.goto(`insights/${article.slug}`);
    await followPlacesOnTheArticle(page, article, basePath(testInfo));
  });
});

test.describe('links the app has no page for', () => {
  // Chromium's own XML viewer styles the feed inline, which the site's policy (sent for every
  // path) refuses; the app's pages are held to it by the Content-Security-Policy test. Failed
  // requests are checked one by one below instead: for a document without an icon of its own,
  // Chromium asks for /favicon.ico at the origin's root, which a site under /blog/ cannot serve.
  // (One pattern: Playwright reads a second array element as the option's settings.)
  test.use({
    allowedConsoleErrors: [
      /^(Applying inline style violates the following Content Security Policy directive|Failed to load resource: the server responded with a status of 404)/,
    ],
  });

  test('are the host\'s to answer: a feed, old addresses, an unknown path', async ({ page, request }, testInfo) => {
    const base = basePath(testInfo);
    const documents = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest()) documents.push(new URL(request.url()).pathname);
    });
    const failed = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(new URL(response.url()).pathname);
    });
    const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    /** Follows a link the way an article body's link is followed: a plain anchor, clicked. */
    const follow = async (href) => {
      await page.evaluate((href) => {
        const link = Object.assign(document.createElement('a'), { href, textContent: 'followed' });
        document.querySelector('#app main').append(link);
        link.click();
      }, href);
    };
    const home = async () => {
      await page.goBack();
      await expect(page).toHaveURL(new RegExp(`${escape(base)}$`));
      await waitForApp(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Brightline Insights');
    };
    await page.goto('');
    await waitForApp(page);

    // The demo's footer links its RSS feed: the browser loads the file, and back is the home page.
    await page.getByRole('contentinfo').getByRole('link', { name: 'RSS feed' }).click();
    await expect(page).toHaveURL(new RegExp(`${escape(base)}feed\\.xml$`));
    await expect.poll(() => page.evaluate(() => document.contentType)).toBe('application/xml');
    await home();

    // Each old address an `aliases` key keeps (one shaped like no page, one like an article's),
    // linked from inside the app, reaches the page it moved to.
    const moved = (await (await request.get('_redirects')).text()).split('\n').filter((rule) => rule.endsWith(' 301')).map((rule) => rule.split(/\s+/));
    expect(moved.some(([from]) => from.startsWith(`${base}insights/`)), 'the demo renamed an article').toBe(true);
    for (const [from, to] of moved.filter(([from]) => !from.endsWith('/'))) {
      await follow(from);
      await expect(page).toHaveURL(new RegExp(`${escape(to)}$`));
      await waitForApp(page);
      await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(/does not exist/);
      await home();
    }

    // Paths nobody serves are asked of the host once and end at the not-found page: one the app
    // leaves to the browser, and one shaped like an article's that the app looks up first.
    for (const [path, heading] of [['no/such/page.html', 'This page does not exist'], ['insights/no-such-article', 'This article does not exist']]) {
      documents.length = 0;
      await follow(`${base}${path}`);
      await expect(page).toHaveURL(new RegExp(`${escape(base + path)}$`));
      await waitForApp(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await page.evaluate(() => (window.__stayed = true));
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => window.__stayed)).toBe(true);
      expect(documents).toEqual([`${base}${path}`]);
      await home();
    }
    const expectedFailures = [`${base}no/such/page.html`, `${base}insights/no-such-article`, ...(base === '/' ? [] : ['/favicon.ico'])];
    for (const path of failed) expect(expectedFailures, `${path} failed`).toContain(path);
  });
});

test('host rules: SPA fallback to 404.html and cache headers for hashed and unhashed files', async ({ request }, testInfo) => {
  const base = basePath(testInfo);
  const prefix = base.slice(0, -1);
  const rules = (await (await request.get('_redirects')).text()).split('\n').filter(Boolean);
  // Moved pages first (the demo moved one article), then the fallback, which must come last.
  expect(rules.at(-1)).toBe(`${prefix}/*    ${prefix}/404.html    404`);
  for (const rule of rules.slice(0, -1)) expect(rule).toMatch(new RegExp(`^${prefix}/\\S+    ${prefix}/\\S+    301$`));
  const headers = await (await request.get('_headers')).text();
  expect(headers).toContain(`${prefix}/bundle/articles/*\n  Cache-Control: public, max-age=31536000, immutable`);
  expect(headers).toContain(`${prefix}/bundle/manifest.json\n  Cache-Control: no-cache`);
  expect(headers).toContain(`${prefix}/bundle/manifest.*.json\n  Cache-Control: public, max-age=31536000, immutable`);
  expect(headers).toContain(`${prefix}/*.html\n  Cache-Control: no-cache`);
});

test('every page names the manifest it was rendered with: a content-named copy of the live one', async ({ request, manifest }) => {
  const live = await (await request.get('bundle/manifest.json')).text();
  for (const route of ['', 'insights', `insights/${manifest.latest[0].slug}`, 'tags', 'archive']) {
    const html = await (await request.get(route)).text();
    const named = html.match(/<script type="application\/json" id="quire-data" data-manifest="(manifest\.[0-9a-f]{16}\.json)">/);
    expect(named, `/${route} names its manifest`).not.toBeNull();
    expect(await (await request.get(`bundle/${named[1]}`)).text(), `/${route}`).toBe(live);
  }
});
