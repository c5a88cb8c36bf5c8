#!/usr/bin/env bash
# Installs what the tests need beyond the build tools: Debian's Chromium and its matching
# ChromeDriver. Playwright and axe-core come from package-lock.json (install-tools.sh).
set -euo pipefail

say() { printf 'test-tools: %s\n' "$*"; }
fail() { printf 'test-tools: error: %s\n' "$*" >&2; exit 1; }

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  say "chromium and chromedriver: present"
else
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    fail "Debian's chromium and chromium-driver are needed: run 'sudo apt-get install chromium chromium-driver'"
  fi
  say "installing Debian's chromium and chromium-driver"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi

browser=$(/usr/bin/chromium --version | grep -o '[0-9]\+' | head -n 1)
driver=$(/usr/bin/chromedriver --version | grep -o '[0-9]\+' | head -n 1)
[ "$browser" = "$driver" ] || fail "chromium $browser and chromedriver $driver differ: reinstall both from Debian"
say "chromium $browser with a matching chromedriver"
