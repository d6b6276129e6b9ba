// Time to interactive and bytes per visit of each role's main page, in Debian's Chromium.
// TTI = navigation start to the moment [data-testid=interactive] reads "interactive" AND the page's
// main figures are in the DOM (the per-page selector below), measured inside the page with
// performance.now() (a requestAnimationFrame poll, so within one frame).
// Bytes = every HTTP response of the visit as received on the wire (Chromium's encodedDataLength:
// headers + compressed body), from navigation until the figures are shown plus 1 s; responses served
// from the browser cache count 0; WebSocket frames after the circuit connects are not counted (the
// negotiate and initializer requests are).
// A "first" visit is a fresh browser context (empty HTTP cache) holding only the sign-in cookie; the
// "repeat" visit loads the same page again in that context. The first visit of each page after the app
// starts is reported as "cold".
// Usage: node tti.mjs <demo-credentials.json> [baseUrl] [loads] [out.json]
import { chromium } from 'playwright-core';
import { signInPage } from './signin.mjs';
import { readFileSync, writeFileSync } from 'node:fs';

const [credsPath, baseUrl = 'http://127.0.0.1:5080', loadsArg = '10', outPath] = process.argv.slice(2);
const loads = Number(loadsArg);
const creds = JSON.parse(readFileSync(credsPath, 'utf8'));

// Role, page and the selectors that together mean "the page's main figures are shown" (each must match),
// and what must be gone (loading placeholders).
const pages = [
  { name: 'overview', role: 'owner', path: '/', ready: ['[data-testid=gauge-reading]', '[data-testid=sparkline]'], absent: '[data-testid=gauges-loading]' },
  { name: 'owner', role: 'owner', path: '/owner', ready: ['[data-testid=owner-summary]'], absent: '[data-testid=owner-loading]' },
  { name: 'engineer', role: 'engineer', path: '/engineer', ready: ['[data-testid=alerts-table], [data-testid=alerts-empty]', '[data-testid=db-health]'], absent: '[data-testid=alerts-loading], [data-testid=database-loading]' },
  { name: 'pm', role: 'pm', path: '/pm', ready: ['[data-testid=forecast-row]'], absent: null },
  { name: 'designer', role: 'designer', path: '/designer', ready: ['[data-testid=latency-chart]', '[data-testid=conversion-card]'], absent: '.mud-skeleton' },
  // The peer in the same run: the sign-in page, server-rendered with no circuit and no data, same assets.
  // Its "TTI" is load complete with the form shown: the floor the machine allows at that moment.
  { name: 'peer-login', role: null, path: '/account/login', ready: ['#email'], absent: null, static: true },
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function signIn(role) {
  const c = creds.find(x => x.role === role);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInPage(page, baseUrl, c);
  const state = await context.storageState();
  await context.close();
  return state;
}

async function visit(page, cdp, spec) {
  const requests = new Map();
  const onResponse = e => requests.set(e.requestId, { url: e.response.url, encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '', cached: e.response.fromDiskCache || e.response.fromPrefetchCache, bytes: 0 });
  const onFinished = e => { const r = requests.get(e.requestId); if (r) r.bytes = e.encodedDataLength; };
  const onCache = e => { const r = requests.get(e.requestId); if (r) r.cached = true; };
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFinished', onFinished);
  cdp.on('Network.requestServedFromCache', onCache);
  let tti = null, error = null, nav = {};
  try {
    await page.goto(`${baseUrl}${spec.path}`, { waitUntil: 'commit', timeout: 60000 });
    tti = await (await page.waitForFunction(([ready, absent, isStatic]) => {
      if (isStatic) {
        if (document.readyState !== 'complete') return false;
      } else {
        const flag = document.querySelector('[data-testid=interactive]');
        if (!flag || flag.textContent.trim() !== 'interactive') return false;
      }
      if (!ready.every(sel => document.querySelector(sel))) return false;
      if (absent && document.querySelector(absent)) return false;
      return performance.now();
    }, [spec.ready, spec.absent, !!spec.static], { polling: 'raf', timeout: 30000 })).jsonValue();
    // Where the time went: the server's answer (prerendering runs the page's queries) and the parse.
    nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { ttfbMs: Math.round(n.responseStart), htmlDoneMs: Math.round(n.responseEnd), domReadyMs: Math.round(n.domContentLoadedEventEnd) };
    });
    await page.waitForTimeout(1000);
  } catch (e) {
    error = String(e.message ?? e).split('\n')[0];
  }
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.loadingFinished', onFinished);
  cdp.off('Network.requestServedFromCache', onCache);
  const list = [...requests.values()];
  return {
    ttiMs: tti === null ? null : Math.round(tti), ...nav, error,
    bytes: list.reduce((a, r) => a + (r.cached ? 0 : r.bytes), 0),
    requests: list.length,
    detail: list.map(r => ({ url: r.url.replace(baseUrl, ''), enc: r.encoding, bytes: r.cached ? 0 : r.bytes, cached: !!r.cached })),
  };
}

const states = {};
for (const role of [...new Set(pages.map(p => p.role).filter(Boolean))]) states[role] = await signIn(role);

const results = {};
for (const spec of pages) results[spec.name] = { path: spec.path, role: spec.role, ready: spec.ready, first: [], repeat: [] };
// Round-robin over the pages, so the machine's load swings hit every page alike; round 0 is "cold".
for (let round = 0; round <= loads; round++) {
  for (const spec of pages) {
    const context = await browser.newContext(spec.role ? { storageState: states[spec.role] } : {});
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const first = await visit(page, cdp, spec);
    const repeat = await visit(page, cdp, spec);
    await context.close();
    if (round === 0) {
      results[spec.name].cold = first;
      results[spec.name].coldRepeat = repeat;
    } else {
      results[spec.name].first.push(first);
      results[spec.name].repeat.push(repeat);
    }
  }
}
await browser.close();

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
const summary = {};
for (const [name, r] of Object.entries(results)) {
  const ok = v => v.filter(x => x.ttiMs !== null);
  const tf = ok(r.first).map(x => x.ttiMs), tr = ok(r.repeat).map(x => x.ttiMs);
  summary[name] = {
    path: r.path, role: r.role,
    coldTtiMs: r.cold.ttiMs, coldError: r.cold.error ?? undefined,
    firstTtiMedianMs: pct(tf, 0.5), firstTtiP90Ms: pct(tf, 0.9),
    repeatTtiMedianMs: pct(tr, 0.5), repeatTtiP90Ms: pct(tr, 0.9),
    loads: r.first.length, failed: r.first.length - tf.length + r.repeat.length - tr.length,
    firstBytesMedian: pct(r.first.map(x => x.bytes), 0.5), repeatBytesMedian: pct(r.repeat.map(x => x.bytes), 0.5),
    coldBytes: r.cold.bytes,
    firstTtfbMedianMs: pct(ok(r.first).map(x => x.ttfbMs), 0.5), firstDomReadyMedianMs: pct(ok(r.first).map(x => x.domReadyMs), 0.5),
    coldTtfbMs: r.cold.ttfbMs,
    errors: [...new Set([...r.first, ...r.repeat].map(x => x.error).filter(Boolean))],
  };
}
// Each page against the peer measured in the same run (medians of the first visits).
const peer = summary['peer-login'];
for (const v of Object.values(summary)) {
  if (peer && peer.firstTtiMedianMs) {
    v.firstTtiVsPeer = Math.round(100 * v.firstTtiMedianMs / peer.firstTtiMedianMs) / 100;
    v.repeatTtiVsPeer = Math.round(100 * v.repeatTtiMedianMs / peer.repeatTtiMedianMs) / 100;
  }
}
summary.loadAverage = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(JSON.stringify(summary, null, 1));
if (outPath) writeFileSync(outPath, JSON.stringify({ summary, results }, null, 1));
