// A click is never lost or applied to old input: "Fill form" (and "Replace") clicked while the
// text or file is still being read waits for that reading and fills from it, also when the text
// box changed without a paste event (typed over, edited, emptied); it never writes the previous
// import's values; and the confirmation does not vanish by itself. With the worker warm and
// stopped just before the input arrives. On the 2022 stand-in, reading its model.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  APP_XML,
  appValues,
  assertModel,
  modelAfterFill,
  panel,
  panelPagesOn,
  stopWorker,
  TENANT_XML,
} from './extension-helpers.mjs';
import { ENTRA_EXPECTED, INITIAL_MODEL, METADATA_FILES, paste, readModel } from './harness.mjs';

const GENERATION = 'administration-console-2022';
const TENANT = ENTRA_EXPECTED.tenant;

const { onPage: onConsole } = panelPagesOn(GENERATION);

/** In one task of the page: paste `text` into the panel's text box, then click "Fill form". */
function pasteAndClick(input, text) {
  return input.evaluate((el, text) => {
    el.focus();
    el.select();
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', text);
    const init = { clipboardData, bubbles: true, cancelable: true, composed: true };
    if (el.dispatchEvent(new ClipboardEvent('paste', init)))
      document.execCommand('insertText', false, text);
    const root = el.getRootNode();
    [...root.querySelectorAll('button')].find((b) => b.textContent === 'Fill form').click();
  }, text);
}

/** In one task of the page: drop the file on the panel's drop zone, then click "Fill form". */
function dropAndClick(p, filePath) {
  const bytes = [...readFileSync(filePath)];
  return p.root.locator('.drop').evaluate(
    (zone, { bytes, name }) => {
      const dataTransfer = new DataTransfer();
      dataTransfer.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/xml' }));
      for (const type of ['dragenter', 'dragover', 'drop'])
        zone.dispatchEvent(
          new DragEvent(type, { dataTransfer, bubbles: true, cancelable: true, composed: true }),
        );
      const root = zone.getRootNode();
      [...root.querySelectorAll('button')].find((b) => b.textContent === 'Fill form').click();
    },
    { bytes, name: path.basename(filePath) },
  );
}

/** Paste metadata into the panel and wait until its first signing certificate is shown. */
async function pasteShown(p, xml, expected) {
  await paste(p.input, xml);
  await p.found.getByText(expected.signing_certificates[0].sha1, { exact: true }).waitFor();
}

/** The model after Fill from the pasted app metadata (no Metadata URL), from `start`. */
const appFilled = (start = 'empty') =>
  modelAfterFill(GENERATION, appValues({ metadata_url: '' }), start);

async function filled(page) {
  await panel(page)
    .outcome.filter({ hasText: /^Filled / })
    .waitFor();
}

for (const worker of ['warm', 'stopped']) {
  describe(`worker ${worker}`, () => {
    const maybeStop = (page) => (worker === 'stopped' ? stopWorker(page) : null);

    test('Fill form clicked right after a paste fills from the pasted text', () =>
      onConsole({}, async (page) => {
        const p = panel(page);
        await maybeStop(page);
        await pasteAndClick(p.input, APP_XML);
        await filled(page);
        await assertModel(page, appFilled());
      }));

    test('Fill form clicked right after a file drop waits for the file', () =>
      onConsole({}, async (page) => {
        const p = panel(page);
        await maybeStop(page);
        await dropAndClick(p, METADATA_FILES.app);
        await filled(page);
        await assertModel(page, appFilled());
      }));

    test('text typed over an earlier import, then Fill form at once: the new text is written', () =>
      onConsole({}, async (page) => {
        const p = panel(page);
        await pasteShown(p, TENANT_XML, TENANT);
        await maybeStop(page);
        // No paste event: the text box is set and an input event fires, as typing does.
        await p.input.fill(APP_XML);
        await p.fill.click();
        await filled(page);
        await assertModel(page, appFilled());
      }));

    test('an edited import is read again before Fill writes it', () =>
      onConsole({}, async (page) => {
        const p = panel(page);
        await pasteShown(p, APP_XML, ENTRA_EXPECTED.app);
        await maybeStop(page);
        // The issuer edited in the pasted XML: Fill must write the edit, not the earlier read.
        const edited = APP_XML.replace(
          `entityID="${ENTRA_EXPECTED.app.issuer_url}"`,
          `entityID="${TENANT.issuer_url}"`,
        );
        assert.notEqual(edited, APP_XML);
        await p.input.fill(edited);
        await p.fill.click();
        await filled(page);
        assert.equal((await readModel(page)).issuer_url, TENANT.issuer_url);
      }));

    test('an emptied text box writes nothing, even right after an import', () =>
      onConsole({}, async (page) => {
        const p = panel(page);
        await pasteShown(p, APP_XML, ENTRA_EXPECTED.app);
        await maybeStop(page);
        await p.input.fill('');
        await p.fill.click();
        await p.outcome.filter({ hasText: /^Paste metadata/ }).waitFor();
        assert.deepEqual(await readModel(page), INITIAL_MODEL[GENERATION].empty);
      }));
  });
}

test('the Replace confirmation stays until answered, and Replace writes the text as it is then', () =>
  onConsole({ prefilled: true }, async (page) => {
    const p = panel(page);
    // The prefilled profile is the tenant metadata's tenant: its old certificate and Metadata URL
    // are what the confirmation asks about.
    await paste(p.input, TENANT_XML);
    await p.fill.click();
    await p.replace.waitFor();
    // The input events of the paste settle well within this: the box must still be there.
    await page.waitForTimeout(700);
    assert.equal(await p.replace.isVisible(), true, 'the Replace box is still shown');
    assert.deepEqual(await readModel(page), INITIAL_MODEL[GENERATION].prefilled);
    // The text changes before the admin answers: Replace asks again about the new values.
    await p.input.fill(APP_XML);
    await p.replace.click();
    const app = ENTRA_EXPECTED.app;
    await p.root.locator(`.confirm code.new[title="${app.issuer_url}"]`).waitFor();
    assert.deepEqual(await readModel(page), INITIAL_MODEL[GENERATION].prefilled);
    await p.replace.click();
    await filled(page);
    await assertModel(page, appFilled('prefilled'));
  }));
