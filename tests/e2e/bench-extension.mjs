// The extension's performance (issue 3), printed as tables; never asserted. Not a test file:
//   node tests/e2e/bench-extension.mjs [runs]      (after `make build`; default 20 runs)
//
// 1. "Fill form" click -> last field written: the time from the trusted click on the panel's
//    button to the moment the console's model holds every value (a main-world listener checks
//    the model after each input/change/click has reached the page's own handlers). With the
//    service worker warm, and stopped just before the click (Fill itself needs no worker: the
//    inspection is made when the input arrives).
// 2. Paste -> values shown: a real clipboard paste into the panel until "What was found" is in
//    the panel's shadow root; the worker runs the wasm here. Warm, and with the worker stopped
//    just before the paste (cold: worker start + wasm instantiation + inspection).
// 3. The wasm core's extraction beside a DOMParser-based extraction of the same values (entity
//    ID, Login/Logout URL, signing certificates), in the same Chromium (an extension page).

import { readFileSync } from 'node:fs';
import { builtExtension, modelAfterFill, panel, stopWorker } from './extension-helpers.mjs';
import {
  ENTRA_EXPECTED,
  GENERATIONS,
  METADATA_FILES,
  openConsole,
  startHarness,
  waitForConsole,
} from './harness.mjs';

const RUNS = Number(process.argv[2]) || 20;
const APP_XML = readFileSync(METADATA_FILES.app, 'utf8');
const TENANT_XML = readFileSync(METADATA_FILES.tenant, 'utf8');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p90 = (xs) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];
const ms = (x) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;

function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

// Main-world probe: start at the trusted click on "Fill form", end when the model holds every
// expected value (a section of today's profile is compared whole).
function installFillProbe(expected) {
  const same = (model) =>
    Object.keys(expected).every((k) => JSON.stringify(model[k]) === JSON.stringify(expected[k]));
  window.__fillBench = { start: 0, end: 0 };
  document.addEventListener(
    'click',
    (event) => {
      const button = event.composedPath().find((n) => n.tagName === 'BUTTON');
      if (event.isTrusted && button && button.textContent === 'Fill form')
        window.__fillBench = { start: performance.now(), end: 0 };
    },
    true,
  );
  const check = () => {
    const b = window.__fillBench;
    if (b.start && !b.end && same(window.__consoleModel() || {})) b.end = performance.now();
  };
  // Bubble phase on window: after the console's own handlers have updated its model.
  for (const type of ['input', 'change', 'click']) window.addEventListener(type, check);
}

// Main-world probe: start at the paste, end when the panel shows what was found.
function installPasteProbe() {
  const root = document.querySelector('[data-mimecast-sso-autofill="panel"]').shadowRoot;
  window.__pasteBench = { start: 0, end: 0 };
  document.addEventListener(
    'paste',
    () => (window.__pasteBench = { start: performance.now(), end: 0 }),
    true,
  );
  new MutationObserver(() => {
    const b = window.__pasteBench;
    if (b.start && !b.end && root.querySelector('section.inspection')) b.end = performance.now();
  }).observe(root, { childList: true, subtree: true });
}

/** The app metadata's values, as Fill writes them. */
const APP_VALUES = {
  issuer_url: ENTRA_EXPECTED.app.issuer_url,
  login_url: ENTRA_EXPECTED.app.login_url,
  logout_url: ENTRA_EXPECTED.app.logout_url,
  certificate: ENTRA_EXPECTED.app.signing_certificates[0].base64,
};

/**
 * On a stand-in opened with `options`: the app metadata pasted, then RUNS "Fill form" clicks
 * (each undone) until the model holds `expected`, warm and with the worker stopped before each.
 */
async function benchFillOn(harness, standIn, options, expected) {
  const page = await openConsole(harness.context, standIn, { delay: 50, ...options });
  const p = panel(page);
  try {
    await p.input.fill(APP_XML);
    await p.found.locator('code.thumbprint').first().waitFor();
    await page.evaluate(installFillProbe, expected);
    const result = {};
    for (const mode of ['warm', 'cold']) {
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        if (mode === 'cold') await stopWorker(page);
        await p.fill.click();
        await page.waitForFunction(() => window.__fillBench.end > 0, null, { polling: 10 });
        times.push(await page.evaluate(() => window.__fillBench.end - window.__fillBench.start));
        await p.outcome.filter({ hasText: /^Filled / }).waitFor();
        await waitForConsole(page);
        await p.undo.click();
        await p.outcome.filter({ hasText: 'The form is back as it was.' }).waitFor();
        await waitForConsole(page);
        await page.waitForTimeout(30);
      }
      result[mode] = times;
    }
    return result;
  } finally {
    await page.close();
  }
}

function benchFill(harness, generation) {
  return benchFillOn(harness, generation, {}, modelAfterFill(generation, APP_VALUES));
}

// Today's profile (several sections): the same measure, with one section and with two enforced.
function benchFillSections(harness, enforce) {
  const filled = {
    enforce: true,
    provider: 'Microsoft Entra ID',
    metadata_url: '',
    ...APP_VALUES,
    allow_sso: true,
    password_context: false,
    integrated_context: false,
  };
  const expected = { administrators: filled };
  if (enforce.includes('w')) expected.web_apps = filled;
  return benchFillOn(harness, 'authentication-profile-2024', { enforce }, expected);
}

async function benchPaste(harness) {
  const page = await openConsole(harness.context, 'administration-console-2022', { delay: 50 });
  const p = panel(page);
  try {
    await p.input.waitFor();
    await page.evaluate(installPasteProbe);
    await harness.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate((text) => navigator.clipboard.writeText(text), APP_XML);
    const result = {};
    for (const mode of ['warm', 'cold']) {
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        await p.input.fill('');
        await p.found.waitFor({ state: 'detached' });
        if (mode === 'cold') await stopWorker(page);
        await p.input.focus();
        await page.keyboard.press('Control+V');
        await page.waitForFunction(() => window.__pasteBench.end > 0, null, { polling: 10 });
        times.push(await page.evaluate(() => window.__pasteBench.end - window.__pasteBench.start));
      }
      result[mode] = times;
    }
    return result;
  } finally {
    await page.close();
  }
}

// In an extension page: the wasm core (as the worker loads it) and a DOMParser extraction.
async function benchExtraction(harness) {
  const page = await harness.context.newPage();
  try {
    await page.goto(`chrome-extension://${harness.extensionId}/src/popup/popup.html`);
    return await page.evaluate(
      async ({ samples, iterations }) => {
        const core = await import(chrome.runtime.getURL('pkg/mimecast_sso.js'));
        await core.default({ module_or_path: chrome.runtime.getURL('pkg/mimecast_sso_bg.wasm') });
        const now = new Date().toISOString();
        const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
        const DS = 'http://www.w3.org/2000/09/xmldsig#';
        // The values the extension needs, the way a JavaScript extension would get them.
        const domParser = (xml) => {
          const doc = new DOMParser().parseFromString(
            xml.replace(/^\uFEFF/, ''),
            'application/xml',
          );
          if (doc.getElementsByTagName('parsererror').length) throw new Error('not XML');
          const entity = doc.getElementsByTagNameNS(MD, 'EntityDescriptor')[0];
          const idp = entity.getElementsByTagNameNS(MD, 'IDPSSODescriptor')[0];
          const endpoint = (tag) => {
            const list = [...idp.getElementsByTagNameNS(MD, tag)];
            const by = (b) => list.find((e) => (e.getAttribute('Binding') || '').endsWith(b));
            return (by('HTTP-Redirect') || by('HTTP-POST'))?.getAttribute('Location') ?? null;
          };
          const certificates = new Set();
          for (const kd of idp.getElementsByTagNameNS(MD, 'KeyDescriptor')) {
            const use = kd.getAttribute('use');
            if (use && use !== 'signing') continue;
            for (const c of kd.getElementsByTagNameNS(DS, 'X509Certificate'))
              certificates.add(c.textContent.replace(/\s+/g, ''));
          }
          return {
            issuer_url: entity.getAttribute('entityID'),
            login_url: endpoint('SingleSignOnService'),
            logout_url: endpoint('SingleLogoutService'),
            certificates: [...certificates],
          };
        };
        const wasm = (xml) => core.inspect(xml, { now });
        // performance.now() is coarse here (no cross-origin isolation): time batches.
        const time = (fn, xml) => {
          for (let i = 0; i < 20; i++) fn(xml); // warm-up
          const perCall = [];
          for (let batch = 0; batch < 11; batch++) {
            const t0 = performance.now();
            for (let i = 0; i < iterations; i++) fn(xml);
            perCall.push((performance.now() - t0) / iterations);
          }
          perCall.sort((a, b) => a - b);
          return perCall[5];
        };
        const out = {};
        for (const [name, xml] of Object.entries(samples)) {
          const a = wasm(xml);
          const b = domParser(xml);
          const agree =
            a.mimecast.issuer_url === b.issuer_url &&
            a.mimecast.login_url === b.login_url &&
            a.mimecast.logout_url === b.logout_url &&
            a.signing_certificates.map((c) => c.base64).join() === b.certificates.join();
          out[name] = {
            wasm: time(wasm, xml),
            domParser: time(domParser, xml),
            agree,
            bytes: xml.length,
          };
        }
        return out;
      },
      {
        samples: { 'Entra app metadata': APP_XML, 'Entra tenant metadata (2 certs)': TENANT_XML },
        iterations: 50,
      },
    );
  } finally {
    await page.close();
  }
}

const harness = await startHarness({ extensionDir: builtExtension() });
try {
  const fillRows = [];
  const fillRow = (label, r) =>
    fillRows.push([
      label,
      ms(median(r.warm)),
      ms(p90(r.warm)),
      ms(median(r.cold)),
      ms(p90(r.cold)),
    ]);
  for (const generation of GENERATIONS) fillRow(generation, await benchFill(harness, generation));
  for (const [label, enforce] of [
    ["today's profile, one section", 'a'],
    ["today's profile, two sections", 'a,w'],
  ]) {
    fillRow(label, await benchFillSections(harness, enforce));
  }
  table(
    `"Fill form" click -> last field written in the console's model (${RUNS} runs each; targets: warm <= 50 ms, cold <= 150 ms)`,
    ['form', 'warm median', 'warm p90', 'worker stopped: median', 'p90'],
    fillRows,
  );

  const paste = await benchPaste(harness);
  table(
    `Paste of the Entra app metadata -> values shown in the panel (${RUNS} runs each)`,
    ['worker', 'median', 'p90'],
    [
      ['warm', ms(median(paste.warm)), ms(p90(paste.warm))],
      ['cold (stopped before the paste)', ms(median(paste.cold)), ms(p90(paste.cold))],
    ],
  );

  const extraction = await benchExtraction(harness);
  table(
    'Extraction in the same Chromium, per call: median of 11 batches of 50 (target: wasm >= 2x faster than DOMParser on the Entra sample)',
    ['sample', 'size', 'wasm inspect', 'DOMParser', 'DOMParser / wasm', 'same values'],
    Object.entries(extraction).map(([name, r]) => [
      name,
      `${Math.round(r.bytes / 1024)} KB`,
      ms(r.wasm),
      ms(r.domParser),
      `${(r.domParser / r.wasm).toFixed(2)}x`,
      r.agree ? 'yes' : 'NO',
    ]),
  );
  console.log(
    '\n(wasm inspect also parses every certificate, hashes it and runs every rule; the DOMParser column only extracts.)',
  );
} finally {
  await harness.close();
}
