// Writes a Docusaurus blog holding the same articles as a Quire content folder, for `make bench`
// to weigh and time beside Quire: the blog is the home page (as Quire's Insights listing is), one
// post page per article, tags from the category and tags. Plain CommonMark (`format: 'md'`), so
// articles need no MDX escaping, as in Quire.
//
//   node bench/docusaurus/make-site.mjs <quire content folder> <site folder inside bench/docusaurus>
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { parse as parseToml } from 'smol-toml';

const [content, site] = process.argv.slice(2);
if (!content || !site) {
  console.error('usage: node make-site.mjs <content folder> <site folder>');
  process.exit(2);
}
const siteConfig = await readFile(join(content, 'site.toml'), 'utf8');
const title = /^title\s*=\s*"([^"]*)"/m.exec(siteConfig)?.[1] ?? 'Insights';
const tagline = /^tagline\s*=\s*"([^"]*)"/m.exec(siteConfig)?.[1] ?? '';

await rm(site, { recursive: true, force: true });
await mkdir(join(site, 'blog'), { recursive: true });

// The site's own files (images in articles): Docusaurus serves `static/` at its root too.
const ownFiles = join(content, 'static');
if (await stat(ownFiles).then((found) => found.isDirectory(), () => false)) {
  await cp(ownFiles, join(site, 'static'), { recursive: true });
}

const articles = join(content, 'articles');
let written = 0;
for (const name of (await readdir(articles)).filter((n) => n.endsWith('.md')).sort()) {
  const text = await readFile(join(articles, name), 'utf8');
  // Quire takes YAML (`---`) or TOML (`+++`) front matter.
  const match = /^(---|\+\+\+)\r?\n([\s\S]*?)\r?\n\1\r?\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${name}: no front matter`);
  const front = match[1] === '+++' ? parseToml(match[2]) : yaml.load(match[2], { schema: yaml.JSON_SCHEMA });
  if (front.draft) continue;
  const categories = front.category ? [front.category] : front.categories ?? [];
  const post = {
    title: front.title,
    date: String(front.date),
    slug: name.replace(/\.md$/, ''),
    tags: [...categories, ...(front.tags ?? [])],
  };
  const summary = front.summary ?? front.description;
  if (summary) post.description = summary;
  // The same bylines: Docusaurus takes inline authors as objects.
  const authors = [].concat(front.authors ?? front.author ?? []);
  if (authors.length) post.authors = authors.map((name) => ({ name }));
  // A truncate marker after the first paragraph, as a Docusaurus author would write, so the
  // blog index shows excerpts rather than whole posts.
  const body = match[3].replace(/\n\n/, '\n\n<!-- truncate -->\n\n');
  await writeFile(join(site, 'blog', `${post.slug}.md`), `---\n${yaml.dump(post)}---\n\n${body}`);
  written += 1;
}

const config = {
  title,
  tagline,
  url: 'http://127.0.0.1',
  baseUrl: '/',
  onBrokenLinks: 'ignore',
  markdown: { format: 'md', hooks: { onBrokenMarkdownLinks: 'ignore' } },
  presets: [
    [
      'classic',
      {
        docs: false,
        pages: false,
        blog: {
          routeBasePath: '/',
          showReadingTime: true,
          postsPerPage: 10,
          onInlineAuthors: 'ignore',
          onUntruncatedBlogPosts: 'ignore',
          onInlineTags: 'ignore',
        },
      },
    ],
  ],
  themeConfig: { navbar: { title } },
};
await writeFile(join(site, 'docusaurus.config.mjs'), `export default ${JSON.stringify(config, null, 2)};\n`);
console.log(`docusaurus site: ${written} posts in ${resolve(site)}`);
