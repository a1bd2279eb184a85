// The offline web page (dist/www/) in headless Chromium: quick import compared with the CLI,
// the certificate choice, a pasted URL, the Entra side for every region, the SP metadata round
// trip, check mode, keyboard-only use, themes, and that the page asks nothing of any other host.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  certificateFixture,
  cli,
  cliInspect,
  corpus,
  launchBrowser,
  NOW,
  openPage,
  parts,
  serveWww,
  shownValue,
} from './www-helpers.mjs';

/** Every region as the page names it, with the values for account code CABC123. */
const REGIONS = [
  ['Europe', 'eu-api.mimecast.com'],
  ['Germany', 'de-api.mimecast.com'],
  ['United States', 'us-api.mimecast.com'],
  ['United States B', 'usb-api.mimecast.com'],
  ['United States public sector', 'uspcom-api.mimecast-pscom-us.com'],
  ['Canada', 'ca-api.mimecast.com'],
  ['South Africa', 'za-api.mimecast.com'],
  ['Australia', 'au-api.mimecast.com'],
  ['Offshore', 'jer-api.mimecast.com'],
];

const MIMECAST_FIELDS = ['issuer_url', 'login_url', 'logout_url', 'certificate'];

let server;
let browser;
let scratch;

before(async () => {
  server = await serveWww();
  browser = await launchBrowser();
  scratch = mkdtempSync(path.join(tmpdir(), 'www-e2e-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Opens the page; at the end, asserts it made no request beyond its own folder and logged no error. */
async function withPage(options, body) {
  const opened = await openPage(browser, server, options);
  try {
    await body(opened.page, opened);
    assert.deepEqual(opened.external, [], 'the page asked another host for something');
    assert.deepEqual(opened.errors, [], 'the page logged errors');
  } finally {
    await opened.context.close();
  }
}

/** What the page shows for the Mimecast form, the chosen certificate and the findings. */
async function shownInspection(page) {
  const p = parts(page);
  const shown = { mimecast: {}, certificate: {} };
  for (const field of MIMECAST_FIELDS) shown.mimecast[field] = await shownValue(p.value(field));
  for (const field of ['subject', 'issuer', 'sha1', 'sha256', 'serial']) {
    const cell = p.certField(field);
    shown.certificate[field] = (await cell.count()) ? await cell.textContent() : undefined;
  }
  for (const field of ['not_before', 'not_after']) {
    const cell = p.certField(field);
    shown.certificate[field] = (await cell.count())
      ? await cell.getAttribute('datetime')
      : undefined;
  }
  shown.findings = await p.findingCodes(p.results);
  shown.choices = await page.locator('input[name="signing-certificate"]').count();
  return shown;
}

/** What the CLI's JSON says the page should show. */
function expectedFrom(json) {
  const chosen =
    json.chosen_certificate === null ? null : json.signing_certificates[json.chosen_certificate];
  const certificate = {};
  for (const field of [
    'subject',
    'issuer',
    'sha1',
    'sha256',
    'serial',
    'not_before',
    'not_after',
  ]) {
    certificate[field] = chosen ? chosen[field] : undefined;
  }
  const mimecast = {};
  for (const field of MIMECAST_FIELDS) mimecast[field] = json.mimecast[field];
  return {
    mimecast,
    certificate,
    findings: json.findings.map((finding) => finding.code),
    choices: json.signing_certificates.length > 1 ? json.signing_certificates.length : 0,
  };
}

describe('quick import', () => {
  const FILES = [
    'azure-app-mathivanan-bom-crlf.xml',
    'azure-tenant-rubysaml-multicerts.xml',
    'adfs-v2-identitymodel.xml',
    'okta-crewjam-md-prefix.xml',
  ];

  for (const name of FILES) {
    test(`a dropped or picked file shows what the CLI finds: ${name}`, async () => {
      const file = corpus(name);
      const expected = expectedFrom(cliInspect(file));
      await withPage({}, async (page) => {
        const p = parts(page);
        await p.file.setInputFiles(file);
        await p.status.filter({ hasText: `Read metadata from the file ${name}.` }).waitFor();
        assert.deepEqual(await shownInspection(page), expected);
      });
    });
  }

  test('a file dropped anywhere on the page is imported', async () => {
    const file = corpus('okta-crewjam-md-prefix.xml');
    const expected = expectedFrom(cliInspect(file));
    await withPage({}, async (page) => {
      const p = parts(page);
      const transfer = await page.evaluateHandle(
        ({ name, text }) => {
          const data = new DataTransfer();
          data.items.add(new File([text], name, { type: 'text/xml' }));
          return data;
        },
        { name: 'okta.xml', text: readFileSync(file, 'utf8') },
      );
      // Dropped on the Entra side, not on the import: the whole page is a drop zone.
      await page.dispatchEvent('#entra', 'dragover', { dataTransfer: transfer });
      assert.match(await page.locator('#import').getAttribute('class'), /dropping/);
      await page.dispatchEvent('#entra', 'drop', { dataTransfer: transfer });
      await p.status.filter({ hasText: 'Read metadata from the file okta.xml.' }).waitFor();
      assert.deepEqual(await shownInspection(page), expected);
      assert.equal(page.url().startsWith(server.url), true, 'the page stays open');
    });
  });

  test('pasted XML shows results without another step', async () => {
    const file = corpus('azure-app-mathivanan-bom-crlf.xml');
    const expected = expectedFrom(cliInspect(file));
    await withPage({}, async (page) => {
      const p = parts(page);
      await p.input.fill(readFileSync(file, 'utf8'));
      await p.value('issuer_url').waitFor();
      assert.deepEqual(await shownInspection(page), expected);
      assert.equal(await p.status.textContent(), 'Read metadata from the pasted text.');
    });
  });

  test('certificates as Entra hands them out: pasted PEM, Base64 and Raw downloads', async () => {
    const pemFile = certificateFixture('entra-app-base64-download-bom-crlf.cer');
    const derFile = certificateFixture('entra-app-raw-download-der.cer');
    const expected = expectedFrom(cliInspect(derFile));
    assert.deepEqual(expectedFrom(cliInspect(pemFile)), expected);
    assert.equal(expected.certificate.sha1, 'BEF6EE4FA1BB603AD3E04AC38987EBA36E6F1DF8');

    await withPage({}, async (page) => {
      const p = parts(page);
      await p.input.fill(readFileSync(pemFile, 'utf8'));
      await p.status.filter({ hasText: 'Read certificate from the pasted text.' }).waitFor();
      assert.deepEqual(await shownInspection(page), expected);
      assert.equal(
        await shownValue(p.value('issuer_url')),
        null,
        'a certificate has no Issuer URL',
      );

      const timeline = p.results.locator('.timeline');
      const label = await timeline.getAttribute('aria-label');
      assert.match(
        label,
        /from 22 Mar 2022 to 22 Mar 2025; today is 100% of the way through\. Expired \d+ days ago\./,
      );
      assert.ok(await timeline.locator('.today').isVisible(), 'today is marked');

      for (const file of [derFile, pemFile]) {
        await p.file.setInputFiles(file);
        await p.status
          .filter({ hasText: `Read certificate from the file ${path.basename(file)}.` })
          .waitFor();
        assert.deepEqual(await shownInspection(page), expected);
      }
    });
  });

  test('several signing certificates: the admin chooses, and the page inspects again', async () => {
    const file = corpus('azure-tenant-rubysaml-multicerts.xml');
    const json = cliInspect(file);
    assert.ok(json.signing_certificates.length > 1);
    const other = json.signing_certificates.findIndex(
      (_, index) => index !== json.chosen_certificate,
    );
    const otherSha1 = json.signing_certificates[other].sha1;
    const expected = expectedFrom(cliInspect(file, '--thumbprint', otherSha1));

    await withPage({}, async (page) => {
      const p = parts(page);
      await p.file.setInputFiles(file);
      const choice = page.getByRole('group', { name: /signing certificates: choose/ });
      await choice.waitFor();
      assert.equal(await choice.getByRole('radio').count(), json.signing_certificates.length);
      const suggested = choice.getByRole('radio', { name: /\(suggested\)/ });
      assert.equal(await suggested.count(), json.suggested_certificate === null ? 0 : 1);

      await page.locator(`input[name="signing-certificate"][value="${otherSha1}"]`).check();
      await p.results.locator(`.certificate-details[data-sha1="${otherSha1}"]`).waitFor();
      assert.deepEqual(await shownInspection(page), expected);
      assert.equal(
        await page.evaluate(() => document.activeElement?.value),
        otherSha1,
        'focus stays on the choice',
      );
    });
  });

  test('a pasted metadata URL is not fetched: one sentence says what to do, and its findings show', async () => {
    const tenant = 'a15b04fc-6ff1-42a7-bb24-2e762259f5da';
    const url = `https://login.microsoftonline.com/${tenant}/federationmetadata/2007-06/federationmetadata.xml`;
    const expected = cli(['check', '--json', '--metadata-url', url]).findings.map(
      (finding) => finding.code,
    );
    assert.ok(expected.includes('metadata-url-without-appid'));

    await withPage({}, async (page, opened) => {
      const p = parts(page);
      await p.input.fill(url);
      await p.status.filter({ hasText: 'cannot fetch' }).waitFor();
      const sentence = await p.status.textContent();
      assert.match(
        sentence,
        /^This page works offline and cannot fetch that URL: open it in your browser, save the XML it shows, and drop the file here\.$/,
      );
      assert.equal(await shownValue(p.value('metadata_url')), url);
      assert.deepEqual(await p.findingCodes(), expected);
      assert.deepEqual(opened.external, []);
    });
  });

  test("unusable input gets the core's one-sentence error, and a private key is not kept", async () => {
    await withPage({}, async (page) => {
      const p = parts(page);
      await p.input.fill('<html><body>Sign in</body></html>');
      await p.status.filter({ hasText: /\S/ }).waitFor();
      assert.equal((await p.status.getAttribute('data-error')) !== null, true);
      assert.ok(await p.results.isHidden());

      await p.input.fill(
        readFileSync(certificateFixture('pem-bundle-certificate-and-private-key.pem'), 'utf8'),
      );
      await p.status.filter({ hasText: 'private key' }).waitFor();
      assert.equal(await p.status.getAttribute('data-error'), 'private-key-refused');
      assert.equal(await p.input.inputValue(), '', 'the key is removed from the page');
    });
  });

  test('keyboard only: Tab to the textbox, paste, Tab to Inspect, Enter, values appear', async () => {
    const file = corpus('azure-app-mathivanan-bom-crlf.xml');
    const expected = expectedFrom(cliInspect(file));
    await withPage({}, async (page) => {
      const p = parts(page);
      const focusedId = () => page.evaluate(() => document.activeElement?.id);
      for (let presses = 0; (await focusedId()) !== 'import-text'; presses++) {
        assert.ok(presses < 10, 'the textbox is reachable with Tab');
        await page.keyboard.press('Tab');
      }
      await page.keyboard.insertText(readFileSync(file, 'utf8'));
      await page.keyboard.press('Tab');
      assert.equal(await focusedId(), 'inspect');
      await page.keyboard.press('Enter');
      await p.value('issuer_url').waitFor();
      assert.deepEqual(await shownInspection(page), expected);

      // Focus is visible where the keyboard is.
      const outline = await page.evaluate(
        () => getComputedStyle(document.activeElement).outlineStyle,
      );
      assert.equal(outline, 'solid');

      // And on to the copy buttons, which say what they copy.
      let label = '';
      for (let presses = 0; !label.startsWith('Copy Issuer URL'); presses++) {
        assert.ok(presses < 10, 'the copy button is reachable with Tab');
        await page.keyboard.press('Tab');
        label =
          (await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) ?? '';
      }
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Copied');
    });
  });

  test('#sample shows the embedded Entra sample', async () => {
    const expected = expectedFrom(cliInspect(corpus('azure-app-mathivanan-bom-crlf.xml')));
    await withPage({ hash: '#sample' }, async (page) => {
      await parts(page).value('issuer_url').waitFor();
      assert.deepEqual(await shownInspection(page), expected);
    });
  });
});

describe('the Entra side', () => {
  test('every region gives the Identifier, Reply URL and Sign-on URL for both modes', async () => {
    await withPage({}, async (page) => {
      const p = parts(page);
      const names = await p.region.locator('option').allTextContents();
      assert.deepEqual(names.slice(1).sort(), REGIONS.map(([name]) => name).sort());
      await p.accountCode.fill('cabc123');
      for (const [name, host] of REGIONS) {
        await p.region.selectOption({ label: name });
        const identifier = `https://${host}/sso/CABC123`;
        const replyUrl = `https://${host}/login/saml`;
        for (const mode of ['idp', 'sp']) {
          assert.equal(
            await p.entraValue(mode, 'identifier').textContent(),
            identifier,
            `${name} ${mode}`,
          );
          assert.equal(
            await p.entraValue(mode, 'reply_url').textContent(),
            replyUrl,
            `${name} ${mode}`,
          );
        }
        assert.equal(await p.entraValue('sp', 'sign_on_url').textContent(), replyUrl, name);
        assert.equal(
          await p.entraValue('idp', 'sign_on_url').count(),
          0,
          'IdP-initiated leaves the Sign-on URL empty',
        );
        assert.ok(await p.download.isEnabled());
        const copy = page.getByRole('button', {
          name: 'Copy Identifier, SP-initiated',
          exact: true,
        });
        assert.equal(await copy.getAttribute('data-copy'), identifier);
      }
    });
  });

  test('a malformed account code gets one clear sentence, and no values', async () => {
    await withPage({}, async (page) => {
      const p = parts(page);
      await p.region.selectOption({ label: 'Offshore' });
      for (const typed of ['CUK 12A34', 'https://jer-api.mimecast.com/sso/CUK1', 'C-1']) {
        await p.accountCode.fill(typed);
        const message = await p.entraMessage.textContent();
        assert.match(message, /^[^.]+(\.[^ .][^.]*)*\.$/, `one sentence: ${message}`);
        assert.match(message, /Account > Settings/);
        assert.equal(await p.accountCode.getAttribute('aria-invalid'), 'true');
        assert.equal(await p.entraValue('sp', 'identifier').count(), 0);
        assert.ok(await p.download.isDisabled());
      }
      await p.accountCode.fill('CUK12A34');
      assert.equal(await p.accountCode.getAttribute('aria-invalid'), null);
      assert.match(await p.entraMessage.textContent(), /belong to Europe, not Offshore/);
    });
  });

  test('SP metadata round trip: the downloaded file reads back to the same values', async () => {
    await withPage({}, async (page) => {
      const p = parts(page);
      await p.region.selectOption({ label: 'United States public sector' });
      await p.accountCode.fill('CUSP1A2');
      const [download] = await Promise.all([page.waitForEvent('download'), p.download.click()]);
      assert.equal(download.suggestedFilename(), 'mimecast-sp-metadata-uspcom-CUSP1A2.xml');
      const saved = path.join(scratch, download.suggestedFilename());
      await download.saveAs(saved);
      const xml = readFileSync(saved, 'utf8');
      assert.match(xml, /entityID="https:\/\/uspcom-api\.mimecast-pscom-us\.com\/sso\/CUSP1A2"/);
      assert.match(
        xml,
        /<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2\.0:bindings:HTTP-POST" Location="https:\/\/uspcom-api\.mimecast-pscom-us\.com\/login\/saml"/,
      );

      await page.getByText('Check an SP metadata file').click();
      await p.spFile.setInputFiles(saved);
      await p.spRead
        .getByText('The file holds the same Identifier and Reply URL as above.')
        .waitFor();
      assert.equal(
        await p.spRead.locator('[data-field="identifier"]').textContent(),
        await p.entraValue('sp', 'identifier').textContent(),
      );
      assert.equal(
        await p.spRead.locator('[data-field="reply_url"]').textContent(),
        await p.entraValue('sp', 'reply_url').textContent(),
      );

      // IdP metadata is not SP metadata: said in one sentence.
      await p.spFile.setInputFiles(corpus('azure-app-mathivanan-bom-crlf.xml'));
      await p.spRead
        .getByRole('alert')
        .filter({ hasText: 'identity-provider metadata, not service-provider metadata' })
        .waitFor();
    });
  });
});

describe('check mode', () => {
  test('pasted form values get the same findings as `mimecast-sso check`', async () => {
    const tenant = 'a15b04fc-6ff1-42a7-bb24-2e762259f5da';
    const other = '11111111-2222-3333-4444-555555555555';
    const values = {
      issuer: `https://sts.windows.net/${tenant}`,
      login: `https://login.microsoftonline.com/${tenant}/saml2`,
      logout: `http://login.microsoftonline.com/${other}/saml2`,
      metadataUrl: `https://login.microsoftonline.com/${tenant}/federationmetadata/2007-06/federationmetadata.xml`,
    };
    const certificate = cliInspect(corpus('azure-app-mathivanan-bom-crlf.xml')).mimecast
      .certificate;
    const certificateFile = path.join(scratch, 'form-certificate.txt');
    writeFileSync(certificateFile, certificate);
    const expected = cli([
      'check',
      '--json',
      '--now',
      NOW,
      '--issuer',
      values.issuer,
      '--login',
      values.login,
      '--logout',
      values.logout,
      '--metadata-url',
      values.metadataUrl,
      '--certificate',
      certificateFile,
      '--provider',
      'Azure Active Directory',
      '--password-context',
      'on',
      '--integrated-context',
      'off',
    ]).findings.map((finding) => finding.code);
    for (const code of [
      'issuer-trailing-slash',
      'not-https',
      'tenant-mismatch',
      'authn-context-checked',
      'cert-expired',
    ]) {
      assert.ok(expected.includes(code), `the CLI finds ${code}`);
    }

    await withPage({}, async (page) => {
      const p = parts(page);
      const form = page.getByRole('group', { name: '3. Check the Mimecast form' });
      await form.getByLabel('Issuer URL').fill(values.issuer);
      await form.getByLabel('Login URL').fill(values.login);
      await form.getByLabel('Logout URL').fill(values.logout);
      await form.getByLabel('Metadata URL').fill(values.metadataUrl);
      await form.getByLabel('Identity Provider Certificate').fill(certificate);
      await form.getByLabel('Use Password protected Context').check();
      await form.getByRole('button', { name: 'Check', exact: true }).click();
      await p.checkResults.locator('li.finding').first().waitFor();
      assert.deepEqual(await p.findingCodes(p.checkResults), expected);
      const fix = p.checkResults.locator('li[data-code="issuer-trailing-slash"] .fix code');
      assert.equal(await fix.textContent(), `${values.issuer}/`);
    });
  });
});

describe('for everyone', () => {
  test('the page declares that it makes no external requests, and makes none', async () => {
    await withPage({ hash: '#sample' }, async (page) => {
      await parts(page).value('issuer_url').waitFor();
      const csp = await page
        .locator('meta[http-equiv="Content-Security-Policy"]')
        .getAttribute('content');
      for (const directive of [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "connect-src 'self'",
        "object-src 'none'",
      ]) {
        assert.ok(csp.includes(directive), `CSP has ${directive}`);
      }
      assert.deepEqual(
        [...new Set(server.requests)].filter(
          (p) =>
            ![
              '/',
              '/style.css',
              '/main.js',
              '/pkg/mimecast_sso_www.js',
              '/pkg/mimecast_sso_www_bg.wasm',
            ].includes(p),
        ),
        [],
      );
    });
  });

  test('light and dark themes follow the system preference', async () => {
    const background = async (colorScheme) => {
      let color;
      await withPage({ colorScheme }, async (page) => {
        color = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      });
      return color;
    };
    const light = await background('light');
    const dark = await background('dark');
    assert.notEqual(light, dark);
    const luminance = (rgb) =>
      rgb
        .match(/\d+/g)
        .slice(0, 3)
        .map(Number)
        .reduce((a, b) => a + b, 0);
    assert.ok(luminance(light) > luminance(dark));
  });

  test('every form control has a label', async () => {
    await withPage({}, async (page) => {
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('input, select, textarea, button')]
          .filter(
            (control) => !control.classList.contains('visually-hidden') || control.type === 'file',
          )
          .filter(
            (control) =>
              !(
                control.labels?.length ||
                control.getAttribute('aria-label') ||
                control.textContent.trim()
              ),
          )
          .map((control) => control.id || control.outerHTML),
      );
      assert.deepEqual(unlabelled, []);
    });
  });
});

describe('Test SSO', () => {
  const RESPONSES = path.join(import.meta.dirname, '../fixtures/responses/entra');
  const response = (name) => readFileSync(path.join(RESPONSES, name), 'utf8');

  /** What the page shows in Test SSO: the verdict and the finding codes. */
  /** The codes of `mimecast-sso response --json` for a response file (Europe, CUSA123456). */
  function responseCodes(file, options = []) {
    const args = ['response', '--json', '--now', NOW, ...options];
    args.push('--region', 'eu', '--account-code', 'CUSA123456', path.join(RESPONSES, file));
    return cli(args).findings.map((finding) => finding.code);
  }

  async function shownVerdict(page) {
    const results = page.getByRole('region', { name: 'Test SSO results' });
    await results.locator('.verdict').waitFor();
    return {
      verdict: await results.locator('.verdict').getAttribute('data-verdict'),
      codes: await results
        .locator('li.finding')
        .evaluateAll((items) => items.map((li) => li.dataset.code)),
    };
  }

  test('a pasted response gets the verdict of `mimecast-sso response` against the page values', async () => {
    const metadata = corpus('azure-app-mathivanan-bom-crlf.xml');
    const imported = cliInspect(metadata).mimecast;
    const certificateFile = path.join(scratch, 'imported-certificate.txt');
    writeFileSync(certificateFile, imported.certificate);
    const expected = (file) =>
      responseCodes(file, ['--issuer', imported.issuer_url, '--certificate', certificateFile]);
    const againstOurKey = expected('valid.xml');
    assert.ok(againstOurKey.includes('signing-cert-not-configured'));
    assert.ok(againstOurKey.includes('response-issuer-mismatch'));

    await withPage({}, async (page) => {
      const p = parts(page);
      await p.input.fill(readFileSync(metadata, 'utf8'));
      await p.region.selectOption({ label: 'Europe' });
      await p.accountCode.fill('cusa123456');
      const box = page.getByRole('textbox', { name: 'SAML response or Entra error', exact: true });
      await box.fill(Buffer.from(response('valid.xml')).toString('base64'));
      const shown = await shownVerdict(page);
      assert.equal(shown.verdict, 'fail');
      assert.deepEqual(shown.codes, againstOurKey);
    });
  });

  test('without imported metadata: a wrong audience fails, a good response passes, an AADSTS code is explained', async () => {
    const expected = (file) => responseCodes(file);
    await withPage({}, async (page) => {
      const p = parts(page);
      await p.region.selectOption({ label: 'Europe' });
      await p.accountCode.fill('CUSA123456');
      const box = page.getByRole('textbox', { name: 'SAML response or Entra error', exact: true });
      const results = page.getByRole('region', { name: 'Test SSO results' });

      await box.fill(
        `SAMLResponse=${encodeURIComponent(Buffer.from(response('wrong-audience.xml')).toString('base64'))}&RelayState=x`,
      );
      let shown = await shownVerdict(page);
      assert.equal(shown.verdict, 'fail');
      assert.deepEqual(shown.codes, expected('wrong-audience.xml'));
      assert.deepEqual(shown.codes, ['audience-mismatch']);

      await box.fill(response('valid.xml'));
      await results.locator('.verdict[data-verdict="pass"]').waitFor();
      shown = await shownVerdict(page);
      assert.deepEqual(shown.codes, expected('valid.xml'));
      assert.deepEqual(shown.codes, []);

      await box.fill('AADSTS50011');
      await results.locator('li.finding[data-code="entra-error"]').waitFor();
      assert.match(await results.textContent(), /https:\/\/eu-api\.mimecast\.com\/login\/saml/);
    });
  });
});
