// @ts-check
// What the content modules share about the page: the mark on the extension's own elements, the
// text a person reads in a subtree, and the page as a person sees it, across the shadow roots of
// web components (a form's fields may live inside them). A content script may read closed shadow
// roots too, through the extension API; a page's own scripts cannot.

import { api } from '../ui/browser.js';

// Elements the extension itself adds to the page carry this attribute.
export const OWN_MARK = 'data-mimecast-sso-autofill';

/** Whether an element is the extension's own, or inside one of its own. */
export function isOwn(element) {
  return Boolean(element.closest(`[${OWN_MARK}]`));
}

/** Whitespace runs as one space, none at the ends. */
export function normalize(text) {
  return (text || '').replace(/\s+/g, ' ').trim();
}

// Custom elements and the closed shadow root each was found to have, or when it was found to
// have none.
/** @type {WeakMap<Element, ShadowRoot | number>} */
const closedRoots = new WeakMap();
// How long "none" is believed: a custom element may be upgraded later and attach one then.
const NONE_FOR_MS = 1000;

/**
 * The shadow root, open or closed, a person sees in place of an element's children, unless it is
 * the extension's own. Closed ones are looked for on custom elements only (`mc-field`): other
 * elements rarely host one. The look-up is an API call (about 2.5 µs in Chromium, and an Angular
 * console has hundreds of elements with custom names), so its answer is kept for a while.
 * @param {Element} element
 * @returns {ShadowRoot | null}
 */
function shadowOf(element) {
  const open = element.shadowRoot;
  if (open) return element.hasAttribute(OWN_MARK) ? null : open;
  if (!element.localName.includes('-') || element.hasAttribute(OWN_MARK)) return null;
  const known = closedRoots.get(element);
  if (typeof known === 'object') return known;
  const now = performance.now();
  if (known !== undefined && now - known < NONE_FOR_MS) return null;
  const firefox = /** @type {any} */ (element).openOrClosedShadowRoot;
  const root =
    (firefox !== undefined ? firefox : api?.dom?.openOrClosedShadowRoot(element)) ?? null;
  closedRoots.set(element, root ?? now);
  return root;
}

/**
 * The nodes rendered as a node's children: a shadow host's shadow tree, a slot's assigned nodes
 * (or its fallback content), else the children.
 * @param {Node} node
 * @returns {ArrayLike<Node>}
 */
function renderedChildren(node) {
  if (node.nodeType !== Node.ELEMENT_NODE) return node.childNodes;
  const element = /** @type {Element} */ (node);
  const shadow = shadowOf(element);
  if (shadow) return shadow.childNodes;
  if (element.tagName === 'SLOT') {
    const assigned = /** @type {HTMLSlotElement} */ (element).assignedNodes({ flatten: true });
    if (assigned.length) return assigned;
  }
  return element.childNodes;
}

/**
 * The text of a subtree as it is rendered (shadow trees and slots included), normalized, without
 * the text inside elements that `skip` names.
 * @param {Node} node
 * @param {(element: HTMLElement) => unknown} skip
 */
export function textOf(node, skip) {
  let text = '';
  const walk = (current) => {
    const children = renderedChildren(current);
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child.nodeType === Node.TEXT_NODE) {
        text += `${/** @type {Text} */ (child).data} `;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (skip(/** @type {HTMLElement} */ (child))) continue;
        walk(child);
      }
    }
  };
  walk(node);
  return normalize(text);
}

/**
 * Whether a node is a shadow root (a document fragment with a host).
 * @param {Node | null} node
 * @returns {node is ShadowRoot}
 */
export function isShadowRoot(node) {
  return node?.nodeType === Node.DOCUMENT_FRAGMENT_NODE && 'host' in node;
}

/**
 * An element's parent as a person sees the page: across a shadow root, its host.
 * @param {Element} element
 * @returns {Element | null}
 */
export function parentOf(element) {
  if (element.parentElement) return element.parentElement;
  const root = element.parentNode;
  return isShadowRoot(root) ? root.host : null;
}

/**
 * Whether `node` is `ancestor` or inside it, shadow trees included.
 * @param {Element} ancestor
 * @param {Element} node
 */
export function holds(ancestor, node) {
  // The browser's own test within each tree, then from the host of the tree `node` is in.
  for (let at = /** @type {Element | null} */ (node); at; ) {
    if (ancestor.contains(at)) return true;
    const tree = at.getRootNode();
    at = isShadowRoot(tree) ? tree.host : null;
  }
  return false;
}

/**
 * The elements that match `selector` in `root` and in the shadow roots below it, in the
 * order a reader meets them (a host's shadow tree before the host's later siblings).
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {HTMLElement[]}
 */
export function queryAll(root, selector) {
  const all = Array.from(root.querySelectorAll('*'));
  if (!all.some(shadowOf)) return Array.from(root.querySelectorAll(selector));
  const found = [];
  for (const element of all) {
    if (element.matches(selector)) found.push(element);
    const shadow = shadowOf(element);
    if (shadow) found.push(...queryAll(shadow, selector));
  }
  return found;
}

/**
 * Every shadow root below `root` (the extension's own excepted).
 * @param {Document | Element | ShadowRoot} root
 * @returns {ShadowRoot[]}
 */
export function shadowRoots(root) {
  const roots = [];
  for (const element of root.querySelectorAll('*')) {
    const shadow = shadowOf(element);
    if (shadow) roots.push(shadow, ...shadowRoots(shadow));
  }
  return roots;
}

/**
 * Has `observer` watch the document and every shadow root in it now: changes inside a web
 * component reach no observer of the document.
 * @param {MutationObserver} observer
 * @param {MutationObserverInit} options
 */
export function observePage(observer, options) {
  observer.observe(document.documentElement, options);
  for (const root of shadowRoots(document)) observer.observe(root, options);
}

/**
 * The element an event really started at, inside any shadow tree (`target` is retargeted to the
 * outermost host).
 * @param {Event} event
 */
export function originOf(event) {
  return event.composedPath?.()[0] ?? event.target;
}

/**
 * The element with this id in the tree that holds `element` (a shadow root, or the document),
 * else in the document.
 * @param {Element} element
 * @param {string} id
 */
export function byIdNear(element, id) {
  const tree = /** @type {Document | ShadowRoot} */ (element.getRootNode());
  return tree.getElementById?.(id) || element.ownerDocument.getElementById(id);
}
