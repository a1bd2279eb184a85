// @ts-check
// Writes values into the controls detect.js found, the way a framework notices:
// the native value setter, then input, change and blur (Angular and React keep
// their model in step only through those events). Takes a snapshot first, so that
// Undo can put every field and box back exactly.

import { byIdNear, normalize, OWN_MARK, observePage, queryAll } from './dom.js';
import { choiceText, isChecked, isNativeCheckbox, textValue } from './read.js';

const SETTLE_QUIET_MS = 40;
const SETTLE_MAX_MS = 700;
const OPTION_WAIT_MS = 1500;
const WATCH_MS = 1500;
const WATCH_DELAY_MS = 20;
const SECTION_RENDER_MS = 2000;

let busy = 0;

function fire(element, type) {
  const init = { bubbles: true, cancelable: false, composed: true };
  const event = type === 'blur' || type === 'focus' ? new FocusEvent(type) : new Event(type, init);
  element.dispatchEvent(event);
  if (type === 'blur') element.dispatchEvent(new FocusEvent('focusout', init));
}

export function setText(element, value) {
  const prototype =
    element.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value').set;
  fire(element, 'focus');
  setter.call(element, value);
  fire(element, 'input');
  fire(element, 'change');
  fire(element, 'blur');
}

function setChecked(element, checked) {
  if (isChecked(element) === checked) return false;
  element.click();
  if (isChecked(element) !== checked && !isNativeCheckbox(element)) {
    // Some ARIA checkboxes toggle on the keyboard only.
    for (const type of ['keydown', 'keyup']) {
      element.dispatchEvent(
        new KeyboardEvent(type, { key: ' ', code: 'Space', bubbles: true, composed: true }),
      );
    }
  }
  return true;
}

function selectIndex(select, index) {
  if (select.selectedIndex === index) return false;
  const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'selectedIndex').set;
  fire(select, 'focus');
  setter.call(select, index);
  fire(select, 'input');
  fire(select, 'change');
  fire(select, 'blur');
  return true;
}

function isVisible(element) {
  return element.getClientRects().length > 0;
}

function listboxOf(combobox) {
  for (const attribute of ['aria-controls', 'aria-owns']) {
    const ids = combobox.getAttribute(attribute);
    if (!ids) continue;
    for (const id of ids.split(/\s+/)) {
      const element = byIdNear(combobox, id);
      if (element) return element;
    }
  }
  return null;
}

function findOption(combobox, matches) {
  const scope = listboxOf(combobox) || combobox.ownerDocument;
  return queryAll(scope, '[role=option]').find(
    (option) => isVisible(option) && matches(normalize(option.textContent)),
  );
}

function waitFor(find, timeoutMs) {
  return new Promise((resolve) => {
    const found = find();
    if (found) return resolve(found);
    const observer = new MutationObserver(() => {
      const element = find();
      if (element) {
        observer.disconnect();
        clearTimeout(timer);
        resolve(element);
      }
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(find() || null);
    }, timeoutMs);
    observePage(observer, { childList: true, subtree: true, attributes: true });
  });
}

function press(element) {
  const init = { bubbles: true, cancelable: true, composed: true, button: 0 };
  element.dispatchEvent(new PointerEvent('pointerdown', init));
  element.dispatchEvent(new MouseEvent('mousedown', init));
  element.dispatchEvent(new PointerEvent('pointerup', init));
  element.dispatchEvent(new MouseEvent('mouseup', init));
  element.click();
}

// Opens an ARIA combobox and clicks the option whose text matches. When none does, the list is
// closed again (Escape, as the ARIA pattern has it; a second press otherwise), so the page is
// left as it was.
async function chooseInCombobox(combobox, matches) {
  if (matches(choiceText(combobox))) return false;
  const wasOpen = combobox.getAttribute('aria-expanded') === 'true';
  if (!wasOpen) press(combobox);
  const option = await waitFor(() => findOption(combobox, matches), OPTION_WAIT_MS);
  if (option) {
    press(option);
    return true;
  }
  if (!wasOpen && combobox.getAttribute('aria-expanded') === 'true') {
    const init = {
      key: 'Escape',
      code: 'Escape',
      bubbles: true,
      cancelable: true,
      composed: true,
    };
    combobox.dispatchEvent(new KeyboardEvent('keydown', init));
    combobox.dispatchEvent(new KeyboardEvent('keyup', init));
    if (combobox.getAttribute('aria-expanded') === 'true') press(combobox);
  }
  return MISSING;
}

// What choose() returns when no option matches.
const MISSING = 'missing';

async function choose(element, matches) {
  if (element.tagName === 'SELECT') {
    const index = Array.from(element.options).findIndex((option) =>
      matches(normalize(option.text)),
    );
    return index >= 0 ? selectIndex(element, index) : MISSING;
  }
  return chooseInCombobox(element, matches);
}

// Resolves once the page has made no DOM change for a moment: a framework that
// re-renders the form (Provider changes do) has then put its new fields in place.
/** @returns {Promise<void>} */
function settle() {
  return new Promise((resolve) => {
    let quiet;
    const done = () => {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(limit);
      resolve();
    };
    const observer = new MutationObserver((records) => {
      const foreign = records.some(
        (record) => !(/** @type {Element} */ (record.target).closest?.(`[${OWN_MARK}]`)),
      );
      if (!foreign) return;
      clearTimeout(quiet);
      quiet = setTimeout(done, SETTLE_QUIET_MS);
    });
    const limit = setTimeout(done, SETTLE_MAX_MS);
    quiet = setTimeout(done, SETTLE_QUIET_MS);
    observePage(observer, {
      childList: true,
      subtree: true,
      attributes: true,
      characterData: true,
    });
  });
}

function snapshotOf(element) {
  const role = element.getAttribute('role');
  if (isNativeCheckbox(element) || role === 'checkbox' || role === 'switch') {
    return { kind: 'checkbox', checked: isChecked(element) };
  }
  if (element.tagName === 'SELECT')
    return { kind: 'select', index: element.selectedIndex, text: choiceText(element) };
  if (role === 'combobox') return { kind: 'combobox', text: choiceText(element) };
  return { kind: 'text', value: textValue(element) };
}

// Every field the form shows, as it is now.
function snapshot(fields) {
  const state = {};
  for (const [name, element] of Object.entries(fields)) state[name] = snapshotOf(element);
  return state;
}

// Whether an option's text holds one of the plan's Provider words (whole words, any case).
function providerMatcher(choice) {
  const words = new Set(choice.words);
  return (text) =>
    String(text)
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .some((word) => words.has(word));
}

// The core's fill plan (docs/contract.md), limited to the fields this form shows.
function steps(fillPlan, fields) {
  const list = [];
  if (fields.provider)
    list.push({ name: 'provider', kind: 'choice', matches: providerMatcher(fillPlan.provider) });
  for (const { field, value } of fillPlan.text) {
    if (fields[field]) list.push({ name: field, kind: 'text', value });
  }
  for (const { field, checked } of fillPlan.boxes) {
    if (fields[field]) list.push({ name: field, kind: 'checkbox', checked });
  }
  return list;
}

// Text fields that hold something else already (fields to empty included): the admin
// confirms those first.
function conflicts(fillPlan, fields) {
  return steps(fillPlan, fields)
    .filter((step) => step.kind === 'text')
    .map((step) => ({ name: step.name, old: textValue(fields[step.name]), new: step.value }))
    .filter((change) => change.old.trim() !== '' && change.old !== change.new);
}

function satisfied(step, element) {
  if (!element?.isConnected) return false;
  if (step.kind === 'text') return textValue(element) === step.value;
  if (step.kind === 'checkbox') return isChecked(element) === step.checked;
  if (step.index !== undefined && element.tagName === 'SELECT')
    return element.selectedIndex === step.index;
  return step.matches(choiceText(element));
}

async function apply(step, element) {
  if (step.kind === 'text') {
    if (textValue(element) !== step.value) setText(element, step.value);
    return;
  }
  if (step.kind === 'checkbox') {
    setChecked(element, step.checked);
    return;
  }
  if (step.index !== undefined && element.tagName === 'SELECT') {
    selectIndex(element, step.index);
    return;
  }
  return choose(element, step.matches);
}

// Runs the steps, choices first (a choice may re-render the form at once), then the
// rest on the fields as they are now; then re-finds the fields and repeats any step
// a re-render undid. Choices with no matching option are listed in `missing`.
async function run(steps, detectFields, missing = []) {
  return (await runAll([{ steps, detectFields, missing }]))[0];
}

// run() for several sections at once ({steps, detectFields, missing} each): every section's
// choices, then every section's other steps, then one wait for the page to settle per round,
// so that two sections cost about what one does. Returns each section's names written.
async function runAll(jobs) {
  busy++;
  try {
    const state = jobs.map((job) => ({
      ...job,
      choices: job.steps.filter((step) => step.kind === 'choice'),
      others: job.steps.filter((step) => step.kind !== 'choice'),
      fields: job.detectFields(),
    }));
    for (const job of state) {
      for (const step of job.choices) {
        const element = job.fields[step.name];
        if (element && !satisfied(step, element)) {
          const shown = choiceText(element);
          if ((await apply(step, element)) === MISSING)
            job.missing?.push({ name: step.name, now: shown });
          job.fields = job.detectFields();
        }
      }
    }
    for (let round = 0; round < 3; round++) {
      let wrote = false;
      for (const [index, job] of state.entries()) {
        // An earlier section's writes may have re-rendered this one.
        if (index > 0 || round > 0) job.fields = job.detectFields();
        const pending = job.others.filter(
          (step) => job.fields[step.name] && !satisfied(step, job.fields[step.name]),
        );
        for (const step of pending) await apply(step, job.fields[step.name]);
        wrote ||= pending.length > 0;
      }
      if (!wrote) break;
      await settle();
    }
    return state.map((job) => {
      job.fields = job.detectFields();
      watch(job.others, job.detectFields);
      return job.steps.filter((step) => job.fields[step.name]).map((step) => step.name);
    });
  } finally {
    busy--;
  }
}

// For a moment after writing, a late re-render (the 2022 console re-renders 120 ms
// after a Provider change) may bring back fields without the values: write them
// again, unless the admin has started editing.
// One watcher per section written; a new Fill or Undo stops them all.
const watchers = new Set();
function stopWatching() {
  for (const stop of [...watchers]) stop();
}
function watch(steps, detectFields) {
  let timer = null;
  const observer = new MutationObserver((records) => {
    if (busy || timer) return;
    if (
      records.every((record) => /** @type {Element} */ (record.target).closest?.(`[${OWN_MARK}]`))
    )
      return;
    timer = setTimeout(async () => {
      timer = null;
      const fields = detectFields();
      const pending = steps.filter(
        (step) => fields[step.name] && !satisfied(step, fields[step.name]),
      );
      if (pending.length === 0 || busy) return;
      busy++;
      try {
        for (const step of pending) await apply(step, fields[step.name]);
      } finally {
        busy--;
      }
    }, WATCH_DELAY_MS);
  });
  const onUserEdit = (event) => {
    if (event.isTrusted && !event.composedPath().some((node) => node.hasAttribute?.(OWN_MARK)))
      stop();
  };
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    clearTimeout(limit);
    for (const type of ['input', 'change', 'keydown', 'mousedown'])
      document.removeEventListener(type, onUserEdit, true);
    watchers.delete(stop);
  };
  const limit = setTimeout(stop, WATCH_MS);
  for (const type of ['input', 'change', 'keydown', 'mousedown'])
    document.addEventListener(type, onUserEdit, true);
  observePage(observer, { childList: true, subtree: true });
  watchers.add(stop);
}

// Puts every field and box back as the snapshot found it. Returns the fields written, and
// those that could not go back ({ name, old, now }): a combobox whose old text was a
// placeholder that is not among its options has no way back to "nothing chosen".
async function restore(state, detectFields, { keepWatching = false } = {}) {
  if (!keepWatching) stopWatching();
  const list = [];
  for (const [name, saved] of Object.entries(state)) {
    if (saved.kind === 'text') list.push({ name, kind: 'text', value: saved.value });
    else if (saved.kind === 'checkbox')
      list.push({ name, kind: 'checkbox', checked: saved.checked });
    else if (saved.kind === 'select')
      list.push({
        name,
        kind: 'choice',
        index: saved.index,
        matches: (text) => text === saved.text,
      });
    else list.push({ name, kind: 'choice', matches: (text) => text === saved.text });
  }
  const missing = [];
  const written = await run(list, detectFields, missing);
  const missed = missing.map(({ name, now }) => ({ name, old: state[name].text, now }));
  return { written, missed };
}

/** @typedef {{ key: string, fields: () => Record<string, HTMLElement> }} SectionHandle */

// --- Several sections ----------------------------------------------------------------------
// A section is given as { key, fields: () => its fields now }. Sections still collapsed (their
// Enforce box unticked, their fields not rendered) are opened first, and only those the admin
// chose.

function rendered(fields) {
  return Boolean(fields.issuer_url || fields.login_url || fields.certificate);
}

// Ticks the Enforce box of each chosen section whose fields are not shown, and waits for them
// to render. Returns the keys of the sections it opened (close() unticks them again).
export async function open(sections) {
  const opened = [];
  for (const section of sections) {
    const fields = section.fields();
    if (rendered(fields) || !fields.enforce_saml) continue;
    busy++;
    try {
      setChecked(fields.enforce_saml, true);
      opened.push(section.key);
      await waitFor(() => rendered(section.fields()), SECTION_RENDER_MS);
      await settle();
    } finally {
      busy--;
    }
  }
  return opened;
}

export async function close(sections, opened) {
  for (const section of sections) {
    if (!opened.includes(section.key)) continue;
    await run([{ name: 'enforce_saml', kind: 'checkbox', checked: false }], section.fields);
  }
}

// The confirmations of every chosen section: { section, name, old, new }.
/**
 * @param {import('../ui/types.js').FillPlan} fillPlan
 * @param {SectionHandle[]} sections
 */
export function conflictsOf(fillPlan, sections) {
  return sections.flatMap((section) =>
    conflicts(fillPlan, section.fields()).map((change) => ({ section: section.key, ...change })),
  );
}

// Fills each chosen section. `opened`: the sections open() ticked (their Enforce box was off
// before). Returns { undo, written: [{section, names}], missing: [{section, name, value}] }.
/**
 * @param {import('../ui/types.js').FillPlan} fillPlan
 * @param {SectionHandle[]} sections
 * @param {string[]} [opened]
 */
export async function fillSections(fillPlan, sections, opened = []) {
  stopWatching();
  const undo = [];
  const jobs = [];
  for (const section of sections) {
    const fields = section.fields();
    const before = snapshot(fields);
    if (opened.includes(section.key)) before.enforce_saml = { kind: 'checkbox', checked: false };
    undo.push({ key: section.key, state: before });
    jobs.push({ steps: steps(fillPlan, fields), detectFields: section.fields });
  }
  const names = await runAll(jobs);
  const written = sections.map((section, index) => ({
    section: section.key,
    names: names[index],
  }));
  const missing = [];
  for (const section of sections) {
    const now = section.fields();
    if (!now.provider)
      missing.push({ section: section.key, name: 'provider', value: fillPlan.provider.name });
    for (const step of fillPlan.text) {
      // The Metadata URL is a convenience the older forms do not have; the rest is needed.
      if (!now[step.field] && !step.clear && step.field !== 'metadata_url')
        missing.push({ section: section.key, name: step.field, value: step.value });
    }
  }
  return { undo, written, missing };
}

// Undo across sections: the fields first, then each Enforce box (unticking it hides them).
export async function restoreSections(undo, sections) {
  stopWatching();
  const written = [];
  const missed = [];
  for (const { key, state } of undo) {
    const section = sections.find((candidate) => candidate.key === key);
    if (!section) continue;
    const { enforce_saml: enforce, ...rest } = state;
    const done = await restore(rest, section.fields, { keepWatching: true });
    written.push({ section: key, names: done.written });
    for (const miss of done.missed) missed.push({ section: key, ...miss });
    if (enforce) await restore({ enforce_saml: enforce }, section.fields, { keepWatching: true });
  }
  return { written, missed };
}

/** Whether Fill or Undo is writing now (its own events are not the admin's edits). */
export function isFilling() {
  return busy > 0;
}
