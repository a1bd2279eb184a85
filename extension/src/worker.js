// @ts-check
// The extension's worker: the only place the wasm core runs (a page's CSP cannot
// block it here), and the only place that fetches a metadata URL (a content script's
// fetch would be subject to the page's CORS). It answers the messages listed in
// docs/contract.md and adds nothing of its own but network errors.
import init, * as core from '../pkg/mimecast_sso.js';
import { startObserver } from './observer.js';
import { api } from './ui/browser.js';

const WASM_URL = api.runtime.getURL('pkg/mimecast_sso_bg.wasm');
const FETCH_TIMEOUT_MS = 20000;

let ready = null;

// No top-level await in a service worker: start instantiating now (a warm worker
// answers faster), and let every handler await the same promise.
function coreReady() {
  if (!ready) {
    ready = init({ module_or_path: WASM_URL }).catch((error) => {
      ready = null;
      throw error;
    });
  }
  return ready;
}
coreReady().catch(() => {});

class RequestError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// A trap (a Rust panic or an out-of-bounds access) leaves the instance unusable for
// every later call: replace it before anything else runs.
function isTrap(error) {
  return error instanceof WebAssembly.RuntimeError || error instanceof RangeError;
}

function reinstantiate() {
  if (typeof core.__wbg_reset_state === 'function') {
    core.__wbg_reset_state();
  }
}

async function callCore(call) {
  await coreReady();
  try {
    return call();
  } catch (error) {
    if (isTrap(error)) {
      reinstantiate();
      throw new RequestError(
        'core-crashed',
        "The extension's parser stopped on this input and was restarted: try again, and report the input if it happens again.",
      );
    }
    throw error;
  }
}

function now() {
  return new Date().toISOString();
}

function base64ToBytes(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// Only the options the contract names, and only when given: undefined is not null.
function inspectOptions(message, extra = {}) {
  const options = { now: now(), ...extra };
  for (const key of ['entity_id', 'certificate', 'metadata_url']) {
    if (typeof message[key] === 'string' && message[key] !== '') options[key] = message[key];
  }
  return options;
}

/**
 * @param {import('./ui/types.js').InspectRequest} message
 * @returns {Promise<Omit<import('./ui/types.js').InspectReply, 'ok'>>}
 */
async function inspectMessage(message) {
  let input;
  if (typeof message.bytes === 'string') input = base64ToBytes(message.bytes);
  else if (typeof message.text === 'string') input = message.text;
  else
    throw new RequestError(
      'bad-request',
      'Nothing to inspect: paste metadata, a URL or a certificate, or drop a file.',
    );
  const inspection = await callCore(() => core.inspect(input, inspectOptions(message)));
  return { inspection, plan: await callCore(() => core.fillPlan(inspection)) };
}

// The last document fetched, so that choosing another certificate of the same URL
// does not fetch it again (each fetch differs only in its signature anyway).
let lastFetched = null;

async function fetchMetadataBytes(url) {
  const host = new URL(url).host;
  let response;
  try {
    response = await fetch(url, {
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    if (error && error.name === 'TimeoutError') {
      throw new RequestError(
        'timeout',
        `${host} did not answer within ${FETCH_TIMEOUT_MS / 1000} seconds: check your network connection and try again.`,
      );
    }
    throw new RequestError(
      'offline',
      `Could not reach ${host}: check your network connection and try again.`,
    );
  }
  if (!response.ok) {
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw new RequestError(
      'http-status',
      `${host} answered ${status} for this URL: copy the App Federation Metadata URL again from the SAML page of the Entra application.`,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * @param {import('./ui/types.js').FetchMetadataRequest} message
 * @returns {Promise<Omit<import('./ui/types.js').InspectReply, 'ok'>>}
 */
async function fetchMetadataMessage(message) {
  if (typeof message.url !== 'string' || message.url.trim() === '') {
    throw new RequestError(
      'bad-request',
      'No URL to fetch: paste the App Federation Metadata URL.',
    );
  }
  // The core decides what counts as an Entra metadata URL; it throws otherwise.
  const parsed = await callCore(() => core.metadataUrl(message.url.trim()));
  const url = parsed.url;
  const rechoice =
    lastFetched && lastFetched.url === url && (message.certificate || message.entity_id);
  const bytes = rechoice ? lastFetched.bytes : await fetchMetadataBytes(url);
  lastFetched = { url, bytes };
  try {
    const inspection = await callCore(() =>
      core.inspect(bytes, inspectOptions(message, { metadata_url: url })),
    );
    return { inspection, plan: await callCore(() => core.fillPlan(inspection)) };
  } catch (error) {
    // What the server sent is not metadata at all: say so of the URL. Any other finding of the
    // core about real metadata (several identity providers, an unknown thumbprint) is its own.
    // The core says which of its errors mean "not metadata at all".
    if (error instanceof RequestError || error?.not_metadata !== true) throw error;
    throw new RequestError(
      'not-metadata',
      `${new URL(url).host} answered, but not with SAML federation metadata: copy the App Federation Metadata URL from the SAML page of the Entra application.`,
    );
  }
}

/**
 * @param {import('./ui/types.js').CheckRequest} message
 * @returns {Promise<Omit<import('./ui/types.js').FindingsReply, 'ok'>>}
 */
async function checkMessage(message) {
  const values = message.values && typeof message.values === 'object' ? message.values : {};
  const result = await callCore(() => core.check(values, { now: now() }));
  return { findings: result.findings, labels: result.labels };
}

/**
 * @param {import('./ui/types.js').CheckSectionsRequest} message
 * @returns {Promise<Omit<import('./ui/types.js').FindingsReply, 'ok'>>}
 */
async function checkSectionsMessage(message) {
  const sections = Array.isArray(message.sections) ? message.sections : [];
  const result = await callCore(() => core.checkSections(sections));
  return { findings: result.findings };
}

/**
 * @param {import('./ui/types.js').ClassifyRequest} message
 * @returns {Promise<Omit<import('./ui/types.js').ClassifyReply, 'ok'>>}
 */
async function classifyMessage(message) {
  const kind = await callCore(() =>
    core.classify(typeof message.text === 'string' ? message.text : ''),
  );
  return { kind };
}

/** @returns {Promise<Omit<import('./ui/types.js').VersionReply, 'ok'>>} */
async function versionMessage() {
  return { version: await callCore(() => core.version()) };
}

// Test SSO: the sign-in traffic, judged by the core (observer.js).
const observer = startObserver(api, (request, options) =>
  callCore(() => core.observe(request, options)),
);

const handlers = {
  ...observer,
  inspect: inspectMessage,
  'fetch-metadata': fetchMetadataMessage,
  check: checkMessage,
  'check-sections': checkSectionsMessage,
  classify: classifyMessage,
  version: versionMessage,
};

/** @returns {import('./ui/types.js').Failure} */
function errorReply(error) {
  if (error instanceof RequestError || (error && typeof error.code === 'string')) {
    const reply = { code: error.code, message: String(error.message) };
    // Several identity providers: the surface offers them to choose from.
    if (Array.isArray(error.entity_ids)) reply.entity_ids = error.entity_ids.map(String);
    return { ok: false, error: reply };
  }
  if (typeof error === 'string')
    return { ok: false, error: { code: 'core-error', message: error } };
  return {
    ok: false,
    error: {
      code: 'internal',
      message: `The extension failed unexpectedly (${error?.message ? error.message : error}): reload the page and try again.`,
    },
  };
}

/**
 * @param {import('./ui/types.js').WorkerRequest} message
 * @returns {Promise<import('./ui/types.js').WorkerReply>}
 */
async function handle(message) {
  // Each handler takes its own request type; `type` chose it.
  const handler = message && /** @type {(message: any) => Promise<any>} */ (handlers[message.type]);
  if (!handler) {
    return {
      ok: false,
      error: {
        code: 'unknown-request',
        message: `The extension does not know the request "${message?.type}".`,
      },
    };
  }
  try {
    return { ok: true, ...(await handler(message)) };
  } catch (error) {
    return errorReply(error);
  }
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  handle(message).then(sendResponse);
  return true;
});
