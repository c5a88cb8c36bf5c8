// Part 2's reference for the app shell: a bare routed Leptos 0.8 app (bench/framework-floor),
// built by the same Trunk, wasm-bindgen, wasm-opt and profiles as the reader app. What it ships
// is what any app on this stack ships before a line of its own, so the shell budget reads
// against it: the budget less this floor is what the app's own code may add.
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { encodedSizes } from './lib.mjs';

/** The crates whose versions make the floor: it weighs nothing if they differ from the app's. */
const framework = ['leptos', 'leptos_router', 'leptos_meta', 'tachys', 'reactive_graph', 'wasm-bindgen'];

/** `name` -> version of each of `names` in a Cargo.lock (a name locked twice is an error). */
function lockedVersions(lock, names) {
  const versions = {};
  for (const [, name, version] of lock.matchAll(/^name = "([^"]+)"\nversion = "([^"]+)"/gm)) {
    if (!names.includes(name)) continue;
    if (versions[name] !== undefined) throw new Error(`${name} is locked at two versions`);
    versions[name] = version;
  }
  return versions;
}

/** Builds the bare app into `work`/framework-floor and measures its wasm and JS. */
export async function frameworkFloor({ root, work, log }) {
  log('bytes: building a bare Leptos app with the same toolchain');
  const project = join(root, 'bench/framework-floor');
  const app = lockedVersions(await readFile(join(root, 'Cargo.lock'), 'utf8'), framework);
  const floor = lockedVersions(await readFile(join(project, 'Cargo.lock'), 'utf8'), framework);
  for (const name of framework) {
    if (app[name] === undefined || app[name] !== floor[name]) {
      throw new Error(
        `framework floor: ${name} is ${floor[name]} in bench/framework-floor/Cargo.lock but ${app[name]} in the app's; ` +
          'copy the app\'s Cargo.lock there and run `cargo metadata --offline` in that folder to trim it',
      );
    }
  }
  const dist = join(work, 'framework-floor');
  await rm(dist, { recursive: true, force: true });
  // The app's target folder, so that the crates both build alike are compiled once (those
  // whose features the app's own dependencies widen, such as web-sys's, are built again).
  execFileSync('trunk', ['build', '--release', '--dist', dist], {
    cwd: project,
    // RUSTFLAGS replaces the workspace's per-target flags: the floor takes the app's cfg but not
    // the splitter's `--emit-relocs`, whose relocation sections an unsplit build would ship.
    env: { ...process.env, CARGO_TARGET_DIR: join(root, 'target'), RUSTFLAGS: '--cfg erase_components' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const sizes = { wasm: null, js: null };
  for (const name of await readdir(dist)) {
    const kind = name.endsWith('.wasm') ? 'wasm' : name.endsWith('.js') ? 'js' : null;
    if (kind === null) continue;
    if (sizes[kind] !== null) throw new Error(`framework floor: more than one ${kind} file in ${dist}`);
    sizes[kind] = encodedSizes(await readFile(join(dist, name)));
  }
  if (sizes.wasm === null || sizes.js === null) throw new Error(`framework floor: no wasm or JS in ${dist}`);
  return { ...sizes, shell_brotli: sizes.wasm.brotli + sizes.js.brotli };
}
