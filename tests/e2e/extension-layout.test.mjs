// The panel never hides the form: at 1024, 1280 and 1920 px on every stand-in, no control of the
// form is under the panel (bounding boxes compared), and every button of the extension's own
// notes can be clicked (it is what the page finds at its centre). Notes do not change the
// console's layout (the 2022 form's Login URL input keeps its width, "Import" stays beside the
// Metadata URL). The panel follows the system's dark mode.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { builtExtension, harnessForFile, panel } from './extension-helpers.mjs';
import {
  consoleUrl,
  ENTRA_EXPECTED,
  field,
  GENERATIONS,
  openConsole,
  waitForConsole,
} from './harness.mjs';

const STAND_INS = [...GENERATIONS, 'authentication-profile-2024'];
const WIDTHS = [1024, 1280, 1920];
const ISSUER_WITHOUT_SLASH = ENTRA_EXPECTED.app.issuer_url.replace(/\/$/, '');

const harness = harnessForFile({ extensionDir: builtExtension() });

function issuerField(page, standIn) {
  if (standIn === 'authentication-profile-2024')
    return page.locator('.mat-card').first().getByLabel('Issuer URL', { exact: true });
  return field(page, standIn, 'issuer_url');
}

/** In the page: the panel's box, the form's controls under it, and the notes' buttons not hit. */
function overlap() {
  const panelHost = document.querySelector('[data-mimecast-sso-autofill="panel"]');
  const box = panelHost.shadowRoot.querySelector('.panel').getBoundingClientRect();
  const meets = (r) =>
    r.width > 0 &&
    r.left < box.right &&
    r.right > box.left &&
    r.top < box.bottom &&
    r.bottom > box.top;
  const form = document.querySelector('[data-render]');
  const covered = [
    ...form.querySelectorAll('input,select,textarea,button,[role=combobox],[role=checkbox]'),
  ]
    .filter((el) => meets(el.getBoundingClientRect()))
    .map((el) => el.outerHTML.slice(0, 80));
  const blocked = [];
  for (const note of document.querySelectorAll('[data-mimecast-sso-autofill="note"]')) {
    for (const button of note.shadowRoot.querySelectorAll('button')) {
      const r = button.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (hit !== note) blocked.push(button.textContent);
    }
  }
  return { panel: { left: box.left, width: box.width }, covered, blocked };
}

describe('the panel beside the form', { concurrency: 2 }, () => {
  for (const width of WIDTHS) {
    for (const standIn of STAND_INS) {
      test(`${standIn} at ${width} px: no control under the panel, every note button clickable`, async () => {
        // The window has its width before the console loads, as an admin's window has.
        const tab = await harness.context.newPage();
        try {
          await tab.setViewportSize({ width, height: 900 });
          await tab.goto(consoleUrl(standIn, { delay: 50, enforce: 'a,w' }));
          await waitForConsole(tab);
          await panel(tab).input.waitFor();
          const issuer = issuerField(tab, standIn);
          await issuer.fill(ISSUER_WITHOUT_SLASH);
          await tab
            .locator('[data-mimecast-sso-autofill="note"][data-field="issuer_url"]')
            .getByRole('button', { name: 'Fix Issuer URL' })
            .waitFor();
          await tab.waitForTimeout(150);
          const seen = await tab.evaluate(overlap);
          assert.deepEqual(
            seen.covered,
            [],
            `controls under the panel (${JSON.stringify(seen.panel)})`,
          );
          assert.deepEqual(seen.blocked, [], 'note buttons the panel hides');
          // The Fix button works where it is.
          await tab.getByRole('button', { name: 'Fix Issuer URL' }).click();
          await tab
            .locator('[data-mimecast-sso-autofill="note"][data-field="issuer_url"]')
            .waitFor({ state: 'detached' });
        } finally {
          await tab.close();
        }
      });
    }
  }
});

test('notes leave the 2022 layout as it was: the Login URL keeps its width, Import its line', async () => {
  const generation = 'administration-console-2022';
  const page = await openConsole(harness.context, generation, { delay: 50 });
  try {
    await panel(page).input.waitFor();
    const login = field(page, generation, 'login_url');
    const metadata = field(page, generation, 'metadata_url');
    const importButton = page.getByRole('button', { name: 'Import', exact: true });
    const measure = async () => ({
      login: (await login.boundingBox()).width,
      importTop: (await importButton.boundingBox()).y - (await metadata.boundingBox()).y,
    });
    const before = await measure();
    await login.fill('http://login.microsoftonline.com/a15b04fc-6ff1-42a7-bb24-2e762259f5da/saml2');
    await metadata.fill(
      'https://login.microsoftonline.com/a15b04fc-6ff1-42a7-bb24-2e762259f5da/federationmetadata/2007-06/federationmetadata.xml',
    );
    await page.locator('[data-mimecast-sso-autofill="note"][data-field="login_url"]').waitFor();
    await page.locator('[data-mimecast-sso-autofill="note"][data-field="metadata_url"]').waitFor();
    assert.deepEqual(await measure(), before);
  } finally {
    await page.close();
  }
});

test('the panel follows the dark mode of the system', async () => {
  const page = await openConsole(harness.context, 'administration-console-2022', { delay: 50 });
  try {
    await panel(page).input.waitFor();
    const background = () =>
      page.evaluate(() => {
        const host = document.querySelector('[data-mimecast-sso-autofill="panel"]');
        const rgb = getComputedStyle(host.shadowRoot.querySelector('.panel')).backgroundColor;
        const [r, g, b] = rgb.match(/\d+/g).map(Number);
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      });
    await page.emulateMedia({ colorScheme: 'light' });
    assert.ok((await background()) > 0.8, 'light by day');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.ok((await background()) < 0.25, 'dark at night');
  } finally {
    await page.close();
  }
});

test('the popup follows the dark mode of the system', async () => {
  const page = await harness.context.newPage();
  try {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`chrome-extension://${harness.extensionId}/src/popup/popup.html`);
    const luminance = await page.evaluate(() => {
      const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    });
    assert.ok(luminance < 0.25, `dark background (luminance ${luminance.toFixed(2)})`);
  } finally {
    await page.close();
  }
});
