// @ts-check
// What the content modules share about the page: the mark on the extension's own elements, and
// the text a person reads in a subtree.

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

/**
 * The text of a subtree, normalized, without the text inside elements that `skip` names.
 * @param {Node} node
 * @param {(element: HTMLElement) => unknown} skip
 */
export function textOf(node, skip) {
  let text = '';
  const walk = (current) => {
    for (const child of current.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        text += `${child.data} `;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (skip(/** @type {HTMLElement} */ (child))) continue;
        walk(child);
      }
    }
  };
  walk(node);
  return normalize(text);
}
