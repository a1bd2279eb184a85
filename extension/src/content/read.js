// @ts-check
// Reading what the form's controls hold now: a text field's value, whether a box is ticked, the
// option a choice shows, and all of them together as the core's `check` takes them.
// It never writes; writing is fill.js's job.

import { normalize, textOf } from './dom.js';

// The keys of the core's check input (docs/contract.md).
export const TEXT_FIELDS = ['issuer_url', 'login_url', 'logout_url', 'certificate', 'metadata_url'];
export const BOX_FIELDS = ['password_context', 'integrated_context'];

export function isNativeCheckbox(element) {
  return element.tagName === 'INPUT' && element.type === 'checkbox';
}

export function isChecked(element) {
  if (isNativeCheckbox(element)) return element.checked;
  return element.getAttribute('aria-checked') === 'true';
}

// The text a combobox shows: its input's value, or its own text.
export function choiceText(element) {
  if (element.tagName === 'SELECT') {
    const option = element.options[element.selectedIndex];
    return option ? normalize(option.text) : '';
  }
  if (element.tagName === 'INPUT') return normalize(element.value);
  // Without decorations such as an aria-hidden arrow.
  return textOf(element, (child) => child.getAttribute('aria-hidden') === 'true');
}

export function textValue(element) {
  return element.value ?? '';
}

/**
 * The values the core's check needs, for the fields this form has.
 * @param {Record<string, Element>} fields
 */
export function formValues(fields) {
  const values = {};
  for (const name of TEXT_FIELDS) if (fields[name]) values[name] = textValue(fields[name]);
  for (const name of BOX_FIELDS) if (fields[name]) values[name] = isChecked(fields[name]);
  if (fields.provider) values.provider = choiceText(fields.provider);
  return values;
}
