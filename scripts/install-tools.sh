#!/usr/bin/env bash
# Installs what building and serving Quire needs, skipping whatever is already there:
# the wasm32 target, trunk, wasm-bindgen-cli at the Cargo.lock version, and the npm packages
# (binaryen's wasm-opt among them) from package-lock.json, and builds the content compiler that
# the Trunk hook runs. Never downloads a prebuilt binary.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_OPT_VERSION=version_132

say() { printf 'tools: %s\n' "$*"; }
fail() { printf 'tools: error: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || fail "cargo is missing: install Rust with rustup (https://rustup.rs)"
command -v rustup >/dev/null || fail "rustup is missing: the wasm32 target is added through rustup"

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

for component in rustfmt clippy; do
  if rustup component list --installed | grep -q "^$component"; then
    say "$component: present"
  else
    say "adding the $component component"
    rustup component add "$component"
  fi
done

# The content compiler and the wasm splitter (the optimised builds the Trunk hook runs) build
# beside the installs below: their longest steps compile one crate at a time and would leave the
# second core idle.
mkdir -p target
compiler_log=target/quire-compiler-build.log
# One package per cargo invocation, as the hook runs them: built together, their shared
# dependencies would get the union of both one's features, and the hook would build them again.
(cargo build --release --locked -p quire-compiler --bin quire-compiler \
  && cargo build --release --locked -p quire-split) >"$compiler_log" 2>&1 &
compiler_build=$!
# A step below that fails stops the build too rather than leave it running.
trap 'kill "$compiler_build" 2>/dev/null || true' EXIT

WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WASM_BINDGEN_VERSION" ] || fail "could not read the wasm-bindgen version from Cargo.lock"

installed_version() { "$1" --version 2>/dev/null | awk '{ print $2 }' || true; }

if [ "$(installed_version trunk)" = "$TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "installing trunk $TRUNK_VERSION (about 15 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(installed_version wasm-bindgen)" = "$WASM_BINDGEN_VERSION" ]; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  # Without --locked: the registry lacks one of its locked dependencies.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (the Cargo.lock version; about 7 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Node.js and npm from Debian"
    apt-get update -qq && apt-get install -y -qq nodejs npm
  else
    fail "npm is missing: install Node.js 20 or newer with npm"
  fi
fi

lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.quire-lock-hash
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
  say "npm packages: match package-lock.json"
else
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund
  echo "$lock_hash" > "$stamp"
fi

wasm_opt=node_modules/.bin/wasm-opt
"$wasm_opt" --version 2>/dev/null | grep -q "($WASM_OPT_VERSION)" \
  || fail "$wasm_opt is not binaryen $WASM_OPT_VERSION: run 'npm ci' (never use Debian's binaryen, it corrupts wasm-bindgen output)"
say "wasm-opt $WASM_OPT_VERSION: present (npm binaryen)"

if wait "$compiler_build"; then
  say "content compiler and wasm splitter: built (release)"
else
  tail -n 30 "$compiler_log" >&2
  fail "the content compiler did not build (whole log: $compiler_log)"
fi
