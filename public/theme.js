// Applies the reader's remembered theme before the first paint, so a dark choice never flashes light.
try {
  const theme = localStorage.getItem('quire-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // Storage can be unavailable (private modes, blocked cookies): the system theme applies.
}
