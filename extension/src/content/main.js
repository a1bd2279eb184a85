// Wires the content script together. The console is a single-page app: the form
// appears late and is re-rendered (Provider changes do it), so a MutationObserver
// looks for it again after every change. On pages without the form, nothing shows.

(() => {
  globalThis.MimecastSso ??= {};
  const ns = globalThis.MimecastSso;
  if (ns.started) return;
  ns.started = true;

  const SCAN_DELAY_MS = 100;
  // The form may vanish for a moment while the app re-renders it: hide the panel
  // only when it stays gone.
  const HIDE_AFTER_MISSES = 3;
  const api = globalThis.browser ?? globalThis.chrome;

  const detectFields = () => ns.detect(document).fields;
  let panel = null;
  let validator = null;
  let misses = 0;

  function ensureUi() {
    if (panel) return;
    validator = ns.createValidator({
      detectFields,
      offerImport: (text) => panel.importText(text),
    });
    panel = ns.createPanel({
      detectFields,
      onWritten: (names) => validator.recheck(names),
    });
  }

  function scan() {
    const { form, fields } = ns.detect(document);
    if (form) {
      misses = 0;
      ensureUi();
      panel.show(form);
      validator.attach(fields);
    } else if (panel && ++misses >= HIDE_AFTER_MISSES) {
      panel.hide();
      validator.detach();
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
    return node.nodeType === Node.ELEMENT_NODE
      ? Boolean(node.closest(`[${ns.OWN_MARK}]`))
      : isOwn(node.parentNode || document);
  }

  new MutationObserver((records) => {
    const foreign = records.some((record) => {
      if (record.type !== 'childList') return !isOwn(record.target);
      const nodes = [...record.addedNodes, ...record.removedNodes];
      return (
        nodes.some(
          (node) => !(node.nodeType === Node.ELEMENT_NODE && node.hasAttribute(ns.OWN_MARK)),
        ) || nodes.length === 0
      );
    });
    if (foreign) scheduleScan();
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['hidden', 'style', 'class', 'aria-hidden', 'disabled'],
  });

  // The popup asks whether this tab shows the form, and can hand it an import.
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== api.runtime.id || !message) return false;
    if (message.type === 'form-status') {
      const { form, fields } = ns.detect(document);
      sendResponse({ ok: true, form: Boolean(form), fields: Object.keys(fields) });
    } else if (message.type === 'import-into-panel' && typeof message.text === 'string') {
      const { form } = ns.detect(document);
      if (!form) {
        sendResponse({
          ok: false,
          error: { code: 'no-form', message: 'This page shows no Authentication Profile form.' },
        });
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
})();
