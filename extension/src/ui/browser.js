// The WebExtension API, once for every part of the extension (worker, popup, content script):
// Firefox has `browser` (promise-based); Chromium has `chrome`, whose MV3 calls return promises
// too, so the same calls work on both.

export const api = globalThis.browser ?? globalThis.chrome;
