// Lighthouse scores for `make bench`: Lighthouse's default mobile emulation (simulated slow 4G,
// 4x CPU) against /usr/bin/chromium, one fresh browser per run, the median score of each category.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumArgs, median } from './lib.mjs';

const categories = ['performance', 'accessibility', 'best-practices', 'seo'];

export async function lighthouseScores(pages, { runs, log }) {
  const results = {};
  for (const [name, url] of Object.entries(pages)) {
    const scores = Object.fromEntries(categories.map((category) => [category, []]));
    const failing = new Set();
    // Each run's simulated timings, so a median that moves can be traced to the metric that moved.
    const timings = [];
    for (let run = 0; run < runs; run += 1) {
      const chrome = await chromeLauncher.launch({
        chromePath: '/usr/bin/chromium',
        chromeFlags: ['--headless=new', ...chromiumArgs],
      });
      try {
        const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories });
        if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
        const metric = (id) => Math.round(lhr.audits[id].numericValue);
        timings.push({
          performance: Math.round(lhr.categories.performance.score * 100),
          fcp_ms: metric('first-contentful-paint'),
          lcp_ms: metric('largest-contentful-paint'),
          tbt_ms: metric('total-blocking-time'),
          speed_index_ms: metric('speed-index'),
        });
        for (const category of categories) {
          scores[category].push(Math.round(lhr.categories[category].score * 100));
          for (const ref of lhr.categories[category].auditRefs) {
            const audit = lhr.audits[ref.id];
            if (ref.weight > 0 && audit.score !== null && audit.score < 1) failing.add(`${category}: ${ref.id}`);
          }
        }
      } finally {
        await chrome.kill();
      }
    }
    results[name] = {
      url,
      ...Object.fromEntries(categories.map((category) => [category, median(scores[category])])),
      runs,
      timings,
      audits_below_full_marks: [...failing].sort(),
    };
    log(`lighthouse: ${name} ${categories.map((c) => `${c} ${results[name][c]}`).join(', ')}`);
  }
  return results;
}
