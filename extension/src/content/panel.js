// @ts-check
// The panel docked beside the Authentication Profile form, in an open shadow root
// so that neither the console's styles nor ours leak across. It shows what an
// import holds before anything is written, asks before it overwrites, and undoes.

import { createImportView } from '../ui/import-view.js';
import { el, FIELD_TITLES } from '../ui/render.js';
import { adoptStyles } from '../ui/styles.js';
import { OWN_MARK, queryAll } from './dom.js';
import * as fill from './fill.js';
import { isChecked } from './read.js';

const FILE_TYPES = '.xml,.cer,.crt,.pem';
const TYPING_DELAY_MS = 250;
const PANEL_MIN_WIDTH = 300;
const PANEL_MAX_WIDTH = 380;
const PANEL_GAP = 12;

function shorten(value) {
  const text = String(value);
  return text.length > 60 ? `${text.slice(0, 28)}…${text.slice(-24)}` : text;
}

export function createPanel({ detectSections, onWritten }) {
  const doc = document;

  const host = doc.createElement('div');
  host.setAttribute(OWN_MARK, 'panel');
  host.hidden = true;
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, 'panel');

  let undoState = null;
  let lastError = null;

  const textbox = el(doc, 'textarea', {
    id: 'sso-input',
    rows: '3',
    spellcheck: 'false',
    placeholder:
      'Paste the Federation Metadata XML, the App Federation Metadata URL, or a certificate',
  });
  const fileInput = el(doc, 'input', {
    type: 'file',
    accept: FILE_TYPES,
    'aria-label': 'Metadata or certificate file',
  });
  const dropZone = el(
    doc,
    'div',
    { className: 'drop' },
    'Drop a .xml, .cer, .crt or .pem file here, or choose one:',
    fileInput,
  );
  const status = el(doc, 'p', { className: 'status', role: 'status' });
  const result = el(doc, 'div', { className: 'result', 'aria-live': 'polite' });
  const confirmBox = el(doc, 'div', { className: 'confirm', hidden: true });
  // Several SAML sections: which to fill. Pre-ticked as the page has them enforced, until the
  // admin chooses here (per section).
  const sectionList = el(doc, 'div', { className: 'section-list' });
  const sectionNotes = el(doc, 'div', { className: 'section-notes', 'aria-live': 'polite' });
  const sectionGroup = el(
    doc,
    'fieldset',
    { className: 'sections', hidden: true },
    el(doc, 'legend', { text: 'Sections to fill' }),
    sectionList,
    sectionNotes,
  );
  const missingBox = el(doc, 'div', { className: 'missing', hidden: true });
  const chosenByAdmin = new Map(); // section key -> ticked in the panel
  const fillButton = el(doc, 'button', {
    type: 'button',
    className: 'primary',
    text: 'Fill form',
  });
  const undoButton = el(doc, 'button', { type: 'button', text: 'Undo', hidden: true });
  const outcome = el(doc, 'p', { className: 'outcome', role: 'status' });
  const collapse = el(doc, 'button', {
    type: 'button',
    'aria-expanded': 'true',
    'aria-label': 'Collapse the SSO Autofill panel',
    text: '–',
  });
  const panel = el(
    doc,
    'aside',
    { className: 'panel sso-root', 'aria-label': 'SSO Autofill for Mimecast' },
    el(doc, 'header', {}, el(doc, 'h2', { text: 'SSO Autofill for Mimecast' }), collapse),
    el(
      doc,
      'div',
      { className: 'body' },
      dropZone,
      el(doc, 'label', {
        className: 'input-label',
        for: 'sso-input',
        text: 'Metadata, URL or certificate',
      }),
      textbox,
      status,
      result,
      sectionGroup,
      confirmBox,
      el(doc, 'div', { className: 'actions' }, fillButton, undoButton),
      outcome,
      missingBox,
    ),
  );
  root.append(panel);

  // A confirmation already shown stays: its Replace reads the input again before it writes.
  const importer = createImportView(doc, {
    status,
    result,
    textbox,
    idPrefix: 'panel',
    noteError: (error) => {
      lastError = error;
    },
  });

  // Paste and drop show their result at once; typing waits for a pause. A click on Fill form or
  // Replace reads whatever the input is at that moment (see latestInput).
  let typingTimer = null;
  let lastInput = 'text'; // 'text' | 'file': which of the two the admin gave last
  textbox.addEventListener('paste', () => {
    clearTimeout(typingTimer);
    lastInput = 'text';
    setTimeout(() => importer.fromText(textbox.value), 0);
  });
  textbox.addEventListener('input', (event) => {
    lastInput = 'text';
    if (event.inputType === 'insertFromPaste' || event.inputType === 'insertFromDrop') return;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => importer.fromText(textbox.value), TYPING_DELAY_MS);
  });
  textbox.addEventListener('drop', (event) => {
    // A dropped file is read by the drop listener below.
    if (event.dataTransfer?.files?.length) return;
    clearTimeout(typingTimer);
    lastInput = 'text';
    setTimeout(() => importer.fromText(textbox.value), 0);
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) {
      textbox.value = '';
      lastInput = 'file';
      importer.fromFile(file);
    }
  });
  for (const target of [dropZone, textbox]) {
    target.addEventListener('dragover', (event) => {
      if (event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files')) {
        event.preventDefault();
        dropZone.classList.add('over');
      }
    });
    target.addEventListener('dragleave', () => dropZone.classList.remove('over'));
    target.addEventListener('drop', (event) => {
      const file = event.dataTransfer?.files[0];
      dropZone.classList.remove('over');
      if (!file) return;
      event.preventDefault();
      textbox.value = '';
      lastInput = 'file';
      importer.fromFile(file);
    });
  }
  collapse.addEventListener('click', () => {
    const collapsed = panel.classList.toggle('collapsed');
    collapse.setAttribute('aria-expanded', String(!collapsed));
    collapse.textContent = collapsed ? '+' : '–';
    collapse.setAttribute(
      'aria-label',
      collapsed ? 'Expand the SSO Autofill panel' : 'Collapse the SSO Autofill panel',
    );
  });

  // The import of what the admin gave last, read to the end: the text box as it is now (typed,
  // edited or emptied without a paste event included), or the file still being read.
  function latestInput() {
    clearTimeout(typingTimer);
    if (lastInput === 'text') importer.fromText(textbox.value);
    return importer.idle();
  }

  function hideConfirm() {
    confirmBox.hidden = true;
    confirmBox.replaceChildren();
  }

  // The sections as the page has them now, and a handle for each that finds its fields again
  // after every re-render.
  function sectionsNow() {
    return detectSections();
  }
  function handle(key) {
    return {
      key,
      fields: () => sectionsNow().find((section) => section.key === key)?.fields ?? {},
    };
  }
  function isEnforced(section) {
    const box = section.fields.enforce_saml;
    return Boolean(box && isChecked(box));
  }

  // The panel's checkboxes, one per section, following the page until the admin chooses.
  function renderSections(sections) {
    if (sections.length < 2) {
      sectionGroup.hidden = true;
      sectionList.replaceChildren();
      return;
    }
    sectionGroup.hidden = false;
    const keys = sections.map((section) => section.key);
    const shown = [...sectionList.querySelectorAll('input')].map((box) => box.value);
    if (shown.join('\n') !== keys.join('\n')) {
      sectionList.replaceChildren(
        ...sections.map((section) => {
          const box = el(doc, 'input', { type: 'checkbox', value: section.key });
          box.addEventListener('change', () => chosenByAdmin.set(section.key, box.checked));
          return el(doc, 'label', { className: 'section' }, box, ` ${section.name}`);
        }),
      );
    }
    for (const box of sectionList.querySelectorAll('input')) {
      const section = sections.find((candidate) => candidate.key === box.value);
      box.checked = chosenByAdmin.has(box.value)
        ? chosenByAdmin.get(box.value)
        : isEnforced(section);
    }
  }

  function chosenSections(sections) {
    if (sections.length < 2) return sections;
    renderSections(sections);
    const ticked = new Set(
      [...sectionList.querySelectorAll('input')].filter((b) => b.checked).map((b) => b.value),
    );
    return sections.filter((section) => ticked.has(section.key));
  }

  function showConfirm(changes, fillPlan, handles, opened) {
    const several = sectionsNow().length > 1;
    const replace = el(doc, 'button', { type: 'button', className: 'primary', text: 'Replace' });
    const cancel = el(doc, 'button', { type: 'button', text: 'Cancel' });
    replace.addEventListener('click', async () => {
      await latestInput();
      hideConfirm();
      // The input changed since the question was asked: ask again about the new values.
      if (importer.plan !== fillPlan) fillFromInput();
      else write(fillPlan, handles, opened);
    });
    cancel.addEventListener('click', async () => {
      hideConfirm();
      await fill.close(handles, opened);
      outcome.textContent = 'Nothing was written.';
    });
    confirmBox.replaceChildren(
      el(doc, 'p', {
        text:
          changes.length === 1
            ? 'This field already holds another value:'
            : 'These fields already hold other values:',
      }),
      el(
        doc,
        'ul',
        {},
        changes.map((change) =>
          el(
            doc,
            'li',
            {},
            several ? `${change.section}, ` : '',
            `${FIELD_TITLES[change.name]}: `,
            el(doc, 'code', { className: 'old', title: change.old, text: shorten(change.old) }),
            ' → ',
            change.new === ''
              ? el(doc, 'em', { className: 'new', text: 'emptied' })
              : el(doc, 'code', {
                  className: 'new',
                  title: change.new,
                  text: shorten(change.new),
                }),
          ),
        ),
      ),
      el(doc, 'div', { className: 'actions' }, replace, cancel),
    );
    confirmBox.hidden = false;
    replace.focus();
  }

  // Fields a chosen section lacks: named, with the value to copy by hand.
  function showMissing(missing, several) {
    if (!missing.length) {
      missingBox.hidden = true;
      missingBox.replaceChildren();
      return;
    }
    missingBox.replaceChildren(
      el(doc, 'p', { text: 'Not found on the page; copy these by hand:' }),
      el(
        doc,
        'ul',
        {},
        missing.map((item) => {
          const title = FIELD_TITLES[item.name];
          const copy = el(doc, 'button', {
            type: 'button',
            text: 'Copy',
            'aria-label': `Copy ${title}${several ? ` of ${item.section}` : ''}`,
          });
          copy.addEventListener('click', () => navigator.clipboard?.writeText(item.value));
          return el(
            doc,
            'li',
            { 'data-field': item.name },
            several ? `${item.section}, ` : '',
            `${title}: `,
            el(doc, 'code', { title: item.value, text: shorten(item.value) }),
            ' ',
            copy,
          );
        }),
      ),
    );
    missingBox.hidden = false;
  }

  async function write(fillPlan, handles, opened) {
    fillButton.disabled = true;
    try {
      const done = await fill.fillSections(fillPlan, handles, opened);
      undoState = { undo: done.undo, handles };
      undoButton.hidden = false;
      const several = sectionsNow().length > 1;
      const names = [...new Set(done.written.flatMap((entry) => entry.names))];
      // Fields the plan empties are named as emptied, not as filled.
      const cleared = new Set(fillPlan.text.filter((step) => step.clear).map((s) => s.field));
      const titles = names.filter((n) => !cleared.has(n)).map((n) => FIELD_TITLES[n]);
      const emptied = names.filter((n) => cleared.has(n)).map((n) => FIELD_TITLES[n]);
      // Told before the outcome shows: the admin may act on it at once.
      onWritten?.(done.written);
      const where = several ? ` in ${handles.map((h) => h.key).join(' and ')}` : '';
      const also = emptied.length ? `; emptied ${emptied.join(', ')}` : '';
      outcome.textContent = titles.length
        ? `Filled ${titles.join(', ')}${where}${also}.`
        : 'This form has none of the fields to fill.';
      showMissing(done.missing, several);
      outcome.scrollIntoView({ block: 'nearest' });
    } finally {
      fillButton.disabled = false;
    }
  }

  fillButton.addEventListener('click', async () => {
    hideConfirm();
    outcome.textContent = '';
    await latestInput();
    await fillFromInput();
  });

  async function fillFromInput() {
    const inspection = importer.inspection;
    if (!inspection) {
      // Unusable input writes nothing: say why once more where the admin looks.
      outcome.textContent = lastError
        ? lastError.message
        : 'Paste metadata, a metadata URL or a certificate first, or drop a file.';
      return;
    }
    const fillPlan = importer.plan;
    const sections = sectionsNow();
    const chosen = chosenSections(sections);
    if (!chosen.length) {
      outcome.textContent =
        'Choose the sections to fill under \u201cSections to fill\u201d: nothing was written.';
      sectionList.querySelector('input')?.focus();
      return;
    }
    const handles = chosen.map((section) => handle(section.key));
    // Only the chosen sections are opened (their Enforce box ticked) and written.
    const opened = await fill.open(handles);
    const changes = fill.conflictsOf(fillPlan, handles);
    if (changes.length) showConfirm(changes, fillPlan, handles, opened);
    else await write(fillPlan, handles, opened);
  }

  undoButton.addEventListener('click', async () => {
    if (!undoState) return;
    undoButton.disabled = true;
    try {
      const restored = await fill.restoreSections(undoState.undo, undoState.handles);
      undoState = null;
      undoButton.hidden = true;
      showMissing([], false);
      outcome.textContent = undoOutcome(restored.missed);
      onWritten?.(restored.written);
    } finally {
      undoButton.disabled = false;
    }
  });

  // One sentence: what Undo did, and what it could not put back.
  function undoOutcome(missed) {
    if (!missed.length) return 'The form is back as it was.';
    if (missed.length === 1) {
      const [{ name, old, now, section }] = missed;
      const where = section && sectionsNow().length > 1 ? ` of ${section}` : '';
      return `The form is back as it was, except ${FIELD_TITLES[name]}${where}: \u201c${old}\u201d is not one of its choices, so it still shows \u201c${now}\u201d.`;
    }
    const titles = missed.map((field) => FIELD_TITLES[field.name]);
    return `The form is back as it was, except ${titles.join(' and ')}, which could not be set back.`;
  }

  // Beside the form, never over it: docked in the room right of the form's rightmost control
  // when there is enough; else the page is given that room (a margin on the root element, as a
  // browser side panel does), measured again on every resize. The room is a style element of
  // the extension's own, so changing it is no mutation of the console's markup.
  let form = null;
  const room = doc.createElement('style');
  room.setAttribute(OWN_MARK, 'room');
  room.media = 'not all';
  const NEEDED = PANEL_MIN_WIDTH + 2 * PANEL_GAP;

  function rightmostControl() {
    let right = 0;
    const scope = form?.isConnected ? form : null;
    if (!scope) return right;
    for (const control of queryAll(
      scope,
      'input,select,textarea,button,[role=combobox],[role=checkbox],[role=switch]',
    )) {
      const box = control.getBoundingClientRect();
      if (box.width > 1 && box.right > right) right = box.right;
    }
    // The extension's own notes beside the fields count too.
    for (const note of queryAll(doc, `[${OWN_MARK}="note"]`)) {
      const box = note.getBoundingClientRect();
      if (box.width > 0 && box.right > right) right = box.right;
    }
    return right;
  }

  let lastLayout = '';
  // In a frame taller than the console's window (a shell page holding the profile), the panel
  // must fit what the admin sees of the frame. Only a same-origin parent can tell.
  function visibleHeight() {
    try {
      const frame = window.frameElement;
      if (!frame) return 0;
      const parentHeight = window.parent.innerHeight;
      const top = Math.max(0, frame.getBoundingClientRect().top);
      return Math.min(window.innerHeight, parentHeight - top);
    } catch {
      return 0;
    }
  }

  function dock() {
    if (!form?.isConnected) return;
    if (!room.isConnected) (doc.head || doc.documentElement).append(room);
    const viewport = doc.documentElement.clientWidth;
    const reserved = room.media === 'all';
    // Measured without the room, in the same task: nothing is painted in between.
    if (reserved) room.media = 'not all';
    const free = viewport - rightmostControl();
    let width;
    if (free >= NEEDED) {
      width = Math.min(PANEL_MAX_WIDTH, free - 2 * PANEL_GAP);
    } else {
      room.textContent = `html { margin-right: ${NEEDED}px !important; }`;
      room.media = 'all';
      width = PANEL_MIN_WIDTH;
    }
    const height = visibleHeight();
    const layout = `${room.media} ${width} ${height}`;
    if (layout !== lastLayout) {
      lastLayout = layout;
      panel.style.width = `${width}px`;
      panel.style.maxHeight = height ? `${height - 96}px` : '';
    }
  }
  window.addEventListener('resize', dock);
  // The form grows or shrinks (a section opens, a re-render): dock again.
  const resized = new ResizeObserver(() => dock());

  return {
    host,
    show(formElement) {
      if (!host.isConnected) (doc.body || doc.documentElement).append(host);
      host.hidden = false;
      if (formElement && formElement !== form) {
        resized.disconnect();
        resized.observe(formElement);
      }
      form = formElement || form;
      dock();
    },
    hide() {
      host.hidden = true;
      room.media = 'not all';
    },
    // The sections detect.js found now; findings across them ({code, message}) from the core.
    setSections(sections, findings = []) {
      renderSections(sections);
      sectionNotes.replaceChildren(
        ...findings.map((finding) =>
          el(doc, 'p', {
            className: `note severity-${finding.severity}`,
            'data-code': finding.code,
            text: finding.message,
          }),
        ),
      );
    },
    get shown() {
      return host.isConnected && !host.hidden;
    },
    // An import offered from a field of the form (validate.js).
    importText(text) {
      panel.classList.remove('collapsed');
      textbox.value = text;
      textbox.focus();
      lastInput = 'text';
      return importer.fromText(text);
    },
  };
}
