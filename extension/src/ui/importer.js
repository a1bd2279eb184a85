// @ts-check
// The import, shared by the panel and the popup: pasted text, a dropped or chosen
// file, or a metadata URL goes to the worker; what comes back is an inspection or
// an error with its one sentence. What the text is (XML, URL, certificate, key) is
// the core's call (`classify`), never guessed here. The status line (reading, fetching)
// is the importer's to keep.

import { ask, bytesToBase64 } from './messages.js';

export function createImporter({ status, onResult, onError }) {
  let source = null; // {text} | {bytes, name} | {url}
  /** @type {import('./types.js').Inspection | null} */
  let inspection = null;
  /** @type {import('./types.js').FillPlan | null} */
  let plan = null; // what Fill writes for this inspection (the core's fill plan)
  let sequence = 0;
  let pending = Promise.resolve();
  // The text being read or last read (null after a file): the same text is not read twice, so
  // a late input event after a paste neither re-reads it nor resets what the panel shows.
  let readText = null;

  // Only the answer to the latest request counts: a slow fetch must not
  // overwrite what the admin pasted since.
  function track(work) {
    const mine = ++sequence;
    status.textContent = 'Reading…';
    const job = work(() => mine === sequence).then(
      (reply) => {
        if (mine !== sequence) return;
        status.textContent = '';
        if (reply.ok) {
          inspection = reply.inspection;
          plan = reply.plan ?? null;
          onResult(inspection, source);
        } else {
          inspection = null;
          plan = null;
          onError(reply.error, source);
        }
      },
      (error) => {
        if (mine !== sequence) return;
        status.textContent = '';
        inspection = null;
        plan = null;
        onError(
          { code: 'internal', message: String(error?.message ? error.message : error) },
          source,
        );
      },
    );
    pending = job;
    return job;
  }

  function request(from, extra = {}) {
    if (from.url) return ask({ type: 'fetch-metadata', url: from.url, ...extra });
    if (from.bytes) return ask({ type: 'inspect', bytes: from.bytes, name: from.name, ...extra });
    return ask({ type: 'inspect', text: from.text, ...extra });
  }

  function fromText(text) {
    if (!text || text.trim() === '') return readText === '' ? pending : clear();
    if (text === readText) return pending;
    readText = text;
    return track(async (mine) => {
      const classified = await ask({ type: 'classify', text });
      if (!classified.ok) return classified;
      const from = classified.kind === 'metadata-url' ? { url: text.trim() } : { text };
      if (!mine()) return classified;
      source = from;
      if (from.url) status.textContent = `Fetching ${new URL(from.url).host}…`;
      return request(from);
    });
  }

  // The file is read inside the tracked job, so that a click while it is still being read
  // waits for it (idle() is this job from the first moment).
  function fromFile(file) {
    readText = null;
    return track(async (mine) => {
      const bytes = bytesToBase64(await file.arrayBuffer());
      const from = { bytes, name: file.name };
      if (mine()) source = from;
      return request(from);
    });
  }

  // Another signing certificate: the core re-runs its findings for that choice.
  function chooseCertificate(sha1) {
    if (!source) return Promise.resolve();
    const extra = { certificate: sha1 };
    if (inspection?.entity_id) extra.entity_id = inspection.entity_id;
    const from = source;
    return track(() => request(from, extra));
  }

  // One identity provider of several: the same input again, with its entity ID.
  function chooseIdentityProvider(entityId) {
    if (!source) return Promise.resolve();
    const from = source;
    return track(() => request(from, { entity_id: entityId }));
  }

  function clear() {
    sequence++;
    readText = '';
    source = null;
    inspection = null;
    plan = null;
    status.textContent = '';
    onResult(null, null);
    return Promise.resolve();
  }

  return {
    fromText,
    fromFile,
    chooseCertificate,
    chooseIdentityProvider,
    clear,
    // Resolves once the latest input has been read (waiting again if a newer one came meanwhile).
    idle: async () => {
      let job;
      do {
        job = pending;
        await job;
      } while (job !== pending);
    },
    get inspection() {
      return inspection;
    },
    get plan() {
      return plan;
    },
    get source() {
      return source;
    },
  };
}
