// A console built of web components: every field's row inside the shadow root of an `<mc-field>`,
// and the whole form inside the shadow root of an `<mc-authentication-profile>` (the stand-ins
// with `?shadow=1`, open roots, or `?shadow=closed`; console-runtime.js `asWebComponents`). Nothing of the form is
// in the document's own tree, so only a reading of the page as it is rendered finds it. The tests
// fill, undo and validate as on the other stand-ins, and judge by the console's model.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  APP_XML,
  appValues,
  assertModel,
  builtExtension,
  fillForm,
  harnessForFile,
  modelAfterFill,
  noteOf,
  onPanelPage,
  pasteIntoPanel,
  SECTION_FILLED,
  settledModel,
} from './extension-helpers.mjs';
import { emptyModel, SECTION_KEYS } from './fixtures/console/console-data.js';
import { ENTRA_EXPECTED, field, INITIAL_MODEL } from './harness.mjs';

const APP = ENTRA_EXPECTED.app;
const PORTAL = 'personal-portal-2017';
const PROFILE = 'authentication-profile-2024';

const harness = harnessForFile({ extensionDir: builtExtension() });
const inComponents = (standIn, options, body) =>
  onPanelPage(harness, standIn, { shadow: true, ...options }, body);

/**
 * How many of the form's controls the document's own tree holds, how many components the page
 * shows, and how many of their shadow roots the page can read (the open ones).
 */
function lightAndShadow(page) {
  return page.evaluate(() => {
    const hosts = [...document.querySelectorAll('mc-authentication-profile, mc-field')];
    return {
      light: document.querySelectorAll('[data-form-host] input, [data-form-host] textarea').length,
      hosts: hosts.length,
      shadowRoots: hosts.filter((host) => host.shadowRoot).length,
    };
  });
}

/** Paste the app metadata, Fill (the 2017 form's model then holds it), Undo (empty again). */
async function fillAndUndo(page) {
  const p = await pasteIntoPanel(page, APP_XML);
  await p.found.getByText(APP.signing_certificates[0].sha1, { exact: true }).waitFor();
  await fillForm(page);
  await assertModel(page, modelAfterFill(PORTAL, appValues()));
  await p.undo.click();
  await p.outcome.filter({ hasText: 'The form is back as it was.' }).waitFor();
  await assertModel(page, INITIAL_MODEL[PORTAL].empty);
}

describe('web components', { concurrency: 2 }, () => {
  test('the 2017 form inside shadow roots: found, filled, and Undo empties it again', () =>
    inComponents(PORTAL, {}, async (page) => {
      const tree = await lightAndShadow(page);
      assert.equal(tree.light, 0, 'no field of the form is in the document tree');
      assert.ok(tree.shadowRoots >= 1, 'the form is inside a shadow root');
      await fillAndUndo(page);
    }));

  test('typing in a field inside a shadow root gets its note beside it, and the fix writes', () =>
    inComponents(PORTAL, {}, async (page) => {
      await field(page, PORTAL, 'issuer_url').fill(APP.issuer_url.replace(/\/$/, ''));
      const note = noteOf(page, 'issuer_url');
      await note.getByText(/missing the trailing slash/).waitFor();
      await note.getByRole('button', { name: 'Fix Issuer URL' }).click();
      await note.waitFor({ state: 'detached' });
      assert.equal((await settledModel(page)).issuer_url, APP.issuer_url);
    }));

  test("a box ticked inside a shadow root is checked: today's profile, Context box left ticked", () =>
    inComponents(PROFILE, { enforce: 'a' }, async (page) => {
      await page
        .getByRole('checkbox', { name: 'Use Password protected Context' })
        .first()
        .check({ force: true });
      await noteOf(page, 'password_context')
        .getByText(/Password protected Context/)
        .waitFor();
    }));

  test('closed shadow roots, which the page itself cannot read into: filled, and undone', () =>
    inComponents(PORTAL, { shadow: 'closed' }, async (page) => {
      const tree = await lightAndShadow(page);
      assert.equal(tree.light, 0, 'no field of the form is in the document tree');
      assert.equal(tree.hosts, 1, 'the page sees one component: the rest is inside it');
      assert.equal(tree.shadowRoots, 0, 'its shadow root is closed to the page');
      await fillAndUndo(page);
    }));

  test("today's profile inside shadow roots: the enforced section alone is filled", () =>
    inComponents(PROFILE, { enforce: 'a' }, async (page) => {
      const p = await pasteIntoPanel(page, APP_XML);
      await p.found.getByText(APP.signing_certificates[0].sha1, { exact: true }).waitFor();
      await p.fill.click();
      await p.outcome.filter({ hasText: /^Filled / }).waitFor();
      const model = await settledModel(page);
      assert.deepEqual(model.administrators, SECTION_FILLED);
      assert.deepEqual(model.web_apps, emptyModel(SECTION_KEYS), 'the other section is untouched');
    }));
});
