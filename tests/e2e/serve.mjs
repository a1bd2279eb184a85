// Serving fixtures: one local HTTPS server that stands in for the Mimecast consoles (three
// generations of the Authentication Profile form, and today's profile with several SAML sections)
// and for Microsoft Entra ID's federation metadata, under their real host names; and where each
// page lives (hosts, app paths, routes, URLs).
//
//   const server = await startServer();
//   await page.goto(consoleUrl('administration-console-2022', { prefilled: true }));
//   ...
//   await server.close();
//
// See tests/e2e/fixtures/README.md for what each page imitates and its oddities.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { consoleRoutes, GENERATIONS } from './fixtures/console/console-data.js';
import { selfSignedCertificate } from './self-signed.mjs';

export {
  ENTRA_PROVIDER,
  GENERATIONS,
  INITIAL_MODEL,
  MODEL_KEYS,
  OLD_CERTIFICATE,
  PROVIDER_OPTIONS,
} from './fixtures/console/console-data.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES_DIR = path.join(HERE, 'fixtures');
const CONSOLE_DIR = path.join(FIXTURES_DIR, 'console');
const ENTRA_DIR = path.join(FIXTURES_DIR, 'entra');
// The metadata the Entra stand-in serves is the Rust tests' corpus copy, not a copy of its own.
const CORPUS_METADATA_DIR = path.join(HERE, '..', 'fixtures', 'corpus', 'metadata');

// ---------------------------------------------------------------------------------------------
// Where things live

/** Each console generation: the host and app path it is served under, and its hash routes. */
export const CONSOLES = {
  'admin-console-2015': {
    host: 'login-us.mimecast.com',
    appPath: '/mimecast/admin/',
    routes: consoleRoutes('admin-console-2015'),
  },
  'personal-portal-2017': {
    host: 'login-jer.mimecast-offshore.com',
    appPath: '/mimecast/admin/',
    routes: consoleRoutes('personal-portal-2017'),
  },
  'administration-console-2022': {
    host: 'login-eu.mimecast.com',
    appPath: '/administration/app/',
    routes: consoleRoutes('administration-console-2022'),
  },
  // Today's profile with several SAML sections (not one of GENERATIONS: its model is per section).
  'authentication-profile-2024': {
    host: 'login-uk.mimecast.com',
    appPath: '/administration/app/',
    routes: { form: '#/users-groups/applications/authentication-profiles/new' },
  },
};

/** Each console's page until its script renders (console-app.html): [title, body class]. */
const PAGE = {
  'admin-console-2015': ['Mimecast Admin Console', 'theme-legacy'],
  'personal-portal-2017': ['Mimecast', 'theme-bootstrap'],
  'administration-console-2022': ['Mimecast Administration Console', 'theme-material'],
  'authentication-profile-2024': ['Authentication Profiles - Mimecast', 'theme-mat'],
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

/** Every console host the server answers for (the Entra host apart). */
export const CONSOLE_HOSTS = Object.keys(HOST_GENERATION);

export const ALL_HOSTS = [...CONSOLE_HOSTS, ENTRA_HOST];

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
    shadow = false,
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
  // The form rendered by web components, in shadow roots (console-runtime.js): true for open
  // ones, 'closed' for closed ones.
  if (shadow) q.set('shadow', shadow === 'closed' ? 'closed' : '1');
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

/** Content-Type by file ending, for what the stand-ins and the web page's server (www-helpers.mjs) send. */
export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};
export const STRICT_CSP = "script-src 'self'";

/**
 * The page of a console generation: console-app.html (only "Loading…" until the generation's
 * script renders) with that generation's script, title and body class.
 */
function appPage(generation) {
  const [title, theme] = PAGE[generation];
  const fill = { generation, title, theme };
  return readFileSync(path.join(CONSOLE_DIR, 'console-app.html'), 'utf8').replace(
    /\{\{(\w+)\}\}/g,
    (_, name) => fill[name],
  );
}

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
    if (url.searchParams.get('shell') === '1')
      return send(200, headers, readFileSync(path.join(CONSOLE_DIR, 'console-shell.html')));
    return send(200, headers, appPage(generation));
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
      const { key, cert } = selfSignedCertificate(
        dir,
        '/CN=SSO Autofill for Mimecast e2e stand-in',
        ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'],
        ['-addext', `subjectAltName=${ALL_HOSTS.map((h) => `DNS:${h}`).join(',')}`],
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
 * standIns: {host: (req, res, url) => boolean} more stand-ins of a test's own, asked first (true:
 * answered); their hosts must also be given to launchBrowser's `extraHosts`.
 */
export async function startServer({ standIns = {} } = {}) {
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
      if (standIns[host]?.(req, res, url)) return;
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
