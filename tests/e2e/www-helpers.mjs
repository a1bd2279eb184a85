// Helpers for the web page's end-to-end tests (tests/e2e/www*.test.mjs): a loopback static
// server for dist/www/ that records every request, headless Chromium, the page's parts as an
// admin finds them (by role and accessible name), and the native CLI for expected values.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { CHROMIUM_FLAGS, CONTENT_TYPES } from './harness.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WWW_DIR = path.join(ROOT, 'dist/www');

/** The instant the page and the CLI both judge certificates at. */
export const NOW = '2026-11-23T09:30:00Z';

/** A corpus metadata document (tests/fixtures/corpus/metadata/). */
export const corpus = (name) => path.join(ROOT, 'tests/fixtures/corpus/metadata', name);

/** A certificate as Entra hands it out (tests/fixtures/certificates/). */
export const certificateFixture = (name) => path.join(ROOT, 'tests/fixtures/certificates', name);

/** Serves dist/www/ on 127.0.0.1 (a free port); `requests` lists every path asked for. */
export async function serveWww() {
  if (
    !existsSync(path.join(WWW_DIR, 'index.html')) ||
    !existsSync(path.join(WWW_DIR, 'pkg/mimecast_sso_www_bg.wasm'))
  ) {
    throw new Error(
      `${WWW_DIR} is not built: run \`make build\` (or scripts/build-wasm.sh && scripts/build-www.sh)`,
    );
  }
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    const relative =
      url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(WWW_DIR, relative);
    if (!file.startsWith(WWW_DIR + path.sep) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Headless Chromium (Debian's); no network but loopback is ever used. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
}

/**
 * Opens the page with the clock fixed at NOW. Every request that leaves the loopback server is
 * recorded in `external` and aborted: the page must make none.
 */
export async function openPage(
  browser,
  server,
  { hash = '', colorScheme = 'light', viewport } = {},
) {
  const context = await browser.newContext({
    acceptDownloads: true,
    colorScheme,
    viewport: viewport ?? { width: 1200, height: 900 },
  });
  const external = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith('blob:') || url.startsWith('data:'))
      return route.continue();
    external.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.clock.setFixedTime(new Date(NOW));
  await page.goto(server.url + hash);
  await page.waitForSelector('html[data-ready]');
  return { context, page, external, errors };
}

/** The parts of the page, found the way an admin (or a screen reader) finds them. */
export function parts(page) {
  const results = page.locator('#import-results');
  return {
    input: page.getByRole('textbox', { name: 'Metadata, URL or certificate', exact: true }),
    inspect: page.getByRole('button', { name: 'Inspect', exact: true }),
    file: page.locator('#import-file'),
    status: page.locator('#import-status'),
    results,
    value: (field) => results.locator(`[data-field="${field}"]`),
    certField: (field) => results.locator(`.certificate-details [data-cert-field="${field}"]`),
    findingCodes: async (scope = results) =>
      scope.locator('li.finding').evaluateAll((items) => items.map((li) => li.dataset.code)),
    region: page.getByRole('combobox', { name: 'Region', exact: true }),
    accountCode: page.getByRole('textbox', { name: 'Account code', exact: true }),
    entraMessage: page.locator('#entra-message'),
    entraValue: (mode, field) =>
      page.locator(`#entra-values [data-mode="${mode}"] code[data-field="${field}"]`),
    download: page.getByRole('button', { name: 'Download SP metadata XML', exact: true }),
    spFile: page.getByLabel('SP metadata file to read back'),
    spRead: page.locator('#sp-metadata-read'),
    checkResults: page.locator('#check-results'),
  };
}

/** The text of a value as shown, or null when the page shows it as absent. */
export async function shownValue(locator) {
  if ((await locator.count()) === 0) return undefined;
  if ((await locator.getAttribute('data-absent')) !== null) return null;
  return locator.textContent();
}

let cliBuilt = false;

/** Runs the native CLI (built once, release) and parses its JSON. */
export function cli(args) {
  if (!cliBuilt) {
    execFileSync('cargo', ['build', '--release', '--quiet', '--bin', 'mimecast-sso'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    cliBuilt = true;
  }
  const binary = path.join(
    process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'),
    'release/mimecast-sso',
  );
  return JSON.parse(execFileSync(binary, args, { cwd: ROOT, encoding: 'utf8' }));
}

/** `mimecast-sso inspect --json --now NOW FILE`, with extra flags. */
export function cliInspect(file, ...flags) {
  return cli(['inspect', '--json', '--now', NOW, ...flags, file]);
}
