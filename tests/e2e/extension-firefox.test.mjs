// The Firefox build (dist/extension-firefox/) at work in Firefox ESR: its module background page
// instantiates the wasm core, the content script finds the 2022 form under its real host name
// and fills it, and a metadata URL is fetched. WebDriver is spoken over fetch to geckodriver; the
// test is skipped when firefox-esr or geckodriver is not installed (scripts/setup.sh does not
// install them: `apt-get install firefox-esr`, `cargo install geckodriver --locked`).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { appValues, EXTENSION_DIR, modelAfterFill } from './extension-helpers.mjs';
import { ALL_HOSTS, consoleUrl, ENTRA_EXPECTED, ENTRA_URLS, startServer } from './harness.mjs';

const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const GECKODRIVER =
  process.env.GECKODRIVER_PATH || path.join(os.homedir(), '.cargo/bin/geckodriver');
const FIREFOX_DIR = path.join(path.dirname(EXTENSION_DIR), 'extension-firefox');
const missing = [FIREFOX, GECKODRIVER, path.join(FIREFOX_DIR, 'manifest.json')].filter(
  (file) => !existsSync(file),
);
const skip = missing.length ? `not installed or not built: ${missing.join(', ')}` : false;

let server;
let driver;
let base;
let session;

async function freePort() {
  const srv = net.createServer();
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

async function webdriver(method, route, body) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok)
    throw new Error(`${method} ${route}: ${json.value?.error}: ${json.value?.message}`);
  return json.value;
}

const run = (script, ...args) =>
  webdriver('POST', `/session/${session}/execute/sync`, { script, args });

async function until(script, { timeout = 10000, what = script } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await run(script);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// In the page's main world: the panel's open shadow root is reachable, and events dispatched
// here reach the content script's listeners.
const PANEL = 'document.querySelector(\'[data-mimecast-sso-autofill="panel"]\')?.shadowRoot';
const paste = (text) =>
  run(
    `const box = ${PANEL}.querySelector('textarea'); box.value = arguments[0];
     box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
     box.dispatchEvent(new Event('paste', {bubbles: true}));`,
    text,
  );
const clickButton = (name) =>
  run(
    `[...${PANEL}.querySelectorAll('button')].find((b) => b.textContent === arguments[0]).click();`,
    name,
  );

before(async () => {
  if (skip) return;
  server = await startServer();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  driver = spawn(GECKODRIVER, ['--port', String(port), '--binary', FIREFOX], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(`${base}/status`);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const created = await webdriver('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'firefox',
        acceptInsecureCerts: true,
        'moz:firefoxOptions': {
          args: ['-headless'],
          prefs: {
            'network.dns.localDomains': ALL_HOSTS.join(','),
            'network.trr.mode': 5,
            'network.socket.forcePort': `443=${server.port}`,
          },
        },
      },
    },
  });
  session = created.sessionId;
  await webdriver('POST', `/session/${session}/moz/addon/install`, {
    path: FIREFOX_DIR,
    temporary: true,
  });
});

after(async () => {
  if (session) await webdriver('DELETE', `/session/${session}`).catch(() => {});
  driver?.kill();
  await server?.close();
});

test('Firefox: the panel fills the 2022 form from pasted metadata, and fetches a metadata URL', {
  skip,
}, async () => {
  await webdriver('POST', `/session/${session}/url`, {
    url: consoleUrl('administration-console-2022', { delay: 50 }),
  });
  await until(`return !!${PANEL}?.querySelector('textarea');`, { what: 'the panel' });

  await paste(ENTRA_URLS.app);
  const sha1 = ENTRA_EXPECTED.app.signing_certificates[0].sha1;
  await until(
    `return ${PANEL}.querySelector('code.thumbprint')?.textContent === ${JSON.stringify(sha1)};`,
    { what: 'the fetched values' },
  );
  await clickButton('Fill form');
  await until(`return /^Filled /.test(${PANEL}.querySelector('.outcome').textContent);`, {
    what: 'Filled',
  });
  await until('return !window.__consoleInfo().rerenderPending;');
  const model = await run('return window.__consoleModel();');
  assert.deepEqual(
    model,
    modelAfterFill('administration-console-2022', appValues({ metadata_url: ENTRA_URLS.app })),
  );
});

test('Firefox: on-page findings under a strict CSP', { skip }, async () => {
  await webdriver('POST', `/session/${session}/url`, {
    url: consoleUrl('administration-console-2022', { delay: 50, strictCsp: true }),
  });
  // Not the previous test's page: geckodriver may answer before the new document replaced it.
  await until(
    `return location.search.includes('csp=strict') && !!${PANEL}?.querySelector('textarea');`,
    { what: 'the panel' },
  );
  const ISSUER = `[...document.querySelectorAll('input[aria-labelledby]')].find((i) => document.getElementById(i.getAttribute('aria-labelledby'))?.textContent === 'Issuer URL')`;
  await until(`return !!${ISSUER};`, { what: 'the Issuer URL field' });
  await run(
    `const issuer = ${ISSUER}; issuer.value = arguments[0]; issuer.dispatchEvent(new Event('input', {bubbles: true}));`,
    ENTRA_EXPECTED.app.issuer_url.replace(/\/$/, ''),
  );
  const text = await until(
    `return document.querySelector('[data-mimecast-sso-autofill="note"][data-field="issuer_url"]')?.shadowRoot?.querySelector('.note')?.textContent;`,
    { what: 'the Issuer URL note' },
  );
  assert.match(text, /missing the trailing slash/);
});
