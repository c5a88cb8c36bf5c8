// Runs before the first paint. Applies the reader's remembered theme, so a dark choice never
// flashes light, and marks the document as scripted: the page then shows the app's controls (the
// header's search box and theme toggle, a listing's filter bar), which mean nothing without it.
// A listing is rendered unfiltered at build time; opened with filters in its address it shows a
// placeholder, not entries the filters exclude, until the app has applied them.
const root = document.documentElement;
root.dataset.js = '';
const listingParameters = ['q', 'category', 'tag', 'from', 'to', 'sort', 'page'];
const parameters = new URLSearchParams(location.search);
if (listingParameters.some((name) => parameters.has(name))) root.dataset.query = '';
try {
  const theme = localStorage.getItem('quire-theme');
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
} catch {
  // Storage can be unavailable (private modes, blocked cookies): the system theme applies.
}
