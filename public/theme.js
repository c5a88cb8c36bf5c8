// Applies the reader's remembered theme before the first paint, so a dark choice never flashes light.
// Also marks the document as scripted: the pre-rendered page then shows its stand-ins for the
// app's controls (the header's search box and theme toggle, a listing's filter bar), keeping the
// room the app will draw them in; without scripts they would mean nothing.
document.documentElement.dataset.js = '';
try {
  const theme = localStorage.getItem('quire-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // Storage can be unavailable (private modes, blocked cookies): the system theme applies.
}
