// Starts the app from a file rather than an inline script, so the strict Content-Security-Policy
// needs no 'unsafe-inline'. The app hydrates the page it was served: the same nodes become its
// own, with no second copy.
//
// Trunk names the wasm-bindgen module and the wasm file in a <meta> (see `pattern_preload` in
// Trunk.toml) rather than preloading them.
const appFiles = document.querySelector('meta[name="quire-app"]').dataset;

// The served page paints first with the whole connection to itself; the app's files are
// fetched once the browser reports that paint. A tab opened in the background paints nothing
// until it is shown, so each wait below gives up after a second.
function firstPaint() {
  return new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length > 0) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe({ type: 'paint', buffered: true });
    setTimeout(resolve, 1000);
  });
}

// This module runs once the document is parsed, which can be after the first paint: the frame
// after it shows the whole served page. Fetching the app only then keeps it out of the page's
// largest paint, in the browser and in Lighthouse's simulation of a slow connection.
function nextFrame() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 1000);
  });
}

// The app is split (crates/quire-split): the entry module, a loader that fetches chunks, and a
// chunk per kind of page. The page names its route's split point (`data-split-point`, written
// by the compiler) and the app tag names each split point's files; they are fetched beside the
// entry module, so the take-over waits for no extra round trip. The loader's own `fetch` of each
// is served by these preloads.
function preloadRouteCode() {
  const preload = (rel, href, as) => {
    const link = document.createElement('link');
    link.rel = rel;
    link.href = new URL(href, document.baseURI).href;
    if (as) {
      link.as = as;
      link.crossOrigin = 'anonymous';
    }
    document.head.append(link);
  };
  if (appFiles.loader) {
    preload('modulepreload', appFiles.loader);
  }
  const point = document.getElementById('app')?.dataset.splitPoint;
  const folder = appFiles.js.slice(0, appFiles.js.lastIndexOf('/') + 1);
  for (const entry of (appFiles.split ?? '').split(' ')) {
    const [name, files] = entry.split(':');
    if (name === point && files) {
      for (const file of files.split(',')) {
        preload('preload', folder + file, 'fetch');
      }
    }
  }
}

await firstPaint();
await nextFrame();
// Where the app's own work begins, for the benchmarks' measure of its start.
performance.mark('quire:app-start');
try {
  preloadRouteCode();
  const { default: init } = await import(appFiles.js);
  await init({ module_or_path: appFiles.wasm });
} catch (error) {
  // The served page stays and works on its own; the app's controls in it never would, so
  // they go.
  delete document.documentElement.dataset.js;
  delete document.documentElement.dataset.query;
  console.error('The app could not start; the page stays as it was served.', error);
}
