// End-to-end tests of the extension: the built dist/extension/, unmodified, loaded into Debian's
// Chromium, on the console stand-ins of the three form generations (served under the real
// Mimecast host names) and the Entra stand-in. The tests act as an admin does — through the
// panel's controls found by role and name, and the form's own fields — and read the console's
// framework model, never the DOM values, to judge what was written.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  APP_XML,
  appValues,
  assertModel,
  builtExtension,
  FAST,
  fillForm,
  harnessForFile,
  modelAfterFill,
  noteIsBeside,
  noteOf,
  onPanelPage,
  panel,
  pasteIntoPanel,
  pem,
  settledModel,
  TENANT_XML,
} from './extension-helpers.mjs';
import {
  CONSOLE_URLS,
  chooseProvider,
  ENTRA,
  ENTRA_EXPECTED,
  ENTRA_PROVIDER,
  ENTRA_URLS,
  field,
  GENERATIONS,
  INITIAL_MODEL,
  METADATA_FILES,
  MODEL_KEYS,
  openConsole,
  readModel,
  waitForConsole,
} from './harness.mjs';

const APP_CERT = ENTRA_EXPECTED.app.signing_certificates[0];
const [TENANT_CERT_1, TENANT_CERT_2] = ENTRA_EXPECTED.tenant.signing_certificates;
const OTHER_TENANT = ENTRA.TENANT_WIDE;

const harness = harnessForFile({ extensionDir: builtExtension() });

/** Open a console page, run `body(page)`, always close the page. */
const onConsole = (generation, options, body) => onPanelPage(harness, generation, options, body);

// Four lanes side by side (a tab each, the same browser): the three generations, and the cases
// that need one generation only. The suite stays fast.
describe('extension', { concurrency: GENERATIONS.length + 1 }, () => {
  for (const generation of GENERATIONS) {
    describe(generation, () => {
      test('import from a file chosen in the file picker, then Fill form', () =>
        onConsole(generation, {}, async (page) => {
          const p = panel(page);
          await p.file.setInputFiles(METADATA_FILES.app);
          // What was found shows before anything is written.
          await p.found.getByText(APP_CERT.sha1, { exact: true }).waitFor();
          await p.found.getByText(ENTRA_EXPECTED.app.issuer_url).waitFor();
          await p.found.getByText(APP_CERT.subject).waitFor();
          await p.found
            .getByRole('img', { name: /^Validity: from 22 Mar 2022 to 22 Mar 2025; today is/ })
            .waitFor();
          assert.deepEqual(
            await readModel(page),
            INITIAL_MODEL[generation].empty,
            'nothing written before Fill form',
          );
          await fillForm(page);
          await assertModel(page, modelAfterFill(generation, appValues()));
        }));

      test('pasted metadata XML shows its values at once, and fills', () =>
        onConsole(generation, {}, async (page) => {
          const p = await pasteIntoPanel(page, APP_XML);
          await p.found.getByText(APP_CERT.sha1, { exact: true }).waitFor();
          await p.found.getByText('Entra ID application metadata', { exact: false }).waitFor();
          await fillForm(page);
          await assertModel(page, modelAfterFill(generation, appValues()));
        }));

      test('a pasted PEM certificate fills the certificate field without BEGIN/END lines', () =>
        onConsole(generation, {}, async (page) => {
          const p = await pasteIntoPanel(page, pem(APP_CERT.base64, '\r\n'));
          await p.found.getByText(APP_CERT.sha1, { exact: true }).waitFor();
          await fillForm(page);
          await assertModel(page, modelAfterFill(generation, { certificate: APP_CERT.base64 }));
        }));

      test("a metadata URL is fetched under Entra's host name and fills", () =>
        onConsole(generation, {}, async (page) => {
          const p = await pasteIntoPanel(page, ENTRA_URLS.app);
          await p.found.getByText(APP_CERT.sha1, { exact: true }).waitFor();
          await fillForm(page);
          // The Metadata URL is written where the form has one (2022).
          await assertModel(
            page,
            modelAfterFill(generation, appValues({ metadata_url: ENTRA_URLS.app })),
          );
        }));

      test('several signing certificates: each is shown, and the chosen one is written', () =>
        onConsole(generation, {}, async (page) => {
          const p = await pasteIntoPanel(page, TENANT_XML);
          const first = p.found.getByRole('radio', {
            name: new RegExp(`^Use certificate ${TENANT_CERT_1.sha1}`),
          });
          const second = p.found.getByRole('radio', {
            name: new RegExp(`^Use certificate ${TENANT_CERT_2.sha1}`),
          });
          await first.waitFor();
          await second.waitFor();
          await p.found.getByText('2 signing certificates: choose the one to use').waitFor();
          await p.found.locator('[data-code="multiple-signing-certs"]').waitFor();
          assert.equal(
            await p.found.getByRole('img', { name: /^Validity: from / }).count(),
            2,
            'a timeline per certificate',
          );
          await second.check();
          await p.found
            .getByRole('radio', {
              name: new RegExp(`^Use certificate ${TENANT_CERT_2.sha1}`),
              checked: true,
            })
            .waitFor();
          await fillForm(page);
          const tenant = ENTRA_EXPECTED.tenant;
          await assertModel(
            page,
            modelAfterFill(generation, {
              issuer_url: tenant.issuer_url,
              login_url: tenant.login_url,
              logout_url: tenant.logout_url,
              certificate: TENANT_CERT_2.base64,
            }),
          );
        }));

      test('overwriting asks first (old → new), Replace writes, Undo restores exactly', () =>
        onConsole(generation, { prefilled: true }, async (page) => {
          const before = INITIAL_MODEL[generation].prefilled;
          const p = await pasteIntoPanel(page, APP_XML);
          await p.found.getByText(APP_CERT.sha1, { exact: true }).waitFor();
          await p.fill.click();
          await p.replace.waitFor();
          const confirm = p.root.locator('.confirm');
          await confirm.getByText('Issuer URL:').waitFor();
          await confirm.getByText('Identity Provider Certificate:').waitFor();
          assert.ok(
            (await confirm.locator('code.old').first().getAttribute('title')).includes(
              OTHER_TENANT,
            ),
            'the old value is shown',
          );
          assert.deepEqual(await readModel(page), before, 'nothing is written before Replace');
          if (MODEL_KEYS[generation].includes('metadata_url')) {
            // Imported from pasted XML: the other tenant's Metadata URL must not stay.
            await confirm
              .locator('li', { hasText: 'Metadata URL:' })
              .getByText('emptied')
              .waitFor();
          }
          await p.replace.click();
          await p.outcome.filter({ hasText: /^Filled / }).waitFor();
          await assertModel(
            page,
            modelAfterFill(generation, appValues({ metadata_url: '' }), 'prefilled'),
          );
          await p.undo.click();
          await p.outcome.filter({ hasText: 'The form is back as it was.' }).waitFor();
          await assertModel(page, before, 'Undo restores every field and box');
        }));

      test('Cancel in the confirmation writes nothing', () =>
        onConsole(generation, { prefilled: true }, async (page) => {
          const p = await pasteIntoPanel(page, APP_XML);
          await p.found.getByText(APP_CERT.sha1, { exact: true }).waitFor();
          await p.fill.click();
          await p.cancel.click();
          await p.outcome.filter({ hasText: 'Nothing was written.' }).waitFor();
          await assertModel(page, INITIAL_MODEL[generation].prefilled);
        }));

      test('Undo after filling an empty form empties it again, Provider included', () =>
        onConsole(generation, {}, async (page) => {
          const p = await pasteIntoPanel(page, APP_XML);
          await p.found.getByText(APP_CERT.sha1, { exact: true }).waitFor();
          await fillForm(page);
          await p.undo.click();
          await p.outcome.filter({ hasText: 'The form is back as it was.' }).waitFor();
          await assertModel(page, INITIAL_MODEL[generation].empty);
        }));

      test('unusable input shows one sentence and leaves the form untouched', () =>
        onConsole(generation, { prefilled: true }, async (page) => {
          const p = await pasteIntoPanel(
            page,
            '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"><broken',
          );
          await p.error.waitFor();
          const message = await p.error.textContent();
          assert.match(message, /^[A-Z][^\n]*[.]$/, `one sentence: ${message}`);
          await p.fill.click();
          await p.outcome.filter({ hasText: message }).waitFor();
          assert.deepEqual(await settledModel(page), INITIAL_MODEL[generation].prefilled);
        }));

      test('on-page: an Issuer without its trailing slash is named next to the field, with a fix', () =>
        onConsole(generation, {}, async (page) => {
          const issuer = field(page, generation, 'issuer_url');
          await issuer.fill(ENTRA_EXPECTED.app.issuer_url.replace(/\/$/, ''));
          const note = noteOf(page, 'issuer_url');
          await note.getByText(/missing the trailing slash/).waitFor();
          assert.ok(
            await noteIsBeside(issuer, 'issuer_url'),
            'the note sits next to the Issuer URL field',
          );
          await note.getByRole('button', { name: 'Fix Issuer URL' }).click();
          await note.waitFor({ state: 'detached' });
          assert.equal((await settledModel(page)).issuer_url, ENTRA_EXPECTED.app.issuer_url);
        }));

      test('on-page: tenants that differ between Issuer and Login URL', () =>
        onConsole(generation, {}, async (page) => {
          await field(page, generation, 'issuer_url').fill(ENTRA_EXPECTED.app.issuer_url);
          await field(page, generation, 'login_url').fill(ENTRA_EXPECTED.tenant.login_url);
          await page
            .locator('[data-mimecast-sso-autofill="note"]')
            .getByText(/every value must come from the same Entra tenant/)
            .first()
            .waitFor();
        }));

      test('on-page: a URL that is not https', () =>
        onConsole(generation, {}, async (page) => {
          const logout = field(page, generation, 'logout_url');
          await logout.fill(ENTRA_EXPECTED.app.logout_url.replace('https:', 'http:'));
          const note = noteOf(page, 'logout_url');
          await note.getByText(/not an https URL/).waitFor();
          assert.ok(await noteIsBeside(logout, 'logout_url'));
        }));

      test('on-page: a certificate with BEGIN/END lines gets a one-click clean-up', () =>
        onConsole(generation, {}, async (page) => {
          const certificate = field(page, generation, 'certificate');
          await certificate.fill(pem(APP_CERT.base64));
          // The 2015 textarea reaches its model on change only: leave the field as an admin would.
          await certificate.blur();
          const note = noteOf(page, 'certificate');
          await note.locator('[data-code="certificate-needs-cleanup"]').waitFor();
          await note.getByRole('button', { name: 'Clean up certificate' }).click();
          await note
            .locator('[data-code="certificate-needs-cleanup"]')
            .waitFor({ state: 'detached' });
          assert.equal((await settledModel(page)).certificate, APP_CERT.base64);
        }));

      test('on-page: metadata XML pasted into a form field offers the full import', () =>
        onConsole(generation, {}, async (page) => {
          const issuer = field(page, generation, 'issuer_url');
          await issuer.fill(APP_XML);
          const offer = noteOf(page, 'issuer_url').getByRole('button', {
            name: 'Import all values',
          });
          await offer.click();
          const p = panel(page);
          await p.found.getByText(APP_CERT.sha1, { exact: true }).waitFor();
          assert.equal(
            (await settledModel(page)).issuer_url,
            '',
            'the pasted XML is taken out of the Issuer field',
          );
          await fillForm(page);
          await assertModel(page, modelAfterFill(generation, appValues()));
        }));

      test('the panel keeps working after the console re-renders the form (Provider change), and Undo chooses the old Provider again', () =>
        onConsole(generation, {}, async (page) => {
          await chooseProvider(page, generation, 'Okta');
          const p = await pasteIntoPanel(page, APP_XML);
          await p.found.getByText(APP_CERT.sha1, { exact: true }).waitFor();
          await fillForm(page);
          await assertModel(page, modelAfterFill(generation, appValues()));
          await p.undo.click();
          await p.outcome.filter({ hasText: 'The form is back as it was.' }).waitFor();
          await assertModel(
            page,
            { ...INITIAL_MODEL[generation].empty, provider: 'Okta' },
            'Undo chooses Okta again',
          );
          await field(page, generation, 'issuer_url').fill('https://sts.windows.net/x');
          await noteOf(page, 'issuer_url').waitFor();
        }));
    });
  }

  describe('single-generation cases', () => {
    describe('administration-console-2022 only', () => {
      const generation = 'administration-console-2022';

      test('on-page: a ticked Context box is named next to it', () =>
        onConsole(generation, {}, async (page) => {
          await chooseProvider(page, generation, 'Azure Active Directory / Microsoft Entra ID');
          const box = field(page, generation, 'password_context');
          await box.check();
          const note = noteOf(page, 'password_context');
          await note.locator('[data-code="authn-context-checked"]').waitFor();
          assert.match(
            await note.locator('[data-code="authn-context-checked"]').textContent(),
            /AADSTS75011/,
          );
          await box.uncheck();
          await note.waitFor({ state: 'detached' });
          // The custom role=checkbox too.
          const aria = field(page, generation, 'integrated_context');
          await aria.click();
          await noteOf(page, 'integrated_context')
            .locator('[data-code="authn-context-checked"]')
            .waitFor();
        }));

      test('Undo says so when the old Provider was a placeholder the list does not offer, and leaves the list closed', () =>
        onConsole(generation, { placeholderOutside: true }, async (page) => {
          const p = await pasteIntoPanel(page, APP_XML);
          await p.found.getByText(APP_CERT.sha1, { exact: true }).waitFor();
          await fillForm(page);
          await assertModel(page, modelAfterFill(generation, appValues()));
          await p.undo.click();
          const entra = ENTRA_PROVIDER[generation];
          const said = `The form is back as it was, except Provider: \u201cSelect a provider\u201d is not one of its choices, so it still shows \u201c${entra}\u201d.`;
          await p.outcome.filter({ hasText: said }).waitFor();
          // Everything else is back; the Provider stays the one chosen, and no list is left open.
          await assertModel(page, { ...INITIAL_MODEL[generation].empty, provider: entra });
          assert.equal(
            await page.getByRole('listbox').count(),
            0,
            'the Provider list is closed again',
          );
          assert.equal(
            await page.getByRole('combobox', { name: /Provider/ }).getAttribute('aria-expanded'),
            'false',
          );
        }));

      test('on-page: a metadata URL without appid', () =>
        onConsole(generation, {}, async (page) => {
          const input = field(page, generation, 'metadata_url');
          await input.fill(ENTRA_URLS.tenant);
          const note = noteOf(page, 'metadata_url');
          await note.locator('[data-code="metadata-url-without-appid"]').waitFor();
          assert.match(
            await note.locator('[data-code="metadata-url-without-appid"]').textContent(),
            /no \?appid=/,
          );
          // An Entra metadata URL in the Metadata URL field also offers the full import.
          await note.getByRole('button', { name: 'Import all values' }).waitFor();
        }));

      test('Fill form unticks both Context boxes of the old configuration', () =>
        onConsole(generation, { prefilled: true }, async (page) => {
          const p = await pasteIntoPanel(page, ENTRA_URLS.app);
          await p.found.getByText(APP_CERT.sha1, { exact: true }).waitFor();
          await p.fill.click();
          await p.replace.click();
          await p.outcome.filter({ hasText: /^Filled / }).waitFor();
          const model = await settledModel(page);
          assert.equal(model.password_context, false);
          assert.equal(model.integrated_context, false);
          assert.equal(model.metadata_url, ENTRA_URLS.app);
          assert.equal(
            model.description,
            INITIAL_MODEL[generation].prefilled.description,
            "Description is not the extension's",
          );
        }));
    });

    describe('metadata URL errors', () => {
      test('404 says so in one sentence and writes nothing', () =>
        onConsole('administration-console-2022', {}, async (page) => {
          const p = await pasteIntoPanel(page, ENTRA_URLS.notFound);
          await p.error.filter({ hasText: /answered 404/ }).waitFor();
          assert.equal(await p.error.getAttribute('data-code'), 'http-status');
          await p.fill.click();
          await p.outcome.filter({ hasText: /answered 404/ }).waitFor();
          assert.deepEqual(
            await settledModel(page),
            INITIAL_MODEL['administration-console-2022'].empty,
          );
        }));

      test('an HTML page instead of metadata says so', () =>
        onConsole('administration-console-2022', {}, async (page) => {
          const p = await pasteIntoPanel(page, ENTRA_URLS.html);
          await p.error.filter({ hasText: /not with SAML federation metadata/ }).waitFor();
          assert.equal(await p.error.getAttribute('data-code'), 'not-metadata');
        }));

      test('a slow answer shows progress, then the values', () =>
        onConsole('administration-console-2022', {}, async (page) => {
          const p = await pasteIntoPanel(page, ENTRA_URLS.slow);
          await p.root
            .getByRole('status')
            .filter({ hasText: 'Fetching login.microsoftonline.com…' })
            .waitFor();
          await p.found.getByText(APP_CERT.sha1, { exact: true }).waitFor({ timeout: 10000 });
        }));
    });

    describe('where the extension shows', () => {
      test("the late-rendered form (the console's real render delay) gets the panel", async () => {
        const page = await openConsole(harness.context, 'administration-console-2022');
        try {
          await panel(page).input.waitFor();
        } finally {
          await page.close();
        }
      });

      test("the strict-CSP page works (script-src 'self')", () =>
        onConsole('administration-console-2022', { strictCsp: true }, async (page) => {
          const p = await pasteIntoPanel(page, APP_XML);
          await p.found.getByText(APP_CERT.sha1, { exact: true }).waitFor();
          await fillForm(page);
          await assertModel(page, modelAfterFill('administration-console-2022', appValues()));
          await field(page, 'administration-console-2022', 'issuer_url').fill(
            'https://sts.windows.net/x',
          );
          await noteOf(page, 'issuer_url').waitFor();
        }));

      test('no panel on a console page without the form, until the app navigates to it', async () => {
        const page = await openConsole(harness.context, 'dashboard', FAST);
        try {
          await page.waitForTimeout(400);
          assert.equal(
            await page.locator('[data-mimecast-sso-autofill]').count(),
            0,
            'nothing on the dashboard',
          );
          await page.evaluate(
            (hash) => (location.hash = hash),
            new URL(CONSOLE_URLS['administration-console-2022']).hash,
          );
          await waitForConsole(page);
          await panel(page).input.waitFor();
          await page.evaluate(() => (location.hash = '#/dashboard'));
          await panel(page).root.waitFor({ state: 'hidden' });
        } finally {
          await page.close();
        }
      });

      test('the public-sector grid domain gets the panel; a foreign host does not', async () => {
        const pscom = await harness.context.newPage();
        const foreign = await harness.context.newPage();
        try {
          await pscom.goto(CONSOLE_URLS.pscom);
          await panel(pscom).input.waitFor();
          await foreign.goto(CONSOLE_URLS.foreign);
          await waitForConsole(foreign);
          await foreign.waitForTimeout(400);
          assert.equal(await foreign.locator('[data-mimecast-sso-autofill]').count(), 0);
        } finally {
          await pscom.close();
          await foreign.close();
        }
      });

      test('the page cannot see the extension: no globals, no web-accessible resources', () =>
        onConsole('administration-console-2022', {}, async (page) => {
          assert.equal(await page.evaluate(() => typeof window.MimecastSso), 'undefined');
          const status = await page.evaluate(async (id) => {
            try {
              return (await fetch(`chrome-extension://${id}/pkg/mimecast_sso_bg.wasm`)).status;
            } catch {
              return 'blocked';
            }
          }, harness.extensionId);
          assert.equal(status, 'blocked');
        }));
    });

    describe('toolbar popup', () => {
      test('imports for any tab and offers a copy button per value', async () => {
        const page = await harness.context.newPage();
        try {
          await page.goto(`chrome-extension://${harness.extensionId}/src/popup/popup.html`);
          await page
            .getByRole('textbox', { name: 'Metadata, URL or certificate', exact: true })
            .fill(ENTRA_URLS.app);
          const found = page.getByRole('region', { name: 'What was found' });
          await found.getByText(APP_CERT.sha1, { exact: true }).waitFor();
          for (const name of [
            'Issuer URL',
            'Login URL',
            'Logout URL',
            'Identity Provider Certificate',
            'Metadata URL',
          ]) {
            await found.getByRole('button', { name: `Copy ${name}` }).waitFor();
          }
          await harness.context.grantPermissions(['clipboard-read', 'clipboard-write']);
          await found.getByRole('button', { name: 'Copy Issuer URL' }).click();
          await found
            .getByRole('button', { name: 'Copy Issuer URL' })
            .filter({ hasText: 'Copied' })
            .waitFor();
          assert.equal(
            await page.evaluate(() => navigator.clipboard.readText()),
            ENTRA_EXPECTED.app.issuer_url,
          );
        } finally {
          await page.close();
        }
      });

      test('a file chosen in the popup (a DER .cer) is read as bytes', async () => {
        const page = await harness.context.newPage();
        try {
          await page.goto(`chrome-extension://${harness.extensionId}/src/popup/popup.html`);
          await page.getByLabel('Metadata or certificate file').setInputFiles({
            name: 'Mimecast SSO.cer',
            mimeType: 'application/pkix-cert',
            buffer: Buffer.from(APP_CERT.base64, 'base64'),
          });
          const found = page.getByRole('region', { name: 'What was found' });
          await found.getByText(APP_CERT.sha1, { exact: true }).waitFor();
          assert.equal(
            await found.locator('code.value.long').getAttribute('title'),
            APP_CERT.base64,
          );
        } finally {
          await page.close();
        }
      });
    });

    describe('several identity providers', () => {
      // An aggregate of Entra's app entity and its tenant-wide entity, as a federation's
      // aggregate would list them: the panel offers them by entity ID.
      const entity = (xml) => xml.slice(xml.indexOf('<EntityDescriptor'), xml.lastIndexOf('>') + 1);
      const aggregate = `<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">${entity(TENANT_XML)}${entity(APP_XML)}</EntitiesDescriptor>`;

      test('an aggregate offers its identity providers, and the chosen one fills', () =>
        onConsole('administration-console-2022', {}, async (page) => {
          const p = await pasteIntoPanel(page, aggregate);
          await p.error.waitFor();
          assert.equal(await p.error.getAttribute('data-code'), 'several-identity-providers');
          const choice = p.root.getByRole('combobox', { name: 'Identity provider' });
          const offered = await choice.locator('option').allTextContents();
          const appEntity = ENTRA_EXPECTED.app.issuer_url;
          assert.ok(offered.includes(appEntity), offered.join(', '));
          await choice.selectOption(appEntity);
          await p.found.getByText(APP_CERT.sha1, { exact: true }).waitFor();
          await fillForm(page);
          const model = await settledModel(page);
          assert.equal(model.issuer_url, appEntity);
          assert.equal(model.certificate, APP_CERT.base64);
        }));
    });

    describe('private keys', () => {
      test('a pasted private key is refused, not echoed, and cleared from the panel', () =>
        onConsole('admin-console-2015', {}, async (page) => {
          const key =
            '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n';
          const p = await pasteIntoPanel(page, key);
          await p.error.waitFor();
          assert.equal(await p.error.getAttribute('data-code'), 'private-key-refused');
          assert.equal(await p.input.inputValue(), '');
          assert.doesNotMatch(await p.root.locator('.panel').textContent(), /MIIEvQ/);
        }));
    });
  });
});
