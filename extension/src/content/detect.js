// @ts-check
// Finds the Mimecast Authentication Profile form and each of its fields by the text
// an admin sees next to it. The console's markup is not public and differs across
// its three generations, so nothing here relies on ids, names or classes.
//
// A pure function of the DOM: detect(root) -> {form, fields} where fields maps the
// field names of docs/contract.md (plus the two boxes Fill ticks) to elements.
// It neither writes nor waits; filling is fill.js's job. Fields inside the shadow roots of web
// components, open or closed, are found as those outside are: the page is read as it is rendered.

import { byIdNear, holds, isOwn, normalize, OWN_MARK, parentOf, queryAll, textOf } from './dom.js';

// What each field's visible label says, in the admin's words on the console's forms, and in the
// words other SAML forms use for the same field (Sign-in URL, SSO URL, SLO URL).
// `kind` is the control it must be: a URL label on a checkbox is not the field.
const FIELD_LABELS = [
  {
    name: 'enforce_saml',
    kind: 'checkbox',
    pattern: /enforce\s+saml\s+(authentication|configuration)\b/i,
  },
  { name: 'allow_sso', kind: 'checkbox', pattern: /allow\s+single\s+sign[\s-]*on/i },
  { name: 'password_context', kind: 'checkbox', pattern: /password[\s-]+protected\s+context/i },
  {
    name: 'integrated_context',
    kind: 'checkbox',
    pattern: /integrated\s+authentication\s+context/i,
  },
  {
    name: 'provider',
    kind: 'choice',
    pattern: /^\W*(identity\s+)?provider\b(?!\s+certificate)/i,
  },
  { name: 'metadata_url', kind: 'text', pattern: /metadata\s+url/i },
  { name: 'issuer_url', kind: 'text', pattern: /issuer(\s+url)?\b/i },
  {
    name: 'login_url',
    kind: 'text',
    pattern: /log\s*-?\s*in\s+url|sign[\s-]*(on|in)\s+(service\s+)?url|\bsso\s+(service\s+)?url/i,
  },
  {
    name: 'logout_url',
    kind: 'text',
    pattern:
      /log\s*-?\s*out\s+url|sign[\s-]*(out|off)\s+(service\s+)?url|\bslo\s+(service\s+)?url/i,
  },
  { name: 'certificate', kind: 'text', pattern: /certificate/i },
];

const CONTROL_SELECTOR = [
  'input:not([type])',
  'input[type=text]',
  'input[type=url]',
  'input[type=search]',
  'input[type=checkbox]',
  'textarea',
  'select',
  '[role=checkbox]',
  '[role=combobox]',
  '[role=switch]',
].join(',');

// Subtrees whose text is a control's value or options, never a label.
const VALUE_SUBTREES =
  'select,textarea,option,script,style,template,[role=listbox],[role=combobox],[role=option]';

function kindOf(control) {
  const role = control.getAttribute('role');
  if (role === 'checkbox' || role === 'switch') return 'checkbox';
  if (role === 'combobox' || control.tagName === 'SELECT') return 'choice';
  if (control.tagName === 'INPUT' && control.type === 'checkbox') return 'checkbox';
  return 'text';
}

function isRendered(control) {
  if (control.getClientRects().length > 0) return true;
  // A styled checkbox often hides its native input; its label is what shows.
  if (kindOf(control) === 'checkbox' && control.labels) {
    return Array.from(control.labels).some((label) => label.getClientRects().length > 0);
  }
  return false;
}

// Visible text of a subtree, without the text of controls' values and options.
function labelText(node) {
  return textOf(
    node,
    (element) =>
      element.matches(VALUE_SUBTREES) ||
      element.hasAttribute(OWN_MARK) ||
      element.hidden ||
      element.getAttribute('aria-hidden') === 'true',
  );
}

function byIds(control, ids) {
  return normalize(
    ids
      .split(/\s+/)
      .map((id) => byIdNear(control, id))
      .filter(Boolean)
      .map((element) => element.textContent)
      .join(' '),
  );
}

// The texts that name a control, best first: what its own markup says, then
// the text around it in the same row or cell.
function labelsOf(control, controls) {
  // The document, or the shadow root that holds the control: ids and `for` are scoped to it.
  const tree = /** @type {Document | ShadowRoot} */ (control.getRootNode());
  const texts = [];
  const labelledBy = control.getAttribute('aria-labelledby');
  if (labelledBy) texts.push(byIds(control, labelledBy));
  const ariaLabel = control.getAttribute('aria-label');
  if (ariaLabel) texts.push(normalize(ariaLabel));
  if (control.labels) for (const label of control.labels) texts.push(labelText(label));
  if (control.id) {
    for (const label of /** @type {NodeListOf<HTMLLabelElement>} */ (
      tree.querySelectorAll('label[for]')
    )) {
      if (label.htmlFor === control.id && !texts.includes(labelText(label)))
        texts.push(labelText(label));
    }
  }
  const wrapping = control.closest('label');
  if (wrapping) texts.push(labelText(wrapping));
  const role = control.getAttribute('role');
  if (role === 'checkbox' || role === 'switch') texts.push(labelText(control));
  const placeholder = control.getAttribute('placeholder');
  if (placeholder) texts.push(normalize(placeholder));
  const title = control.getAttribute('title');
  if (title) texts.push(normalize(title));
  texts.push(...nearbyTexts(control, controls));
  return texts.filter(Boolean);
}

// Text in the smallest ancestors (row, cell, group) that hold this control and
// no other: beyond that, the text may name a neighbour. A web component's host is the
// ancestor of what its shadow tree holds.
function nearbyTexts(control, controls) {
  const texts = [];
  let ancestor = parentOf(control);
  for (let depth = 0; ancestor && depth < 5; depth++, ancestor = parentOf(ancestor)) {
    if (ancestor.tagName === 'BODY' || ancestor.tagName === 'FORM') break;
    const inside = controls.filter((other) => other !== control && holds(ancestor, other));
    if (inside.length > 0) break;
    const text = labelText(ancestor);
    if (text) texts.push(text);
    // A cell of a table row: the label sits in the previous cell.
    if (ancestor.tagName === 'TD' || ancestor.tagName === 'DD') {
      const previous = ancestor.previousElementSibling;
      if (previous) texts.push(labelText(previous));
    }
  }
  // A label that precedes its field without markup tying them (e.g. <span> then <input>).
  let previous = control.previousElementSibling;
  while (
    previous &&
    !previous.matches(CONTROL_SELECTOR) &&
    !previous.querySelector(CONTROL_SELECTOR)
  ) {
    const text = labelText(previous);
    if (text) {
      texts.push(text);
      break;
    }
    previous = previous.previousElementSibling;
  }
  return texts;
}

function commonAncestor(elements) {
  if (elements.length === 0) return null;
  let ancestor = elements[0];
  while (ancestor && !elements.every((element) => holds(ancestor, element))) {
    ancestor = parentOf(ancestor);
  }
  return ancestor;
}

// The section an Enforce box heads, as the console names it: "Enforce SAML Configuration for
// Administrators" -> "Administrators".
const SECTION_NAME = /enforce\s+saml\s+(?:authentication|configuration)\s+for\s+(?:the\s+)?(.+)$/i;

function sectionName(texts) {
  for (const text of texts) {
    const match = SECTION_NAME.exec(text);
    if (match) return match[1].replace(/[\s*:]+$/, '');
  }
  return texts[0] || '';
}

// Each field's control among `named` ({control, kind, texts}), by label.
function matchFields(named) {
  const fields = {};
  const taken = new Set();
  for (const { name, kind, pattern } of FIELD_LABELS) {
    // Earlier label sources win over nearby text, so search source by source.
    const maxTexts = Math.max(0, ...named.map((entry) => entry.texts.length));
    for (let source = 0; source < maxTexts && !fields[name]; source++) {
      for (const entry of named) {
        if (entry.kind !== kind || taken.has(entry.control)) continue;
        const text = entry.texts[source];
        if (text && pattern.test(text)) {
          fields[name] = entry.control;
          taken.add(entry.control);
          break;
        }
      }
    }
  }
  return fields;
}

const isSsoForm = (fields) =>
  Boolean(fields.issuer_url && (fields.login_url || fields.certificate));
// The fields of the section each Enforce box heads: those in its card (the largest ancestor
// that holds no other Enforce box), or else those after it up to the next Enforce box. `named`
// is in the order a reader meets the controls.
function splitSections(named, boxes) {
  const at = (entry) => named.indexOf(entry);
  return boxes.map((box, index) => {
    let card = box.control;
    for (
      let parent = parentOf(card);
      parent &&
      parent.tagName !== 'BODY' &&
      !boxes.some((other) => other !== box && holds(parent, other.control));
      parent = parentOf(card)
    )
      card = parent;
    const others = named.filter((entry) => !boxes.includes(entry));
    let members = others.filter((entry) => holds(card, entry.control));
    if (members.length === 0) {
      const next = boxes[index + 1];
      members = others.filter((entry) => at(box) < at(entry) && (!next || at(entry) < at(next)));
    }
    const fields = matchFields(members);
    fields.enforce_saml = box.control;
    return { name: sectionName(box.texts), fields, container: card };
  });
}

// detect(root) -> {form, fields, sections}: `sections` lists each SAML section of the profile
// ({name, fields, container}); a profile with one section (or none named) has one, whose
// fields are also `fields`. The form is there when the fields that make it an SSO profile are,
// or when an Enforce SAML box is (today's sections show their fields only once enforced).
/**
 * @typedef {{ key?: string, name: string, fields: Record<string, HTMLElement>,
 *   container: Element | null }} DetectedSection
 * @typedef {{ form: Element | null, fields: Record<string, HTMLElement>,
 *   sections: DetectedSection[] }} Detection
 */

/**
 * @param {ParentNode} [root]
 * @returns {Detection}
 */
export function detect(root) {
  const scope = root || document;
  // Inputs, selects, textareas and ARIA widgets: `disabled` is undefined on the last.
  const all = /** @type {HTMLInputElement[]} */ (queryAll(scope, CONTROL_SELECTOR));
  const controls = all.filter(
    (control) => !isOwn(control) && !control.disabled && isRendered(control),
  );
  // An input that is the text box of an ARIA combobox belongs to the combobox.
  const candidates = controls.filter(
    (control) =>
      !(control.getAttribute('role') !== 'combobox' && control.closest('[role=combobox]')),
  );
  const named = candidates.map((control) => ({
    control,
    kind: kindOf(control),
    texts: labelsOf(control, candidates),
  }));
  const enforce = FIELD_LABELS[0].pattern;
  const boxes = named.filter(
    (entry) => entry.kind === 'checkbox' && entry.texts.slice(0, 3).some((t) => enforce.test(t)),
  );

  if (boxes.length > 1) {
    const sections = splitSections(named, boxes);
    // A stable key per section: its name, numbered when two sections share one.
    const seen = {};
    for (const section of sections) {
      seen[section.name] = (seen[section.name] || 0) + 1;
      const count = seen[section.name];
      section.key = count > 1 ? `${section.name} (${count})` : section.name;
    }
    const all = sections.flatMap((section) => Object.values(section.fields));
    return { form: commonAncestor(all), fields: sections[0].fields, sections };
  }
  const fields = matchFields(named);
  const present = isSsoForm(fields) || Boolean(fields.enforce_saml);
  if (!present) return { form: null, fields: {}, sections: [] };
  const form = commonAncestor(Object.values(fields));
  const name = boxes.length ? sectionName(boxes[0].texts) : '';
  return { form, fields, sections: [{ key: name || 'form', name, fields, container: form }] };
}
