// End-to-end tests in Debian's Chromium: the release dist/ on a plain static server with no
// rewrites, the same site built with BASE=/blog/ and served under /blog/, a hostile site, a
// large synthetic one and four sites read from other generators' roots, built with the same app,
// and a smaller set against `trunk serve`, the developer's loop.
import { defineConfig } from '@playwright/test';
import { chromiumArgs } from './tests/e2e/chromium.mjs';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    trace: 'off',
  },
  projects: [
    {
      name: 'dist',
      testIgnore: /(trunk-serve|hostile|large|foreign)\.spec\.js/,
      use: { baseURL: 'http://127.0.0.1:4173' },
    },
    {
      // `make dist BASE=/blog/ DIST=target/e2e-dist-blog`, which `make test` builds first,
      // on a host that redirects a folder's address without its slash (see webServer).
      name: 'dist-blog',
      testMatch: /hosting\.spec\.js/,
      use: { baseURL: 'http://127.0.0.1:4174/blog/' },
    },
    {
      // `make hostile-site`: every author-written string is an XSS vector.
      name: 'hostile',
      testMatch: /hostile\.spec\.js/,
      use: { baseURL: 'http://127.0.0.1:4175' },
    },
    {
      // `make large-site`: 1,200 synthetic articles, a listing in three shards.
      name: 'large',
      testMatch: /large\.spec\.js/,
      use: { baseURL: 'http://127.0.0.1:4176' },
    },
    {
      // `make foreign-sites`: a Hugo, Jekyll, Zola and Astro site and a Hugo site of shortcodes,
      // each at the root of its own port (4177-4181), since their redirect pages and the app link
      // from the site root.
      name: 'foreign',
      testMatch: /foreign\.spec\.js/,
      use: { baseURL: 'http://127.0.0.1:4177' },
    },
    {
      name: 'trunk-serve',
      testMatch: /trunk-serve\.spec\.js/,
      use: { baseURL: 'http://127.0.0.1:8081' },
    },
  ],
  webServer: [
    {
      command: 'node tests/e2e/static-server.mjs dist 4173',
      url: 'http://127.0.0.1:4173/',
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // Served as GitHub Pages serves a project site: under a sub-path, with a folder's address
      // redirected to its trailing slash.
      command: 'node tests/e2e/static-server.mjs target/e2e-dist-blog 4174 /blog/ --folder-redirects',
      url: 'http://127.0.0.1:4174/blog/',
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'node tests/e2e/static-server.mjs target/e2e-hostile 4175',
      url: 'http://127.0.0.1:4175/',
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'node tests/e2e/static-server.mjs target/e2e-large 4176',
      url: 'http://127.0.0.1:4176/',
      reuseExistingServer: false,
      timeout: 30_000,
    },
    ...['hugo', 'jekyll', 'zola', 'astro', 'templates'].map((generator, index) => ({
      command: `node tests/e2e/static-server.mjs target/e2e-foreign/${generator} ${4177 + index}`,
      url: `http://127.0.0.1:${4177 + index}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    })),
    {
      // Its own output folder, so it never overwrites the release dist/ under test.
      command: 'trunk serve --port 8081 --no-autoreload --dist target/e2e-trunk-serve',
      url: 'http://127.0.0.1:8081/',
      reuseExistingServer: false,
      timeout: 900_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
