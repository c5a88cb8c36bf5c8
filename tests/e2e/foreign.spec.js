// Sites read from another generator's root (`make foreign-sites`): the Hugo, Jekyll, Zola and
// Astro fixtures of crates/quire-compiler/tests/fixtures/foreign, each served at the root of its
// own port by the plain static server, which does not apply `_redirects`. A reader who follows
// an old address, as the old generator published it (EXPECTED.md), reaches the article at its
// new one through the page the compiler leaves at the old path; every `_redirects` rule has such
// a page; and what the import carried over (bundle images, titles, no category) shows.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test, expect, waitForApp } from './fixtures.js';

// The ports playwright.config.js serves each site on.
const PORTS = { hugo: 4177, jekyll: 4178, zola: 4179, astro: 4180 };

function origin(generator) {
  return `http://127.0.0.1:${PORTS[generator]}`;
}

/** A site's moved-page rules from its `_redirects` file on disk: old path -> new path. */
function movedPages(generator) {
  const file = new URL(`../../target/e2e-foreign/${generator}/_redirects`, import.meta.url);
  const moved = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [from, to, status] = line.trim().split(/\s+/);
    if (status === '301') moved.set(from, to);
  }
  return moved;
}

// [generator, old address, new slug, the article's title, the rule that made the old address]
const OLD_ADDRESSES = [
  ['hugo', '/2024/03/cold-cache-builds-measured/', 'cold-cache-builds', 'Cold Cache Builds, Measured', 'permalink rule, slug from the title'],
  ['hugo', '/2024/02/queue/backpressure-old/', 'queue-backpressure', 'Backpressure for the Build Queue', 'relative alias'],
  ['hugo', '/archive/dns-cutover/', 'dns-cutover', 'Cutting Over Internal DNS Without a Freeze', '`url` front matter'],
  ['jekyll', '/engineering/notes/2023/01/29/upgrading-to-jekyll-4.html', 'upgrading-to-jekyll-4', 'Upgrading This Blog to Jekyll 4', 'default permalink with categories, .html'],
  ['jekyll', '/blog/rollback-drills/', 'rollback-drills', 'Why We Rehearse Rollbacks', 'redirect_from'],
  ['jekyll', '/rollbacks', 'rollback-drills', 'Why We Rehearse Rollbacks', 'redirect_from without a slash'],
  // No `title` in its front matter: Jekyll names it after its file.
  ['jekyll', '/2021/11/03/the-quiet-refactor.html', 'the-quiet-refactor', 'The Quiet Refactor', 'default permalink, untitled post'],
  ['zola', '/2020/06/15/zero-downtime-migrations/', 'zero-downtime-migrations', 'Zero-Downtime Schema Migrations', '`path` front matter'],
  ['zola', '/2019/05/retiring.html', 'retiring-the-old-blog', 'Retiring the Old Blog', '`.html` alias'],
  ['astro', '/blog/series/part-one/', 'part-one', 'Building a Status Page, Part One', 'collection id with a sub-folder'],
];

// The old address answers with the compiler's redirect page first, so the fixtures' wait for the
// app on `goto` would look at the wrong page; these tests wait for the article themselves.
test.use({ awaitApp: false });

function articleTitle(page) {
  return page.locator('main').getByRole('heading', { level: 1 });
}

for (const [generator, from, slug, title, rule] of OLD_ADDRESSES) {
  test(`${generator}: the old address ${from} (${rule}) leads to /insights/${slug}`, async ({ page }) => {
    const to = `/insights/${slug}/`;
    expect(movedPages(generator).get(from), `_redirects rule for ${from}`).toBe(to);
    await page.goto(`${origin(generator)}${from}`);
    await expect(page).toHaveURL(new RegExp(`${to}$`));
    await waitForApp(page);
    await expect(articleTitle(page)).toHaveText(title);
  });
}

test('every _redirects rule is also a page at the old path that sends the reader to the same place', async ({ request }) => {
  for (const generator of Object.keys(PORTS)) {
    const moved = movedPages(generator);
    expect(moved.size, `${generator} moved pages`).toBeGreaterThan(0);
    for (const [from, to] of moved) {
      const response = await request.get(`${origin(generator)}${from}`, { maxRedirects: 0 });
      expect(response.status(), `${generator} ${from}`).toBe(200);
      expect(await response.text(), `${generator} ${from}`).toContain(`<meta http-equiv="refresh" content="0; url=${to}">`);
    }
  }
});

test("a Hugo page bundle's image is published beside its article and loads", async ({ page, request }) => {
  await page.goto(`${origin('hugo')}/insights/cold-cache-builds`);
  await waitForApp(page);
  const diagram = page.locator('main article').getByRole('img', { name: 'Layers of the build cache, from registry to local disk' });
  await diagram.scrollIntoViewIfNeeded();
  // Served as the build wrote it, at its own width (4 px), in WebP; the original stays beside
  // the article.
  expect(new URL(await diagram.evaluate((img) => img.currentSrc)).pathname).toMatch(/^\/_img\/diagram\.[0-9a-f]{16}-4\.webp$/);
  // With `srcset`, the natural width is the width `sizes` gives it: the image loaded and drew.
  await expect.poll(() => diagram.evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  expect((await request.get(`${origin('hugo')}/insights/cold-cache-builds/diagram.png`)).status()).toBe(200);
});

test('an article without a category shows no category label, before and after the app takes over', async ({ page, request }) => {
  const categoryLinks = (scope) => scope.locator('.article__header a[href*="/category/"]');
  // The control: an article with categories shows its first one.
  await page.goto(`${origin('hugo')}/insights/cold-cache-builds`);
  await waitForApp(page);
  await expect(categoryLinks(page.locator('main'))).toHaveText(['Infrastructure']);

  const prerendered = await (await request.get(`${origin('hugo')}/insights/on-call-handoff`)).text();
  const header = prerendered.match(/<header class="article__header">.*?<\/header>/s)?.[0] ?? '';
  expect(header).toContain('The Monday On-Call Handoff');
  expect(header).toContain('article-meta__date');
  expect(header).not.toContain('article-meta__category');
  await page.goto(`${origin('hugo')}/insights/on-call-handoff`);
  await waitForApp(page);
  await expect(articleTitle(page)).toHaveText('The Monday On-Call Handoff');
  await expect(page.locator('main .article__header .article-meta__date')).toBeVisible();
  await expect(categoryLinks(page.locator('main'))).toHaveCount(0);
});

// The Hugo site of crates/quire-compiler/tests/fixtures/templates, whose post uses Hugo's own
// shortcodes, math and a disclosure (served on the port after the four sites above).
const TEMPLATES_ORIGIN = 'http://127.0.0.1:4181';
const SHORTCODES_POST = `${TEMPLATES_ORIGIN}/insights/embeds-and-math`;
const THUMBNAIL = new URL('../../crates/quire-compiler/tests/fixtures/templates/hugo/static/img/chart.png', import.meta.url).pathname;

/** Answers the video thumbnail's request with a local image: tests never leave the machine. */
async function serveThumbnails(page) {
  await page.route('https://i.ytimg.com/**', (route) => route.fulfill({ path: THUMBNAIL, contentType: 'image/png' }));
}

test.describe('a post of Hugo shortcodes', () => {
  test('shows link cards, math and a disclosure, no template syntax and no CSP violation', async ({ page, request }) => {
    const prerendered = await (await request.get(SHORTCODES_POST)).text();
    for (const rendered of ['class="embed-card"', '<math display="block">', '<details>', 'code-line-marked']) {
      expect(prerendered, `pre-rendered page holds ${rendered}`).toContain(rendered);
    }
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    await serveThumbnails(page);
    await page.goto(SHORTCODES_POST);
    await waitForApp(page);
    const body = page.locator('main article.article');
    const cards = body.locator('a.embed-card');
    await expect(cards).toHaveCount(3);
    await expect(body.getByRole('link', { name: /A talk on build caches/ })).toHaveAttribute('href', 'https://www.youtube.com/watch?v=ZJthWmvUzzc');
    await expect(body.getByRole('link', { name: /img\.html, a gist by spf13/ })).toHaveAttribute('href', 'https://gist.github.com/spf13/7896402#file-img-html');
    await expect(body.locator('iframe')).toHaveCount(0);
    const thumbnail = cards.first().locator('img');
    await thumbnail.scrollIntoViewIfNeeded();
    await expect.poll(() => thumbnail.evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

    const display = body.locator('math[display="block"]');
    await expect(display).toBeVisible();
    // Drawn as MathML by the browser: a formula has height, not a line of TeX.
    expect((await display.boundingBox()).height).toBeGreaterThan(10);
    await expect(body.locator('math')).toHaveCount(2);

    const details = body.locator('details');
    await expect(details.getByText('We counted')).toBeHidden();
    await details.locator('summary').click();
    await expect(details.getByText('We counted')).toBeVisible();

    // Line numbers are drawn, not text: the code reads (and copies) without them.
    const code = body.locator('pre code.language-go');
    await expect(code.locator('.code-line-marked')).toHaveCount(1);
    expect(await code.innerText()).toMatch(/^func budget/);

    await page.setViewportSize({ width: 320, height: 640 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'no sideways scrolling at 320 px').toBeLessThanOrEqual(0);

    const text = await body.innerText();
    for (const syntax of ['{{<', '{{%', '\\(', '$$']) {
      expect(text.replaceAll('{{< youtube id >}}', ''), `no ${syntax} shown`).not.toContain(syntax);
    }
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
  });
});

test.describe('a post of Hugo shortcodes, for axe', () => {
  // axe is injected as an inline script, which the site's CSP rightly refuses.
  test.use({ bypassCSP: true });

  for (const colorScheme of ['light', 'dark']) {
    test(`passes axe-core in the ${colorScheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await serveThumbnails(page);
      await page.goto(SHORTCODES_POST);
      await waitForApp(page);
      await page.locator('main details summary').click();
      await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
      const result = await page.evaluate(() =>
        window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }),
      );
      const violations = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      expect(violations).toEqual([]);
    });
  }
});
