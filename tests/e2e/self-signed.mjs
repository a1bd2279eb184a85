// @ts-check
// A throwaway key and a self-signed certificate for it, made with the openssl CLI: the TLS
// certificate of the stand-in server (serve.mjs) and the signing key of the test-time SAML
// Responses (sign-response.mjs).

import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Write key.pem and cert.pem (valid 2 days, no passphrase) into `dir` with `openssl req -x509`.
 * keyArgs: how to make the key (e.g. `['-newkey', 'rsa:2048']`); more: further arguments.
 * @param {string} dir @param {string} subject @param {string[]} keyArgs @param {string[]} [more]
 * @returns {{key: string, cert: string}} the two files' paths
 */
export function selfSignedCertificate(dir, subject, keyArgs, more = []) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', ...keyArgs, '-nodes', '-days', '2', '-keyout', key, '-out', cert],
      ...['-subj', subject, ...more],
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { key, cert };
}
