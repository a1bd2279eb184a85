// @ts-check
// Turns what the worker answered into DOM, for the panel (in a shadow root) and the
// popup alike. Every value is set as text, never as HTML: metadata is untrusted.
// Nothing here judges a value; findings, validity and the suggested certificate
// all come from the core.

// The names the Mimecast form uses for each field, as the core gives them with every
// inspection and check (`labels`): learnt from each answer, never written here.
/** @type {Record<string, string>} */
export const FIELD_TITLES = {};

/** @param {Record<string, string> | undefined} labels */
export function learnLabels(labels) {
  if (labels && typeof labels === 'object') Object.assign(FIELD_TITLES, labels);
}

const SEVERITY_TITLES = { error: 'Error', warning: 'Warning', info: 'Note' };

const DOCUMENT_TITLES = {
  app: 'Entra ID application metadata',
  tenant: 'Entra ID tenant metadata (no appid)',
  'tenant-independent': 'Entra ID tenant-independent metadata',
};

// el(doc, "p", {className: "x"}, "text", child, ...)
export function el(doc, tag, properties, ...children) {
  const element = doc.createElement(tag);
  for (const [key, value] of Object.entries(properties || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'className') element.className = value;
    else if (key === 'text') element.textContent = value;
    else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key in element && typeof value !== 'string') element[key] = value;
    else element.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return element;
}

function copyButton(doc, title, value) {
  return el(doc, 'button', {
    type: 'button',
    className: 'copy',
    'aria-label': `Copy ${title}`,
    text: 'Copy',
    onclick: async (event) => {
      const button = event.currentTarget;
      try {
        await navigator.clipboard.writeText(value);
        button.textContent = 'Copied';
      } catch {
        button.textContent = 'Copy failed';
      }
      setTimeout(() => (button.textContent = 'Copy'), 1500);
    },
  });
}

// A bar from notBefore to notAfter with today marked: how much of the lifetime is gone.
function timeline(doc, certificate) {
  const validity = certificate.validity || {};
  const share = Number(validity.percent) || 0;
  const percent = `${share}%`;
  const gone = el(doc, 'span', { className: 'gone' });
  gone.style.width = percent;
  const today = el(doc, 'span', { className: 'today', title: 'today' });
  today.style.left = percent;
  const todayLabel = el(doc, 'span', { className: 'today-label', text: 'today' });
  // Kept off the very ends so that the word stays inside the bar's width.
  todayLabel.style.left = `${Math.min(92, Math.max(8, share))}%`;
  return el(
    doc,
    'div',
    {
      className: `timeline status-${validity.status || 'unknown'}`,
      role: 'img',
      'aria-label': validity.timeline,
    },
    el(doc, 'span', { className: 'marks' }, todayLabel),
    el(doc, 'span', { className: 'bar' }, gone, today),
    el(
      doc,
      'span',
      { className: 'ends' },
      el(doc, 'span', { text: validity.from }),
      el(doc, 'span', { text: validity.until }),
    ),
  );
}

function certificateCard(doc, certificate, index, inspection, options) {
  const several = inspection.signing_certificates.length > 1;
  const chosen = index === inspection.chosen_certificate;
  const suggested = index === inspection.suggested_certificate;
  const heading = el(
    doc,
    'div',
    { className: 'cert-subject' },
    el(doc, 'span', { text: certificate.subject || '(no subject)' }),
    suggested && several ? el(doc, 'span', { className: 'tag', text: 'suggested' }) : null,
  );
  const details = el(
    doc,
    'dl',
    { className: 'cert-details' },
    el(doc, 'dt', { text: 'Valid' }),
    el(
      doc,
      'dd',
      {},
      `${certificate.validity?.from} to ${certificate.validity?.until} · `,
      el(doc, 'span', {
        className: `validity status-${certificate.validity?.status}`,
        text: certificate.validity?.sentence,
      }),
    ),
    el(doc, 'dt', { text: 'SHA-1' }),
    el(doc, 'dd', {}, el(doc, 'code', { className: 'thumbprint', text: certificate.sha1 })),
  );
  const card = el(doc, 'li', { className: `cert${chosen ? ' chosen' : ''}` });
  if (several) {
    const radio = el(doc, 'input', {
      type: 'radio',
      name: `certificate-choice-${options.idPrefix || 'x'}`,
      value: certificate.sha1,
      checked: chosen,
      'aria-label': `Use certificate ${certificate.sha1}, ${certificate.subject}, valid to ${certificate.validity?.until}`,
      onchange: () => options.onChooseCertificate?.(certificate.sha1),
    });
    card.append(el(doc, 'label', { className: 'choice' }, radio, heading));
  } else {
    card.append(heading);
  }
  card.append(details, timeline(doc, certificate));
  return card;
}

export function findingsList(doc, findings) {
  if (!findings || findings.length === 0)
    return el(doc, 'p', { className: 'no-findings', text: 'No problems found.' });
  return el(
    doc,
    'ul',
    { className: 'findings' },
    findings.map((finding) =>
      el(
        doc,
        'li',
        { className: `finding severity-${finding.severity}`, 'data-code': finding.code },
        el(doc, 'strong', { text: `${SEVERITY_TITLES[finding.severity] || finding.severity}: ` }),
        finding.message,
      ),
    ),
  );
}

function valueRow(doc, name, value, options) {
  const title = FIELD_TITLES[name];
  const shown =
    value === null || value === undefined
      ? el(doc, 'span', { className: 'absent', text: 'not in this input' })
      : el(doc, 'code', {
          className: name === 'certificate' ? 'value long' : 'value',
          title: value,
          text: value,
        });
  return [
    el(doc, 'dt', { text: title }),
    el(doc, 'dd', {}, shown, options.copy && value ? copyButton(doc, title, value) : null),
  ];
}

function sourceLine(inspection, source) {
  const parts = [];
  if (inspection.input_kind === 'certificate') parts.push('Certificate');
  else parts.push(DOCUMENT_TITLES[inspection.entra_document] || 'SAML metadata');
  if (inspection.tenant_id) parts.push(`tenant ${inspection.tenant_id}`);
  if (source?.name) parts.push(`from ${source.name}`);
  if (source?.url) parts.push('fetched from its URL');
  return parts.join(' · ');
}

// The whole inspection: values, signing certificates (with a choice when there are
// several), findings.
/**
 * @param {Document} doc
 * @param {import('./types.js').Inspection} inspection
 * @param {{ source?: object, copy?: boolean, idPrefix?: string,
 *   onChooseCertificate?: (sha1: string) => void }} [options]
 */
export function inspectionView(doc, inspection, options = {}) {
  learnLabels(inspection.labels);
  const values = /** @type {Record<string, string | null>} */ (inspection.mimecast || {});
  const names = ['issuer_url', 'login_url', 'logout_url', 'certificate'];
  if (values.metadata_url) names.push('metadata_url');
  const certificates = inspection.signing_certificates || [];
  const several = certificates.length > 1;
  return el(
    doc,
    'section',
    { className: 'inspection', 'aria-label': 'What was found' },
    el(doc, 'p', { className: 'source', text: sourceLine(inspection, options.source) }),
    el(
      doc,
      'dl',
      { className: 'values' },
      names.map((name) => valueRow(doc, name, values[name], options)),
    ),
    certificates.length
      ? el(
          doc,
          several ? 'fieldset' : 'div',
          { className: 'certs' },
          el(doc, several ? 'legend' : 'h3', {
            text: several
              ? `${certificates.length} signing certificates: choose the one to use`
              : 'Signing certificate',
          }),
          el(
            doc,
            'ul',
            { className: 'cert-list' },
            certificates.map((certificate, index) =>
              certificateCard(doc, certificate, index, inspection, options),
            ),
          ),
        )
      : null,
    el(doc, 'h3', { text: 'Findings' }),
    findingsList(doc, inspection.findings),
  );
}

// The error's one sentence. For several identity providers, with a way to choose here: an
// "Identity provider" list that reads the same input again for the one chosen.
/**
 * @param {Document} doc
 * @param {import('./types.js').ErrorShape} error
 * @param {{ idPrefix?: string, onChooseIdentityProvider?: (entityId: string) => void }} [options]
 */
export function errorView(doc, error, options = {}) {
  const sentence = el(doc, 'p', {
    className: 'error',
    role: 'alert',
    'data-code': error.code,
    text: error.message,
  });
  const ids = error.entity_ids;
  if (!options.onChooseIdentityProvider || !Array.isArray(ids) || ids.length < 2) return sentence;
  const id = `${options.idPrefix ?? 'mcsso'}-identity-provider`;
  const select = el(
    doc,
    'select',
    { id },
    el(doc, 'option', { value: '', text: `Choose one of the ${ids.length}…` }),
    ...ids.map((entityId) => el(doc, 'option', { value: entityId, text: entityId })),
  );
  select.addEventListener('change', () => {
    if (select.value) options.onChooseIdentityProvider(select.value);
  });
  return el(
    doc,
    'div',
    { className: 'choose-identity-provider' },
    sentence,
    el(doc, 'label', { for: id, text: 'Identity provider' }),
    select,
  );
}
