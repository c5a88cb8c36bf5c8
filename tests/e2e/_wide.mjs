import { chromium } from 'playwright-core';
import { chromiumArgs } from './chromium.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
for (const url of process.argv.slice(2)) {
  const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
  const logs = [];
  page.on('console', (m) => logs.push(m.text()));
  await page.goto(url);
  await page.waitForTimeout(2500);
  const toggle = page.locator('button[aria-controls]', { hasText: 'Filters' });
  if (await toggle.count()) { await toggle.first().click(); await page.waitForTimeout(500); }
  const wide = await page.evaluate(() => {
    const out = [];
    for (const e of document.querySelectorAll('body *')) {
      const r = e.getBoundingClientRect();
      if (r.right > window.innerWidth + 0.5 && r.width > 0) out.push(`${e.tagName.toLowerCase()}.${e.className} right=${Math.round(r.right)}`);
    }
    return [document.documentElement.scrollWidth, out.slice(0, 6)];
  });
  console.log(url, JSON.stringify(wide), logs.length);
  await page.close();
}
await browser.close();
