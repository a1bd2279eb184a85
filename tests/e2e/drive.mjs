// Driving pages: waiting for a console's late render, reading its framework model, finding its
// controls as a user would, and pasting, dropping files and choosing options as a user does.
//
//   const page = await openConsole(harness.context, 'administration-console-2022', { prefilled: true });
//   const model = await readModel(page);
//   await paste(field(page, 'administration-console-2022', 'issuer_url'), 'https://…');

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { consoleUrl, PROVIDER_OPTIONS } from './serve.mjs';

// ---------------------------------------------------------------------------------------------
// Pages

/** The console's own state: {generation, ready, route, formPresent, formRenders, rerenderPending}. */
export async function consoleInfo(page) {
  return page.evaluate(() => (window.__consoleInfo ? window.__consoleInfo() : null));
}

/** Wait until the console has rendered `route` ('form': the form is in the DOM and no re-render is pending). */
export async function waitForConsole(page, { route = 'form', timeout = 10000 } = {}) {
  await page.waitForFunction(
    (r) => {
      const i = window.__consoleInfo?.();
      return (
        !!i && i.ready && i.route === r && (r !== 'form' || (i.formPresent && !i.rerenderPending))
      );
    },
    route,
    { timeout, polling: 50 },
  );
}

/**
 * Open a console page in a new tab and wait for its late render.
 * generation: one of GENERATIONS, or 'dashboard' (the 2022 console's dashboard: no form).
 * options: as consoleUrl ({route, prefilled, strictCsp, delay, host}).
 */
export async function openConsole(context, generation, options = {}) {
  let opts = options;
  let gen = generation;
  if (generation === 'dashboard') {
    gen = 'administration-console-2022';
    opts = { ...options, route: 'dashboard' };
  }
  const page = await context.newPage();
  await page.goto(consoleUrl(gen, opts));
  await waitForConsole(page, { route: opts.route || 'form' });
  return page;
}

/** The form's model: a plain object (see MODEL_KEYS), or null when no form is shown. */
export async function readModel(page) {
  return page.evaluate(() => (window.__consoleModel ? window.__consoleModel() : null));
}

/** How many times the form has been rendered so far (1 after the first render). */
export async function formRenders(page) {
  return (await consoleInfo(page))?.formRenders ?? 0;
}

/** Wait until the form has been rendered more than `since` times and no re-render is pending. */
export async function waitForRerender(page, since, { timeout = 5000 } = {}) {
  await page.waitForFunction(
    (n) => {
      const i = window.__consoleInfo?.();
      return !!i && i.formRenders > n && i.formPresent && !i.rerenderPending;
    },
    since,
    { timeout, polling: 50 },
  );
}

const xpathControlBesideCell = (text) =>
  `xpath=//td[normalize-space(.)="${text}"]/following-sibling::td[1]//*[self::input or self::select or self::textarea][1]`;

/**
 * A Playwright locator for one form control, by model key, the way a user would find it.
 * For TESTS only (typing as the admin would, checking what the extension wrote to the DOM):
 * the extension itself must find fields by their visible label text.
 */
export function field(page, generation, key) {
  const L = {
    'admin-console-2015': {
      description: () => page.locator(xpathControlBesideCell('Description')),
      authentication_ttl: () => page.locator(xpathControlBesideCell('Authentication TTL')),
      enforce: () =>
        page.locator(
          xpathControlBesideCell('Enforce SAML Authentication for Mimecast Admin Console'),
        ),
      provider: () => page.locator(xpathControlBesideCell('Provider')),
      issuer_url: () => page.locator(xpathControlBesideCell('Issuer URL')),
      login_url: () => page.locator(xpathControlBesideCell('Login URL')),
      logout_url: () => page.locator(xpathControlBesideCell('Logout URL')),
      certificate: () =>
        page.locator(xpathControlBesideCell('Identity Provider Certificate (Metadata)')),
      allow_sso: () => page.locator(xpathControlBesideCell('Allow Single Sign On')),
    },
    'personal-portal-2017': {
      description: () => page.getByLabel('Description:', { exact: true }),
      enforce: () =>
        page.getByLabel('Enforce SAML Authentication for Mimecast Personal Portal', {
          exact: true,
        }),
      provider: () => page.getByLabel('Provider:', { exact: true }),
      issuer_url: () => page.getByLabel('Issuer URL *', { exact: true }),
      login_url: () => page.getByLabel('Login URL:', { exact: true }),
      logout_url: () => page.getByLabel('Logout URL:', { exact: true }),
      certificate: () =>
        page.getByLabel('Identity Provider Certificate (Metadata) *', { exact: true }),
      allow_sso: () => page.getByLabel('Allow Single Sign On', { exact: true }),
    },
    'administration-console-2022': {
      description: () =>
        page.locator('xpath=//span[normalize-space(.)="Description"]/preceding-sibling::input[1]'),
      enforce: () => page.getByLabel('Enforce SAML Authentication for Mimecast', { exact: true }),
      provider: () => page.getByRole('combobox', { name: /^Provider\b/ }),
      metadata_url: () => page.getByLabel('Metadata URL', { exact: true }),
      issuer_url: () => page.getByLabel('Issuer URL', { exact: true }),
      login_url: () => page.getByLabel(/^Login URL\b/),
      logout_url: () => page.getByPlaceholder('Logout URL', { exact: true }),
      certificate: () =>
        page.getByLabel('Identity Provider Certificate (Metadata)', { exact: true }),
      password_context: () => page.getByLabel('Use Password protected Context', { exact: true }),
      integrated_context: () =>
        page.getByRole('checkbox', { name: 'Use Integrated Authentication Context', exact: true }),
      session_timeout: () => page.getByLabel('Session timeout (minutes)', { exact: true }),
    },
  };
  const f = L[generation]?.[key];
  if (!f) throw new Error(`no field ${key} on ${generation}`);
  return f();
}

/**
 * Paste `text` into a control as a user would: a cancelable `paste` ClipboardEvent carrying the
 * text; unless a listener cancels it, the text replaces the selection (whole value by default)
 * through the editing pipeline, which fires `input` (inputType "insertText", not
 * "insertFromPaste"). Returns true when a listener cancelled the paste.
 * Works for controls in the page and in an open shadow root (Playwright locators pierce it).
 */
export async function paste(locator, text, { replace = true } = {}) {
  await locator.focus();
  return locator.evaluate(
    (el, { text, replace }) => {
      if (replace && typeof el.select === 'function') el.select();
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      const ev = new ClipboardEvent('paste', {
        clipboardData: dt,
        bubbles: true,
        cancelable: true,
        composed: true,
      });
      const notCancelled = el.dispatchEvent(ev);
      if (notCancelled) document.execCommand('insertText', false, text);
      return !notCancelled;
    },
    { text, replace },
  );
}

/**
 * Drop a file on an element (dragenter, dragover, drop with a DataTransfer holding the file).
 * filePath: a file on disk (e.g. METADATA_FILES.app); name/type default from the path.
 */
export async function dropFile(
  locator,
  filePath,
  { name = path.basename(filePath), type = mimeOf(filePath) } = {},
) {
  const bytes = [...readFileSync(filePath)];
  const dataTransfer = await locator.evaluateHandle(
    (_el, { bytes, name, type }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
      return dt;
    },
    { bytes, name, type },
  );
  try {
    for (const ev of ['dragenter', 'dragover', 'drop'])
      await locator.dispatchEvent(ev, { dataTransfer });
  } finally {
    await dataTransfer.dispose();
  }
}

function mimeOf(p) {
  const ext = path.extname(p).toLowerCase();
  if (ext === '.xml') return 'text/xml';
  if (ext === '.cer' || ext === '.crt') return 'application/x-x509-ca-cert';
  if (ext === '.pem') return 'application/x-pem-file';
  return '';
}

/**
 * The extension's service worker as it is now. MV3 workers stop when idle (about 30 s) and start
 * again on the next event; the Worker that launchBrowser returned is then closed. This returns the
 * live one, waiting up to `timeout` for it to (re)start.
 */
export async function extensionWorker(context, extensionId, { timeout = 10000 } = {}) {
  const prefix = `chrome-extension://${extensionId}/`;
  const live = context.serviceWorkers().find((w) => w.url().startsWith(prefix));
  if (live) return live;
  return context.waitForEvent('serviceworker', {
    predicate: (w) => w.url().startsWith(prefix),
    timeout,
  });
}

/**
 * Choose a Provider option by its visible text, as a user would (native select, or the 2022
 * combobox and its overlay listbox), and wait for the re-render that follows a change.
 */
export async function chooseProvider(page, generation, text) {
  const before = await formRenders(page);
  const current = (await readModel(page))?.provider;
  const control = field(page, generation, 'provider');
  if (generation === 'administration-console-2022') {
    await control.click();
    await page.getByRole('listbox').getByRole('option', { name: text, exact: true }).click();
  } else {
    await control.selectOption({ label: text });
  }
  const placeholder = PROVIDER_OPTIONS[generation][0];
  const wanted = text === placeholder ? '' : text;
  if (wanted !== current) await waitForRerender(page, before);
}
