import { chromium } from 'playwright-core';
import { chromiumArgs } from './chromium.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
await page.goto(process.argv[2]);
await page.waitForTimeout(2500);
const toggle = page.locator('button[aria-controls]', { hasText: 'Filters' });
if (await toggle.count()) { await toggle.first().click(); await page.waitForTimeout(500); }
const r = await page.evaluate((sel) => { const out = []; let e = document.querySelector(sel); while (e && e !== document.body) { const b = e.getBoundingClientRect(); const cs = getComputedStyle(e); out.push(`${e.tagName}.${e.className} l=${Math.round(b.left)} w=${Math.round(b.width)} ${cs.display} minw=${cs.minWidth} minis=${cs.minInlineSize} pad=${cs.paddingLeft}`); e = e.parentElement; } const s = document.querySelector(sel); out.unshift([...s.options].map(o => o.text.length).sort((a,b)=>b-a).slice(0,3).join(',') + ' ' + [...s.options].map(o=>o.text).slice(0,3).join('|')); return out; }, process.argv[3]);
console.log(r.join('\n'));
await browser.close();
