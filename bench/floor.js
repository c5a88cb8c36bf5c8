// The vanilla-JS filter floor's script; see floor.html. It reads what Quire's /insights reads:
// the facet index to select and count, and the entry files of the page shown. Its words match
// titles (every title is fetched before the page says it is ready, so no change waits for them).
document.querySelector('form').addEventListener('submit', (event) => event.preventDefault());

const PAGE_SIZE = 24;
const ENTRY_CHUNK = 4;
const manifest = await (await fetch('bundle/manifest.json')).json();

/** One facet fragment: LEB128 varints behind "QSRC", a kind byte and the schema version. */
function decodeFragment(bytes) {
  let at = 5;
  const uint = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  uint();
  const count = uint();
  const days = new Int32Array(count);
  let day = 0;
  for (let i = 0; i < count; i += 1) {
    const zigzag = uint();
    day += zigzag % 2 ? -(zigzag + 1) / 2 : zigzag / 2;
    days[i] = day;
  }
  const categories = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) categories[i] = uint();
  const tagStarts = new Uint32Array(count + 1);
  for (let i = 0; i < count; i += 1) tagStarts[i + 1] = tagStarts[i] + uint();
  const tags = new Uint32Array(tagStarts[count]);
  for (let i = 0; i < tags.length; i += 1) tags[i] = uint();
  return { count, days, categories, tagStarts, tags };
}

const fragments = await Promise.all(
  manifest.facets.fragments.map(async (fragment) => decodeFragment(new Uint8Array(await (await fetch(`bundle/${fragment.path}`)).arrayBuffer()))),
);
const facts = [];
for (const fragment of fragments) {
  for (let i = 0; i < fragment.count; i += 1) {
    facts.push({ day: fragment.days[i], category: fragment.categories[i], tags: fragment.tags.subarray(fragment.tagStarts[i], fragment.tagStarts[i + 1]) });
  }
}
const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const titleFiles = await Promise.all(manifest.search.documents.map(async (path) => (await (await fetch(`bundle/${path}`)).json()).documents));
const titles = titleFiles.flat().map((document) => fold(document.title));
const months = manifest.archive.map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);
const categoryIndex = new Map(manifest.categories.map((c, i) => [c.slug, i + 1]));
const tagIndex = new Map(manifest.tags.map((t, i) => [t.slug, i]));
const entryFiles = new Map();

for (const id of ['filter-from', 'filter-to']) {
  const select = document.getElementById(id);
  select.append(new Option('Any month', ''));
  for (const month of months) select.append(new Option(month, month));
  select.addEventListener('change', () => change((q) => (q[id === 'filter-from' ? 'from' : 'to'] = select.value)));
}
document.getElementById('filter-text').addEventListener('input', (event) => change((q) => (q.text = event.target.value), true));

function readQuery() {
  const params = new URLSearchParams(location.search);
  return { categories: params.getAll('category'), tags: params.getAll('tag'), from: params.get('from') ?? '', to: params.get('to') ?? '', text: params.get('q') ?? '', page: Number(params.get('page') ?? 1) };
}

function change(edit, replace = false) {
  const query = readQuery();
  edit(query);
  const params = new URLSearchParams();
  for (const c of query.categories) params.append('category', c);
  for (const t of query.tags) params.append('tag', t);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.text) params.set('q', query.text);
  history[replace ? 'replaceState' : 'pushState'](null, '', `?${params}`);
  render();
}

function toggle(list, value) {
  const at = list.indexOf(value);
  if (at >= 0) list.splice(at, 1); else list.push(value);
}

const dayOf = (iso) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10) || 1)) / 86_400_000;
const lastDayOf = (month) => Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0) / 86_400_000;

/** The entries at `positions`, fetching the files that hold them once. */
async function entriesAt(positions) {
  const files = [...new Set(positions.map((p) => Math.floor(p / ENTRY_CHUNK)))];
  await Promise.all(files.filter((file) => !entryFiles.has(file)).map(async (file) => {
    entryFiles.set(file, (await (await fetch(`bundle/${manifest.facets.entries}/${file}.json`)).json()).articles);
  }));
  return positions.map((p) => entryFiles.get(Math.floor(p / ENTRY_CHUNK))[p % ENTRY_CHUNK]);
}

let rendering = 0;
async function render() {
  const ticket = ++rendering;
  const query = readQuery();
  const wanted = new Set(query.categories.map((slug) => categoryIndex.get(slug)));
  const tags = query.tags.map((slug) => tagIndex.get(slug));
  const from = query.from ? dayOf(query.from) : -Infinity;
  const to = query.to ? lastDayOf(query.to) : Infinity;
  const words = fold(query.text).split(/\s+/).filter(Boolean);
  const results = [];
  const categoryCounts = new Array(manifest.categories.length + 1).fill(0);
  const tagCounts = new Array(manifest.tags.length).fill(0);
  for (let i = 0; i < facts.length; i += 1) {
    const fact = facts[i];
    if (fact.day < from || fact.day > to) continue;
    if (!tags.every((t) => fact.tags.includes(t))) continue;
    if (!words.every((word) => titles[i].includes(word))) continue;
    categoryCounts[fact.category] += 1;
    if (wanted.size && !wanted.has(fact.category)) continue;
    for (const t of fact.tags) tagCounts[t] += 1;
    results.push(i);
  }
  const pages = Math.max(1, Math.ceil(results.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page || 1), pages);
  const results_ = document.querySelector('.filtered-listing__results');
  results_.setAttribute('aria-busy', 'true');
  const entries = await entriesAt(results.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE));
  if (ticket !== rendering) return;

  document.getElementById('categories').replaceChildren(...manifest.categories.map((category, index) => {
    const option = document.createElement('div');
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', id: `filter-category-${category.slug}`, checked: query.categories.includes(category.slug) });
    box.addEventListener('change', () => change((q) => toggle(q.categories, category.slug)));
    const label = Object.assign(document.createElement('label'), { htmlFor: box.id, textContent: `${category.name} (${categoryCounts[index + 1]})` });
    option.append(box, label);
    return option;
  }));
  // As Quire offers them: chosen tags first, then the most used, ties by slug.
  const chosen = (tag) => query.tags.includes(tag.slug);
  const offered = manifest.tags
    .map((tag, index) => [tag, tagCounts[index]])
    .filter(([tag, count]) => count > 0 || chosen(tag))
    .sort((a, b) => chosen(b[0]) - chosen(a[0]) || b[1] - a[1] || (a[0].slug < b[0].slug ? -1 : 1))
    .slice(0, Math.max(16, query.tags.length));
  document.getElementById('tags').replaceChildren(...offered.map(([tag, count]) => {
    const button = Object.assign(document.createElement('button'), { type: 'button', textContent: `${tag.name} ${count}` });
    button.setAttribute('aria-pressed', String(query.tags.includes(tag.slug)));
    button.addEventListener('click', () => change((q) => toggle(q.tags, tag.slug)));
    return button;
  }));
  document.getElementById('filter-text').value = query.text;
  document.getElementById('filter-from').value = query.from;
  document.getElementById('filter-to').value = query.to;
  document.querySelector('.filtered-listing__count').textContent = `${results.length} articles`;
  const list = document.createElement('div');
  list.className = 'article-list';
  const categoryName = (slug) => manifest.categories.find((c) => c.slug === slug)?.name ?? slug;
  for (const article of entries) {
    const card = document.createElement('article');
    card.className = 'article-card';
    const meta = Object.assign(document.createElement('p'), { textContent: `${categoryName(article.category)} · ${article.date} · ${article.reading_minutes} min read` });
    const title = document.createElement('h3');
    title.append(Object.assign(document.createElement('a'), { href: `/insights/${article.slug}`, textContent: article.title }));
    card.append(meta, title, Object.assign(document.createElement('p'), { textContent: article.summary }));
    list.append(card);
  }
  const position = Object.assign(document.createElement('p'), { textContent: `Page ${page} of ${pages}` });
  results_.replaceChildren(list, position);
  results_.removeAttribute('aria-busy');
}

addEventListener('popstate', render);
await render();
document.body.dataset.ready = 'true';
