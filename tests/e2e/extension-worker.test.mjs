// extension/src/worker.js in Node, against a stand-in core that traps on demand: the message
// protocol of docs/contract.md, core errors passed through with their code, and a fresh wasm
// instance after a trap. (The real core is panic-free; a trap cannot be provoked through it.)

import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { EXTENSION_SRC } from './extension-helpers.mjs';

// The stand-in core: the exports the worker uses. `inspect` of "trap" throws what a Rust panic
// with panic=abort throws (a RuntimeError: unreachable) until __wbg_reset_state is called.
const FAKE_CORE = `
export const calls = { init: 0, reset: 0 };
let dead = false;
export default async function init(options) { calls.init++; calls.initOptions = options; }
export function __wbg_reset_state() { calls.reset++; dead = false; }
function alive() { if (dead) throw new WebAssembly.RuntimeError('unreachable (instance is dead)'); }
export function inspect(input, options) {
  alive();
  if (input === 'trap') { dead = true; throw new WebAssembly.RuntimeError('unreachable'); }
  if (input === 'bad') { const e = new Error('The XML is not well-formed at line 1: fix the file and try again.'); e.code = 'xml-syntax'; throw e; }
  const text = input instanceof Uint8Array ? new TextDecoder().decode(input) : '';
  if (text === '<html/>') { const e = new Error('The XML is a <html> document.'); e.code = 'not-metadata'; e.not_metadata = true; throw e; }
  if (text === '<aggregate/>') { const e = new Error('This metadata holds 2 identity providers, so choose one by its entity ID: a, b.'); e.code = 'several-identity-providers'; e.not_metadata = false; e.entity_ids = ['a', 'b']; throw e; }
  return { input_kind: 'metadata', mimecast: { issuer_url: 'x' }, options, bytes: input instanceof Uint8Array ? Array.from(input) : null };
}
export function check(values, options) { alive(); return { findings: [{ code: 'seen', values, options }] }; }
export function classify(text) { alive(); return text.startsWith('<') ? 'metadata' : 'text'; }
export function metadataUrl(text) { alive(); return { url: text, tenant_id: null, app_id: null, findings: [] }; }
export function fillPlan(inspection) { alive(); return { planFor: inspection }; }
export function version() { return '9.9.9'; }
`;

let dir;
let listener;
let core;

function send(message, sender = { id: 'test-extension' }) {
  return new Promise((resolve) => {
    const keptOpen = listener(message, sender, resolve);
    if (keptOpen !== true) resolve(undefined);
  });
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mimecast-sso-worker-'));
  mkdirSync(path.join(dir, 'src'));
  mkdirSync(path.join(dir, 'pkg'));
  copyFileSync(path.join(EXTENSION_SRC, 'worker.js'), path.join(dir, 'src/worker.js'));
  // The shared modules the worker imports, as the build lays them out.
  cpSync(path.join(EXTENSION_SRC, 'ui'), path.join(dir, 'src/ui'), { recursive: true });
  copyFileSync(path.join(EXTENSION_SRC, 'observer.js'), path.join(dir, 'src/observer.js'));
  writeFileSync(path.join(dir, 'pkg/mimecast_sso.js'), FAKE_CORE);
  writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}');
  globalThis.chrome = {
    runtime: {
      id: 'test-extension',
      getURL: (p) => `chrome-extension://test-extension/${p}`,
      onMessage: { addListener: (fn) => (listener = fn) },
    },
  };
  await import(pathToFileURL(path.join(dir, 'src/worker.js')));
  core = await import(pathToFileURL(path.join(dir, 'pkg/mimecast_sso.js')));
});

after(() => {
  delete globalThis.chrome;
  rmSync(dir, { recursive: true, force: true });
});

test('instantiates the wasm from the extension URL, once', async () => {
  await send({ type: 'classify', text: '<x/>' });
  await send({ type: 'classify', text: 'y' });
  assert.equal(core.calls.init, 1);
  assert.deepEqual(core.calls.initOptions, {
    module_or_path: 'chrome-extension://test-extension/pkg/mimecast_sso_bg.wasm',
  });
});

test('answers the contract messages', async () => {
  assert.deepEqual(await send({ type: 'classify', text: '<x/>' }), { ok: true, kind: 'metadata' });
  const checked = await send({ type: 'check', values: { issuer_url: 'a' } });
  assert.equal(checked.ok, true);
  assert.deepEqual(checked.findings[0].values, { issuer_url: 'a' });
  assert.match(checked.findings[0].options.now, /^\d{4}-\d\d-\d\dT/);
  const inspected = await send({
    type: 'inspect',
    text: '<m/>',
    certificate: 'ABC',
    entity_id: '',
  });
  assert.equal(inspected.ok, true);
  assert.equal(inspected.inspection.options.certificate, 'ABC');
  assert.equal('entity_id' in inspected.inspection.options, false, 'empty options are left out');
  assert.deepEqual(
    inspected.plan,
    { planFor: inspected.inspection },
    'the plan of that inspection',
  );
  const bytes = await send({
    type: 'inspect',
    bytes: Buffer.from([0x30, 0x82, 0xff]).toString('base64'),
    name: 'a.cer',
  });
  assert.deepEqual(bytes.inspection.bytes, [0x30, 0x82, 0xff], 'files arrive as their bytes');
  assert.deepEqual(await send({ type: 'version' }), { ok: true, version: '9.9.9' });
});

test('core errors keep their code and sentence', async () => {
  assert.deepEqual(await send({ type: 'inspect', text: 'bad' }), {
    ok: false,
    error: {
      code: 'xml-syntax',
      message: 'The XML is not well-formed at line 1: fix the file and try again.',
    },
  });
  const unknown = await send({ type: 'nonsense' });
  assert.equal(unknown.error.code, 'unknown-request');
  const empty = await send({ type: 'inspect' });
  assert.equal(empty.error.code, 'bad-request');
});

test('after a trap the wasm is re-instantiated and the next call works', async () => {
  const resetsBefore = core.calls.reset;
  const trapped = await send({ type: 'inspect', text: 'trap' });
  assert.equal(trapped.ok, false);
  assert.equal(trapped.error.code, 'core-crashed');
  assert.match(trapped.error.message, /^The extension's parser stopped on this input[^\n]*\.$/);
  assert.equal(core.calls.reset, resetsBefore + 1);
  assert.deepEqual(await send({ type: 'classify', text: '<x/>' }), { ok: true, kind: 'metadata' });
});

test('ignores messages from other extensions', async () => {
  assert.equal(await send({ type: 'classify', text: 'x' }, { id: 'someone-else' }), undefined);
});

test('a fetched page that is not metadata is said of the URL; other core errors keep their own sentence', async () => {
  const realFetch = globalThis.fetch;
  try {
    for (const [body, code, words] of [
      ['<html/>', 'not-metadata', /answered, but not with SAML federation metadata/],
      ['<aggregate/>', 'several-identity-providers', /choose one by its entity ID/],
    ]) {
      globalThis.fetch = async () => new Response(body, { status: 200 });
      const reply = await send({
        type: 'fetch-metadata',
        url: `https://login.microsoftonline.com/t/federationmetadata/2007-06/federationmetadata.xml?appid=${code}`,
      });
      assert.equal(reply.ok, false);
      assert.equal(reply.error.code, code);
      assert.match(reply.error.message, words);
      // Several identity providers come back with their entity IDs, for the panel to offer.
      if (code === 'several-identity-providers')
        assert.deepEqual(reply.error.entity_ids, ['a', 'b']);
    }
  } finally {
    globalThis.fetch = realFetch;
  }
});
