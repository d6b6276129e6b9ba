// Publish -> DOM latency of the overview's live gauges in Debian's Chromium.
// The gauge grid carries data-published-at (ms since epoch) of the batch it shows; a
// MutationObserver in the page records Date.now() when it changes. Same machine, same clock.
// Usage: node latency.mjs <demo-credentials.json> [baseUrl] [batches]
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const [credsPath, baseUrl = 'http://127.0.0.1:5080', wanted = '8'] = process.argv.slice(2);
const owner = JSON.parse(readFileSync(credsPath, 'utf8')).find(c => c.role === 'owner');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await (await browser.newContext()).newPage();
await page.goto(`${baseUrl}/account/login`);
await page.fill('#email', owner.email);
await page.fill('#password', owner.password);
await page.click('[data-testid=sign-in]');
await page.waitForSelector('[data-testid=interactive]:text("interactive")', { state: 'attached', timeout: 60000 });
await page.waitForSelector('[data-testid=gauge-grid][data-published-at]', { timeout: 60000 });
await page.evaluate(() => {
  window.__latencies = [];
  const grid = document.querySelector('[data-testid=gauge-grid]');
  new MutationObserver(() => {
    const published = Number(grid.getAttribute('data-published-at'));
    if (published) window.__latencies.push(Date.now() - published);
  }).observe(grid, { attributes: true, attributeFilter: ['data-published-at'] });
});
const n = Number(wanted);
await page.waitForFunction(k => window.__latencies.length >= k, n, { timeout: (n + 2) * 20000, polling: 500 });
const latencies = (await page.evaluate(() => window.__latencies)).slice(0, n).sort((a, b) => a - b);
const pct = p => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
console.log(JSON.stringify({ batches: latencies.length, p50Ms: pct(0.5), p90Ms: pct(0.9), maxMs: latencies.at(-1), all: latencies }));
await browser.close();
