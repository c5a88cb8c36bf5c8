// Debian's Chromium as root on a closed network: the flags every Playwright launch here needs
// (end-to-end tests and `make bench`), so both start the browser the same way.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
