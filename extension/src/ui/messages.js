// @ts-check
// Messages to the extension's worker, shared by the content scripts and the popup.
// Every reply is {ok: true, ...} or {ok: false, error: {code, message}}; a broken
// channel (extension reloaded, worker gone) becomes the same error shape, so callers
// have one path for every failure.

import { api } from './browser.js';

/**
 * @template {import('./types.js').WorkerRequest} R
 * @param {R} message
 * @returns {Promise<import('./types.js').Replies[R['type']] | import('./types.js').Failure>}
 */
export async function ask(message) {
  try {
    const reply = await api.runtime.sendMessage(message);
    if (reply && typeof reply.ok === 'boolean') return reply;
    return {
      ok: false,
      error: {
        code: 'no-reply',
        message: 'The extension did not answer: reload the page and try again.',
      },
    };
  } catch {
    return {
      ok: false,
      error: {
        code: 'extension-unavailable',
        message: 'The extension was updated or restarted: reload this page and try again.',
      },
    };
  }
}

// Files go to the worker as base64: a .cer may be DER bytes, not text.
/** @param {ArrayBuffer} buffer */
export function bytesToBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
