// Where the app's wasm bytes come from: twiggy over the split build's main module (before
// wasm-bindgen and wasm-opt, when it still has its function names), summed by crate, and each
// split point's chunks as shipped (brotli). What the entry holds decides what every route pays.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

/** The crate an item of twiggy's belongs to (`quire_model`, `core`, …), or what it is. */
function crateOf(name) {
  if (name.startsWith('data[') || name.startsWith('data segment')) return '(static data)';
  if (name.startsWith('import ') || name.startsWith('export ') || name.startsWith('elem[')) return '(imports, exports, tables)';
  // `crate::path::item`, or the first crate a trait impl (`<T as tachys::view::Render>`) names.
  const path = /^<?(?:&mut |&|dyn )?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name) ?? /([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name);
  return path ? path[1] : '(other)';
}

const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

export async function wasmAttribution({ root, dist, log }) {
  log('bytes: attributing the entry module to crates (twiggy)');
  const main = join(root, 'target/wasm32-unknown-unknown/wasm-release/quire.split/main.wasm');
  const csv = execFileSync('twiggy', ['top', '-n', '1000000', '-f', 'csv', main], { maxBuffer: 1 << 28 }).toString();
  const byCrate = new Map();
  let total = 0;
  for (const line of csv.split('\n').slice(1)) {
    // Name,ShallowSize,ShallowSizePercent,…: the name is quoted when it holds a comma.
    const match = /^(?:"((?:[^"]|"")*)"|([^,]*)),(\d+),/.exec(line);
    if (!match) continue;
    const name = (match[1] ?? match[2]).replaceAll('""', '"');
    // The name section and wasm-bindgen's descriptors are gone from what is shipped.
    if (/function names|__wasm_bindgen_unstable|__wbindgen_describe/.test(name)) continue;
    const bytes = Number(match[3]);
    byCrate.set(crateOf(name), (byCrate.get(crateOf(name)) ?? 0) + bytes);
    total += bytes;
  }
  const crates = [...byCrate.entries()].sort((a, b) => b[1] - a[1]).map(([crate, bytes]) => ({ crate, bytes, share: bytes / total }));
  const page = await readFile(join(dist, 'index.html'), 'utf8');
  const map = /data-split="([^"]*)"/.exec(page)?.[1] ?? '';
  const splitPoints = [];
  for (const entry of map.split(' ').filter(Boolean)) {
    const [name, files] = entry.split(':');
    let bytes = 0;
    for (const file of files.split(',')) bytes += brotli(await readFile(join(dist, file)));
    splitPoints.push({ name, files: files.split(',').length, brotli: bytes });
  }
  return { main_module_bytes: total, crates, split_points: splitPoints };
}
