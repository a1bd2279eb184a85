// Takes the README's picture of the web page: docs/www.png, the embedded Entra sample loaded
// (#sample) and the Entra side filled in. Not a test; run after `make build`:
//   node tests/e2e/www-screenshot.mjs [output.png] [light|dark]
// The clock is fixed at a day the sample's certificate is valid, so the picture does not age.

import path from 'node:path';

import { launchBrowser, openPage, parts, ROOT, serveWww } from './www-helpers.mjs';

const output = path.resolve(process.argv[2] ?? path.join(ROOT, 'docs/www.png'));
const colorScheme = process.argv[3] ?? 'light';

const server = await serveWww();
const browser = await launchBrowser();
try {
  const { page } = await openPage(browser, server, {
    colorScheme,
    viewport: { width: 1100, height: 800 },
  });
  await page.clock.setFixedTime(new Date('2024-09-16T09:30:00Z'));
  await page.goto(`${server.url}#sample`);
  await page.waitForSelector('html[data-ready]');
  const p = parts(page);
  await p.value('issuer_url').waitFor();
  await p.region.selectOption({ label: 'Europe' });
  await p.accountCode.fill('CUK12A34');
  await page.evaluate(() => document.activeElement?.blur());
  // The import and the Entra side; check mode is below the fold.
  const bottom = await page
    .locator('#entra')
    .evaluate((section) => section.getBoundingClientRect().bottom + window.scrollY);
  await page.screenshot({
    path: output,
    fullPage: true,
    clip: { x: 0, y: 0, width: 1100, height: Math.ceil(bottom + 16) },
  });
  console.log(`www-screenshot: ${path.relative(process.cwd(), output)}`);
} finally {
  await browser.close();
  await server.close();
}
