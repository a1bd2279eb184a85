// The Firefox build (dist/extension-firefox/) at work in Firefox ESR: its module background page
// instantiates the wasm core, the content script finds the 2022 form under its real host name
// and fills it, and a metadata URL is fetched. WebDriver is spoken over fetch to geckodriver; the
// test is skipped when firefox-esr or geckodriver is not installed (scripts/setup.sh does not
// install them: `apt-get install firefox-esr`, `cargo install geckodriver --locked`).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { APP_XML, appValues, EXTENSION_DIR, modelAfterFill } from './extension-helpers.mjs';
import {
  ALL_HOSTS,
  consoleUrl,
  ENTRA_EXPECTED,
  ENTRA_URLS,
  freePort,
  startServer,
} from './harness.mjs';
import { makeSigner } from './sign-response.mjs';
import {
  API_HOST,
  IDENTIFIER,
  REPLY_URL,
  START_URL,
  testSsoStandIns,
} from './test-sso-stand-ins.mjs';

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
let signer;
let testSso;
/** The extension's moz-extension:// host, fixed by a pref so that the test can open the popup. */
const EXTENSION_UUID = 'a3c6a1de-5b1e-4c43-9d55-3a7f1e0b6c21';
let base;
let session;

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

/** Open a console page (rendered soon) and wait for the panel. */
async function openWithPanel(generation, options = {}) {
  await webdriver('POST', `/session/${session}/url`, {
    url: consoleUrl(generation, { delay: 50, ...options }),
  });
  await until(`return !!${PANEL}?.querySelector('textarea');`, { what: 'the panel' });
}

/** Paste the app metadata (or its URL) into the panel, Fill, and read the settled model. */
async function pasteAndFill(text) {
  await paste(text);
  const sha1 = ENTRA_EXPECTED.app.signing_certificates[0].sha1;
  await until(
    `return ${PANEL}.querySelector('code.thumbprint')?.textContent === ${JSON.stringify(sha1)};`,
    { what: 'the values' },
  );
  await clickButton('Fill form');
  await until(`return /^Filled /.test(${PANEL}.querySelector('.outcome').textContent);`, {
    what: 'Filled',
  });
  await until('return !window.__consoleInfo().rerenderPending;');
  return run('return window.__consoleModel();');
}

before(async () => {
  if (skip) return;
  signer = makeSigner();
  testSso = testSsoStandIns(signer);
  server = await startServer({ standIns: testSso.standIns });
  const geckoId = JSON.parse(readFileSync(path.join(FIREFOX_DIR, 'manifest.json'), 'utf8'))
    .browser_specific_settings.gecko.id;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  driver = spawn(
    GECKODRIVER,
    // System access: the Test SSO case opens the popup page from the browser's chrome context.
    ['--port', String(port), '--binary', FIREFOX, '--allow-system-access'],
    { stdio: 'ignore' },
  );
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
            'network.dns.localDomains': [...ALL_HOSTS, API_HOST].join(','),
            'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
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
  signer?.close();
});

test('Firefox: the panel fills the 2022 form from pasted metadata, and fetches a metadata URL', {
  skip,
}, async () => {
  await openWithPanel('administration-console-2022');
  assert.deepEqual(
    await pasteAndFill(ENTRA_URLS.app),
    modelAfterFill('administration-console-2022', appValues({ metadata_url: ENTRA_URLS.app })),
  );
});

test("Firefox: a form inside closed shadow roots is found and filled (Firefox's own API)", {
  skip,
}, async () => {
  await openWithPanel('personal-portal-2017', { shadow: 'closed' });
  assert.equal(await run("return document.querySelectorAll('[data-form-host] input').length;"), 0);
  assert.deepEqual(
    await pasteAndFill(APP_XML),
    modelAfterFill('personal-portal-2017', appValues()),
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

/**
 * WebDriver may not navigate a tab to a moz-extension:// page: open it from the browser's own
 * (chrome) context in a new tab, as the toolbar would, and switch to that tab.
 */
async function openExtensionPage(url) {
  const before = await webdriver('GET', `/session/${session}/window/handles`);
  await webdriver('POST', `/session/${session}/moz/context`, { context: 'chrome' });
  try {
    await run(
      `const win = Services.wm.getMostRecentWindow('navigator:browser');
       win.gBrowser.selectedTab = win.gBrowser.addTab(arguments[0], {
         triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
       });`,
      url,
    );
  } finally {
    await webdriver('POST', `/session/${session}/moz/context`, { context: 'content' });
  }
  let handles = before;
  for (let i = 0; i < 50 && handles.length === before.length; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    handles = await webdriver('GET', `/session/${session}/window/handles`);
  }
  const opened = handles.find((handle) => !before.includes(handle));
  await webdriver('POST', `/session/${session}/window`, { handle: opened });
}

test('Firefox: Test SSO judges the response Entra posts, in the popup', { skip }, async () => {
  // The profile, filled through the panel from metadata carrying the throwaway certificate.
  await webdriver('POST', `/session/${session}/url`, {
    url: consoleUrl('administration-console-2022', { delay: 50 }),
  });
  await until(`return !location.search.includes('csp') && !!${PANEL}?.querySelector('textarea');`, {
    what: 'the panel',
  });
  await paste(testSso.metadata);
  await until(`return !!${PANEL}.querySelector('code.thumbprint');`, { what: 'the values' });
  await clickButton('Fill form');
  await until(`return /^Filled /.test(${PANEL}.querySelector('.outcome').textContent);`, {
    what: 'Filled',
  });

  // Sign in: the redirect with the AuthnRequest, Entra's form posting the signed response.
  testSso.entra.response = signer.sign({ audience: IDENTIFIER, recipient: REPLY_URL });
  await webdriver('POST', `/session/${session}/url`, { url: START_URL });
  await until(
    `return location.href === ${JSON.stringify(REPLY_URL)} && document.readyState === 'complete';`,
    { what: 'the sign-in endpoint' },
  );
  assert.equal(testSso.posted.length, 1);

  await openExtensionPage(`moz-extension://${EXTENSION_UUID}/src/popup/popup.html`);
  const shown = await until(
    `const nodes = [...document.querySelectorAll('#test-sso-result .observed')];
     return nodes.length === 2 && nodes.map((node) => ({
       endpoint: node.dataset.endpoint,
       tone: node.querySelector('.verdict').dataset.tone,
       codes: [...node.querySelectorAll('[data-code]')].map((li) => li.dataset.code),
     }));`,
    { what: 'the Test SSO verdicts' },
  );
  assert.deepEqual(shown, [
    { endpoint: 'mimecast-sign-in', tone: 'pass', codes: [] },
    { endpoint: 'entra-sign-in', tone: 'info', codes: [] },
  ]);
  // The host permissions are granted: no request for them.
  assert.equal(await run("return document.getElementById('permission').hidden;"), true);
});
