// `make bench`: Quire measured against Hugo, a Docusaurus blog of the same articles and a
// vanilla-JS floor, in one run, printed as one table and written to target/bench/report.json.
// Every budget of the README is marked OK or OVER; over-budget figures are reported, not hidden,
// and do not fail the run. BENCH_SMOKE=1 runs every part once on tiny corpora (run by `make test`,
// so the harness cannot rot) and fails if any figure is missing; BENCH_FULL=1 adds 100,000
// articles to the compiler comparison; BENCH_HUGE=1 adds Quire alone at 1,000,000.
//
//   node bench/run.mjs   (after `make dist`; the Makefile's `bench` target arranges that)
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdir, mkdtemp, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { benchCompiler, benchCompilerAlone, benchImages, callgrindInstructions, hugoBinary, hugoVersion } from './compiler.mjs';
import { benchFilters, installFloor } from './filter.mjs';
import { wasmAttribution } from './attribution.mjs';
import { frameworkFloor } from './framework.mjs';
import { launchBrowser, serve } from './lib.mjs';
import { lighthouseScores } from './lighthouse.mjs';
import { firstVisitBytes, loadTimings, markers } from './pages.mjs';
import { benchSearch } from './search.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const smoke = process.env.BENCH_SMOKE === '1';
const full = process.env.BENCH_FULL === '1';
// BENCH_HUGE=1 adds Quire alone at 1,000,000 articles (or BENCH_HUGE=N at N), to show the slope.
const huge = process.env.BENCH_HUGE === '1' ? 1_000_000 : Number(process.env.BENCH_HUGE ?? 0);
const work = join(root, 'target/bench');
const demo = join(root, process.env.DIST ?? 'dist');
const plan = smoke
  ? { sizes: [40, 120], rounds: 1, loads: 1, changes: 6, firstQueries: 1, laterQueries: 3, lighthouseRuns: 1 }
  : { sizes: full ? [1000, 10000, 100000] : [1000, 10000], rounds: 5, loads: 10, changes: 50, firstQueries: 5, laterQueries: 30, lighthouseRuns: 5 };
const throttles = [1, 4];
const started = Date.now();
const log = (message) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

/** Whether `dir` exists and has `bytes` free. */
async function roomOn(dir, bytes) {
  try {
    const stats = await statfs(dir);
    return stats.bavail * stats.bsize >= bytes;
  } catch {
    return false;
  }
}

await mkdir(work, { recursive: true });
const hugo = hugoBinary();
const report = {
  mode: smoke ? 'smoke' : full ? 'full' : 'standard',
  machine: {
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model,
    node: process.version,
    chromium: execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim(),
    hugo: hugoVersion(hugo),
  },
};

// 1. Compiler against Hugo, and the sites it leaves for the browser parts. The timed builds of
// both tools write to a RAM disk when there is room on one: on ext4, creating files in the minutes
// after many were deleted costs a scan of the deleted inodes per file, so on disk each round's
// time grew with the clean-ups of the rounds before it (five identical 1,000-article rounds:
// 0.37, 1.13, 1.58, 2.21, 2.49 s), timing the harness instead of the tools.
const scratchRoot = (await roomOn('/dev/shm', full ? 8e9 : 2e9)) ? '/dev/shm' : work;
const scratch = await mkdtemp(join(scratchRoot, 'quire-bench-'));
report.machine.compiler_output = scratchRoot === '/dev/shm' ? 'tmpfs (/dev/shm)' : 'disk (target/bench)';
report.compiler = [];
try {
  // `make dist` is timed at one size: the one the budgets read (10,000, or the largest below it).
  const distSize = Math.max(...plan.sizes.filter((articles) => articles <= 10000));
  for (const articles of plan.sizes) {
    const timeDist = articles === distSize;
    report.compiler.push(await benchCompiler({ work, scratch, dist: demo, articles, rounds: plan.rounds, hugo, log, timeDist }));
  }
  report.images = await benchImages({ work, scratch, dist: demo, articles: plan.sizes[0], log });
} finally {
  await rm(scratch, { recursive: true, force: true });
}
if (huge > 0) report.compiler_alone = await benchCompilerAlone({ work, dist: demo, articles: huge, log });
log('compiler: callgrind');
report.callgrind = {
  articles: plan.sizes[0],
  instructions: await callgrindInstructions({ work, dist: demo, corpus: join(work, 'corpora', String(plan.sizes[0])) }),
};

// The Docusaurus blog of the demo articles.
log('docusaurus: building the blog of the demo articles');
const docusaurusDir = join(root, 'bench/docusaurus');
const docusaurusDist = join(work, 'docusaurus-dist');
execFileSync('node', [join(docusaurusDir, 'make-site.mjs'), join(root, 'content'), join(docusaurusDir, 'site')], { stdio: 'ignore' });
await rm(docusaurusDist, { recursive: true, force: true });
execFileSync('node', [join(docusaurusDir, 'node_modules/@docusaurus/core/bin/docusaurus.mjs'), 'build', join(docusaurusDir, 'site'), '--out-dir', docusaurusDist], {
  stdio: ['ignore', 'ignore', 'inherit'],
});

report.framework_floor = await frameworkFloor({ root, work, log });
report.wasm_attribution = await wasmAttribution({ root, dist: demo, log });

const manifest = JSON.parse(await readFile(join(demo, 'bundle/manifest.json'), 'utf8'));
const articleSlug = manifest.featured?.slug ?? manifest.latest[0].slug;
const servers = {
  demo: await serve(demo, 4301),
  docusaurus: await serve(docusaurusDist, 4302),
};
const synthetic = {};
for (const [i, run] of report.compiler.entries()) {
  synthetic[run.articles] = { site: run.site, server: await serve(run.site, 4310 + i) };
}
const browser = await launchBrowser();
try {
  // 2. Bytes to a first visit.
  log('bytes: first visits');
  const visit = (server, path, marker) => firstVisitBytes(browser, `${server.origin}${path}`, marker);
  report.first_visit = {
    quire_home: await visit(servers.demo, '/', markers.quire.listing),
    quire_article: await visit(servers.demo, `/insights/${articleSlug}/`, markers.quire.article),
    docusaurus_home: await visit(servers.docusaurus, '/', markers.docusaurus.listing),
    docusaurus_article: await visit(servers.docusaurus, `/${articleSlug}/`, markers.docusaurus.article),
  };
  report.first_visit_data = {};
  for (const [articles, { server, site }] of Object.entries(synthetic)) {
    // The largest category and tag: landing on them must cost no more than on a small one. Each
    // page at its folder address, the one the site links.
    const siteManifest = JSON.parse(await readFile(join(site, 'bundle/manifest.json'), 'utf8'));
    const largest = (list) => list.reduce((a, b) => (b.count > a.count ? b : a));
    const data = {};
    for (const [name, path] of [
      ['home', '/'],
      ['insights', '/insights/'],
      ['category', `/category/${largest(siteManifest.categories).slug}/`],
      ['tag', `/tag/${largest(siteManifest.tags).slug}/`],
    ]) {
      const visited = await visit(server, path, markers.quire.listing);
      data[`${name}_brotli`] = visited.by_kind.data?.brotli ?? 0;
      data[`${name}_files`] = visited.by_kind.data?.files ?? 0;
    }
    report.first_visit_data[articles] = data;
  }

  // 3. Time in a real browser, both sites interleaved load by load.
  report.page_timings = await loadTimings(
    browser,
    {
      quire_home: { url: `${servers.demo.origin}/`, marker: markers.quire.listing },
      docusaurus_home: { url: `${servers.docusaurus.origin}/`, marker: markers.docusaurus.listing },
      quire_article: { url: `${servers.demo.origin}/insights/${articleSlug}/`, marker: markers.quire.article },
      docusaurus_article: { url: `${servers.docusaurus.origin}/${articleSlug}/`, marker: markers.docusaurus.article },
    },
    { loads: plan.loads, throttles, log },
  );

  // 4 and 6. Filtering and memory at 10,000 articles (the largest listing up to it), and with
  // BENCH_FULL at 100,000 too, at 1x CPU.
  const sizes = Object.keys(synthetic).map(Number);
  const filterSizes = [Math.max(...sizes.filter((articles) => articles <= 10000))];
  if (Math.max(...sizes) > filterSizes[0]) filterSizes.push(Math.max(...sizes));
  for (const [index, articles] of filterSizes.entries()) {
    const filterSite = synthetic[articles];
    await installFloor(filterSite.site);
    const result = await benchFilters(browser, filterSite.server.origin, filterSite.site, { changes: plan.changes, throttles: index === 0 ? throttles : [1], log });
    result.articles = articles;
    report[index === 0 ? 'filters' : 'filters_largest'] = result;
  }

  // 5. Search at each size.
  report.search = {};
  for (const [articles, { site, server }] of Object.entries(synthetic)) {
    log(`search: ${articles} articles`);
    report.search[articles] = await benchSearch(browser, server.origin, site, { firstRuns: plan.firstQueries, laterCount: plan.laterQueries });
  }
} finally {
  await browser.close();
}

// Lighthouse on home, listing and article.
report.lighthouse = await lighthouseScores(
  { home: `${servers.demo.origin}/`, listing: `${servers.demo.origin}/insights/`, article: `${servers.demo.origin}/insights/${articleSlug}/` },
  { runs: plan.lighthouseRuns, log },
);
for (const server of [...Object.values(servers), ...Object.values(synthetic).map((s) => s.server)]) server.close();

// Budgets, as the README states them.
const kB = (bytes) => bytes / 1000;
const budgets = [];
const budget = (what, value, limit, unit, within = value <= limit) => budgets.push({ what, value, limit, unit, status: within ? 'OK' : 'OVER' });
const at10k = report.compiler.find((run) => run.articles === 10000) ?? report.compiler.at(-1);
budget(`compiler wall time vs Hugo, ${at10k.articles} articles`, at10k.wall_ratio, 0.1, '×');
budget(`compiler peak memory, ${at10k.articles} articles`, at10k.quire.peak_mb, 300, 'MB');
{
  // The compiler's own budget, on a site whose every article has a cover, rebuilt as an owner
  // rebuilds it: the covers already written.
  const { articles, warm } = report.images;
  const hugoAt = report.compiler.find((run) => run.articles === articles);
  budget(`${articles} articles with a cover each, rebuilt, vs Hugo's build of them without`, warm.wall_s / hugoAt.hugo.wall_s.median, 0.1, '×');
}
budget(
  `build with .br/.gz copies vs without, ${at10k.articles} articles`,
  at10k.quire.with_precompress.wall_s / at10k.quire.wall_s.median,
  3,
  '×',
);
const at100k = report.compiler.find((run) => run.articles === 100000);
if (at100k) {
  budget('compiler wall time, 100,000 articles', at100k.quire.wall_s.median, 15, 's');
  budget('compiler peak memory, 100,000 articles', at100k.quire.peak_mb, 600, 'MB');
}
budget('demo home first visit, brotli', kB(report.first_visit.quire_home.total.brotli), 150, 'kB');
budget('article deep link first visit, brotli', kB(report.first_visit.quire_article.total.brotli), 150, 'kB');
budget('entry every route loads (wasm + JS), brotli', kB(report.first_visit.quire_home.entry_brotli), 120, 'kB');
for (const [articles, data] of Object.entries(report.first_visit_data)) {
  budget(`first-visit data, home, ${articles} articles`, kB(data.home_brotli), 100, 'kB');
  budget(`first-visit data, /insights, ${articles} articles`, kB(data.insights_brotli), 100, 'kB');
  budget(`first-visit data, largest category, ${articles} articles`, kB(data.category_brotli), 100, 'kB');
  budget(`first-visit data, largest tag, ${articles} articles`, kB(data.tag_brotli), 100, 'kB');
}
for (const throttle of throttles) {
  const filters = report.filters[`${throttle}x`];
  budget(`filter change p75 vs vanilla-JS floor, ${throttle}x CPU`, filters.p75_ratio, 1.5, '×');
}
budget('longest task while the index loads, 1x CPU', report.filters['1x'].index_load_longest_task_ms, 50, 'ms');
budget(`longest task during the filter changes, ${report.filters.articles} articles, 1x CPU`, report.filters['1x'].changes_longest_task_ms, 50, 'ms');
budget(`bundle data of /insights and ${report.filters.session.changes} filter changes, ${report.filters.articles} articles, brotli`, kB(report.filters.session.bundle_brotli_bytes), 150, 'kB');
const largest = report.filters_largest;
if (largest) {
  const at = `${largest.articles} articles`;
  budget(`bundle data of /insights and ${largest.session.changes} filter changes, ${at}, brotli`, kB(largest.session.bundle_brotli_bytes), 600, 'kB');
  budget(`filter change p75, ${at}, 1x CPU`, largest['1x'].quire_ms.p75, 100, 'ms');
  budget(`longest task during the filter changes, ${at}, 1x CPU`, largest['1x'].changes_longest_task_ms, 50, 'ms');
  budget(`wasm memory after ${largest.memory.changes} changes, ${at}`, largest.memory.after_changes.wasm_memory_bytes / 1e6, 64, 'MB');
}
for (const throttle of throttles) {
  budget(`longest task while the app starts, ${throttle}x CPU (median)`, report.filters[`${throttle}x`].app_start_longest_task_ms, 50, 'ms');
}
for (const throttle of throttles) {
  const timings = report.page_timings[`${throttle}x`];
  budget(
    `article LCP vs Docusaurus, ${throttle}x CPU (median, ms)`,
    timings.quire_article.lcp_ms.median,
    timings.docusaurus_article.lcp_ms.median,
    'ms',
  );
}
const searchAt = report.search[String(at10k.articles)] ?? Object.values(report.search).at(-1);
budget(`search index, ${searchAt.articles} articles, brotli`, kB(searchAt.index_brotli_bytes), 300, 'kB');
budget(`search first query, ${searchAt.articles} articles (median)`, searchAt.first_query_ms.median, 300, 'ms');
budget(`search later queries, ${searchAt.articles} articles (p75)`, searchAt.later_query_ms.p75, 16, 'ms');
for (const [name, scores] of Object.entries(report.lighthouse)) {
  budget(`Lighthouse performance, ${name}`, scores.performance, 95, '', scores.performance >= 95);
  for (const category of ['accessibility', 'best-practices', 'seo']) budget(`Lighthouse ${category}, ${name}`, scores[category], 100, '', scores[category] >= 100);
}
report.budgets = budgets;
report.duration_s = Math.round((Date.now() - started) / 1000);

// One table.
const fmt = (value, digits = 1) => (value === null || value === undefined ? '—' : Number(value).toFixed(digits));
const rows = [];
const row = (part, what, quire, versus = '', note = '') => rows.push([part, what, quire, versus, note]);
for (const run of report.compiler) {
  row('compiler', `${run.articles} articles: wall median`, `${fmt(run.quire.wall_s.median, 2)} s`, `Hugo ${fmt(run.hugo.wall_s.median, 2)} s`, `ratio ${fmt(run.wall_ratio, 3)}×, output on ${report.machine.compiler_output}`);
  row('compiler', `${run.articles} articles: CPU median`, `${fmt(run.quire.cpu_s.median, 2)} s`, `Hugo ${fmt(run.hugo.cpu_s.median, 2)} s`, `ratio ${fmt(run.cpu_ratio, 3)}×`);
  row('compiler', `${run.articles} articles: peak memory`, `${fmt(run.quire.peak_mb, 0)} MB`, `Hugo ${fmt(run.hugo.peak_mb, 0)} MB`);
  row('compiler', `${run.articles} articles: per article`, `${fmt(run.per_article.wall_ms, 3)} ms wall, ${fmt(run.per_article.cpu_ms, 3)} ms CPU`, `${fmt(run.per_article.peak_kb, 1)} kB peak`, 'flat across sizes when the build is linear');
  row('compiler', `${run.articles} articles: with .br/.gz copies (one run)`, `${fmt(run.quire.with_precompress.wall_s, 2)} s`, `rebuilt over it: ${fmt(run.quire.rebuild_with_precompress.wall_s, 2)} s`, `${fmt(run.quire.with_precompress.peak_mb, 0)} MB peak; a rebuild reuses every unchanged file's copies`);
  if (run.quire.make_dist) {
    row('compiler', `${run.articles} articles: make dist end to end`, `${fmt(run.quire.make_dist.cold.wall_s, 2)} s`, `again over it: ${fmt(run.quire.make_dist.warm.wall_s, 2)} s`, "Trunk's wasm-bindgen and wasm-opt steps included");
  }
}
if (report.compiler_alone) {
  const alone = report.compiler_alone;
  row('compiler', `${alone.articles} articles, Quire alone: wall / peak`, `${fmt(alone.quire.wall_s, 1)} s, ${fmt(alone.quire.peak_mb, 0)} MB`, `${fmt(alone.per_article.wall_ms, 3)} ms and ${fmt(alone.per_article.peak_kb, 1)} kB an article`, 'output on disk (target/bench)');
}
row('compiler', `callgrind, ${report.callgrind.articles} articles`, `${(report.callgrind.instructions / 1e9).toFixed(3)} G instr`);
{
  const { articles, cold, warm } = report.images;
  const plain = report.compiler.find((run) => run.articles === articles);
  row('images', `${articles} articles with a 1600×900 cover each: first build`, `${fmt(cold.wall_s, 2)} s, ${fmt(cold.cpu_s, 2)} s CPU`, `${cold.encoded} of ${cold.images} encoded`, `${fmt(cold.peak_mb, 0)} MB peak`);
  row('images', `${articles} articles with covers: rebuilt over it`, `${fmt(warm.wall_s, 2)} s`, `${warm.reused} of ${warm.images} taken, ${warm.encoded} encoded`, plain ? `the same articles without covers: ${fmt(plain.quire.wall_s.median, 2)} s` : '');
  row('images', `${articles} covers: bytes`, `${fmt(cold.original_mb, 1)} MB of originals`, `${fmt(cold.widest_fallback_mb, 1)} MB at the widest fallback`, `a reader saves ${fmt(100 * (1 - cold.widest_fallback_mb / cold.original_mb), 0)}% at 1,600 px without WebP, more at smaller widths and in WebP`);
}
for (const [name, versus] of [['home', 'docusaurus_home'], ['article', 'docusaurus_article']]) {
  const quire = report.first_visit[`quire_${name}`];
  const other = report.first_visit[versus];
  row('bytes', `${name} first visit: raw / gzip / brotli`, `${fmt(kB(quire.total.raw))} / ${fmt(kB(quire.total.gzip))} / ${fmt(kB(quire.total.brotli))} kB (${quire.files} files)`, `Docusaurus ${fmt(kB(other.total.raw))} / ${fmt(kB(other.total.gzip))} / ${fmt(kB(other.total.brotli))} kB (${other.files} files)`, `${fmt(quire.total.brotli / other.total.brotli, 2)}× Docusaurus's`);
  row('bytes', `${name} first visit: app entry / route chunks, brotli`, `${fmt(kB(quire.entry_brotli))} / ${fmt(kB(quire.route_chunks_brotli))} kB`, '', 'the entry every route loads; the chunks of this route\'s own code');
}
const floor = report.framework_floor;
row(
  'bytes',
  'app shell wasm + JS + CSS, brotli',
  `${fmt(kB(report.first_visit.quire_home.shell_brotli))} kB`,
  `Docusaurus JS + CSS ${fmt(kB(report.first_visit.docusaurus_home.shell_brotli))} kB`,
  `a bare Leptos 0.8 app: ${fmt(kB(floor.shell_brotli))} kB (wasm ${fmt(kB(floor.wasm.brotli))} + JS ${fmt(kB(floor.js.brotli))})`,
);
const attribution = report.wasm_attribution;
row(
  'bytes',
  'entry module by crate (twiggy, before wasm-opt)',
  `${fmt(kB(attribution.main_module_bytes))} kB`,
  attribution.crates.slice(0, 10).map(({ crate, share }) => `${crate} ${fmt(100 * share, 0)}%`).join(', '),
);
row('bytes', 'chunks per split point, brotli', attribution.split_points.map(({ name, brotli }) => `${name} ${fmt(kB(brotli))}`).join(', '), 'kB', 'shared chunks counted in each split point that needs them');
for (const [articles, data] of Object.entries(report.first_visit_data)) {
  row('bytes', `first-visit data, ${articles} articles: home / insights / category / tag`, `${fmt(kB(data.home_brotli))} / ${fmt(kB(data.insights_brotli))} / ${fmt(kB(data.category_brotli))} / ${fmt(kB(data.tag_brotli))} kB brotli`, '', `${data.home_files} / ${data.insights_files} / ${data.category_files} / ${data.tag_files} files`);
}
for (const throttle of throttles) {
  const t = report.page_timings[`${throttle}x`];
  for (const page of ['home', 'article']) {
    const q = t[`quire_${page}`];
    const d = t[`docusaurus_${page}`];
    const shown = page === 'home' ? 'first listing paint' : 'article text visible';
    row('browser', `${throttle}x CPU ${page}: ${shown} median/p75`, `${fmt(q.shown_ms.median, 0)} / ${fmt(q.shown_ms.p75, 0)} ms`, `Docusaurus ${fmt(d.shown_ms.median, 0)} / ${fmt(d.shown_ms.p75, 0)} ms`);
    row('browser', `${throttle}x CPU ${page}: LCP median/p75`, `${fmt(q.lcp_ms.median, 0)} / ${fmt(q.lcp_ms.p75, 0)} ms`, `Docusaurus ${fmt(d.lcp_ms.median, 0)} / ${fmt(d.lcp_ms.p75, 0)} ms`);
  }
}
for (const throttle of throttles) {
  const f = report.filters[`${throttle}x`];
  row('filters', `${report.filters.articles} articles, ${throttle}x CPU, median/p75`, `${fmt(f.quire_ms.median)} / ${fmt(f.quire_ms.p75)} ms`, `floor ${fmt(f.floor_ms.median)} / ${fmt(f.floor_ms.p75)} ms`, `p75 ratio ${fmt(f.p75_ratio, 2)}×`);
  row('filters', `${throttle}x CPU: longest task while the index loads`, `${fmt(f.index_load_longest_task_ms, 0)} ms`, '', `${f.index_load_tasks_over_50ms} tasks over 50 ms`);
  row('filters', `${throttle}x CPU: longest task during the changes`, `${fmt(f.changes_longest_task_ms, 0)} ms`, '', `${f.changes_tasks_over_50ms} tasks over 50 ms`);
  row('filters', `${throttle}x CPU: longest task while the app starts`, `${fmt(f.app_start_longest_task_ms, 0)} ms`, `the served page's own before it: ${fmt(f.page_parse_longest_task_ms, 0)} ms`, `median of ${f.start_runs}; ${f.app_start_tasks_over_50ms} tasks over 50 ms`);
}
for (const filters of [report.filters, report.filters_largest].filter(Boolean)) {
  const session = filters.session;
  row('filters', `${filters.articles} articles: /insights and ${session.changes} changes, bundle data`, `${fmt(kB(session.bundle_brotli_bytes))} kB brotli`, `${fmt(kB(session.bundle_raw_bytes))} kB raw`, `${session.files} files; ${Object.entries(session.brotli_bytes_by_folder).map(([folder, bytes]) => `${folder} ${fmt(kB(bytes))}`).join(', ')}`);
}
if (report.filters_largest) {
  const f = report.filters_largest;
  row('filters', `${f.articles} articles, 1x CPU, median/p75`, `${fmt(f['1x'].quire_ms.median)} / ${fmt(f['1x'].quire_ms.p75)} ms`, `floor ${fmt(f['1x'].floor_ms.median)} / ${fmt(f['1x'].floor_ms.p75)} ms`, `wasm ${fmt(f.memory.after_changes.wasm_memory_bytes / 1e6)} MB after ${f.memory.changes} changes`);
}
const mem = report.filters.memory;
row('memory', `JS heap + wasm, after load / after ${mem.changes} changes`, `${fmt(mem.after_load.total_bytes / 1e6)} / ${fmt(mem.after_changes.total_bytes / 1e6)} MB`, '', `wasm ${fmt(mem.after_load.wasm_memory_bytes / 1e6)} / ${fmt(mem.after_changes.wasm_memory_bytes / 1e6)} MB`);
for (const [articles, s] of Object.entries(report.search)) {
  row('search', `${articles} articles: index / first query fetch`, `${fmt(kB(s.index_brotli_bytes))} / ${fmt(kB(s.first_query_fetched_brotli_bytes))} kB brotli`, '', `${s.postings_shards} shards`);
  row('search', `${articles} articles: first / later query (median/p75)`, `${fmt(s.first_query_ms.median, 0)} ms / ${fmt(s.later_query_ms.median)}–${fmt(s.later_query_ms.p75)} ms`);
}
for (const [name, s] of Object.entries(report.lighthouse)) {
  row('lighthouse', `${name}: perf / a11y / best practices / SEO`, `${s.performance} / ${s.accessibility} / ${s['best-practices']} / ${s.seo}`, '', `median of ${s.runs}`);
}
const widths = [0, 1, 2, 3, 4].map((column) => Math.max(...rows.map((r) => String(r[column]).length), 4));
const line = (cells) => `| ${cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`;
console.log(`\nQuire benchmarks (${report.mode}, ${report.machine.cpus} CPUs, ${report.duration_s} s)\n`);
console.log(line(['part', 'measure', 'Quire', 'compared with', 'note']));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log('\nBudgets:');
// A ratio under one gets a third decimal, so that a line just under its budget does not print
// as equal to it (0.096 against 0.10).
const digits = (b) => (b.unit === '×' && b.value < 1 ? 3 : 2);
for (const b of budgets) console.log(`  ${b.status.padEnd(4)}  ${b.what}: ${fmt(b.value, digits(b))}${b.unit ? ` ${b.unit}` : ''} (budget ${fmt(b.limit, 2)}${b.unit ? ` ${b.unit}` : ''})`);

await writeFile(join(work, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwritten to ${join(work, 'report.json')}`);

// A harness that measured nothing is broken, smoke mode or not.
const missing = budgets.filter((b) => typeof b.value !== 'number' || !Number.isFinite(b.value) || typeof b.limit !== 'number');
if (missing.length > 0) {
  console.error(`bench: no figure for: ${missing.map((b) => b.what).join('; ')}`);
  process.exit(1);
}
