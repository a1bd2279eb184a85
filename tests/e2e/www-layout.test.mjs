// The web page at phone, tablet and desktop widths with every sample in the fixtures: nothing
// makes the page scroll sideways (long thumbprints, GUIDs, URLs and entity IDs wrap). And the
// page's own ways to act: a select named "Identity provider" for an input with several, and its
// own words for an empty file.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  cliInspect,
  launchBrowser,
  openPage,
  parts,
  ROOT,
  serveWww,
  shownValue,
} from './www-helpers.mjs';

const WIDTHS = [375, 768, 1280];

/** Every sample: the corpus's metadata, the certificates, the Set-up blocks. */
const SAMPLES = [
  'tests/fixtures/corpus/metadata',
  'tests/fixtures/certificates',
  'tests/fixtures/entra-setup',
]
  .flatMap((folder) =>
    readdirSync(path.join(ROOT, folder))
      .filter((name) => !name.endsWith('.md'))
      .map((name) => path.join(ROOT, folder, name)),
  )
  .sort();

let server;
let browser;

before(async () => {
  server = await serveWww();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Picks a file and waits until the page has said something about it. */
async function pick(page, file) {
  const p = parts(page);
  await page.evaluate(() => {
    document.getElementById('import-status').textContent = '';
  });
  await p.file.setInputFiles(file);
  await page.waitForFunction(
    () => document.getElementById('import-status').textContent.trim() !== '',
  );
}

/** How far the page scrolls sideways, and the widest element that makes it. */
function overflow(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    let widest = null;
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if (box.right > width + 0.5 && box.width > 0 && (!widest || box.right > widest.right)) {
        widest = {
          tag: element.tagName,
          id: element.id,
          class: element.className,
          right: box.right,
        };
      }
    }
    return { scroll: root.scrollWidth - width, widest };
  });
}

describe('layout', () => {
  for (const width of WIDTHS) {
    test(`at ${width} px no sample makes the page scroll sideways`, async () => {
      assert.ok(SAMPLES.length > 40, `only ${SAMPLES.length} samples`);
      const opened = await openPage(browser, server, { viewport: { width, height: 800 } });
      try {
        const { page } = opened;
        for (const file of SAMPLES) {
          await pick(page, file);
          const seen = await overflow(page);
          assert.equal(
            seen.scroll,
            0,
            `${path.basename(file)} at ${width} px scrolls ${seen.scroll} px: ${JSON.stringify(seen.widest)}`,
          );
        }
        assert.deepEqual(opened.external, []);
        assert.deepEqual(opened.errors, []);
      } finally {
        await opened.context.close();
      }
    });
  }
});

describe("the page's own ways to act", () => {
  test('several identity providers: a select named "Identity provider" chooses one', async () => {
    const file = path.join(ROOT, 'tests/fixtures/corpus/metadata/aggregate-shib-phpsaml.xml');
    const entityId = 'https://idp.fccn.pt/idp/shibboleth';
    const expected = cliInspect(file, '--entity-id', entityId);
    const opened = await openPage(browser, server, { viewport: { width: 375, height: 800 } });
    try {
      const { page } = opened;
      const p = parts(page);
      await p.file.setInputFiles(file);
      await p.status.filter({ hasText: 'choose one in the Identity provider list' }).waitFor();
      const select = page.getByRole('combobox', { name: 'Identity provider', exact: true });
      const options = await select.locator('option').evaluateAll((all) => all.map((o) => o.value));
      assert.ok(options.includes(entityId), 'the entity is offered');
      assert.ok(options.filter((value) => value !== '').length > 1);
      await select.selectOption(entityId);
      await p.status.filter({ hasText: 'Read metadata from the file' }).waitFor();
      for (const field of ['issuer_url', 'login_url', 'logout_url']) {
        assert.equal(await shownValue(p.value(field)), expected.mimecast[field], field);
      }
      // The choice stays on the page, showing what was chosen, to choose another.
      assert.equal(
        await page.getByRole('combobox', { name: 'Identity provider', exact: true }).inputValue(),
        entityId,
      );
      assert.equal((await overflow(page)).scroll, 0);
      assert.deepEqual(opened.errors, []);
    } finally {
      await opened.context.close();
    }
  });

  test('an empty file is met with the words of this page', async () => {
    const opened = await openPage(browser, server);
    try {
      const { page } = opened;
      const p = parts(page);
      await p.file.setInputFiles({
        name: 'empty.xml',
        mimeType: 'text/xml',
        buffer: Buffer.alloc(0),
      });
      await p.status.filter({ hasText: 'paste or drop' }).waitFor();
      assert.equal(await p.status.getAttribute('data-error'), 'empty-input');
    } finally {
      await opened.context.close();
    }
  });
});
