// @ts-check
// Test SSO end to end, in Chromium with the built extension: the admin fills the console's form
// through the extension's panel from metadata that carries a throwaway signing certificate, then
// signs in. The stand-in Mimecast API host redirects to the stand-in Entra with an AuthnRequest
// (HTTP-Redirect), whose Issuer names the account; the stand-in Entra auto-posts a response
// signed by xmlsec1 to https://eu-api.mimecast.com/login/saml. The worker sees both requests
// (webRequest, non-blocking) and the popup and the toolbar badge give the core's verdict.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { builtExtension, FAST, fillForm, panel, pasteIntoPanel } from './extension-helpers.mjs';
import { extensionWorker, openConsole, startHarness } from './harness.mjs';
import { ENTRA_ISSUER, makeSigner } from './sign-response.mjs';
import {
  ACCOUNT_CODE,
  IDENTIFIER,
  REPLY_URL,
  START_URL,
  testSsoStandIns,
} from './test-sso-stand-ins.mjs';

const signer = makeSigner();
const { standIns, entra, mimecast, posted, metadata } = testSsoStandIns(signer);

/** @type {any} */
let harness;

before(async () => {
  harness = await startHarness({ extensionDir: builtExtension(), standIns });
  // The admin fills the profile through the panel: the worker learns its values.
  const page = await openConsole(harness.context, 'administration-console-2022', FAST);
  await panel(page).input.waitFor();
  await pasteIntoPanel(page, metadata);
  await fillForm(page);
  const profile = await inWorker(async () => {
    for (let i = 0; i < 100; i++) {
      const { profile } = await chrome.storage.session.get('profile');
      if (profile?.certificate) return profile;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return null;
  });
  assert.equal(profile?.issuer_url, ENTRA_ISSUER);
  assert.equal(profile?.certificate.replace(/\s+/g, ''), signer.certificateBase64);
  await page.close();
});

after(async () => {
  await harness?.close();
  signer.close();
});

/**
 * Evaluate in the extension's service worker.
 * @template T
 * @param {(arg: any) => Promise<T>} fn
 * @param {any} [arg]
 * @returns {Promise<T>}
 */
async function inWorker(fn, arg) {
  const worker = await extensionWorker(harness.context, harness.extensionId);
  return worker.evaluate(fn, arg);
}

/**
 * Sign in once, with Entra posting `response`: returns what the worker saw, the badge, and the
 * popup's verdicts.
 * @param {string} response
 */
async function signIn(response) {
  entra.response = response;
  posted.length = 0;
  const page = await harness.context.newPage();
  try {
    await page.goto(START_URL);
    await page.waitForURL(REPLY_URL);
    await page.getByRole('heading', { name: 'Signing you in…' }).waitFor();
    assert.equal(posted.length, 1, 'the browser posted the response once');
    assert.equal(
      Buffer.from(new URLSearchParams(posted[0]).get('SAMLResponse') ?? '', 'base64').toString(),
      response,
    );
    const seen = await inWorker(async () => {
      for (let i = 0; i < 100; i++) {
        const { last_tab: tabId } = await chrome.storage.session.get('last_tab');
        const key = `tab-${tabId}`;
        const state = (await chrome.storage.session.get(key))[key];
        if (state?.response) {
          return {
            state,
            badge: await chrome.action.getBadgeText({ tabId }),
            title: await chrome.action.getTitle({ tabId }),
            colour: await chrome.action.getBadgeBackgroundColor({ tabId }),
          };
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return null;
    });
    assert.ok(seen, 'the worker saw the response');
    const popup = await harness.context.newPage();
    try {
      await popup.goto(`chrome-extension://${harness.extensionId}/src/popup/popup.html`);
      const region = popup.getByRole('region', { name: 'Test SSO' });
      await region.locator('.verdict').first().waitFor();
      const shown = await region.locator('.observed').evaluateAll((nodes) =>
        nodes.map((node) => ({
          endpoint: node.getAttribute('data-endpoint'),
          tone: node.querySelector('.verdict')?.getAttribute('data-tone'),
          verdict: node.querySelector('.verdict')?.textContent,
          codes: [...node.querySelectorAll('[data-code]')].map((li) =>
            li.getAttribute('data-code'),
          ),
          text: node.textContent,
        })),
      );
      return { ...seen, shown };
    } finally {
      await popup.close();
    }
  } finally {
    await page.close();
  }
}

describe('Test SSO', () => {
  test('a good response: the popup and the badge say sign-in should work', async () => {
    const response = signer.sign({ audience: IDENTIFIER, recipient: REPLY_URL });
    assert.ok(signer.verifies(response), 'xmlsec1 verifies what it signed');
    const { state, badge, title, colour, shown } = await signIn(response);

    // The AuthnRequest taught the account code.
    assert.equal(state.request.observation.endpoint, 'entra-sign-in');
    assert.equal(state.request.observation.account_code, ACCOUNT_CODE);
    assert.equal(state.account_code, ACCOUNT_CODE);
    const { observation } = state.response;
    assert.equal(observation.endpoint, 'mimecast-sign-in');
    assert.equal(observation.region, 'eu');
    assert.deepEqual(observation.report.findings, []);
    assert.equal(observation.report.signature.valid, true);
    assert.equal(observation.report.signature.verified_with, 'configured');
    assert.deepEqual(observation.report.assertion.audiences, [IDENTIFIER]);

    // The badge and the popup, in the core's words.
    assert.equal(observation.verdict.tone, 'pass');
    assert.equal(badge, observation.verdict.badge);
    assert.equal(badge, 'OK');
    assert.equal(title, observation.verdict.sentence);
    assert.deepEqual(colour.slice(0, 3), [0x1a, 0x7f, 0x37]);
    assert.deepEqual(
      shown.map((entry) => entry.endpoint),
      ['mimecast-sign-in', 'entra-sign-in'],
    );
    assert.equal(shown[0].verdict, title);
    assert.equal(shown[0].tone, 'pass');
    assert.deepEqual(shown[0].codes, []);
    assert.equal(shown[1].verdict, state.request.observation.verdict.sentence);
  });

  test("the wrong audience: the popup names Entra's Identifier and the right value", async () => {
    // Entra's Identifier set to another region's host.
    const wrong = `https://us-api.mimecast.com/sso/${ACCOUNT_CODE}`;
    const response = signer.sign({ audience: wrong, recipient: REPLY_URL });
    assert.ok(signer.verifies(response));
    const { state, badge, title, shown } = await signIn(response);

    const { observation } = state.response;
    assert.deepEqual(
      observation.report.findings.map((/** @type {any} */ f) => f.code),
      ['audience-mismatch'],
    );
    const [finding] = observation.report.findings;
    assert.equal(finding.field, 'entra_identifier');
    // The expected Audience came from the AuthnRequest's Issuer: nothing else names the account.
    assert.equal(finding.fix, IDENTIFIER);
    assert.equal(observation.report.signature.valid, true);

    assert.equal(observation.verdict.tone, 'fail');
    assert.equal(badge, observation.verdict.badge);
    assert.notEqual(badge, 'OK');
    assert.equal(title, observation.verdict.sentence);
    assert.equal(shown[0].verdict, title);
    assert.equal(shown[0].tone, 'fail');
    assert.deepEqual(shown[0].codes, ['audience-mismatch']);
    assert.ok(shown[0].text.includes(finding.message), shown[0].text);
    assert.ok(shown[0].text.includes(wrong));
  });

  test('a Context box left ticked: the popup points at the boxes before Entra refuses', async () => {
    // Mimecast asks for a password sign-in when "Use Password protected Context" is ticked.
    mimecast.context = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
    try {
      const response = signer.sign({ audience: IDENTIFIER, recipient: REPLY_URL });
      const { state, shown } = await signIn(response);

      const request = state.request.observation;
      assert.equal(request.endpoint, 'entra-sign-in');
      assert.deepEqual(request.report.request.requested_authn_context.class_refs, [
        mimecast.context,
      ]);
      const codes = request.report.findings.map((/** @type {any} */ f) => f.code);
      assert.deepEqual(codes, ['request-authn-context']);
      const [finding] = request.report.findings;
      assert.equal(finding.field, 'password_context');
      assert.notEqual(request.verdict.tone, 'pass');

      // The popup lists the request under the response, with the finding in the core's words.
      assert.equal(shown[1].endpoint, 'entra-sign-in');
      assert.equal(shown[1].verdict, request.verdict.sentence);
      assert.deepEqual(shown[1].codes, ['request-authn-context']);
      assert.ok(shown[1].text.includes('AADSTS75011'), shown[1].text);
      assert.ok(shown[1].text.includes('Use Password protected Context'), shown[1].text);
      // The response itself is good: the context is the only problem named.
      assert.deepEqual(state.response.observation.report.findings, []);
    } finally {
      mimecast.context = '';
    }
  });
});
