// @ts-check
// Test SSO in the browser: the worker watches, without blocking and without storing anything on
// disk, the sign-in traffic of a Mimecast SAML test. The AuthnRequest Mimecast sends to Entra
// (the redirect to login.microsoftonline.com, or a POST form) teaches the account code, and so
// the Audience; the SAMLResponse Entra POSTs to Mimecast's API host gets the verdict, judged
// against the profile values the content script last filled or read on the console. The core
// decides which requests are sign-ins and says everything shown: the badge's text, its title and
// the popup's words. Everything is kept in storage.session, which lives in memory only.

/** The listener's filter: broad; the core tells a sign-in from anything else on these hosts. */
const OBSERVED_URLS = [
  'https://*.mimecast.com/login/*',
  'https://*.mimecast-pscom-us.com/login/*',
  'https://login.microsoftonline.com/*',
];

/** Badge colours by the verdict's tone (the words come from the core). */
const TONE_COLOURS = {
  pass: '#1a7f37',
  fail: '#cf222e',
  warning: '#9a6700',
  info: '#0969da',
};

/** The profile values the verdict is judged against (keys of the core's check input). */
const PROFILE_KEYS = ['issuer_url', 'certificate'];

/**
 * @typedef {import('../pkg/mimecast_sso.js').Observation} Observation
 * @typedef {import('../pkg/mimecast_sso.js').Verdict} Verdict
 * @typedef {import('../pkg/mimecast_sso.js').ObservedRequest} ObservedRequest
 * @typedef {import('../pkg/mimecast_sso.js').ObserveOptions} ObserveOptions
 * @typedef {{time: number, url: string, observation: Observation}} Seen
 * @typedef {{request?: Seen, response?: Seen, account_code?: string}} TabState
 * @typedef {(request: ObservedRequest, options: ObserveOptions) => Promise<Observation | null>} Observe
 */

/**
 * The request's form body: formData as a URL-encoded body, else the raw bytes (which are one).
 * @param {any} details a webRequest.onBeforeRequest event
 * @returns {string | Uint8Array | null}
 */
function bodyOf(details) {
  const body = details.requestBody;
  if (!body) return null;
  if (body.formData) {
    const form = new URLSearchParams();
    for (const [name, values] of Object.entries(body.formData))
      for (const value of /** @type {string[]} */ (values)) form.append(name, value);
    return form.toString();
  }
  if (Array.isArray(body.raw)) {
    const parts = body.raw
      .filter((/** @type {any} */ part) => part.bytes)
      .map((/** @type {any} */ part) => new Uint8Array(part.bytes));
    const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.length;
    }
    return bytes;
  }
  return null;
}

/**
 * Starts observing. `observe` is the core's `observe`; returns the worker's message handlers.
 * @param {any} api chrome or browser
 * @param {Observe} observe
 */
export function startObserver(api, observe) {
  const session = api.storage?.session;
  const tabKey = (/** @type {number} */ tabId) => `tab-${tabId}`;

  /** @returns {Promise<Record<string, any>>} */
  const read = async (/** @type {string[]} */ keys) => (session ? session.get(keys) : {});

  /** @param {number} tabId @param {Verdict} verdict */
  async function showBadge(tabId, verdict) {
    const target = tabId >= 0 ? { tabId } : {};
    await Promise.all([
      api.action.setBadgeText({ ...target, text: verdict.badge }),
      api.action.setBadgeBackgroundColor({ ...target, color: TONE_COLOURS[verdict.tone] }),
      api.action.setTitle({ ...target, title: verdict.sentence }),
    ]);
  }

  /** The verdict of the tab's latest message. @param {TabState} state */
  function latest(state) {
    const seen = [state.request, state.response].filter(Boolean);
    seen.sort((a, b) => /** @type {Seen} */ (b).time - /** @type {Seen} */ (a).time);
    return seen[0]?.observation.verdict;
  }

  /** @param {any} details */
  async function onRequest(details) {
    const key = tabKey(details.tabId);
    const stored = await read(['profile', 'account_code', key]);
    const profile = stored.profile ?? {};
    /** @type {TabState} */
    const state = stored[key] ?? {};
    /** @type {ObserveOptions} */
    const options = { now: new Date().toISOString() };
    if (profile.issuer_url) options.issuer = profile.issuer_url;
    if (profile.certificate) options.certificate = profile.certificate;
    const accountCode = state.account_code ?? stored.account_code;
    if (accountCode) options.account_code = accountCode;
    const observation = await observe({ url: details.url, body: bodyOf(details) }, options);
    if (!observation) return;
    /** @type {Seen} */
    const seen = { time: Date.now(), url: details.url, observation };
    /** @type {Record<string, any>} */
    const update = { last_tab: details.tabId };
    if (observation.endpoint === 'entra-sign-in') {
      state.request = seen;
      delete state.response;
      if (observation.account_code) {
        state.account_code = observation.account_code;
        update.account_code = observation.account_code;
      }
    } else {
      state.response = seen;
    }
    update[key] = state;
    await session?.set(update);
    await showBadge(details.tabId, observation.verdict);
  }

  // One at a time, in the order the browser sent them: a response is judged with what the
  // request before it taught.
  let queue = Promise.resolve();
  if (api.webRequest?.onBeforeRequest) {
    api.webRequest.onBeforeRequest.addListener(
      (/** @type {any} */ details) => {
        if (details.method !== 'GET' && details.method !== 'POST') return;
        queue = queue.then(() => onRequest(details)).catch(() => {});
      },
      { urls: OBSERVED_URLS, types: ['main_frame', 'sub_frame'] },
      ['requestBody'],
    );
  }

  // A page load resets a tab's badge: show the tab's verdict again.
  api.tabs?.onUpdated?.addListener(
    async (/** @type {number} */ tabId, /** @type {any} */ change) => {
      if (!change.status) return;
      const key = tabKey(tabId);
      const state = (await read([key]))[key];
      const verdict = state && latest(state);
      if (verdict) await showBadge(tabId, verdict).catch(() => {});
    },
  );
  api.tabs?.onRemoved?.addListener((/** @type {number} */ tabId) => {
    session?.remove(tabKey(tabId));
  });

  return {
    /** The content script's form values, when it fills the form or reads it. */
    profile: async (/** @type {any} */ message) => {
      const values = message.values && typeof message.values === 'object' ? message.values : {};
      /** @type {Record<string, string>} */
      const profile = {};
      for (const name of PROFILE_KEYS)
        if (typeof values[name] === 'string') profile[name] = values[name];
      // A form with neither value (another section, an empty form) teaches nothing.
      if (Object.values(profile).some((value) => value.trim() !== ''))
        await session?.set({ profile });
      return {};
    },
    /** The popup: what was seen in a tab (or, when nothing was, in the last tab that saw any). */
    'test-sso': async (/** @type {any} */ message) => {
      const asked = Number.isInteger(message.tab_id) ? tabKey(message.tab_id) : null;
      const stored = await read(['last_tab', ...(asked ? [asked] : [])]);
      const key = asked && stored[asked] ? asked : tabKey(stored.last_tab);
      const state = stored[key] ?? (await read([key]))[key] ?? null;
      return {
        request: state?.request ?? null,
        response: state?.response ?? null,
      };
    },
  };
}
