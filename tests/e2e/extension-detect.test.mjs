// detect.js on its own, as a pure function of the DOM: loaded into the console pages of a
// browser WITHOUT the extension, it must find on each generation exactly the controls a person
// finds by their labels (the harness's `field()` locators), and nothing on pages without the form.

import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { buildSync } from 'esbuild';
import { EXTENSION_SRC, FAST, harnessForFile } from './extension-helpers.mjs';
import { field, GENERATIONS, MODEL_KEYS, openConsole } from './harness.mjs';

// detect.js and the modules it imports, as one page script that defines `MimecastSso.detect`.
const DETECT = buildSync({
  entryPoints: [path.join(EXTENSION_SRC, 'content/detect.js')],
  bundle: true,
  format: 'iife',
  globalName: 'MimecastSso',
  write: false,
}).outputFiles[0].text;

// Model keys of the console -> the extension's field names; null: must not be detected.
const FIELD_OF_KEY = {
  description: null,
  authentication_ttl: null,
  session_timeout: null,
  enforce: 'enforce_saml',
  provider: 'provider',
  metadata_url: 'metadata_url',
  issuer_url: 'issuer_url',
  login_url: 'login_url',
  logout_url: 'logout_url',
  certificate: 'certificate',
  allow_sso: 'allow_sso',
  password_context: 'password_context',
  integrated_context: 'integrated_context',
};

const harness = harnessForFile({});

async function withDetect(generation, options, body) {
  const page = await openConsole(harness.context, generation, { ...FAST, ...options });
  try {
    await page.addScriptTag({ content: DETECT });
    return await body(page);
  } finally {
    await page.close();
  }
}

describe('detect.js alone', { concurrency: 3 }, () => {
  for (const generation of GENERATIONS) {
    test(`${generation}: every field by its label, nothing else`, () =>
      withDetect(generation, {}, async (page) => {
        const found = await page.evaluate(() =>
          Object.keys(window.MimecastSso.detect(document).fields).sort(),
        );
        const expected = MODEL_KEYS[generation]
          .map((key) => FIELD_OF_KEY[key])
          .filter(Boolean)
          .sort();
        assert.deepEqual(found, expected);
        for (const key of MODEL_KEYS[generation]) {
          const name = FIELD_OF_KEY[key];
          if (!name) continue;
          const same = await field(page, generation, key).evaluate(
            (el, n) => window.MimecastSso.detect(document).fields[n] === el,
            name,
          );
          assert.ok(same, `${key} is the control labelled for it`);
        }
        const formHoldsAll = await page.evaluate(() => {
          const { form, fields } = window.MimecastSso.detect(document);
          return !!form && Object.values(fields).every((el) => form.contains(el));
        });
        assert.ok(formHoldsAll, 'the form element holds every field');
      }));
  }

  const PROFILE = 'authentication-profile-2024';
  const SECTION_FIELDS = [
    'allow_sso',
    'certificate',
    'enforce_saml',
    'integrated_context',
    'issuer_url',
    'login_url',
    'logout_url',
    'metadata_url',
    'password_context',
    'provider',
  ];

  test("today's profile, both sections collapsed: each Enforce box, named as the console names it", () =>
    withDetect(PROFILE, {}, async (page) => {
      const found = await page.evaluate(() => {
        const { form, sections } = window.MimecastSso.detect(document);
        return {
          form: !!form,
          sections: sections.map((s) => ({ name: s.name, fields: Object.keys(s.fields) })),
        };
      });
      assert.deepEqual(found, {
        form: true,
        sections: [
          { name: 'Administrators', fields: ['enforce_saml'] },
          { name: 'Mimecast Web Apps', fields: ['enforce_saml'] },
        ],
      });
    }));

  test("today's profile, both sections enforced: each field belongs to its own section", () =>
    withDetect(PROFILE, { enforce: 'a,w' }, async (page) => {
      const found = await page.evaluate(() => {
        const { sections } = window.MimecastSso.detect(document);
        const cards = [...document.querySelectorAll('.mat-card')];
        return sections.map((s) => ({
          name: s.name,
          fields: Object.keys(s.fields).sort(),
          // The card (by its position on the page) that holds each of the section's fields.
          cards: [
            ...new Set(Object.values(s.fields).map((el) => cards.indexOf(el.closest('.mat-card')))),
          ],
          labels: Object.fromEntries(
            Object.entries(s.fields).map(([name, el]) => [
              name,
              (el.labels?.[0] || el.closest('label'))?.textContent.trim() ??
                document.getElementById(el.getAttribute('aria-labelledby'))?.textContent,
            ]),
          ),
        }));
      });
      assert.equal(found.length, 2);
      assert.deepEqual(
        found.map((s) => [s.name, s.fields, s.cards]),
        [
          ['Administrators', SECTION_FIELDS, [0]],
          ['Mimecast Web Apps', SECTION_FIELDS, [1]],
        ],
      );
      assert.equal(
        found[1].labels.enforce_saml,
        'Enforce SAML Configuration for Mimecast Web Apps',
      );
      assert.equal(found[0].labels.issuer_url, 'Issuer URL');
      assert.equal(found[1].labels.provider, 'Provider');
    }));

  test('sections without cards: the fields up to the next Enforce box, in the older wordings', () =>
    withDetect('administration-console-2022', {}, async (page) => {
      const found = await page.evaluate(() => {
        // One flat list of rows, as an older page lays it out: no card, fieldset or heading.
        const row = (label, control) => `<div class="row"><label>${label} ${control}</label></div>`;
        const section = (title) =>
          [
            row(`Enforce SAML Authentication for ${title}`, '<input type="checkbox" checked>'),
            row('Issuer URL', '<input type="text">'),
            row('Login URL', '<input type="text">'),
            row('Logout URL', '<input type="text">'),
            row('Identity Provider Certificate (Metadata)', '<textarea></textarea>'),
            row('Allow Single Sign On', '<input type="checkbox">'),
          ].join('');
        document.body.innerHTML = `<div class="flat">${row('Description', '<input type="text">')}${[
          'Administration Console',
          'End User Applications',
          'Mimecast Personal Portal',
        ]
          .map(section)
          .join('')}</div>`;
        const { sections } = window.MimecastSso.detect(document);
        const rows = [...document.querySelectorAll('.row')];
        return sections.map((s) => ({
          name: s.name,
          rows: Object.values(s.fields)
            .map((el) => rows.indexOf(el.closest('.row')))
            .sort((a, b) => a - b),
        }));
      });
      assert.deepEqual(found, [
        { name: 'Administration Console', rows: [1, 2, 3, 4, 5, 6] },
        { name: 'End User Applications', rows: [7, 8, 9, 10, 11, 12] },
        { name: 'Mimecast Personal Portal', rows: [13, 14, 15, 16, 17, 18] },
      ]);
    }));

  test('markup and wordings no stand-in uses: a list, components with slots, other words', () =>
    withDetect('administration-console-2022', {}, async (page) => {
      const found = await page.evaluate(() => {
        // A text field component: the input in its shadow root, the label either in there too
        // or given by the page through a slot.
        class TextField extends HTMLElement {
          constructor() {
            super();
            const shadow = this.attachShadow({ mode: 'open' });
            const tag = this.hasAttribute('multiline') ? 'textarea' : 'input';
            const words = this.getAttribute('label');
            shadow.innerHTML = `<label for="c">${words ?? '<slot name="label"></slot>'}</label><${tag} id="c"></${tag}>`;
          }
        }
        customElements.define('x-text-field', TextField);
        document.body.innerHTML = `<main>
          <label><input type="checkbox" data-expect="enforce_saml">
            Enforce SAML Authentication for Administration Console</label>
          <div role="group" aria-labelledby="provider-words"><span id="provider-words">Identity Provider</span>
            <select data-expect="provider"><option>Azure Active Directory</option></select></div>
          <dl>
            <dt>Issuer URL</dt><dd><input type="url" data-expect="issuer_url"></dd>
            <dt>Sign-in URL</dt><dd><input type="url" data-expect="login_url"></dd>
          </dl>
          <x-text-field label="SLO Service URL" data-expect="logout_url"></x-text-field>
          <x-text-field multiline data-expect="certificate"><span slot="label">X.509 Signing Certificate</span></x-text-field>
        </main>`;
        const { fields } = window.MimecastSso.detect(document);
        const expected = (element) =>
          element.dataset.expect ?? element.getRootNode().host?.dataset.expect;
        return Object.fromEntries(
          Object.entries(fields).map(([name, element]) => [name, expected(element)]),
        );
      });
      assert.deepEqual(found, {
        enforce_saml: 'enforce_saml',
        provider: 'provider',
        issuer_url: 'issuer_url',
        login_url: 'login_url',
        logout_url: 'logout_url',
        certificate: 'certificate',
      });
    }));

  test('nothing on the dashboard (no form)', () =>
    withDetect('dashboard', {}, async (page) => {
      assert.deepEqual(await page.evaluate(() => window.MimecastSso.detect(document)), {
        form: null,
        fields: {},
        sections: [],
      });
    }));

  test('it only reads: the page is the same before and after', () =>
    withDetect('administration-console-2022', { prefilled: true }, async (page) => {
      const same = await page.evaluate(() => {
        const before = document.body.innerHTML;
        window.MimecastSso.detect(document);
        return before === document.body.innerHTML;
      });
      assert.ok(same);
    }));
});
