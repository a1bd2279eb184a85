// @ts-check
// The stand-ins of a Test SSO sign-in, for startServer's `standIns`: Mimecast's API host
// (eu-api.mimecast.com), whose sign-in link redirects to Entra with an AuthnRequest naming the
// account and whose SAML endpoint answers every POST with a plain page; and Entra's answer to
// that request, a form that auto-posts the response the test signed (see sign-response.mjs).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ENTRA_HOST, FIXTURES_DIR } from './serve.mjs';
import { ENTRA_ISSUER, ENTRA_SAML_ENDPOINT, redirectToEntra, TENANT } from './sign-response.mjs';

export const API_HOST = 'eu-api.mimecast.com';
export const ACCOUNT_CODE = 'CUSA123456';
export const IDENTIFIER = `https://${API_HOST}/sso/${ACCOUNT_CODE}`;
export const REPLY_URL = `https://${API_HOST}/login/saml`;
export const START_URL = `https://${API_HOST}/e2e-stand-in/sign-in`;

const escapeHtml = (/** @type {string} */ text) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The stand-ins, the response Entra posts next (`entra.response`), the authentication context
 * Mimecast's next AuthnRequest asks for (`mimecast.context`, none when empty), the bodies the API
 * host received (`posted`), and Entra app metadata carrying the signer's certificate.
 * @param {{certificateBase64: string}} signer
 */
export function testSsoStandIns(signer) {
  const entra = { response: '' };
  const mimecast = { context: '' };
  /** @type {string[]} */
  const posted = [];
  /** @type {Record<string, (req: any, res: any, url: URL) => boolean>} */
  const standIns = {
    // Mimecast's API host: the sign-in redirect to Entra, and the SAML sign-in endpoint.
    [API_HOST]: (req, res, url) => {
      if (url.pathname === '/e2e-stand-in/sign-in') {
        res.writeHead(302, {
          Location: redirectToEntra({
            issuer: IDENTIFIER,
            acs: REPLY_URL,
            context: mimecast.context,
          }),
          'Cache-Control': 'no-store',
        });
        res.end();
        return true;
      }
      if (req.method === 'POST' && url.pathname === '/login/saml') {
        let body = '';
        req.on('data', (/** @type {Buffer} */ chunk) => {
          body += chunk;
        });
        req.on('end', () => {
          posted.push(body);
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          res.end(readFileSync(path.join(FIXTURES_DIR, 'mimecast-api/signed-in.html')));
        });
        return true;
      }
      return false;
    },
    // Entra: its answer to an AuthnRequest is a form that posts the response on load.
    [ENTRA_HOST]: (_req, res, url) => {
      if (url.pathname === '/e2e-stand-in/post-response.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
        res.end(readFileSync(path.join(FIXTURES_DIR, 'entra/post-response.js')));
        return true;
      }
      if (url.pathname === `/${TENANT}/saml2` && url.searchParams.has('SAMLRequest')) {
        const page = readFileSync(path.join(FIXTURES_DIR, 'entra/post-response.html'), 'utf8')
          .replace('{{ACTION}}', REPLY_URL)
          .replace('{{SAMLResponse}}', Buffer.from(entra.response).toString('base64'))
          .replace('{{RelayState}}', escapeHtml(url.searchParams.get('RelayState') ?? ''));
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        res.end(page);
        return true;
      }
      return false;
    },
  };

  /** Entra's app metadata, as far as Fill needs it, carrying the throwaway certificate. */
  const metadata = `<?xml version="1.0" encoding="utf-8"?><EntityDescriptor ID="_m" entityID="${ENTRA_ISSUER}" xmlns="urn:oasis:names:tc:SAML:2.0:metadata"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${signer.certificateBase64}</X509Certificate></X509Data></KeyInfo></KeyDescriptor><SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ENTRA_SAML_ENDPOINT}"/><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ENTRA_SAML_ENDPOINT}"/></IDPSSODescriptor></EntityDescriptor>`;
  return { standIns, entra, mimecast, posted, metadata };
}
