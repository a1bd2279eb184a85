// Self-tests of the stand-ins (consoles and Entra) and of the harness, WITHOUT the product
// extension: if these fail, the extension tests cannot be trusted.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import * as H from './harness.mjs';

/** GET through the server directly (raw bytes), with the given Host. */
function rawGet(port, url) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port,
        path: u.pathname + u.search,
        servername: u.hostname,
        headers: { Host: u.hostname },
        rejectUnauthorized: false,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const BOM = [0xef, 0xbb, 0xbf];
const TEXT_KEYS = new Set([
  'description',
  'issuer_url',
  'login_url',
  'logout_url',
  'certificate',
  'metadata_url',
]);

let server;
let browser;

before(async () => {
  server = await H.startServer();
  browser = await H.launchBrowser({ port: server.port });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('Entra stand-in', () => {
  /** A metadata answer: 200 application/xml, a UTF-8 BOM, CRLF line ends. Returns its text. */
  async function metadataAnswer(url) {
    const r = await rawGet(server.port, url);
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/xml');
    assert.deepEqual([...r.body.subarray(0, 3)], BOM);
    const text = r.body.toString('utf8');
    assert.match(text, /\r\n/);
    assert.doesNotMatch(text, /[^\r]\n/, 'every line ends in CRLF');
    return text;
  }

  test('app metadata: 200 application/xml, UTF-8 BOM, CRLF, the app certificate', async () => {
    const text = await metadataAnswer(H.ENTRA_URLS.app);
    const want = H.ENTRA_EXPECTED.app;
    assert.ok(text.includes(`entityID="${want.issuer_url}"`));
    assert.ok(text.includes(want.signing_certificates[0].base64));
    assert.equal(
      want.signing_certificates[0].subject,
      'CN=Microsoft Azure Federated SSO Certificate',
    );
  });

  test('tenant-wide metadata (no appid): BOM and CRLF added, two signing certificates', async () => {
    const text = await metadataAnswer(H.ENTRA_URLS.tenant);
    assert.doesNotMatch(H.ENTRA_URLS.tenant, /appid/);
    assert.ok(text.includes(`entityID="${H.ENTRA_EXPECTED.tenant.issuer_url}"`));
    assert.equal(H.ENTRA_EXPECTED.tenant.signing_certificates.length, 2);
    for (const c of H.ENTRA_EXPECTED.tenant.signing_certificates)
      assert.ok(text.includes(c.base64));
  });

  test('unknown app: 404; html: 200 text/html; slow: late but complete; other hosts: 421', async () => {
    const nf = await rawGet(server.port, H.ENTRA_URLS.notFound);
    assert.equal(nf.status, 404);
    assert.match(nf.headers['content-type'], /^text\/html/);
    const html = await rawGet(server.port, H.ENTRA_URLS.html);
    assert.equal(html.status, 200);
    assert.match(html.headers['content-type'], /^text\/html/);
    assert.match(html.body.toString('utf8'), /^<!DOCTYPE html>/);
    assert.doesNotMatch(html.body.toString('utf8'), /EntityDescriptor/);
    const signIn = await rawGet(server.port, H.ENTRA_URLS.signIn);
    assert.equal(signIn.status, 200);
    const t0 = Date.now();
    const slow = await rawGet(server.port, H.ENTRA_URLS.slow);
    assert.ok(Date.now() - t0 >= H.ENTRA.SLOW_MS - 50);
    assert.equal(slow.status, 200);
    assert.deepEqual([...slow.body.subarray(0, 3)], BOM);
    const other = await rawGet(server.port, 'https://evil.example.net/');
    assert.equal(other.status, 421);
  });

  test('the browser reaches it under its real host name', async () => {
    const page = await browser.context.newPage();
    try {
      const r = await page.goto(H.ENTRA_URLS.app);
      assert.equal(r.status(), 200);
      assert.equal(r.headers()['content-type'], 'application/xml');
      assert.ok(
        server.requests.some((q) => q.host === H.ENTRA_HOST && q.path.includes(H.ENTRA.APP_ID)),
      );
    } finally {
      await page.close();
    }
  });
});

for (const generation of H.GENERATIONS) {
  describe(`console stand-in: ${generation}`, () => {
    test('renders late (no form at DOMContentLoaded); ?prefilled=1 starts with the old configuration', async () => {
      const page = await browser.context.newPage();
      try {
        await page.addInitScript(() => {
          const t0 = performance.now();
          document.addEventListener('DOMContentLoaded', () => {
            window.__atDomContentLoaded = {
              controls: document.querySelectorAll(
                'input, textarea, select, [role=combobox], [role=checkbox]',
              ).length,
              mentionsIssuer: document.body.textContent.includes('Issuer URL'),
              ms: performance.now() - t0,
            };
          });
        });
        await page.goto(H.consoleUrl(generation, { prefilled: true }));
        await H.waitForConsole(page);
        const atDcl = await page.evaluate(() => window.__atDomContentLoaded);
        assert.equal(atDcl.controls, 0);
        assert.equal(atDcl.mentionsIssuer, false);
        assert.ok(await page.getByText('Issuer URL').first().isVisible());
        assert.deepEqual(await H.readModel(page), H.INITIAL_MODEL[generation].prefilled);
        assert.equal(
          await H.field(page, generation, 'issuer_url').inputValue(),
          H.INITIAL_MODEL[generation].prefilled.issuer_url,
        );
        assert.equal(await H.formRenders(page), 1);
      } finally {
        await page.close();
      }
    });

    test('every field is found by its label; the model moves only with events; Provider re-renders', async () => {
      const page = await H.openConsole(browser.context, generation, { delay: 100 });
      try {
        const initial = H.INITIAL_MODEL[generation].empty;
        assert.deepEqual(await H.readModel(page), initial);
        for (const key of H.MODEL_KEYS[generation])
          assert.equal(await H.field(page, generation, key).count(), 1, `one control for ${key}`);

        // .value without events does not reach the model.
        for (const key of H.MODEL_KEYS[generation].filter((k) => TEXT_KEYS.has(k))) {
          await H.field(page, generation, key).evaluate((el) => {
            el.value = 'https://set-without-events.example/';
          });
        }
        assert.deepEqual(await H.readModel(page), initial);

        // Typing does (the 2015 certificate only on change, i.e. after leaving the field).
        for (const key of H.MODEL_KEYS[generation].filter((k) => TEXT_KEYS.has(k))) {
          const value = `typed ${key}`;
          await H.field(page, generation, key).fill(value);
          if (generation === 'admin-console-2015' && key === 'certificate') {
            assert.equal((await H.readModel(page)).certificate, '', 'certificate waits for change');
            await H.field(page, generation, key).press('Tab');
          }
          assert.equal((await H.readModel(page))[key], value, key);
        }
        await H.field(page, generation, 'issuer_url').fill('');
        await H.field(page, generation, 'issuer_url').pressSequentially(
          'https://sts.windows.net/x/',
        );
        assert.equal((await H.readModel(page)).issuer_url, 'https://sts.windows.net/x/');

        // Native checkboxes: .checked without events stays out of the model; a click goes in.
        const nativeBoxes = H.MODEL_KEYS[generation].filter((k) =>
          ['enforce', 'allow_sso', 'password_context'].includes(k),
        );
        for (const key of nativeBoxes) {
          await H.field(page, generation, key).evaluate((el) => {
            el.checked = true;
          });
          assert.equal((await H.readModel(page))[key], false, `${key} without events`);
          await H.field(page, generation, key).evaluate((el) => {
            el.checked = false;
          });
          await H.field(page, generation, key).click();
          assert.equal((await H.readModel(page))[key], true, `${key} after click`);
        }

        // Provider: a change destroys the form and builds it again from the model.
        const oldIssuer = await H.field(page, generation, 'issuer_url').elementHandle();
        const rendersBefore = await H.formRenders(page);
        await H.chooseProvider(page, generation, H.ENTRA_PROVIDER[generation]);
        assert.equal(await H.formRenders(page), rendersBefore + 1);
        assert.equal(await oldIssuer.evaluate((el) => el.isConnected), false, 'old node detached');
        const model = await H.readModel(page);
        assert.equal(model.provider, H.ENTRA_PROVIDER[generation]);
        assert.equal(
          model.issuer_url,
          'https://sts.windows.net/x/',
          'values survive the re-render',
        );
        assert.equal(
          await H.field(page, generation, 'issuer_url').inputValue(),
          'https://sts.windows.net/x/',
        );
        for (const key of nativeBoxes)
          assert.equal(await H.field(page, generation, key).isChecked(), true);

        // Writes to the stale node, even with events, are lost.
        await oldIssuer.evaluate((el) => {
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(
            el,
            'stale',
          );
          el.dispatchEvent(new Event('input', { bubbles: true }));
          el.dispatchEvent(new Event('change', { bubbles: true }));
        });
        assert.equal((await H.readModel(page)).issuer_url, 'https://sts.windows.net/x/');

        // Choosing the same provider again does not re-render; the placeholder means ''.
        await H.chooseProvider(page, generation, H.ENTRA_PROVIDER[generation]);
        assert.equal(await H.formRenders(page), rendersBefore + 1);
        await H.chooseProvider(page, generation, H.PROVIDER_OPTIONS[generation][0]);
        assert.equal((await H.readModel(page)).provider, '');
        assert.equal(await H.formRenders(page), rendersBefore + 2);
      } finally {
        await page.close();
      }
    });
  });
}

describe('Administration Console (2022) specifics', () => {
  test('the Integrated Context box is a role=checkbox: aria-checked alone changes nothing, click and Space do', async () => {
    const page = await H.openConsole(browser.context, 'administration-console-2022', {
      prefilled: true,
      delay: 100,
    });
    try {
      const box = H.field(page, 'administration-console-2022', 'integrated_context');
      assert.equal(await box.evaluate((el) => el.tagName), 'DIV');
      assert.equal(await box.getAttribute('aria-checked'), 'true');
      await box.evaluate((el) => el.setAttribute('aria-checked', 'false'));
      assert.equal((await H.readModel(page)).integrated_context, true);
      await box.evaluate((el) => el.setAttribute('aria-checked', 'true'));
      await box.click();
      assert.equal((await H.readModel(page)).integrated_context, false);
      assert.equal(await box.getAttribute('aria-checked'), 'false');
      await box.focus();
      await page.keyboard.press('Space');
      assert.equal((await H.readModel(page)).integrated_context, true);
      const pw = H.field(page, 'administration-console-2022', 'password_context');
      await pw.click();
      assert.equal((await H.readModel(page)).password_context, false);
    } finally {
      await page.close();
    }
  });

  test('paste() and dropFile() behave like the browser', async () => {
    const page = await H.openConsole(browser.context, 'administration-console-2022', { delay: 50 });
    try {
      const issuer = H.field(page, 'administration-console-2022', 'issuer_url');
      await issuer.fill('old');
      const events = [];
      await page.exposeFunction('__harnessEvent', (e) => events.push(e));
      await issuer.evaluate((el) => {
        for (const t of ['paste', 'input'])
          el.addEventListener(t, (e) =>
            window.__harnessEvent(
              `${t}:${e.clipboardData ? e.clipboardData.getData('text/plain') : ''}`,
            ),
          );
      });
      assert.equal(await H.paste(issuer, 'https://sts.windows.net/y/'), false);
      assert.equal((await H.readModel(page)).issuer_url, 'https://sts.windows.net/y/');
      assert.deepEqual(events, ['paste:https://sts.windows.net/y/', 'input:']);
      // A listener that cancels the paste keeps the field as it was.
      await issuer.evaluate((el) => el.addEventListener('paste', (e) => e.preventDefault()));
      assert.equal(await H.paste(issuer, 'ignored'), true);
      assert.equal((await H.readModel(page)).issuer_url, 'https://sts.windows.net/y/');

      const target = H.field(page, 'administration-console-2022', 'certificate');
      await target.evaluate((el) => {
        el.addEventListener('dragover', (e) => e.preventDefault());
        el.addEventListener('drop', async (e) => {
          e.preventDefault();
          const f = e.dataTransfer.files[0];
          const b = new Uint8Array(await f.arrayBuffer());
          window.__dropped = {
            name: f.name,
            type: f.type,
            size: f.size,
            head: [...b.subarray(0, 3)],
          };
        });
      });
      await H.dropFile(target, H.METADATA_FILES.app);
      await page.waitForFunction(() => window.__dropped);
      const dropped = await page.evaluate(() => window.__dropped);
      assert.deepEqual(dropped, {
        name: 'azure-app-mathivanan-bom-crlf.xml',
        type: 'text/xml',
        size: 15445,
        head: BOM,
      });
    } finally {
      await page.close();
    }
  });

  test('the Provider listbox exists only while open, outside the form; the keyboard works too', async () => {
    const page = await H.openConsole(browser.context, 'administration-console-2022', {
      delay: 100,
    });
    try {
      const combo = H.field(page, 'administration-console-2022', 'provider');
      assert.equal(await page.getByRole('listbox').count(), 0);
      assert.equal(await page.locator('select').count(), 0, 'no native select at all');
      await combo.click();
      const listbox = page.getByRole('listbox');
      assert.equal(
        await listbox.getByRole('option').count(),
        H.PROVIDER_OPTIONS['administration-console-2022'].length,
      );
      assert.equal(await listbox.evaluate((el) => !!el.closest('.mc-auth-profile')), false);
      await page.keyboard.press('Escape');
      assert.equal(await page.getByRole('listbox').count(), 0);
      const before = await H.formRenders(page);
      await combo.focus();
      await page.keyboard.press('ArrowDown'); // opens on the placeholder
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown'); // third option
      await page.keyboard.press('Enter');
      await H.waitForRerender(page, before);
      assert.equal(
        (await H.readModel(page)).provider,
        H.PROVIDER_OPTIONS['administration-console-2022'][2],
      );
    } finally {
      await page.close();
    }
  });
});

describe('pages', () => {
  test("strict CSP variant sends script-src 'self', still renders, and blocks inline script", async () => {
    const page = await browser.context.newPage();
    try {
      const r = await page.goto(H.CONSOLE_URLS.strictCsp);
      assert.equal(r.headers()['content-security-policy'], "script-src 'self'");
      await H.waitForConsole(page);
      assert.deepEqual(
        await H.readModel(page),
        H.INITIAL_MODEL['administration-console-2022'].empty,
      );
      const inlineRan = await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true;';
        document.head.append(s);
        return window.__inlineRan === true;
      });
      assert.equal(inlineRan, false);
    } finally {
      await page.close();
    }
  });

  test('without strictCsp there is no CSP header', async () => {
    for (const g of H.GENERATIONS) {
      const r = await rawGet(server.port, H.consoleUrl(g).replace(/#.*$/, ''));
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-security-policy'], undefined);
      assert.doesNotMatch(
        r.body.toString('utf8'),
        /<script>|<script(?![^>]*\bsrc=)[^>]*>/,
        'no inline script in the shell',
      );
    }
  });

  test('dashboard has no form; the app navigates to the form without a reload', async () => {
    const page = await H.openConsole(browser.context, 'dashboard', { delay: 100 });
    try {
      assert.equal(await H.readModel(page), null);
      assert.equal(await page.getByText('Issuer URL').count(), 0);
      assert.equal(
        await page.locator('input:not([type=search]), textarea, select, [role=combobox]').count(),
        0,
      );
      const navigations = [];
      page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
      const loads = server.requests.filter(
        (q) => q.path.startsWith('/administration/app/?') || q.path === '/administration/app/',
      ).length;
      await page.getByRole('link', { name: 'Administration' }).click();
      await H.waitForConsole(page, { route: 'list' });
      await page.getByRole('link', { name: 'Create Authentication Profile' }).click();
      await H.waitForConsole(page, { route: 'form' });
      assert.deepEqual(
        await H.readModel(page),
        H.INITIAL_MODEL['administration-console-2022'].empty,
      );
      assert.equal(
        server.requests.filter(
          (q) => q.path.startsWith('/administration/app/?') || q.path === '/administration/app/',
        ).length,
        loads,
        'no reload',
      );
    } finally {
      await page.close();
    }
  });

  test('the 2022 form is also served on the public-sector grid and on a foreign host', async () => {
    for (const host of [H.PSCOM_HOST, H.FOREIGN_HOST]) {
      const url = H.consoleUrl('administration-console-2022', { host, delay: 50 });
      const page = await browser.context.newPage();
      try {
        await page.goto(url);
        await H.waitForConsole(page);
        assert.equal(new URL(page.url()).host, new URL(url).host);
        assert.equal(await H.field(page, 'administration-console-2022', 'issuer_url').count(), 1);
      } finally {
        await page.close();
      }
    }
  });
});

describe('harness with an extension', () => {
  // A throwaway MV3 extension (not the product): a content script on the Mimecast domains and a
  // service worker with the Entra host permission, to check extension loading, the id, content
  // script injection under the strict CSP, and the worker's fetch online and offline.
  let dir;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mimecast-sso-dummy-ext-'));
    writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        manifest_version: 3,
        name: 'harness self-test',
        version: '0.0.1',
        background: { service_worker: 'sw.js', type: 'module' },
        host_permissions: ['https://login.microsoftonline.com/*'],
        content_scripts: [
          {
            matches: [
              'https://*.mimecast.com/*',
              'https://*.mimecast-offshore.com/*',
              'https://*.mimecast-pscom-us.com/*',
            ],
            js: ['cs.js'],
          },
        ],
      }),
    );
    writeFileSync(path.join(dir, 'sw.js'), 'self.addEventListener("install", () => {});\n');
    writeFileSync(
      path.join(dir, 'cs.js'),
      'document.documentElement.dataset.harnessContentScript = "ran";\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('loads it, finds its id and worker; content script runs under strict CSP, not elsewhere; worker fetches Entra', async () => {
    const b = await H.launchBrowser({ extensionDir: dir, port: server.port });
    try {
      assert.match(b.extensionId, /^[a-p]{32}$/);
      assert.equal(b.serviceWorker.url(), `chrome-extension://${b.extensionId}/sw.js`);
      const page = await H.openConsole(b.context, 'administration-console-2022', {
        strictCsp: true,
        delay: 100,
      });
      assert.equal(
        await page.evaluate(() => document.documentElement.dataset.harnessContentScript),
        'ran',
      );
      await page.goto(
        H.consoleUrl('administration-console-2022', { host: H.FOREIGN_HOST, delay: 50 }),
      );
      await H.waitForConsole(page);
      assert.equal(
        await page.evaluate(() => document.documentElement.dataset.harnessContentScript),
        undefined,
      );
      const got = await b.serviceWorker.evaluate(async (url) => {
        const r = await fetch(url);
        const bytes = new Uint8Array(await r.arrayBuffer());
        return {
          status: r.status,
          type: r.headers.get('content-type'),
          head: [...bytes.subarray(0, 3)],
        };
      }, H.ENTRA_URLS.app);
      assert.deepEqual(got, { status: 200, type: 'application/xml', head: BOM });
    } finally {
      await b.close();
    }
  });

  test('entraReachable: false makes the worker fetch fail like being offline; consoles still load', async () => {
    const b = await H.launchBrowser({
      extensionDir: dir,
      port: server.port,
      entraReachable: false,
    });
    try {
      const error = await b.serviceWorker.evaluate(async (url) => {
        try {
          await fetch(url);
          return null;
        } catch (e) {
          return `${e.name}: ${e.message}`;
        }
      }, H.ENTRA_URLS.app);
      assert.equal(error, 'TypeError: Failed to fetch');
      const page = await H.openConsole(b.context, 'admin-console-2015', { delay: 50 });
      assert.equal(
        await page.evaluate(() => document.documentElement.dataset.harnessContentScript),
        'ran',
      );
    } finally {
      await b.close();
    }
  });
});

describe("Today's profile (2024) specifics", () => {
  const PROFILE = 'authentication-profile-2024';

  test('sections stay collapsed until enforced; a toggle rebuilds the whole form; the model follows events only', async () => {
    const page = await H.openConsole(browser.context, PROFILE, { delay: 50 });
    try {
      const card = (i) => page.locator('.mat-card').nth(i);
      assert.equal(await card(0).getByLabel('Issuer URL', { exact: true }).count(), 0);
      const before = await H.formRenders(page);
      const enforce = card(0).getByLabel('Enforce SAML Configuration for Administrators', {
        exact: true,
      });
      // The native box is visually hidden inside its label: a click on the label's text ticks it.
      assert.equal(
        await enforce.evaluate((el) => el.getBoundingClientRect().width <= 1),
        true,
        'the native input is 1 px',
      );
      await card(0).getByText('Enforce SAML Configuration for Administrators').click();
      await H.waitForRerender(page, before);
      assert.equal((await H.readModel(page)).administrators.enforce, true);
      const issuer = card(0).getByLabel('Issuer URL', { exact: true });
      // A value set without an event does not reach the model.
      await issuer.evaluate((el) => {
        el.value = 'https://sts.windows.net/x/';
      });
      assert.equal((await H.readModel(page)).administrators.issuer_url, '');
      await issuer.fill('https://sts.windows.net/x/');
      assert.equal(
        (await H.readModel(page)).administrators.issuer_url,
        'https://sts.windows.net/x/',
      );
      assert.equal((await H.readModel(page)).web_apps.issuer_url, '', 'each section its own model');
      // The Provider list offers "Microsoft Entra ID"; a choice rebuilds the form.
      const renders = await H.formRenders(page);
      await card(0).getByRole('combobox').click();
      await page.getByRole('option', { name: 'Microsoft Entra ID', exact: true }).click();
      await H.waitForRerender(page, renders);
      assert.equal((await H.readModel(page)).administrators.provider, 'Microsoft Entra ID');
      assert.equal(await issuer.count(), 1, 'found again by its label in the new form');
    } finally {
      await page.close();
    }
  });

  test('the shell page holds the profile in a same-origin frame', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(H.consoleUrl(PROFILE, { shell: true }));
      const frame = page.frameLocator('iframe.shell-frame');
      await frame.getByText('Enforce SAML Configuration for Mimecast Web Apps').waitFor();
      assert.equal(await page.locator('.mat-card').count(), 0, 'the shell itself has no form');
    } finally {
      await page.close();
    }
  });
});
