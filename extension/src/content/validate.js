// @ts-check
// On-page validation: as the admin types, pastes or toggles in the form, the
// current values go to the core's `check`, and each field's findings appear next to
// it, as text in a shadow root of the extension's own. A finding with a `fix` gets a
// one-click button (the certificate's clean-up among them); metadata XML or an Entra
// metadata URL pasted into any field gets an offer to import everything.

import { ask } from '../ui/messages.js';
import { el, FIELD_TITLES, learnLabels } from '../ui/render.js';
import { adoptStyles } from '../ui/styles.js';
import { holds, isShadowRoot, OWN_MARK, originOf } from './dom.js';
import { isFilling, setText } from './fill.js';
import { BOX_FIELDS, formValues, TEXT_FIELDS, textValue } from './read.js';

const CHECK_DELAY_MS = 150;
const WATCHED = new Set([...TEXT_FIELDS, ...BOX_FIELDS, 'provider']);

export function createValidator({ section, detectFields, offerImport }) {
  const doc = document;
  let fields = {};
  const touched = new Set();
  const valueBefore = {};
  const offers = {};
  const notes = new Map(); // field name -> {host, root, anchor}
  let timer = null;
  let sequence = 0;

  function lookup(target) {
    for (const [name, element] of Object.entries(fields)) {
      if (holds(element, target)) return name;
    }
    return null;
  }

  // The form may have re-rendered since the last scan: look again before giving up.
  function nameOf(target) {
    if (!(target instanceof Element) || target.closest(`[${OWN_MARK}]`)) return null;
    const name = lookup(target);
    if (name || !Object.keys(fields).length) return name;
    const stale = Object.values(fields).some((element) => !element.isConnected);
    if (!stale) return null;
    fields = detectFields();
    for (const element of Object.values(fields)) listenNear(element);
    return lookup(target);
  }

  // The values the check needs, for the fields this form has.
  function currentValues() {
    return formValues(fields);
  }

  // Notes go after the field, or after the label wrapping it, so that they neither
  // change the field's accessible name nor sit inside the console's inputs; and out of any
  // row the field shares (a flex or grid row with its label or an Import button), so that the
  // note neither squeezes the input nor pushes its neighbours onto a line of their own.
  function anchorOf(element) {
    const label = element.closest('label');
    let anchor = label?.contains(element) ? label : element;
    while (anchor.parentElement && anchor.parentElement !== doc.body && isRow(anchor.parentElement))
      anchor = anchor.parentElement;
    return anchor;
  }

  function isRow(element) {
    const style = getComputedStyle(element);
    const flex = style.display.includes('flex');
    const row = flex && !style.flexDirection.startsWith('column');
    return row || style.display.includes('grid') || style.display.startsWith('inline');
  }

  function noteFor(name) {
    const element = fields[name];
    const anchor = anchorOf(element);
    let note = notes.get(name);
    if (note && note.anchor === anchor && note.host.isConnected) return note;
    if (note) note.host.remove();
    const host = doc.createElement('span');
    host.setAttribute(OWN_MARK, 'note');
    host.dataset.field = name;
    if (section) host.dataset.section = section;
    const root = host.attachShadow({ mode: 'open' });
    adoptStyles(root, 'note');
    const box = el(doc, 'div', {
      className: 'sso-root',
      role: 'group',
      'aria-label': `SSO Autofill: ${FIELD_TITLES[name]}`,
    });
    root.append(box);
    anchor.after(host);
    note = { host, root, box, anchor };
    notes.set(name, note);
    return note;
  }

  function fixButton(name, finding) {
    const title = name === 'certificate' ? 'Clean up certificate' : `Fix ${FIELD_TITLES[name]}`;
    return el(doc, 'button', {
      type: 'button',
      text: title,
      onclick: () => {
        const element = fields[name];
        if (!element) return;
        setText(element, finding.fix);
        touched.add(name);
        schedule();
      },
    });
  }

  function render(name, findings) {
    const offer = offers[name];
    if (findings.length === 0 && !offer) {
      const note = notes.get(name);
      if (note) {
        note.host.remove();
        notes.delete(name);
      }
      return;
    }
    const note = noteFor(name);
    const lines = findings.map((finding) =>
      el(
        doc,
        'p',
        { className: `note severity-${finding.severity}`, 'data-code': finding.code },
        `${finding.message}`,
        typeof finding.fix === 'string' && TEXT_FIELDS.includes(name)
          ? fixButton(name, finding)
          : null,
      ),
    );
    if (offer) lines.unshift(offerLine(name, offer));
    note.box.replaceChildren(...lines);
  }

  function offerLine(name, offer) {
    const text =
      offer.kind === 'metadata-url'
        ? 'This is an Entra metadata URL.'
        : 'This is SAML federation metadata.';
    return el(
      doc,
      'p',
      { className: 'note offer' },
      `${text} `,
      el(doc, 'button', {
        type: 'button',
        text: 'Import all values',
        onclick: () => {
          delete offers[name];
          const element = fields[name];
          // The pasted document does not belong in this field: put back what was there.
          if (element && name !== 'metadata_url' && offer.before !== undefined)
            setText(element, offer.before);
          render(name, []);
          offerImport(offer.text);
        },
      }),
    );
  }

  async function check() {
    if (!Object.keys(fields).length) return;
    const mine = ++sequence;
    const values = currentValues();
    // What the form holds now is what Test SSO judges the next sign-in against.
    ask({ type: 'profile', values });
    const reply = await ask({ type: 'check', values });
    if (mine !== sequence || !reply.ok) return;
    learnLabels(reply.labels);
    const byField = {};
    for (const finding of reply.findings) {
      if (!finding.field) continue;
      byField[finding.field] ??= [];
      byField[finding.field].push(finding);
    }
    for (const name of WATCHED) {
      if (!fields[name] || name === 'provider') continue;
      // A field shows findings once the admin (or Fill) has been there, or when it
      // holds a value: an empty, untouched field has nothing to say yet.
      const relevant =
        touched.has(name) ||
        (TEXT_FIELDS.includes(name) ? values[name] !== '' : values[name] === true);
      render(name, relevant ? byField[name] || [] : []);
    }
    // Provider findings belong beside the Provider choice.
    if (fields.provider) render('provider', touched.size ? byField.provider || [] : []);
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, CHECK_DELAY_MS);
  }

  // Pasted metadata or metadata URL in any field: offer the full import.
  async function classify(name) {
    const element = fields[name];
    if (!element || !TEXT_FIELDS.includes(name)) return;
    const text = textValue(element);
    if (text.trim() === '') {
      if (offers[name]) delete offers[name];
      return;
    }
    const reply = await ask({ type: 'classify', text });
    if (!reply.ok || textValue(element) !== text) return;
    if (reply.kind === 'metadata' || reply.kind === 'metadata-url') {
      offers[name] = { kind: reply.kind, text, before: valueBefore[name] };
    } else {
      delete offers[name];
    }
    schedule();
  }

  // Each handler is given the event and the name of the field it happened in.
  function onEdit(event, name) {
    if (isFilling() || !WATCHED.has(name)) return;
    touched.add(name);
    if (event.type === 'input') classify(name);
    schedule();
  }

  function onBefore(_event, name) {
    if (TEXT_FIELDS.includes(name)) valueBefore[name] = textValue(fields[name]);
  }

  // ARIA checkboxes change on click, without input or change events.
  function onClick(_event, name) {
    if (BOX_FIELDS.includes(name) && fields[name].getAttribute('role')) {
      setTimeout(() => onEdit({ type: 'click' }, name), 0);
    }
  }

  /** @type {[string, (event: { type: string }, name: string) => void][]} */
  const listeners = [
    ['input', onEdit],
    ['change', onEdit],
    ['click', onClick],
    ['focusin', onBefore],
    ['paste', onBefore],
  ];
  // Each event once, at the first listener that can tell its field: the document's sees into
  // open shadow roots (the event's composed path), a shadow root's own listener into a closed one.
  const handled = new WeakSet();
  /** @param {Document | ShadowRoot} target */
  function listenOn(target) {
    for (const [type, handler] of listeners)
      target.addEventListener(
        type,
        (event) => {
          // What Fill itself fires is not the admin's edit: not even the field is looked up.
          if (handled.has(event) || (isFilling() && type !== 'click')) return;
          const name = nameOf(originOf(event));
          if (!name) return;
          handled.add(event);
          handler(event, name);
        },
        true,
      );
  }
  listenOn(doc);
  // `change` does not leave a shadow root, nor does anything a closed one holds: listen in each
  // one that holds a field.
  const listened = new WeakSet();
  function listenNear(element) {
    const tree = element.getRootNode();
    if (isShadowRoot(tree) && !listened.has(tree)) {
      listened.add(tree);
      listenOn(tree);
    }
  }

  return {
    // The fields as detect.js found them now (the form may have re-rendered).
    attach(found) {
      fields = found;
      for (const element of Object.values(fields)) listenNear(element);
      for (const [name, note] of notes) {
        if (!fields[name] || !note.host.isConnected || note.anchor !== anchorOf(fields[name])) {
          note.host.remove();
          notes.delete(name);
          if (fields[name]) schedule();
        }
      }
    },
    detach() {
      fields = {};
      for (const note of notes.values()) note.host.remove();
      notes.clear();
    },
    // The values of this section's fields now, as the core's check takes them.
    values() {
      return currentValues();
    },
    // After Fill or Undo: show what the core says about what is there now.
    recheck(names = []) {
      // What Fill or Undo wrote is what Test SSO judges the next sign-in against, at once: the
      // admin may sign in before the check below has run.
      if (Object.keys(fields).length) ask({ type: 'profile', values: currentValues() });
      for (const name of names) touched.add(name);
      for (const name of names) delete offers[name];
      schedule();
    },
  };
}
