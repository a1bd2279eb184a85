// Launching browsers: Debian's Chromium through playwright-core, with a fresh profile, the
// stand-in host names mapped to the local server (serve.mjs), and optionally an unpacked extension.
//
//   const harness = await startHarness({ extensionDir: 'dist/extension' });
//   const page = await harness.context.newPage();
//   ...
//   await harness.close();

import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { CONSOLE_HOSTS, ENTRA_HOST, startServer } from './serve.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * A port on 127.0.0.1 where nothing listens: free for a server to take, and refused to a client
 * (as when offline).
 */
export async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

/** The --host-resolver-rules value: stand-in hosts to the server; everything else fails to resolve. */
export function hostResolverRules(
  port,
  { entraReachable = true, entraPort, extraHosts = [] } = {},
) {
  const rules = [...CONSOLE_HOSTS, ...extraHosts].map((h) => `MAP ${h}:443 127.0.0.1:${port}`);
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
 *   extraHosts: more host names mapped to the server (a test's own stand-ins)
 * Returns {context, extensionId, serviceWorker, userDataDir, close()}; extensionId and
 * serviceWorker are null without an extension.
 */
export async function launchBrowser({
  extensionDir,
  port,
  entraReachable = true,
  viewport = { width: 1280, height: 900 },
  extraHosts = [],
} = {}) {
  if (!port) throw new Error('launchBrowser needs the server port');
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mimecast-sso-chromium-'));
  const entraPort = entraReachable ? port : await freePort();
  const args = [
    '--headless=new',
    ...CHROMIUM_FLAGS,
    `--host-resolver-rules=${hostResolverRules(port, { entraReachable, entraPort, extraHosts })}`,
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
export async function startHarness({
  extensionDir,
  entraReachable = true,
  viewport,
  standIns = {},
} = {}) {
  const server = await startServer({ standIns });
  const extraHosts = Object.keys(standIns).filter((host) => host !== ENTRA_HOST);
  let browser;
  try {
    browser = await launchBrowser({
      extensionDir,
      port: server.port,
      entraReachable,
      viewport,
      extraHosts,
    });
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
