// The reader's first slice: home lists the bundle, articles open and deep-link, unknown paths
// and failed fetches show helpful pages instead of blank ones.
import { test, expect, waitForApp, articleBody, allArticles, countLabel } from './fixtures.js';

const LISTED_ON_HOME = 13; // the hero plus the latest twelve

test('the home page lists the articles that are in the bundle', async ({ page, manifest }) => {
  await page.goto('/');
  await waitForApp(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(manifest.site.title);
  const expected = manifest.latest.slice(0, LISTED_ON_HOME);
  expect(expected.length).toBeGreaterThan(0);
  for (const article of expected) {
    await expect(page.getByRole('link', { name: article.title, exact: true }).first()).toBeVisible();
  }
  const cards = page.locator('.latest article');
  await expect(cards).toHaveCount(Math.min(manifest.article_count - 1, LISTED_ON_HOME - 1));
  const first = cards.first();
  await expect(first.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}$/);
  await expect(first).toContainText(/\d+ min read/);
});

test('clicking an article opens it, changes the URL, and back returns', async ({ page, manifest }) => {
  const article = manifest.latest[1] ?? manifest.latest[0];
  await page.goto('/');
  await waitForApp(page);
  const navigations = [];
  page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));

  await page.getByRole('link', { name: article.title, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/insights/${article.slug}/$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
  await expect(page.locator('.article__body')).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(escapeRegExp(article.title)));

  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(manifest.site.title);
  // Client-side routing: the URL changed, but the document was never reloaded.
  expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
});

test('a deep link to an article renders its body', async ({ page, manifest, request }) => {
  const listing = await (await request.get(`bundle/${manifest.shards.at(-1).path}`)).json();
  const article = listing.articles.at(-1); // the oldest: not in the manifest's own latest list
  const body = await articleBody(request, manifest, article.slug);
  const firstHeading = body.toc[0];

  await page.goto(`/insights/${article.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
  const text = page.locator('.article__body');
  await expect(text).toBeVisible();
  if (firstHeading) {
    await expect(text.getByRole('heading', { name: firstHeading.title })).toBeVisible();
    await expect(text.locator(`#${firstHeading.id}`)).toBeVisible();
  }
  await expect(page.locator('.article time').first()).toHaveAttribute('datetime', article.date);
});

test('an unknown path shows the not-found page with a way back', async ({ page, manifest }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist');
  await expect(page.getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('link', { name: manifest.latest[0].title }).first()).toBeVisible();
});

test('an unknown article slug shows the not-found page', async ({ page }) => {
  await page.goto('/insights/this-article-was-never-written');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This article does not exist');
});

test('the full list shows every article with a count', async ({ page, manifest }) => {
  await page.goto('/insights');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All articles');
  await expect(page.locator('main').getByRole('status')).toHaveText(
    manifest.article_count === 1 ? '1 article' : `${manifest.article_count} articles`,
  );
  await expect(page.locator('main article')).toHaveCount(Math.min(manifest.article_count, 24));
});

test.describe('failed fetches', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource/], servedData: false });

  test('a failed bundle fetch shows an error with a retry that recovers', async ({ page, manifest }) => {
    let failing = true;
    await page.route('**/bundle/manifest.json', (route) =>
      failing ? route.fulfill({ status: 503, body: 'unavailable' }) : route.continue(),
    );
    await page.goto('/');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The articles could not be loaded');
    await expect(alert).toContainText('503');

    failing = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(manifest.site.title);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a bundle of another schema version is refused with a clear message', async ({ page }) => {
    await page.route('**/bundle/manifest.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"schema_version": 999}' }),
    );
    await page.goto('/');
    await expect(page.getByRole('alert')).toContainText('schema version 999');
  });

  test('a failed article body shows the error in the article area only', async ({ page, manifest }) => {
    const article = manifest.latest[0];
    let failing = true;
    await page.route('**/bundle/articles/*.json', (route) =>
      failing ? route.fulfill({ status: 500, body: 'boom' }) : route.continue(),
    );
    await page.goto(`/insights/${article.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The article text could not be loaded');

    failing = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.locator('.article__body')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});

test('pages from content/pages are routed at /<slug>', async ({ page, manifest }) => {
  test.skip(manifest.pages.length === 0, 'the bundle has no pages');
  const contentPage = manifest.pages[0];
  await page.goto(`/${contentPage.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(contentPage.title);
  await expect(page.locator('main .prose')).toBeVisible();
});

test('case studies are grouped in their sections and open', async ({ page, manifest }) => {
  test.skip(manifest.case_studies.length === 0, 'the bundle has no case studies');
  await page.goto('/case-studies');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Case studies');
  for (const section of manifest.case_study_sections) {
    const studies = manifest.case_studies.filter((study) => study.sections.includes(section.slug));
    if (studies.length === 0) continue;
    const region = page.getByRole('region', { name: section.name });
    await expect(region.getByRole('listitem')).toHaveCount(studies.length);
  }
  const study = manifest.case_studies[0];
  await page.getByRole('link', { name: study.title, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/case-studies/${study.slug}/$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(study.title);
  await expect(page.locator('main .prose')).toBeVisible();
});

test('an article page links its neighbours and related articles', async ({ page, manifest, request }) => {
  const article = manifest.latest[1] ?? manifest.latest[0];
  const body = await articleBody(request, manifest, article.slug);
  await page.goto(`/insights/${article.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
  const neighbours = page.getByRole('navigation', { name: 'Newer and older articles' });
  if (body.newer) await expect(neighbours.getByRole('link', { name: new RegExp(escapeRegExp(body.newer.title)) })).toBeVisible();
  if (body.older) await expect(neighbours.getByRole('link', { name: new RegExp(escapeRegExp(body.older.title)) })).toBeVisible();
  const related = page.getByRole('region', { name: 'Related articles' });
  await expect(related.locator('article')).toHaveCount(body.related.length);
});

test('an article page repeats no summary cut from its first paragraph, and shows one its author wrote', async ({ page, manifest, request }) => {
  const articles = await allArticles(request, manifest);
  const cut = articles.find((article) => !article.own_summary);
  const own = articles.find((article) => article.own_summary);
  for (const article of [cut, own].filter(Boolean)) {
    await page.goto(`/insights/${article.slug}`);
    await waitForApp(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
    const standfirst = page.locator('main .article__summary');
    if (article.own_summary) {
      await expect(standfirst).toHaveText(article.summary);
    } else {
      await expect(standfirst).toHaveCount(0);
      const opening = (await page.locator('main .article__body p').first().textContent()).replace(/\s+/g, ' ').trim();
      expect(opening.startsWith(article.summary.replace(/…$/, ''))).toBe(true);
    }
  }
});

test('a printed article is the article alone, in the light theme, with outside links written out', async ({ page, manifest, request }) => {
  // An article that links outside the site, when one of the latest does.
  let article = manifest.latest[0];
  for (const candidate of manifest.latest) {
    if ((await articleBody(request, manifest, candidate.slug)).html.includes('href="http')) {
      article = candidate;
      break;
    }
  }
  // The reader chose the dark theme, which outranks the system's on screen.
  await page.addInitScript(() => localStorage.setItem('quire-theme', 'dark'));
  await page.goto(`/insights/${article.slug}`);
  await waitForApp(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const screenBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
  await expect(page.locator('main .article__body')).toBeVisible();
  for (const away of ['.site-header', '.site-footer', '.article-nav']) {
    await expect(page.locator(away).first()).toBeHidden();
  }
  const [background, text] = await page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return [style.backgroundColor, style.color];
  });
  expect(screenBackground).not.toBe('rgb(255, 255, 255)');
  expect(background).toBe('rgb(255, 255, 255)');
  expect(text).not.toBe(background);
  const outside = page.locator('main .article__body a[href^="http"]');
  if (await outside.count()) {
    const href = await outside.first().getAttribute('href');
    expect(await outside.first().evaluate((link) => getComputedStyle(link, '::after').content)).toBe(`" (${href})"`);
  }
  expect((await page.pdf()).length).toBeGreaterThan(1000);
});

test('the images an article loads from the site are served from its static files, sized', async ({ page, manifest, request }) => {
  let shown = 0;
  for (const article of manifest.latest) {
    const body = await articleBody(request, manifest, article.slug);
    if (!/<img[^>]+src="\//.test(body.html)) continue;
    await page.goto(`/insights/${article.slug}`);
    await waitForApp(page);
    for (const image of await page.locator('main .article__body img[src^="/"]').all()) {
      await image.scrollIntoViewIfNeeded();
      await expect.poll(() => image.evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      // Sized by the compiler, so the page kept its room before it loaded.
      const [width, height, naturalWidth, naturalHeight] = await image.evaluate((img) => [
        Number(img.getAttribute('width')), Number(img.getAttribute('height')), img.naturalWidth, img.naturalHeight,
      ]);
      expect(width, article.slug).toBeGreaterThan(0);
      expect(Math.abs(width / height - naturalWidth / naturalHeight)).toBeLessThan(0.01);
      shown += 1;
    }
  }
  expect(shown, 'the demo has at least one such image').toBeGreaterThan(0);
});

test('/tags lists every tag with articles, A to Z, and each leads to its page', async ({ page, manifest }) => {
  await page.goto('/tags');
  await waitForApp(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tags');
  const initialOf = (name) => (/^[a-z]/i.test(name) ? name[0].toUpperCase() : '#');
  const key = (tag) => [initialOf(tag.name) === '#' ? 0 : 1, initialOf(tag.name), tag.name.toLowerCase(), tag.slug];
  const compare = (a, b) => {
    for (const [x, y] of key(a).map((part, i) => [part, key(b)[i]])) if (x !== y) return x < y ? -1 : 1;
    return 0;
  };
  const expected = manifest.tags.filter((tag) => tag.count > 0).sort(compare);
  expect(expected.length).toBeGreaterThan(0);
  const rows = page.locator('main .tag-index li');
  await expect(rows).toHaveCount(expected.length);
  expect(await rows.allTextContents()).toEqual(expected.map((tag) => `${tag.name} ${countLabel(tag.count)}`));
  // One group per initial, each named by its heading.
  const initials = [...new Set(expected.map((tag) => initialOf(tag.name)))];
  await expect(page.locator('main').getByRole('region')).toHaveCount(initials.length);

  // The initials lead to their groups on the same page.
  await page.evaluate(() => (window.__samePage = true));
  const last = page.getByRole('navigation', { name: 'Tags by initial' }).getByRole('link').last();
  await expect(last).toHaveText(initials.at(-1));
  await last.click();
  await expect(page.getByRole('heading', { level: 2, name: initials.at(-1), exact: true })).toBeInViewport();
  await expect(page).toHaveURL(/\/tags\/#tags-[a-z]+$/);

  // A tag opens its listing inside the app.
  await page.getByRole('link', { name: expected[0].name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Tag: ${expected[0].name}`);
  expect(await page.evaluate(() => window.__samePage)).toBe(true);
});

test('an article names its authors under its title and in its structured data', async ({ page, manifest }) => {
  const byline = (names) => `By ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]}`;
  const signed = manifest.latest.filter((article) => article.authors?.length);
  expect(signed.length, 'the demo names its authors').toBeGreaterThan(0);
  for (const article of [signed.find((a) => a.authors.length === 1), signed.find((a) => a.authors.length > 1)].filter(Boolean)) {
    await page.goto(`/insights/${article.slug}`);
    await waitForApp(page);
    await expect(page.locator('main .article__byline')).toHaveText(byline(article.authors));
    const data = JSON.parse(await page.locator('head script[type="application/ld+json"]').last().textContent());
    expect(data.author).toEqual(article.authors.map((name) => ({ '@type': 'Person', name })));
  }
});

/** The newest article whose body has a code block. */
async function articleWithCode(request, manifest) {
  for (const candidate of manifest.latest) {
    if ((await articleBody(request, manifest, candidate.slug)).html.includes('<pre><code')) return candidate;
  }
  throw new Error('the demo has an article with a code block');
}

test.describe('a code block', () => {
  test('has a button that copies its code, from the keyboard too, and says so', async ({ page, context, manifest, request }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const article = await articleWithCode(request, manifest);
    await page.goto(`/insights/${article.slug}`);
    await waitForApp(page);
    const block = page.locator('main .article__body .code-block').first();
    const button = block.getByRole('button', { name: 'Copy code' });
    await expect(button).toHaveText('Copy');
    const code = await block.locator('code').textContent();
    expect(code.length).toBeGreaterThan(0);

    await button.focus();
    await page.keyboard.press('Enter');
    await expect(block.getByRole('status')).toHaveText('Code copied');
    await expect(button).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    // The button never covers the code: it sits above the first line.
    const [buttonBox, codeBox] = await Promise.all([button.boundingBox(), block.locator('code').boundingBox()]);
    expect(buttonBox.y + buttonBox.height).toBeLessThanOrEqual(codeBox.y);
    await expect(button).toHaveText('Copy', { timeout: 5_000 });
    await expect(block.getByRole('status')).toHaveText('');
  });

  test('selects its code for a copy by hand when the clipboard refuses', async ({ page, manifest, request }) => {
    await page.addInitScript(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
    });
    const article = await articleWithCode(request, manifest);
    await page.goto(`/insights/${article.slug}`);
    await waitForApp(page);
    const block = page.locator('main .article__body .code-block').first();
    await block.getByRole('button', { name: 'Copy code' }).click();
    await expect(block.getByRole('status')).toHaveText(/could not be copied; it is selected/);
    // (A selection's text leaves out the block's final line break.)
    expect((await page.evaluate(() => String(window.getSelection()))).trimEnd()).toBe((await block.locator('code').textContent()).trimEnd());
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false, awaitApp: false });

    test('shows no button that could do nothing', async ({ page, manifest, request }) => {
      const article = await articleWithCode(request, manifest);
      await page.goto(`/insights/${article.slug}`);
      const block = page.locator('main .code-block').first();
      await expect(block.locator('code')).toBeVisible();
      await expect(block.locator('.code-block__copy')).toBeHidden();
    });
  });
});

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('every route has its own title, description, canonical link and social cards', async ({ page, manifest }) => {
  const article = manifest.latest[0];
  await page.goto(`/insights/${article.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(article.title);
  await expect(page).toHaveTitle(`${article.title} · ${manifest.site.title}`);
  const head = page.locator('head');
  await expect(head.locator('meta[name="description"]')).toHaveAttribute('content', article.summary);
  await expect(head.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
  await expect(head.locator('meta[property="og:title"]')).toHaveAttribute('content', `${article.title} · ${manifest.site.title}`);
  // A link preview's image: the article's own, else its preview card, else the site's, as a
  // full address.
  const image = article.image ?? article.card ?? manifest.site.image;
  const imageUrl = !image ? null : image.startsWith('/') ? (manifest.site.base_url ? manifest.site.base_url + image : null) : image;
  await expect(head.locator('meta[name="twitter:card"]')).toHaveAttribute('content', imageUrl ? 'summary_large_image' : 'summary');
  if (imageUrl) {
    await expect(head.locator('meta[property="og:image"]')).toHaveAttribute('content', imageUrl);
    await expect(head.locator('meta[name="twitter:image"]')).toHaveAttribute('content', imageUrl);
    // The host serves it: the preview's fetch would find it.
    const served = await page.request.get(new URL(imageUrl).pathname);
    expect(served.status()).toBe(200);
  } else {
    await expect(head.locator('meta[property="og:image"]')).toHaveCount(0);
  }
  if (manifest.site.base_url) {
    await expect(head.locator('link[rel="canonical"]')).toHaveAttribute('href', `${manifest.site.base_url}/insights/${article.slug}/`);
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights', exact: true }).click();
  await expect(page).toHaveTitle(`All articles · ${manifest.site.title}`);
  await expect(head.locator('meta[property="og:type"]')).toHaveAttribute('content', 'website');
  await expect(head.locator('meta[name="description"]')).toHaveCount(1);
});

/** The newest article with a table of contents (three or more sections), with its body. */
async function articleWithSections(request, manifest) {
  for (const article of manifest.latest) {
    const body = await articleBody(request, manifest, article.slug);
    if (body.toc.length >= 3) return { article, body };
  }
  return null;
}

test('the table of contents marks the section being read', async ({ page, manifest, request }) => {
  const target = await articleWithSections(request, manifest);
  test.skip(!target, 'no article with three or more sections');
  await page.goto(`/insights/${target.article.slug}`);
  const toc = page.getByRole('navigation', { name: 'On this page' });
  await expect(toc.getByRole('link')).toHaveCount(target.body.toc.length);
  const last = target.body.toc.at(-1);
  await page.locator(`#${last.id}`).evaluate((heading) => window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - 10));
  await expect(toc.getByRole('link', { name: last.title, exact: true })).toHaveAttribute('aria-current', 'location');
});

test('a link to a section of another article opens that article at the section', async ({ page, manifest, request }) => {
  const target = await articleWithSections(request, manifest);
  test.skip(!target, 'no article with three or more sections');
  const from = manifest.latest.find((article) => article.slug !== target.article.slug);
  const section = target.body.toc.at(-1);
  const href = `/insights/${target.article.slug}#${section.id}`;
  await page.goto(`/insights/${from.slug}`);
  await waitForApp(page);
  // A link in the body as an author writes it: the router follows it inside the app, while the
  // article it leads to still has its body to fetch.
  await page.locator('#app main .prose').first().evaluate((prose, link) => {
    const anchor = document.createElement('a');
    anchor.href = link;
    anchor.textContent = 'to the last section';
    prose.prepend(anchor);
  }, href);
  await page.getByRole('link', { name: 'to the last section' }).click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.locator(`#${section.id}`)).toBeInViewport();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('the site ships its feeds and sitemap and links the feed from every page', async ({ page, manifest, request }) => {
  test.skip(!manifest.site.base_url, 'feeds need a base URL');
  const feed = await request.get('feed.xml');
  expect(feed.ok()).toBe(true);
  const text = await feed.text();
  for (const article of manifest.latest.slice(0, 20)) {
    expect(text).toContain(`<link>${manifest.site.base_url}/insights/${article.slug}/</link>`);
  }
  expect((await request.get('atom.xml')).ok()).toBe(true);
  expect((await request.get('sitemap.xml')).ok()).toBe(true);
  expect(await (await request.get('robots.txt')).text()).toContain(`Sitemap: ${manifest.site.base_url}/sitemap.xml`);
  await page.goto(`/insights/${manifest.latest[0].slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(manifest.latest[0].title);
  const alternate = page.locator('head link[rel="alternate"][type="application/rss+xml"]');
  await expect(alternate).toHaveAttribute('href', '/feed.xml');
  const resolved = await alternate.evaluate((link) => link.href);
  expect(new URL(resolved).pathname).toBe('/feed.xml');
});
