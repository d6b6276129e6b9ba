// Screenshots of every role's pages at phone, tablet, laptop and wall widths, for looking at them.
// Also reports what sticks out: the document's width beyond the viewport, and the app bar's.
// Usage: node shots.mjs <demo-credentials.json> [baseUrl] [outDir] [widths, e.g. 390,768,1440,1920]
import { chromium } from 'playwright-core';
import { signInPage } from './signin.mjs';
import { readFileSync, mkdirSync } from 'node:fs';

const [credsPath, baseUrl = 'http://127.0.0.1:5080', outDir = 'shots', widthsArg = '390,768,1440,1920'] = process.argv.slice(2);
const creds = JSON.parse(readFileSync(credsPath, 'utf8'));
const widths = widthsArg.split(',').map(Number);
const pagesByRole = {
  owner: ['/', '/owner', '/settings', '/checklist'],
  engineer: ['/engineer', '/settings/resources'],
  pm: ['/pm'],
  designer: ['/designer'],
};
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const [role, paths] of Object.entries(pagesByRole)) {
  const c = creds.find(x => x.role === role);
  for (const width of widths) {
    const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 } });
    const page = await context.newPage();
    await signInPage(page, baseUrl, c);
    for (const path of paths) {
      await page.goto(`${baseUrl}${path}`);
      await page.waitForSelector('[data-testid=interactive]:has-text("interactive")', { state: 'attached', timeout: 30000 }).catch(() => {});
      await page.waitForTimeout(2500);
      const m = await page.evaluate(() => {
        const bar = document.querySelector('header.mud-appbar .mud-toolbar');
        const signOut = document.querySelector('[aria-label="Sign out"]');
        const r = signOut?.getBoundingClientRect();
        return {
          doc: document.documentElement.scrollWidth,
          bar: bar ? bar.scrollWidth : null,
          signOutVisible: !!r && r.width > 0 && r.right <= window.innerWidth && r.left >= 0,
        };
      });
      const name = `${role}${path === '/' ? '-overview' : path.replaceAll('/', '-')}-${width}`;
      await page.screenshot({ path: `${outDir}/${name}.png`, fullPage: false });
      console.log(`${name}: document ${m.doc} px, app bar ${m.bar} px, viewport ${width}; sign-out in view: ${m.signOutVisible}`);
    }
    await context.close();
  }
}
await browser.close();
