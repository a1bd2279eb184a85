// @ts-check
// The toolbar popup: the same import as the panel, for any tab, with copy buttons
// for the values (for setting Mimecast up by hand, or another form). When the active
// tab shows the Authentication Profile form, it can hand the import to that tab's panel.

import { api } from '../ui/browser.js';
import { createImportView } from '../ui/import-view.js';
import { ask } from '../ui/messages.js';
import { el, findingsList } from '../ui/render.js';
import { adoptStyles } from '../ui/styles.js';

(() => {
  const TYPING_DELAY_MS = 250;

  adoptStyles(document, 'popup');
  const textbox = /** @type {HTMLTextAreaElement} */ (document.getElementById('input'));
  const fileInput = /** @type {HTMLInputElement} */ (document.getElementById('file'));
  const dropZone = document.getElementById('drop');
  const status = document.getElementById('status');
  const result = document.getElementById('result');
  const tabActions = document.getElementById('tab-actions');
  const sendButton = document.getElementById('send');

  const importer = createImportView(document, {
    status,
    result,
    textbox,
    idPrefix: 'popup',
    copy: true,
  });

  let typingTimer = null;
  textbox.addEventListener('input', (event) => {
    clearTimeout(typingTimer);
    const delay =
      event.inputType === 'insertFromPaste' || event.inputType === 'insertFromDrop'
        ? 0
        : TYPING_DELAY_MS;
    typingTimer = setTimeout(() => importer.fromText(textbox.value), delay);
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) {
      textbox.value = '';
      importer.fromFile(file);
    }
  });
  dropZone.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.classList.add('over');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'));
  dropZone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropZone.classList.remove('over');
    const file = event.dataTransfer?.files[0];
    if (file) {
      textbox.value = '';
      importer.fromFile(file);
    }
  });

  // The active tab's panel takes pasted text or a URL (a file is read here only).
  async function activeTabWithForm() {
    try {
      const [tab] = await api.tabs.query({ active: true, currentWindow: true });
      if (!tab) return null;
      const reply = await api.tabs.sendMessage(tab.id, { type: 'form-status' });
      return reply?.form ? tab : null;
    } catch {
      return null; // no content script there: not a Mimecast page
    }
  }

  activeTabWithForm().then((tab) => {
    if (!tab) return;
    tabActions.hidden = false;
    sendButton.addEventListener('click', async () => {
      const text = textbox.value;
      if (text.trim() === '') {
        status.textContent =
          "Paste metadata, a metadata URL or a certificate first (files: drop them on the page's panel).";
        return;
      }
      const reply = await api.tabs
        .sendMessage(tab.id, { type: 'import-into-panel', text })
        .catch(() => null);
      if (reply?.ok) window.close();
      else
        status.textContent = reply
          ? reply.error.message
          : 'The page did not answer: reload it and try again.';
    });
  });

  // Test SSO: the verdicts on this tab's last sign-in (or the last tab's), in the core's words.
  const testSso = document.getElementById('test-sso');
  const testSsoResult = document.getElementById('test-sso-result');
  /** @param {import('../ui/types.js').Seen} seen */
  function seenView(seen) {
    const { observation } = seen;
    return el(
      document,
      'div',
      { className: 'observed', 'data-endpoint': observation.endpoint },
      el(document, 'p', {
        className: 'verdict',
        'data-tone': observation.verdict.tone,
        text: observation.verdict.sentence,
      }),
      observation.report ? findingsList(document, observation.report.findings) : null,
    );
  }
  async function showTestSso() {
    const [tab] = await api.tabs.query({ active: true, currentWindow: true }).catch(() => []);
    const reply = await ask({ type: 'test-sso', tab_id: tab?.id });
    if (!reply.ok) return;
    const seen = [reply.response, reply.request].filter(Boolean);
    testSso.hidden = seen.length === 0;
    testSsoResult.replaceChildren(...seen.map(seenView));
  }
  showTestSso();

  // Firefox lets the admin revoke host permissions: without them no sign-in is seen.
  const permission = document.getElementById('permission');
  const origins = api.runtime.getManifest().host_permissions ?? [];
  async function checkPermission() {
    const granted = await api.permissions.contains({ origins }).catch(() => true);
    permission.hidden = granted;
  }
  document.getElementById('permission-request').addEventListener('click', async () => {
    await api.permissions.request({ origins }).catch(() => false);
    checkPermission();
  });
  checkPermission();

  ask({ type: 'version' }).then((reply) => {
    if (reply.ok) document.getElementById('footer').append(` Core ${reply.version}.`);
  });
})();
