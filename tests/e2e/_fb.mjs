import { chromium } from 'playwright-core';
import { chromiumArgs } from './chromium.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
await page.goto(process.argv[2]);
await page.waitForTimeout(2500);
const toggle = page.locator('button[aria-controls]', { hasText: 'Filters' });
if (await toggle.count()) { await toggle.first().click(); await page.waitForTimeout(500); }
const r = await page.evaluate((sel) => [...document.querySelectorAll(sel)].map(e => `${e.tagName}.${e.className} w=${Math.round(e.getBoundingClientRect().width)} r=${Math.round(e.getBoundingClientRect().right)} ${getComputedStyle(e).display} minw=${getComputedStyle(e).minWidth}`), process.argv[3]);
console.log(r.join('\n'));
await browser.close();
