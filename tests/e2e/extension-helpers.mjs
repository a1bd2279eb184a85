// Helpers for the extension's end-to-end tests (tests/e2e/extension*.test.mjs): the built
// extension, its panel and notes as an admin finds them (by role and accessible name; Playwright
// pierces the open shadow roots), and the model a fill should leave.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  ENTRA_EXPECTED,
  ENTRA_PROVIDER,
  INITIAL_MODEL,
  METADATA_FILES,
  MODEL_KEYS,
  openConsole,
  readModel,
  startHarness,
  waitForConsole,
} from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = path.join(ROOT, 'dist/extension');
export const EXTENSION_SRC = path.join(ROOT, 'extension/src');

/** The unmodified build: the tests never build it themselves (`make test-e2e` builds first). */
export function builtExtension() {
  if (
    !existsSync(path.join(EXTENSION_DIR, 'manifest.json')) ||
    !existsSync(path.join(EXTENSION_DIR, 'pkg/mimecast_sso_bg.wasm'))
  ) {
    throw new Error(
      `${EXTENSION_DIR} is not built: run \`make build\` (or scripts/build-wasm.sh && scripts/build-extension.sh)`,
    );
  }
  return EXTENSION_DIR;
}

/** The app and the tenant metadata as text (METADATA_FILES), for pasting. */
export const APP_XML = readText(METADATA_FILES.app);
export const TENANT_XML = readText(METADATA_FILES.tenant);

/** Most tests do not test the late render: a short one keeps the suite fast. */
export const FAST = { delay: 50 };

/**
 * The harness of one test file: started (with `startHarness(options)`) before the file's tests,
 * closed after them. Until then the object is empty; then it holds what `startHarness` returns.
 */
export function harnessForFile(options) {
  const harness = {};
  before(async () => {
    Object.assign(harness, await startHarness(options));
  });
  after(async () => {
    await harness.close?.();
  });
  return harness;
}

/**
 * Open a stand-in (fast unless `options` say otherwise), wait for the panel, run `body(page)`,
 * always close the page.
 */
export async function onPanelPage(harness, standIn, options, body) {
  const page = await openConsole(harness.context, standIn, { ...FAST, ...options });
  try {
    await panel(page).input.waitFor();
    return await body(page);
  } finally {
    await page.close();
  }
}

/**
 * For a test file that works on one stand-in with the built extension: its harness
 * (harnessForFile) and `onPage(options, body)`, onPanelPage on that stand-in.
 */
export function panelPagesOn(standIn) {
  const harness = harnessForFile({ extensionDir: builtExtension() });
  return { harness, onPage: (options, body) => onPanelPage(harness, standIn, options, body) };
}

/** The panel of a page, and what an admin uses in it. */
export function panel(page) {
  const root = page.locator('[data-mimecast-sso-autofill="panel"]');
  return {
    root,
    input: root.getByRole('textbox', { name: 'Metadata, URL or certificate', exact: true }),
    file: root.getByLabel('Metadata or certificate file'),
    fill: root.getByRole('button', { name: 'Fill form', exact: true }),
    replace: root.getByRole('button', { name: 'Replace', exact: true }),
    cancel: root.getByRole('button', { name: 'Cancel', exact: true }),
    undo: root.getByRole('button', { name: 'Undo', exact: true }),
    error: root.getByRole('alert'),
    found: root.getByRole('region', { name: 'What was found' }),
    outcome: root.locator('.outcome'),
  };
}

/** Paste text into the panel (as a paste: the result shows without another step). */
export async function pasteIntoPanel(page, text) {
  const p = panel(page);
  await p.input.fill(text);
  return p;
}

/** Click "Fill form" and wait until the fill is reported and the console has settled. */
export async function fillForm(page) {
  const p = panel(page);
  await p.fill.click();
  await p.outcome.filter({ hasText: /^Filled / }).waitFor();
  await waitForConsole(page);
}

/** Wait until the console has no re-render pending, then read its model. */
export async function settledModel(page) {
  await waitForConsole(page);
  // The worker's late re-apply window (fill.js) acts within a few ms of a re-render.
  await page.waitForTimeout(50);
  await waitForConsole(page);
  return readModel(page);
}

/**
 * The model after "Fill form" with `values` ({issuer_url, login_url, logout_url, certificate,
 * metadata_url}; absent = not written) on a form that started as `start` ('empty' | 'prefilled').
 */
export function modelAfterFill(generation, values, start = 'empty') {
  const keys = MODEL_KEYS[generation];
  const model = { ...INITIAL_MODEL[generation][start] };
  for (const [key, value] of Object.entries(values))
    if (keys.includes(key) && value !== undefined) model[key] = value;
  model.enforce = true;
  model.provider = ENTRA_PROVIDER[generation];
  if (keys.includes('allow_sso')) model.allow_sso = true;
  if (keys.includes('password_context')) model.password_context = false;
  if (keys.includes('integrated_context')) model.integrated_context = false;
  return model;
}

/** The values of the app metadata (one certificate), as an independent parser reads them. */
export function appValues(extra = {}) {
  const app = ENTRA_EXPECTED.app;
  return {
    issuer_url: app.issuer_url,
    login_url: app.login_url,
    logout_url: app.logout_url,
    certificate: app.signing_certificates[0].base64,
    ...extra,
  };
}

/** A section of today's profile after Fill from the app metadata (pasted XML: no Metadata URL). */
export const SECTION_FILLED = {
  enforce: true,
  provider: 'Microsoft Entra ID',
  metadata_url: '',
  ...appValues(),
  allow_sso: true,
  password_context: false,
  integrated_context: false,
};

/** PEM text of a base64 certificate body, 64 columns, with the given line end. */
export function pem(base64, eol = '\n') {
  return `-----BEGIN CERTIFICATE-----${eol}${base64.match(/.{1,64}/g).join(eol)}${eol}-----END CERTIFICATE-----${eol}`;
}

/** The findings note the extension put next to a field (its own shadow root), as a locator. */
export function noteOf(page, fieldName) {
  return page.locator(`[data-mimecast-sso-autofill="note"][data-field="${fieldName}"]`);
}

/** Whether the note of `fieldName` sits right after `control` (or after the label wrapping it). */
export async function noteIsBeside(control, fieldName) {
  return control.evaluate((el, name) => {
    const anchor = el.closest('label') || el;
    const next = anchor.nextElementSibling;
    return (
      !!next &&
      next.getAttribute('data-mimecast-sso-autofill') === 'note' &&
      next.dataset.field === name
    );
  }, fieldName);
}

/**
 * Stop the extension's service worker now, as Chrome does when it is idle (the next message
 * starts it again: worker start, wasm instantiation, then the request).
 */
export async function stopWorker(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    for (const t of targetInfos) {
      if (t.type === 'service_worker' && t.url.startsWith('chrome-extension://'))
        await cdp.send('Target.closeTarget', { targetId: t.targetId });
    }
  } finally {
    await cdp.detach();
  }
}

export function readText(file) {
  return readFileSync(file, 'utf8');
}

export async function assertModel(page, expected, message) {
  assert.deepEqual(await settledModel(page), expected, message);
}
