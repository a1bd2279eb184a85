// @ts-check
// The WebExtension API, once for every part of the extension (worker, popup, content script):
// Firefox has `browser` (promise-based); Chromium has `chrome`, whose MV3 calls return promises
// too, so the same calls work on both.

/**
 * What the extension uses of the API.
 * @typedef {object} WebExtensionApi
 * @property {{
 *   id: string,
 *   getURL(path: string): string,
 *   getManifest(): { host_permissions?: string[] },
 *   sendMessage(message: unknown): Promise<any>,
 *   onMessage: { addListener(listener: MessageListener): void },
 * }} runtime
 * @property {{
 *   query(query: { active: boolean, currentWindow: boolean }): Promise<{ id?: number }[]>,
 *   sendMessage(tabId: number, message: unknown): Promise<any>,
 * }} tabs
 * @property {{
 *   contains(permissions: { origins: string[] }): Promise<boolean>,
 *   request(permissions: { origins: string[] }): Promise<boolean>,
 * }} permissions
 * @property {{ openOrClosedShadowRoot(element: Element): ShadowRoot | null }} [dom]
 *   Chromium's; Firefox has `element.openOrClosedShadowRoot` instead
 */
/**
 * Returns true to answer later through `sendResponse`.
 * @typedef {(message: any, sender: { id?: string }, sendResponse: (reply: unknown) => void)
 *   => boolean | undefined} MessageListener
 */

/** @type {WebExtensionApi} */
export const api =
  /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
