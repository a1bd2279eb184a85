// @ts-check
// Wires the content script together. The console is a single-page app: the form
// appears late and is re-rendered (Provider changes do it), so a MutationObserver
// looks for it again after every change. On pages without the form, nothing shows.
// The entry point of the one content script that the build bundles (scripts/build-extension.sh).

import { api } from '../ui/browser.js';
import { ask } from '../ui/messages.js';
import { detect } from './detect.js';
import { isShadowRoot, OWN_MARK, observePage } from './dom.js';
import { createPanel } from './panel.js';
import { createValidator } from './validate.js';

const SCAN_DELAY_MS = 100;
// The form may vanish for a moment while the app re-renders it: hide the panel
// only when it stays gone.
const HIDE_AFTER_MISSES = 3;
const FRAME_ANSWER_MS = 150;

const detectSections = () => detect(document).sections;
let panel = null;
const validators = new Map(); // section key -> its validator (findings next to its fields)
let misses = 0;

function validatorOf(key) {
  let validator = validators.get(key);
  if (!validator) {
    validator = createValidator({
      section: key,
      detectFields: () => detectSections().find((section) => section.key === key)?.fields ?? {},
      offerImport: (text) => panel.importText(text),
    });
    validators.set(key, validator);
  }
  return validator;
}

function ensureUi() {
  if (panel) return;
  panel = createPanel({
    detectSections,
    onWritten: (entries) => {
      for (const { section, names } of entries) validators.get(section)?.recheck(names);
    },
  });
}

// Two sections that name different tenants or certificates: the core's cross-section check.
let acrossAsked = '';
async function checkAcross(sections) {
  const shown = sections.filter((section) => Object.keys(section.fields).length > 1);
  const request = shown.map((section) => ({
    name: section.name,
    values: validatorOf(section.key).values(),
  }));
  const signature = JSON.stringify(request);
  if (signature === acrossAsked) return;
  acrossAsked = signature;
  if (request.length < 2) {
    panel.setSections(sections, []);
    return;
  }
  const reply = await ask({ type: 'check-sections', sections: request });
  if (signature !== acrossAsked) return;
  panel.setSections(detectSections(), reply.ok ? reply.findings : []);
}

function scan() {
  watchPage();
  const { form, sections } = detect(document);
  if (form) {
    misses = 0;
    ensureUi();
    panel.show(form);
    panel.setSections(sections);
    for (const section of sections) validatorOf(section.key).attach(section.fields);
    for (const [key, validator] of validators)
      if (!sections.some((section) => section.key === key)) validator.detach();
    checkAcross(sections);
  } else if (panel && ++misses >= HIDE_AFTER_MISSES) {
    panel.hide();
    for (const validator of validators.values()) validator.detach();
  } else if (panel?.shown) {
    scheduleScan();
  }
}

let timer = null;
function scheduleScan() {
  if (timer) return;
  timer = setTimeout(() => {
    timer = null;
    scan();
  }, SCAN_DELAY_MS);
}

function isOwn(node) {
  if (isShadowRoot(node)) return isOwn(node.host);
  if (node.nodeType === Node.ELEMENT_NODE) return Boolean(node.closest(`[${OWN_MARK}]`));
  return node.parentNode ? isOwn(node.parentNode) : false;
}

const pageChanges = new MutationObserver((records) => {
  const foreign = records.some((record) => {
    if (record.type !== 'childList') return !isOwn(record.target);
    const nodes = [...record.addedNodes, ...record.removedNodes];
    return (
      nodes.some(
        (node) =>
          !(
            node.nodeType === Node.ELEMENT_NODE &&
            /** @type {Element} */ (node).hasAttribute(OWN_MARK)
          ),
      ) || nodes.length === 0
    );
  });
  if (foreign) scheduleScan();
});
// Web components render late, in shadow roots that no observer of the document sees into: each
// scan watches the ones there are by then.
const watchPage = () =>
  observePage(pageChanges, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['hidden', 'style', 'class', 'aria-hidden', 'disabled'],
  });
watchPage();

// The popup asks whether this tab shows the form, and can hand it an import.
/** The popup's questions: {@link import('../ui/types.js').TabRequest}. */
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id || !message) return false;
  // Every frame of the tab hears the popup; the frame holding the form answers, and the top
  // frame answers for a tab without one (a moment later, so a frame's answer comes first).
  const { form, fields } = detect(document);
  if (!form && window !== window.top) return false;
  if (message.type === 'form-status') {
    const reply = { ok: true, form: Boolean(form), fields: Object.keys(fields) };
    if (form) sendResponse(reply);
    else {
      setTimeout(() => sendResponse(reply), FRAME_ANSWER_MS);
      return true;
    }
  } else if (message.type === 'import-into-panel' && typeof message.text === 'string') {
    if (!form) {
      setTimeout(
        () =>
          sendResponse({
            ok: false,
            error: {
              code: 'no-form',
              message: 'This page shows no Authentication Profile form.',
            },
          }),
        FRAME_ANSWER_MS,
      );
      return true;
    } else {
      ensureUi();
      panel.show();
      panel.importText(message.text);
      sendResponse({ ok: true });
    }
  }
  return false;
});

scan();
