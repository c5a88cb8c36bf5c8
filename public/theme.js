// Applies the reader's remembered theme before the first paint, so a dark choice never flashes light.
// Also marks the document as scripted: the pre-rendered header then keeps room for the search box
// and theme toggle the app will draw (they mean nothing without scripts).
document.documentElement.dataset.js = '';
try {
  const theme = localStorage.getItem('quire-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // Storage can be unavailable (private modes, blocked cookies): the system theme applies.
}
