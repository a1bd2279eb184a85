// The extension when login.microsoftonline.com cannot be reached (as offline): a metadata URL
// gets one plain sentence and nothing is written. A browser of its own, since the host mapping
// is fixed at launch.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  builtExtension,
  FAST,
  harnessForFile,
  panel,
  pasteIntoPanel,
  readText,
  settledModel,
} from './extension-helpers.mjs';
import { ENTRA_URLS, INITIAL_MODEL, METADATA_FILES, openConsole } from './harness.mjs';

const harness = harnessForFile({ extensionDir: builtExtension(), entraReachable: false });

test('offline: a metadata URL says Entra cannot be reached, and writes nothing', async () => {
  const page = await openConsole(harness.context, 'administration-console-2022', FAST);
  try {
    const p = await pasteIntoPanel(page, ENTRA_URLS.app);
    await p.error.filter({ hasText: 'Could not reach login.microsoftonline.com' }).waitFor();
    assert.equal(await p.error.getAttribute('data-code'), 'offline');
    const message = await p.error.textContent();
    assert.match(message, /^[A-Z][^\n]*[.]$/, `one sentence: ${message}`);
    await p.fill.click();
    await p.outcome.filter({ hasText: message }).waitFor();
    assert.deepEqual(await settledModel(page), INITIAL_MODEL['administration-console-2022'].empty);
  } finally {
    await page.close();
  }
});

test('offline: a file still imports, since nothing else needs the network', async () => {
  const page = await openConsole(harness.context, 'personal-portal-2017', FAST);
  try {
    const p = await pasteIntoPanel(page, readText(METADATA_FILES.app));
    await p.found.locator('code.thumbprint').first().waitFor();
    assert.equal(await p.error.count(), 0);
    await panel(page).fill.click();
    await p.outcome.filter({ hasText: /^Filled / }).waitFor();
  } finally {
    await page.close();
  }
});
