// The built manifests (no browser): the permissions the README promises, and the per-browser
// differences, in dist/extension/ (Chrome, Edge) and dist/extension-firefox/.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { builtExtension, EXTENSION_DIR } from './extension-helpers.mjs';

const DIST = path.dirname(EXTENSION_DIR);
const read = (dir) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const MATCHES = [
  'https://*.mimecast.com/*',
  'https://*.mimecast-offshore.com/*',
  'https://*.mimecast-pscom-us.com/*',
];
const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";
// Test SSO watches the sign-in endpoints of every Mimecast API host: the core's region table.
const API_HOSTS = [
  ...readFileSync(path.join(DIST, '../src/service_provider.rs'), 'utf8').matchAll(
    /api_host: "([^"]+)"/g,
  ),
].map((match) => match[1]);

function common(manifest) {
  assert.equal(manifest.manifest_version, 3);
  assert.equal(
    manifest.version,
    readFileSync(path.join(DIST, '../Cargo.toml'), 'utf8').match(/^version = "(.+)"/m)[1],
  );
  assert.equal(API_HOSTS.length, 9);
  assert.deepEqual(manifest.host_permissions, [
    'https://login.microsoftonline.com/*',
    ...API_HOSTS.map((host) => `https://${host}/*`),
  ]);
  // Test SSO: webRequest to watch the sign-in, storage for storage.session (memory only).
  assert.deepEqual(manifest.permissions, ['storage', 'webRequest']);
  assert.equal(manifest.optional_permissions, undefined);
  assert.equal(
    manifest.web_accessible_resources,
    undefined,
    'pages cannot probe for the extension',
  );
  assert.equal(manifest.content_scripts.length, 1);
  assert.deepEqual(manifest.content_scripts[0].matches, MATCHES);
  assert.equal(manifest.content_security_policy.extension_pages, CSP);
  assert.doesNotMatch(JSON.stringify(manifest), /<all_urls>|\*:\/\/\*\/\*|http:\/\//);
}

test('Chrome/Edge manifest: module service worker', () => {
  const manifest = read(builtExtension());
  common(manifest);
  assert.deepEqual(manifest.background, { service_worker: 'src/worker.js', type: 'module' });
  assert.equal(manifest.browser_specific_settings, undefined);
});

test('Firefox manifest: module background scripts, gecko id, no data collection', () => {
  const manifest = read(path.join(DIST, 'extension-firefox'));
  common(manifest);
  assert.deepEqual(manifest.background, { scripts: ['src/worker.js'], type: 'module' });
  const gecko = manifest.browser_specific_settings.gecko;
  assert.ok(gecko.id);
  assert.ok(Number.parseFloat(gecko.strict_min_version) >= 140);
  assert.deepEqual(gecko.data_collection_permissions, { required: ['none'] });
});

test('every file the manifests name is in the build, and the store zips hold the same files', () => {
  for (const [dir, zip] of [
    [EXTENSION_DIR, 'sso-autofill-mimecast-chrome.zip'],
    [path.join(DIST, 'extension-firefox'), 'sso-autofill-mimecast-firefox.zip'],
  ]) {
    const manifest = read(dir);
    const named = [
      ...manifest.content_scripts[0].js,
      ...Object.values(manifest.icons),
      manifest.action.default_popup,
      manifest.background.service_worker ?? manifest.background.scripts[0],
      'pkg/mimecast_sso.js',
      'pkg/mimecast_sso_bg.wasm',
    ];
    for (const file of named) assert.ok(existsSync(path.join(dir, file)), `${dir}: ${file}`);
    const listed = execFileSync('unzip', ['-Z1', path.join(DIST, zip)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    for (const file of [...named, 'manifest.json'])
      assert.ok(listed.includes(file), `${zip}: ${file}`);
  }
});
