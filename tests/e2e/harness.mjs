// End-to-end harness: one local HTTPS server that stands in for the Mimecast consoles (three
// generations of the Authentication Profile form) and for Microsoft Entra ID's federation metadata,
// under their real host names, plus a Chromium launcher (playwright-core) that maps those host
// names to the server and loads an unpacked extension.
//
//   const server = await startServer();
//   const browser = await launchBrowser({ extensionDir: 'dist/extension', port: server.port });
//   const page = await openConsole(browser.context, 'administration-console-2022', { prefilled: true });
//   const model = await readModel(page);
//   ...
//   await browser.close(); await server.close();
//
// See tests/e2e/fixtures/README.md for what each page imitates and its oddities.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import {
  ENTRA_PROVIDER,
  GENERATIONS,
  INITIAL_MODEL,
  MODEL_KEYS,
  OLD_CERTIFICATE,
  PROVIDER_OPTIONS,
} from './fixtures/console/console-data.js';

export {
  ENTRA_PROVIDER,
  GENERATIONS,
  INITIAL_MODEL,
  MODEL_KEYS,
  OLD_CERTIFICATE,
  PROVIDER_OPTIONS,
};

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES_DIR = path.join(HERE, 'fixtures');
const CONSOLE_DIR = path.join(FIXTURES_DIR, 'console');
const ENTRA_DIR = path.join(FIXTURES_DIR, 'entra');
// The metadata the Entra stand-in serves is the Rust tests' corpus copy, not a copy of its own.
const CORPUS_METADATA_DIR = path.join(HERE, '..', 'fixtures', 'corpus', 'metadata');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// ---------------------------------------------------------------------------------------------
// Where things live

/** Each console generation: the host and app path it is served under, and its hash routes. */
export const CONSOLES = {
  'admin-console-2015': {
    host: 'login-us.mimecast.com',
    appPath: '/mimecast/admin/',
    routes: {
      form: '#/services/applications/authentication-profiles/new',
      list: '#/services/applications/authentication-profiles',
      dashboard: '#/dashboard',
    },
  },
  'personal-portal-2017': {
    host: 'login-jer.mimecast-offshore.com',
    appPath: '/mimecast/admin/',
    routes: {
      form: '#/services/applications/authentication-profiles/new',
      list: '#/services/applications/authentication-profiles',
      dashboard: '#/dashboard',
    },
  },
  'administration-console-2022': {
    host: 'login-eu.mimecast.com',
    appPath: '/administration/app/',
    routes: {
      form: '#/administration/services/applications/authentication-profiles/new',
      list: '#/administration/services/applications/authentication-profiles',
      dashboard: '#/dashboard',
    },
  },
  // Today's profile with several SAML sections (not one of GENERATIONS: its model is per section).
  'authentication-profile-2024': {
    host: 'login-uk.mimecast.com',
    appPath: '/administration/app/',
    routes: { form: '#/users-groups/applications/authentication-profiles/new' },
  },
};

/** The same 2022 console on the US public-sector grid's domain (content scripts must match it too). */
export const PSCOM_HOST = 'login-uspcom.mimecast-pscom-us.com';
/** A host that is not Mimecast's, serving the very same 2022 form: the extension must NOT run there. */
export const FOREIGN_HOST = 'www.example.com';
export const ENTRA_HOST = 'login.microsoftonline.com';

/** Host -> generation served at that host. */
const HOST_GENERATION = {
  'login-us.mimecast.com': 'admin-console-2015',
  'login-jer.mimecast-offshore.com': 'personal-portal-2017',
  'login-eu.mimecast.com': 'administration-console-2022',
  'login-uk.mimecast.com': 'authentication-profile-2024',
  [PSCOM_HOST]: 'administration-console-2022',
  [FOREIGN_HOST]: 'administration-console-2022',
};

export const ALL_HOSTS = [...Object.keys(HOST_GENERATION), ENTRA_HOST];

/**
 * The URL of a console page.
 * generation: one of GENERATIONS; options:
 *   route: 'form' (default) | 'list' | 'dashboard'
 *   prefilled: start the form with an old configuration (INITIAL_MODEL[g].prefilled)
 *   strictCsp: serve the page with `Content-Security-Policy: script-src 'self'`
 *   delay: milliseconds before the console renders (default: RENDER_DELAY_MS in console-data.js)
 *   host: serve under another host (PSCOM_HOST, FOREIGN_HOST, …)
 */
export function consoleUrl(
  generation,
  {
    route = 'form',
    prefilled = false,
    strictCsp = false,
    placeholderOutside = false,
    delay,
    host,
    enforce,
    nologout,
    shell = false,
  } = {},
) {
  const c = CONSOLES[generation];
  if (!c)
    throw new Error(`unknown console generation ${generation}; one of ${GENERATIONS.join(', ')}`);
  if (!c.routes[route]) throw new Error(`unknown route ${route}`);
  const q = new URLSearchParams();
  if (prefilled) q.set('prefilled', '1');
  if (strictCsp) q.set('csp', 'strict');
  if (placeholderOutside) q.set('placeholder', 'outside');
  if (delay !== undefined) q.set('delay', String(delay));
  // authentication-profile-2024: sections enforced at load ('a', 'w', 'a,w'); the shell page.
  if (enforce) q.set('enforce', enforce);
  if (nologout) q.set('nologout', nologout);
  if (shell) q.set('shell', '1');
  const qs = q.toString();
  const h = host || c.host;
  if (host && HOST_GENERATION[host] !== generation)
    throw new Error(`${host} serves ${HOST_GENERATION[host]}, not ${generation}`);
  return `https://${h}${c.appPath}${qs ? `?${qs}` : ''}${c.routes[route]}`;
}

/** Form URLs of each generation, plus the plain dashboard (no form: the extension shows nothing). */
export const CONSOLE_URLS = {
  'admin-console-2015': consoleUrl('admin-console-2015'),
  'personal-portal-2017': consoleUrl('personal-portal-2017'),
  'administration-console-2022': consoleUrl('administration-console-2022'),
  dashboard: consoleUrl('administration-console-2022', { route: 'dashboard' }),
  list: consoleUrl('administration-console-2022', { route: 'list' }),
  strictCsp: consoleUrl('administration-console-2022', { strictCsp: true }),
  pscom: consoleUrl('administration-console-2022', { host: PSCOM_HOST }),
  foreign: consoleUrl('administration-console-2022', { host: FOREIGN_HOST }),
};

// ---------------------------------------------------------------------------------------------
// The Entra stand-in

export const ENTRA = {
  /** Tenant of the app metadata (azure-app-mathivanan-bom-crlf.xml). */
  APP_TENANT: 'a15b04fc-6ff1-42a7-bb24-2e762259f5da',
  /** The application (client) id that the app metadata is served for. Made up. */
  APP_ID: '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
  /** Tenant of the tenant-wide metadata (azure-tenant-rubysaml-multicerts.xml, two signing certs). */
  TENANT_WIDE: '413504eb-8622-47d2-aa72-ddbba4584471',
  /** An app id the stand-in does not know: 404. */
  UNKNOWN_APP_ID: '00000000-0000-4000-8000-000000000404',
  /** An app id for which the stand-in answers 200 with an HTML page. */
  HTML_APP_ID: '00000000-0000-4000-8000-000000000200',
  /** An app id for which the stand-in serves the app metadata after SLOW_MS. */
  SLOW_APP_ID: '00000000-0000-4000-8000-000000005100',
  SLOW_MS: 1000,
};

const md = (tenant, appid) =>
  `https://${ENTRA_HOST}/${tenant}/federationmetadata/2007-06/federationmetadata.xml${appid ? `?appid=${appid}` : ''}`;

export const ENTRA_URLS = {
  /** App federation metadata (one "Microsoft Azure Federated SSO Certificate"). 200, BOM, CRLF. */
  app: md(ENTRA.APP_TENANT, ENTRA.APP_ID),
  /** Tenant-wide metadata, no ?appid= (tenant keys, two signing certificates). 200, BOM, CRLF. */
  tenant: md(ENTRA.TENANT_WIDE),
  /** A well-formed metadata URL for an unknown application: 404 with an HTML error page. */
  notFound: md(ENTRA.APP_TENANT, ENTRA.UNKNOWN_APP_ID),
  /** A well-formed metadata URL that answers 200 text/html (a sign-in page), not metadata. */
  html: md(ENTRA.APP_TENANT, ENTRA.HTML_APP_ID),
  /** The app metadata, answered after ENTRA.SLOW_MS. */
  slow: md(ENTRA.APP_TENANT, ENTRA.SLOW_APP_ID),
  /** Entra's SAML endpoint (the Login URL): an HTML sign-in page. */
  signIn: `https://${ENTRA_HOST}/${ENTRA.APP_TENANT}/saml2`,
};

/** Local copies of the metadata, for file-picker, drop and paste tests. */
export const METADATA_FILES = {
  app: path.join(CORPUS_METADATA_DIR, 'azure-app-mathivanan-bom-crlf.xml'),
  tenant: path.join(CORPUS_METADATA_DIR, 'azure-tenant-rubysaml-multicerts.xml'),
};

/**
 * What each metadata document holds, from an independent parser (python3-saml + openssl; see
 * fixtures/entra/expected.json): {issuer_url, login_url, logout_url,
 * signing_certificates: [{base64, sha1, subject, not_before, not_after}]} for `app` and `tenant`.
 */
export const ENTRA_EXPECTED = JSON.parse(
  readFileSync(path.join(ENTRA_DIR, 'expected.json'), 'utf8'),
);

/** The bytes Entra sends: UTF-8 BOM and CRLF line ends, whatever the file on disk has. */
function asEntraSends(buf) {
  let text = buf.toString('utf8').replace(/^\uFEFF/, '');
  text = text.replace(/\r\n/g, '\n').replace(/\n/g, '\r\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

const entraFile = (name) => readFileSync(path.join(ENTRA_DIR, name));

function serveEntra(req, res, url) {
  const send = (status, type, body, delay = 0) =>
    setTimeout(() => {
      res.writeHead(status, {
        'Content-Type': type,
        'Cache-Control': 'no-store',
        'Content-Length': body.length,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    }, delay);
  const m = /^\/([^/]+)\/federationmetadata\/2007-06\/federationmetadata\.xml$/i.exec(url.pathname);
  if (m) {
    const tenant = m[1].toLowerCase();
    const appid = (url.searchParams.get('appid') || '').toLowerCase();
    if (tenant === ENTRA.APP_TENANT && appid === ENTRA.APP_ID)
      return send(200, 'application/xml', asEntraSends(readFileSync(METADATA_FILES.app)));
    if (tenant === ENTRA.APP_TENANT && appid === ENTRA.SLOW_APP_ID)
      return send(
        200,
        'application/xml',
        asEntraSends(readFileSync(METADATA_FILES.app)),
        ENTRA.SLOW_MS,
      );
    if (tenant === ENTRA.APP_TENANT && appid === ENTRA.HTML_APP_ID)
      return send(200, 'text/html; charset=utf-8', entraFile('sign-in-page.html'));
    if (tenant === ENTRA.TENANT_WIDE && !appid)
      return send(200, 'application/xml', asEntraSends(readFileSync(METADATA_FILES.tenant)));
    return send(404, 'text/html; charset=utf-8', entraFile('not-found.html'));
  }
  if (/^\/[^/]+\/saml2$/i.test(url.pathname))
    return send(200, 'text/html; charset=utf-8', entraFile('sign-in-page.html'));
  return send(404, 'text/html; charset=utf-8', entraFile('not-found.html'));
}

// ---------------------------------------------------------------------------------------------
// The console stand-ins

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
export const STRICT_CSP = "script-src 'self'";

function serveConsole(req, res, url, host) {
  const generation = HOST_GENERATION[host];
  const { appPath } = CONSOLES[generation];
  const send = (status, headers, body) => {
    res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (url.pathname === '/' || url.pathname === appPath.replace(/\/$/, ''))
    return send(302, { Location: appPath + url.search }, '');
  if (url.pathname === appPath) {
    const headers = { 'Content-Type': CONTENT_TYPES['.html'], 'X-Frame-Options': 'SAMEORIGIN' };
    if (url.searchParams.get('csp') === 'strict') headers['Content-Security-Policy'] = STRICT_CSP;
    // A console shell that holds the profile in a same-origin frame.
    const page = url.searchParams.get('shell') === '1' ? 'console-shell' : generation;
    return send(200, headers, readFileSync(path.join(CONSOLE_DIR, `${page}.html`)));
  }
  const asset = url.pathname.startsWith(`${appPath}assets/`)
    ? url.pathname.slice(appPath.length + 'assets/'.length)
    : null;
  if (asset && /^[a-z0-9-]+\.(js|css)$/.test(asset)) {
    try {
      const body = readFileSync(path.join(CONSOLE_DIR, asset));
      return send(200, { 'Content-Type': CONTENT_TYPES[path.extname(asset)] }, body);
    } catch {
      /* fall through to 404 */
    }
  }
  if (url.pathname === '/favicon.ico') return send(204, {}, '');
  return send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found');
}

// ---------------------------------------------------------------------------------------------
// The server

let tlsPromise = null;
/** A throwaway self-signed certificate for every stand-in host, made once per process with openssl. */
function tlsMaterial() {
  tlsPromise ??= Promise.resolve().then(() => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mimecast-sso-tls-'));
    try {
      const key = path.join(dir, 'key.pem');
      const cert = path.join(dir, 'cert.pem');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '2',
          '-subj',
          '/CN=SSO Autofill for Mimecast e2e stand-in',
          '-addext',
          `subjectAltName=${ALL_HOSTS.map((h) => `DNS:${h}`).join(',')}`,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      return { key: readFileSync(key), cert: readFileSync(cert) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return tlsPromise;
}

/**
 * Start the HTTPS server on 127.0.0.1 (a free port). It dispatches on the Host header:
 * console hosts -> the console stand-ins, login.microsoftonline.com -> the Entra stand-in.
 * Returns {port, requests, close()}: `requests` logs every request as
 * {host, method, path, origin, time} (clear it with `requests.length = 0`).
 */
export async function startServer() {
  const { key, cert } = await tlsMaterial();
  const requests = [];
  const sockets = new Set();
  const server = https.createServer({ key, cert }, (req, res) => {
    const host = String(req.headers.host || '')
      .replace(/:\d+$/, '')
      .toLowerCase();
    const url = new URL(req.url, `https://${host || 'localhost'}`);
    requests.push({
      host,
      method: req.method,
      path: url.pathname + url.search,
      origin: req.headers.origin ?? null,
      time: Date.now(),
    });
    try {
      if (host === ENTRA_HOST) return serveEntra(req, res, url);
      if (HOST_GENERATION[host]) return serveConsole(req, res, url, host);
      res.writeHead(421, { 'Content-Type': 'text/plain' });
      res.end(`No stand-in for host ${host}`);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(err?.stack));
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (connections are refused, as when offline). */
async function closedPort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

/** The --host-resolver-rules value: stand-in hosts to the server; everything else fails to resolve. */
export function hostResolverRules(port, { entraReachable = true, entraPort } = {}) {
  const rules = Object.keys(HOST_GENERATION).map((h) => `MAP ${h}:443 127.0.0.1:${port}`);
  rules.push(`MAP ${ENTRA_HOST}:443 127.0.0.1:${entraReachable ? port : entraPort}`);
  rules.push('MAP * ~NOTFOUND', 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1');
  return rules.join(', ');
}

// ---------------------------------------------------------------------------------------------
// The browser

/**
 * What Chromium needs here: root without a sandbox, no GPU, and none of its own background
 * traffic (this machine's network is closed, and a refused connection is slow).
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Launch Debian's Chromium (new headless) with a fresh profile.
 *   extensionDir: an unpacked extension to load (optional: without it, no extension)
 *   port: the server's port (required)
 *   entraReachable: false maps login.microsoftonline.com to a closed port (fetches fail as offline)
 *   viewport: page viewport (default 1280x900)
 * Returns {context, extensionId, serviceWorker, userDataDir, close()}; extensionId and
 * serviceWorker are null without an extension.
 */
export async function launchBrowser({
  extensionDir,
  port,
  entraReachable = true,
  viewport = { width: 1280, height: 900 },
} = {}) {
  if (!port) throw new Error('launchBrowser needs the server port');
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mimecast-sso-chromium-'));
  const entraPort = entraReachable ? port : await closedPort();
  const args = [
    '--headless=new',
    ...CHROMIUM_FLAGS,
    `--host-resolver-rules=${hostResolverRules(port, { entraReachable, entraPort })}`,
    '--ignore-certificate-errors',
  ];
  if (extensionDir) {
    const dir = path.resolve(extensionDir);
    args.push(`--disable-extensions-except=${dir}`, `--load-extension=${dir}`);
  }
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: false,
      args,
      ignoreHTTPSErrors: true,
      viewport,
    });
  } catch (err) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  };
  let serviceWorker = null;
  let extensionId = null;
  if (extensionDir) {
    try {
      serviceWorker = context
        .serviceWorkers()
        .find((w) => w.url().startsWith('chrome-extension://'));
      serviceWorker ??= await context.waitForEvent('serviceworker', {
        predicate: (w) => w.url().startsWith('chrome-extension://'),
        timeout: 15000,
      });
      extensionId = new URL(serviceWorker.url()).host;
    } catch (err) {
      await close();
      throw new Error(
        `the extension in ${extensionDir} did not start a service worker: ${err.message}`,
      );
    }
  }
  return { context, extensionId, serviceWorker, userDataDir, close };
}

/**
 * Start the server and the browser together. Returns {server, port, context, extensionId,
 * serviceWorker, close()}.
 */
export async function startHarness({ extensionDir, entraReachable = true, viewport } = {}) {
  const server = await startServer();
  let browser;
  try {
    browser = await launchBrowser({ extensionDir, port: server.port, entraReachable, viewport });
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    server,
    port: server.port,
    context: browser.context,
    extensionId: browser.extensionId,
    serviceWorker: browser.serviceWorker,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Pages

/** The console's own state: {generation, ready, route, formPresent, formRenders, rerenderPending}. */
export async function consoleInfo(page) {
  return page.evaluate(() => (window.__consoleInfo ? window.__consoleInfo() : null));
}

/** Wait until the console has rendered `route` ('form': the form is in the DOM and no re-render is pending). */
export async function waitForConsole(page, { route = 'form', timeout = 10000 } = {}) {
  await page.waitForFunction(
    (r) => {
      const i = window.__consoleInfo?.();
      return (
        !!i && i.ready && i.route === r && (r !== 'form' || (i.formPresent && !i.rerenderPending))
      );
    },
    route,
    { timeout, polling: 50 },
  );
}

/**
 * Open a console page in a new tab and wait for its late render.
 * generation: one of GENERATIONS, or 'dashboard' (the 2022 console's dashboard: no form).
 * options: as consoleUrl ({route, prefilled, strictCsp, delay, host}).
 */
export async function openConsole(context, generation, options = {}) {
  let opts = options;
  let gen = generation;
  if (generation === 'dashboard') {
    gen = 'administration-console-2022';
    opts = { ...options, route: 'dashboard' };
  }
  const page = await context.newPage();
  await page.goto(consoleUrl(gen, opts));
  await waitForConsole(page, { route: opts.route || 'form' });
  return page;
}

/** The form's model: a plain object (see MODEL_KEYS), or null when no form is shown. */
export async function readModel(page) {
  return page.evaluate(() => (window.__consoleModel ? window.__consoleModel() : null));
}

/** How many times the form has been rendered so far (1 after the first render). */
export async function formRenders(page) {
  return (await consoleInfo(page))?.formRenders ?? 0;
}

/** Wait until the form has been rendered more than `since` times and no re-render is pending. */
export async function waitForRerender(page, since, { timeout = 5000 } = {}) {
  await page.waitForFunction(
    (n) => {
      const i = window.__consoleInfo?.();
      return !!i && i.formRenders > n && i.formPresent && !i.rerenderPending;
    },
    since,
    { timeout, polling: 50 },
  );
}

const xpathControlBesideCell = (text) =>
  `xpath=//td[normalize-space(.)="${text}"]/following-sibling::td[1]//*[self::input or self::select or self::textarea][1]`;

/**
 * A Playwright locator for one form control, by model key, the way a user would find it.
 * For TESTS only (typing as the admin would, checking what the extension wrote to the DOM):
 * the extension itself must find fields by their visible label text.
 */
export function field(page, generation, key) {
  const L = {
    'admin-console-2015': {
      description: () => page.locator(xpathControlBesideCell('Description')),
      authentication_ttl: () => page.locator(xpathControlBesideCell('Authentication TTL')),
      enforce: () =>
        page.locator(
          xpathControlBesideCell('Enforce SAML Authentication for Mimecast Admin Console'),
        ),
      provider: () => page.locator(xpathControlBesideCell('Provider')),
      issuer_url: () => page.locator(xpathControlBesideCell('Issuer URL')),
      login_url: () => page.locator(xpathControlBesideCell('Login URL')),
      logout_url: () => page.locator(xpathControlBesideCell('Logout URL')),
      certificate: () =>
        page.locator(xpathControlBesideCell('Identity Provider Certificate (Metadata)')),
      allow_sso: () => page.locator(xpathControlBesideCell('Allow Single Sign On')),
    },
    'personal-portal-2017': {
      description: () => page.getByLabel('Description:', { exact: true }),
      enforce: () =>
        page.getByLabel('Enforce SAML Authentication for Mimecast Personal Portal', {
          exact: true,
        }),
      provider: () => page.getByLabel('Provider:', { exact: true }),
      issuer_url: () => page.getByLabel('Issuer URL *', { exact: true }),
      login_url: () => page.getByLabel('Login URL:', { exact: true }),
      logout_url: () => page.getByLabel('Logout URL:', { exact: true }),
      certificate: () =>
        page.getByLabel('Identity Provider Certificate (Metadata) *', { exact: true }),
      allow_sso: () => page.getByLabel('Allow Single Sign On', { exact: true }),
    },
    'administration-console-2022': {
      description: () =>
        page.locator('xpath=//span[normalize-space(.)="Description"]/preceding-sibling::input[1]'),
      enforce: () => page.getByLabel('Enforce SAML Authentication for Mimecast', { exact: true }),
      provider: () => page.getByRole('combobox', { name: /^Provider\b/ }),
      metadata_url: () => page.getByLabel('Metadata URL', { exact: true }),
      issuer_url: () => page.getByLabel('Issuer URL', { exact: true }),
      login_url: () => page.getByLabel(/^Login URL\b/),
      logout_url: () => page.getByPlaceholder('Logout URL', { exact: true }),
      certificate: () =>
        page.getByLabel('Identity Provider Certificate (Metadata)', { exact: true }),
      password_context: () => page.getByLabel('Use Password protected Context', { exact: true }),
      integrated_context: () =>
        page.getByRole('checkbox', { name: 'Use Integrated Authentication Context', exact: true }),
      session_timeout: () => page.getByLabel('Session timeout (minutes)', { exact: true }),
    },
  };
  const f = L[generation]?.[key];
  if (!f) throw new Error(`no field ${key} on ${generation}`);
  return f();
}

/**
 * Paste `text` into a control as a user would: a cancelable `paste` ClipboardEvent carrying the
 * text; unless a listener cancels it, the text replaces the selection (whole value by default)
 * through the editing pipeline, which fires `input` (inputType "insertText", not
 * "insertFromPaste"). Returns true when a listener cancelled the paste.
 * Works for controls in the page and in an open shadow root (Playwright locators pierce it).
 */
export async function paste(locator, text, { replace = true } = {}) {
  await locator.focus();
  return locator.evaluate(
    (el, { text, replace }) => {
      if (replace && typeof el.select === 'function') el.select();
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      const ev = new ClipboardEvent('paste', {
        clipboardData: dt,
        bubbles: true,
        cancelable: true,
        composed: true,
      });
      const notCancelled = el.dispatchEvent(ev);
      if (notCancelled) document.execCommand('insertText', false, text);
      return !notCancelled;
    },
    { text, replace },
  );
}

/**
 * Drop a file on an element (dragenter, dragover, drop with a DataTransfer holding the file).
 * filePath: a file on disk (e.g. METADATA_FILES.app); name/type default from the path.
 */
export async function dropFile(
  locator,
  filePath,
  { name = path.basename(filePath), type = mimeOf(filePath) } = {},
) {
  const bytes = [...readFileSync(filePath)];
  const dataTransfer = await locator.evaluateHandle(
    (_el, { bytes, name, type }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
      return dt;
    },
    { bytes, name, type },
  );
  try {
    for (const ev of ['dragenter', 'dragover', 'drop'])
      await locator.dispatchEvent(ev, { dataTransfer });
  } finally {
    await dataTransfer.dispose();
  }
}

function mimeOf(p) {
  const ext = path.extname(p).toLowerCase();
  if (ext === '.xml') return 'text/xml';
  if (ext === '.cer' || ext === '.crt') return 'application/x-x509-ca-cert';
  if (ext === '.pem') return 'application/x-pem-file';
  return '';
}

/**
 * The extension's service worker as it is now. MV3 workers stop when idle (about 30 s) and start
 * again on the next event; the Worker that launchBrowser returned is then closed. This returns the
 * live one, waiting up to `timeout` for it to (re)start.
 */
export async function extensionWorker(context, extensionId, { timeout = 10000 } = {}) {
  const prefix = `chrome-extension://${extensionId}/`;
  const live = context.serviceWorkers().find((w) => w.url().startsWith(prefix));
  if (live) return live;
  return context.waitForEvent('serviceworker', {
    predicate: (w) => w.url().startsWith(prefix),
    timeout,
  });
}

/**
 * Choose a Provider option by its visible text, as a user would (native select, or the 2022
 * combobox and its overlay listbox), and wait for the re-render that follows a change.
 */
export async function chooseProvider(page, generation, text) {
  const before = await formRenders(page);
  const current = (await readModel(page))?.provider;
  const control = field(page, generation, 'provider');
  if (generation === 'administration-console-2022') {
    await control.click();
    await page.getByRole('listbox').getByRole('option', { name: text, exact: true }).click();
  } else {
    await control.selectOption({ label: text });
  }
  const placeholder = PROVIDER_OPTIONS[generation][0];
  const wanted = text === placeholder ? '' : text;
  if (wanted !== current) await waitForRerender(page, before);
}
