// Today's Authentication Profile (2024–) with several SAML sections ("Administrators", "Mimecast
// Web Apps"), collapsed until enforced, on the fourth stand-in (fixtures/console/
// authentication-profile-2024.js): choosing sections in the panel, Fill and Undo across them,
// validation per section, the cross-section warning, another tenant's values left behind, a field
// a section lacks, and the profile inside a same-origin frame of a console shell. The tests act
// through the panel and the page's own controls and judge by the per-section model.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APP_XML, noteOf, panel, panelPagesOn, SECTION_FILLED } from './extension-helpers.mjs';
import { emptyModel, OLD_TENANT, SECTION_KEYS } from './fixtures/console/console-data.js';
import { consoleUrl, ENTRA_EXPECTED, paste, readModel, waitForConsole } from './harness.mjs';

const PROFILE = 'authentication-profile-2024';
const APP = ENTRA_EXPECTED.app;

/** A section never enforced nor written. */
const EMPTY = emptyModel(SECTION_KEYS);
/** A section after Fill from the app metadata (pasted XML: no Metadata URL). */
const FILLED = SECTION_FILLED;

const { harness, onPage: onProfile } = panelPagesOn(PROFILE);

function sections(page) {
  return panel(page).root.getByRole('group', { name: 'Sections to fill' });
}
function sectionBox(page, name) {
  return sections(page).getByRole('checkbox', { name, exact: true });
}
/** Whether the panel's boxes of "Administrators" and "Mimecast Web Apps" are ticked. */
async function assertSectionBoxes(page, administrators, webApps) {
  assert.equal(await sectionBox(page, 'Administrators').isChecked(), administrators);
  assert.equal(await sectionBox(page, 'Mimecast Web Apps').isChecked(), webApps);
}

async function settled(page) {
  await waitForConsole(page);
  await page.waitForTimeout(80);
  await waitForConsole(page);
  return readModel(page);
}

async function pasteApp(page) {
  const p = panel(page);
  await paste(p.input, APP_XML);
  await p.found.getByText(APP.signing_certificates[0].sha1, { exact: true }).waitFor();
  return p;
}

/** Paste the app metadata, then Fill: the model once the console has settled. */
async function pasteAppAndFill(page) {
  await pasteApp(page);
  return fill(page);
}

async function fill(page) {
  const p = panel(page);
  await p.fill.click();
  await p.outcome.filter({ hasText: /^Filled / }).waitFor();
  return settled(page);
}

/** The page's own Enforce box of a section (a Material box: click its label). */
function enforceOnPage(page, name) {
  return page.locator('label.mat-checkbox', {
    hasText: `Enforce SAML Configuration for ${name}`,
  });
}

describe("today's profile", { concurrency: 2 }, () => {
  test('one section enforced: it alone is pre-ticked and filled', () =>
    onProfile({ enforce: 'a' }, async (page) => {
      await assertSectionBoxes(page, true, false);
      const model = await pasteAppAndFill(page);
      assert.deepEqual(model.administrators, FILLED);
      assert.deepEqual(model.web_apps, EMPTY, 'the other section is not enforced nor written');
    }));

  test('both enforced: both are filled', () =>
    onProfile({ enforce: 'a,w' }, async (page) => {
      await assertSectionBoxes(page, true, true);
      const model = await pasteAppAndFill(page);
      assert.deepEqual(model.administrators, FILLED);
      assert.deepEqual(model.web_apps, FILLED);
      // The on-page notes of both sections agree: nothing to say across them.
      assert.equal(await panel(page).root.locator('[data-code="sections-disagree"]').count(), 0);
    }));

  test('none enforced: Fill asks to choose and writes nothing; then the chosen one only', () =>
    onProfile({}, async (page) => {
      const p = panel(page);
      await assertSectionBoxes(page, false, false);
      await pasteApp(page);
      await p.fill.click();
      await p.outcome.filter({ hasText: /^Choose the sections to fill/ }).waitFor();
      assert.deepEqual(await settled(page), {
        description: '',
        administrators: EMPTY,
        web_apps: EMPTY,
      });
      await sectionBox(page, 'Mimecast Web Apps').check();
      const model = await fill(page);
      assert.deepEqual(model.web_apps, FILLED, 'enforced, rendered, then filled');
      assert.deepEqual(model.administrators, EMPTY, 'never enforced without being chosen');
    }));

  test('the pre-ticks follow the page until the admin chooses in the panel', () =>
    onProfile({}, async (page) => {
      await enforceOnPage(page, 'Administrators').click();
      await waitForConsole(page);
      await sectionBox(page, 'Administrators').and(page.locator(':checked')).waitFor();
      await enforceOnPage(page, 'Administrators').click();
      await waitForConsole(page);
      await page.waitForFunction(
        () =>
          !document
            .querySelector('[data-mimecast-sso-autofill="panel"]')
            .shadowRoot.querySelector('fieldset.sections input[value="Administrators"]').checked,
      );
      // The admin's own choice wins over the page.
      await sectionBox(page, 'Mimecast Web Apps').check();
      await enforceOnPage(page, 'Mimecast Web Apps').click();
      await waitForConsole(page);
      await enforceOnPage(page, 'Mimecast Web Apps').click();
      await waitForConsole(page);
      await page.waitForTimeout(300);
      assert.equal(await sectionBox(page, 'Mimecast Web Apps').isChecked(), true);
    }));

  test('Undo across sections puts both back, collapsed and empty', () =>
    onProfile({}, async (page) => {
      const p = await pasteApp(page);
      await sectionBox(page, 'Administrators').check();
      await sectionBox(page, 'Mimecast Web Apps').check();
      const model = await fill(page);
      assert.deepEqual(model.administrators, FILLED);
      assert.deepEqual(model.web_apps, FILLED);
      await p.undo.click();
      await p.outcome.filter({ hasText: 'The form is back as it was.' }).waitFor();
      assert.deepEqual(await settled(page), {
        description: '',
        administrators: EMPTY,
        web_apps: EMPTY,
      });
    }));

  test('Cancel in the confirmation closes again the section Fill had opened', () =>
    onProfile({ prefilled: true }, async (page) => {
      const before = await settled(page);
      assert.equal(before.web_apps.enforce, false);
      const p = await pasteApp(page);
      await sectionBox(page, 'Mimecast Web Apps').check();
      await p.fill.click();
      // Administrators holds another tenant's values: the confirmation names that section.
      await p.root.locator('.confirm li', { hasText: 'Administrators, Issuer URL:' }).waitFor();
      await p.cancel.click();
      await p.outcome.filter({ hasText: 'Nothing was written.' }).waitFor();
      assert.deepEqual(await settled(page), before);
    }));

  test('validation in the second section shows next to its own field', () =>
    onProfile({ enforce: 'a,w' }, async (page) => {
      const second = page.locator('.mat-card').nth(1).getByLabel('Issuer URL', { exact: true });
      await second.fill(APP.issuer_url.replace(/\/$/, ''));
      const note = noteOf(page, 'issuer_url').and(
        page.locator('[data-section="Mimecast Web Apps"]'),
      );
      await note.locator('[data-code="issuer-trailing-slash"]').waitFor();
      const inSecondCard = await note.evaluate(
        (el) => el.closest('.mat-card') === document.querySelectorAll('.mat-card')[1],
      );
      assert.ok(inSecondCard, 'the note sits in the second section');
      assert.equal(
        await noteOf(page, 'issuer_url')
          .and(page.locator('[data-section="Administrators"]'))
          .count(),
        0,
      );
    }));

  test('two sections of different tenants get the cross-section warning', () =>
    onProfile({ prefilled: true, enforce: 'w' }, async (page) => {
      // Administrators holds another tenant's settings; fill Mimecast Web Apps only.
      await pasteApp(page);
      await sectionBox(page, 'Administrators').uncheck();
      assert.equal(await sectionBox(page, 'Mimecast Web Apps').isChecked(), true);
      const model = await fill(page);
      assert.equal(model.web_apps.issuer_url, APP.issuer_url);
      assert.equal(model.administrators.issuer_url, `https://sts.windows.net/${OLD_TENANT}/`);
      const warning = panel(page).root.locator('[data-code="sections-disagree"]').first();
      await warning.waitFor();
      assert.match(await warning.textContent(), /Administrators/);
    }));

  test("another tenant's profile filled from metadata without SingleLogoutService: nothing of it stays", () =>
    onProfile({ prefilled: true }, async (page) => {
      const p = panel(page);
      const withoutLogout = APP_XML.replace(/<SingleLogoutService[^>]*\/>/, '');
      assert.notEqual(withoutLogout, APP_XML);
      await paste(p.input, withoutLogout);
      await p.found.getByText(APP.signing_certificates[0].sha1, { exact: true }).waitFor();
      await p.fill.click();
      const confirm = p.root.locator('.confirm');
      await confirm.locator('li', { hasText: 'Logout URL:' }).getByText('emptied').waitFor();
      await confirm.locator('li', { hasText: 'Metadata URL:' }).getByText('emptied').waitFor();
      await p.replace.click();
      await p.outcome.filter({ hasText: /^Filled / }).waitFor();
      assert.match(await p.outcome.textContent(), /; emptied Logout URL, Metadata URL\.$/);
      const model = await settled(page);
      assert.deepEqual(model.administrators, { ...FILLED, logout_url: '' });
      await page.waitForTimeout(400);
      assert.equal(await page.locator('[data-code="tenant-mismatch"]').count(), 0);
    }));

  test('a field the section lacks is named with its value and a copy button', () =>
    onProfile({ enforce: 'w', nologout: 'w' }, async (page) => {
      await pasteApp(page);
      await fill(page);
      const missing = panel(page).root.locator('.missing li[data-field="logout_url"]');
      await missing.waitFor();
      assert.match(await missing.textContent(), /Mimecast Web Apps, Logout URL/);
      assert.equal(await missing.locator('code').getAttribute('title'), APP.logout_url);
      await missing.getByRole('button', { name: 'Copy Logout URL of Mimecast Web Apps' }).waitFor();
    }));

  test('the profile inside a same-origin frame of a console shell: the panel shows in that frame', () =>
    (async () => {
      const page = await harness.context.newPage();
      try {
        await page.goto(consoleUrl(PROFILE, { shell: true }));
        const frame = page.frameLocator('iframe.shell-frame');
        const p = panel(frame);
        await p.input.waitFor();
        assert.equal(
          await page.locator('[data-mimecast-sso-autofill="panel"]').count(),
          0,
          'no panel in the shell itself',
        );
        await paste(p.input, APP_XML);
        await p.found.getByText(APP.signing_certificates[0].sha1, { exact: true }).waitFor();
        await p.fill.click();
        await p.outcome.filter({ hasText: /^Filled / }).waitFor();
        const inner = page.frames().find((f) => f.url().includes('enforce=a'));
        await inner.waitForFunction(() => !window.__consoleInfo().rerenderPending);
        await page.waitForTimeout(100);
        const model = await inner.evaluate(() => window.__consoleModel());
        assert.deepEqual(model.administrators, FILLED);
        assert.deepEqual(model.web_apps, EMPTY);
      } finally {
        await page.close();
      }
    })());
});
