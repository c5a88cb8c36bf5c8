// Starts the app from a file rather than an inline script, so the strict Content-Security-Policy
// needs no 'unsafe-inline', then hands the page over from its pre-rendered HTML to the app.
//
// Trunk names the wasm-bindgen module and the wasm file in a <meta> (see `pattern_preload` in
// Trunk.toml) rather than preloading them.
const appFiles = document.querySelector('meta[name="quire-app"]').dataset;

const prerendered = document.getElementById('prerender');
const app = document.getElementById('app');

// The app renders hidden beside the pre-rendered page. It takes over once it shows the same
// route with its data: a heading or an alert, and nothing still loading or waiting for a task
// of its own (`aria-busy`). Until then the reader keeps reading the pre-rendered page, so there
// is no flash of a loading state.
function drawn() {
  return (
    app.querySelector('main h1, main [role="alert"]') !== null &&
    app.querySelector('[aria-busy="true"]') === null
  );
}

function takeOver() {
  // The pre-rendered head tags go too: the app keeps its own up to date from here on.
  for (const tag of document.head.querySelectorAll('[data-prerendered]')) tag.remove();
  prerendered.remove();
}

if (prerendered && app) {
  const observer = new MutationObserver(() => {
    if (drawn()) {
      observer.disconnect();
      takeOver();
    }
  });
  observer.observe(app, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
}

// The pre-rendered page paints first with the whole connection to itself; the app's files are
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
// after it shows the whole pre-rendered page. Fetching the app only then keeps it out of the
// page's largest paint, in the browser and in Lighthouse's simulation of a slow connection.
function nextFrame() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 1000);
  });
}

if (prerendered) {
  await firstPaint();
  await nextFrame();
}
try {
  const { default: init } = await import(appFiles.js);
  await init({ module_or_path: appFiles.wasm });
} catch (error) {
  // The pre-rendered page stays and works on its own; its stand-ins for the app's controls
  // never would, so they go.
  delete document.documentElement.dataset.js;
  console.error('The app could not start; the page stays as it was served.', error);
}
