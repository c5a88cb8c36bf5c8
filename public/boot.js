// Starts the app from a file rather than an inline script, so the strict Content-Security-Policy
// needs no 'unsafe-inline', then hands the page over from its pre-rendered HTML to the app.
//
// Trunk preloads the wasm-bindgen module and the wasm file; their links say where both are.
const moduleLink = document.querySelector('link[rel="modulepreload"][href$=".js"]');
const wasmLink = document.querySelector('link[rel="preload"][href$=".wasm"]');

const prerendered = document.getElementById('prerender');
const app = document.getElementById('app');

// The app renders hidden beside the pre-rendered page. It takes over once it shows the same
// route with its data: a heading or an alert, and nothing still loading. Until then the reader
// keeps reading the pre-rendered page, so there is no flash of a loading state.
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

const { default: init } = await import(moduleLink.href);
await init({ module_or_path: wasmLink.href });
