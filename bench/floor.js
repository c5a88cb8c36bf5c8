// The vanilla-JS filter floor's script; see floor.html.
document.querySelector('form').addEventListener('submit', (event) => event.preventDefault());

const PAGE_SIZE = 24;
const manifest = await (await fetch('bundle/manifest.json')).json();
const shards = await Promise.all(manifest.shards.map((shard) => fetch(`bundle/${shard.path}`).then((r) => r.json())));
const articles = shards.flatMap((shard) => shard.articles);
const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const searchable = articles.map((article) => fold(`${article.title} ${article.summary}`));
const months = manifest.archive.map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);
const categoryName = Object.fromEntries(manifest.categories.map((c) => [c.slug, c.name]));
const tagName = Object.fromEntries(manifest.tags.map((t) => [t.slug, t.name]));

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

function matches(query, index, skip) {
  const article = articles[index];
  if (skip !== 'category' && query.categories.length && !query.categories.includes(article.category)) return false;
  if (skip !== 'tag' && !query.tags.every((t) => article.tags.includes(t))) return false;
  const month = article.date.slice(0, 7);
  if (query.from && month < query.from) return false;
  if (query.to && month > query.to) return false;
  const words = fold(query.text).split(/\s+/).filter(Boolean);
  return words.every((word) => searchable[index].includes(word));
}

function render() {
  const query = readQuery();
  const results = [];
  const categoryCounts = {};
  const tagCounts = {};
  for (let i = 0; i < articles.length; i += 1) {
    if (matches(query, i, 'category')) categoryCounts[articles[i].category] = (categoryCounts[articles[i].category] ?? 0) + 1;
    if (!matches(query, i, 'tag')) continue;
    for (const tag of articles[i].tags) tagCounts[tag] = (tagCounts[tag] ?? 0) + 1;
    if (query.categories.length === 0 || query.categories.includes(articles[i].category)) results.push(articles[i]);
  }
  const pages = Math.max(1, Math.ceil(results.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page || 1), pages);

  const categories = document.getElementById('categories');
  categories.replaceChildren(...Object.entries(categoryCounts).map(([slug, count]) => {
    const option = document.createElement('div');
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', id: `filter-category-${slug}`, checked: query.categories.includes(slug) });
    box.addEventListener('change', () => change((q) => toggle(q.categories, slug)));
    const label = Object.assign(document.createElement('label'), { htmlFor: box.id, textContent: `${categoryName[slug] ?? slug} (${count})` });
    option.append(box, label);
    return option;
  }));
  document.getElementById('tags').replaceChildren(...Object.entries(tagCounts).map(([slug, count]) => {
    const button = Object.assign(document.createElement('button'), { type: 'button', textContent: `${tagName[slug] ?? slug} ${count}` });
    button.setAttribute('aria-pressed', String(query.tags.includes(slug)));
    button.addEventListener('click', () => change((q) => toggle(q.tags, slug)));
    return button;
  }));
  document.getElementById('filter-text').value = query.text;
  document.getElementById('filter-from').value = query.from;
  document.getElementById('filter-to').value = query.to;
  document.querySelector('.filtered-listing__count').textContent = `${results.length} articles`;
  const list = document.createElement('div');
  list.className = 'article-list';
  for (const article of results.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)) {
    const card = document.createElement('article');
    card.className = 'article-card';
    const meta = Object.assign(document.createElement('p'), { textContent: `${categoryName[article.category] ?? article.category} · ${article.date} · ${article.reading_minutes} min read` });
    const title = document.createElement('h3');
    title.append(Object.assign(document.createElement('a'), { href: `/insights/${article.slug}`, textContent: article.title }));
    card.append(meta, title, Object.assign(document.createElement('p'), { textContent: article.summary }));
    list.append(card);
  }
  const position = Object.assign(document.createElement('p'), { textContent: `Page ${page} of ${pages}` });
  document.querySelector('.filtered-listing__results').replaceChildren(list, position);
}

addEventListener('popstate', render);
render();
document.body.dataset.ready = 'true';
