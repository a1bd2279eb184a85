// Takes the README's pictures of the extension at work on the 2022 console stand-in, with the
// built dist/extension/ (run `make build` first): node extension/tools/screenshot.mjs
//   screenshots/panel.png       the panel after pasting Entra's tenant metadata (two certificates)
//   screenshots/on-page.png     a finding next to the Issuer URL field, with its one-click fix
//   screenshots/sections.png    the panel beside today's profile with two SAML sections, after Fill
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtExtension, noteOf, panel } from '../../tests/e2e/extension-helpers.mjs';
import { field, METADATA_FILES, openConsole, startHarness } from '../../tests/e2e/harness.mjs';

const out = (name) => fileURLToPath(new URL(`../screenshots/${name}`, import.meta.url));
const harness = await startHarness({
  extensionDir: builtExtension(),
  viewport: { width: 1280, height: 860 },
});
try {
  const page = await openConsole(harness.context, 'administration-console-2022', { delay: 50 });
  const p = panel(page);
  await p.input.fill(readFileSync(METADATA_FILES.tenant, 'utf8'));
  await p.found.locator('code.thumbprint').nth(1).waitFor();
  await page.screenshot({ path: out('panel.png') });

  await p.root.getByRole('button', { name: 'Collapse the SSO Autofill panel' }).click();
  await field(page, 'administration-console-2022', 'issuer_url').fill(
    'https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5da',
  );
  await noteOf(page, 'issuer_url').getByRole('button').waitFor();
  await page.screenshot({
    path: out('on-page.png'),
    clip: { x: 190, y: 280, width: 800, height: 380 },
  });
  await page.close();

  const profile = await openConsole(harness.context, 'authentication-profile-2024', {
    delay: 50,
    enforce: 'a',
  });
  const q = panel(profile);
  await q.input.fill(readFileSync(METADATA_FILES.app, 'utf8'));
  await q.found.locator('code.thumbprint').first().waitFor();
  await q.root.getByRole('checkbox', { name: 'Mimecast Web Apps', exact: true }).check();
  await q.fill.click();
  await q.outcome.filter({ hasText: /^Filled / }).waitFor();
  await profile.waitForTimeout(300);
  await profile.screenshot({ path: out('sections.png') });
  console.log(
    'screenshots: extension/screenshots/panel.png, extension/screenshots/on-page.png, extension/screenshots/sections.png',
  );
} finally {
  await harness.close();
}
