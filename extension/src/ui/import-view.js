// @ts-check
// The import as the panel and the popup show it: an importer (importer.js) whose inspection or
// error is drawn into one result element, with a way to choose another signing certificate or
// one identity provider of several. A private key's text does not stay in the input.

import { createImporter } from './importer.js';
import { errorView, inspectionView } from './render.js';

/**
 * @param {Document} doc
 * @param {{ status: Element, result: Element, textbox: HTMLTextAreaElement, idPrefix: string,
 *   copy?: boolean, noteError?: (error: import('./types.js').ErrorShape | null) => void }} options
 *   copy: copy buttons beside the values; noteError: told of each error, and of null when an
 *   inspection (or nothing, for an emptied input) replaces it.
 * @returns {ReturnType<typeof createImporter>}
 */
export function createImportView(doc, { status, result, textbox, idPrefix, copy, noteError }) {
  const importer = createImporter({
    status,
    onResult: (inspection, source) => {
      noteError?.(null);
      result.replaceChildren();
      if (!inspection) return;
      result.append(
        inspectionView(doc, inspection, {
          source,
          copy,
          idPrefix,
          onChooseCertificate: (sha1) => importer.chooseCertificate(sha1),
        }),
      );
    },
    onError: (error) => {
      noteError?.(error);
      // A private key must not stay on screen or anywhere else.
      if (error.code === 'private-key-refused') textbox.value = '';
      result.replaceChildren(
        errorView(doc, error, {
          idPrefix,
          onChooseIdentityProvider: (entityId) => importer.chooseIdentityProvider(entityId),
        }),
      );
    },
  });
  return importer;
}
