// @ts-check
// SAML Responses shaped like Entra's, signed at test time by xmlsec1 (an independent signer, the
// Debian package) with a throwaway key made by openssl, valid around the real now: the
// extension's worker judges with the real clock. The shape follows
// tests/fixtures/responses/entra/generate.sh (signed assertion, exclusive c14n, RSA-SHA256).
//
//   const signer = makeSigner();
//   const xml = signer.sign({ audience, recipient });
//   signer.certificateBase64;   // what Mimecast's profile holds
//   signer.close();

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';

import { selfSignedCertificate } from './self-signed.mjs';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const ENTRA_ISSUER = `https://sts.windows.net/${TENANT}/`;
export const ENTRA_SAML_ENDPOINT = `https://login.microsoftonline.com/${TENANT}/saml2`;

const ID_ATTRIBUTES = [
  '--id-attr:ID',
  'urn:oasis:names:tc:SAML:2.0:assertion:Assertion',
  '--id-attr:ID',
  'urn:oasis:names:tc:SAML:2.0:protocol:Response',
];

/** @param {Date} date @param {number} minutes */
const at = (date, minutes) => new Date(date.getTime() + minutes * 60000).toISOString();

/**
 * @typedef {{audience: string, recipient: string, nameId?: string, inResponseTo?: string,
 *   now?: Date}} ResponseShape
 */

/** @param {ResponseShape & {id: string, assertionId: string}} shape */
function template({
  audience,
  recipient,
  nameId = 'alex.admin@contoso.example',
  inResponseTo = 'MC_4f1f0c5e2b',
  now = new Date(),
  id,
  assertionId,
}) {
  const issuer = `<Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">${ENTRA_ISSUER}</Issuer>`;
  return `<samlp:Response ID="${id}" Version="2.0" IssueInstant="${at(now, 0)}" Destination="${recipient}" InResponseTo="${inResponseTo}" xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${issuer}<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><Assertion ID="${assertionId}" IssueInstant="${at(now, 0)}" Version="2.0" xmlns="urn:oasis:names:tc:SAML:2.0:assertion"><Issuer>${ENTRA_ISSUER}</Issuer><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI="#${assertionId}"><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data><X509Certificate/></X509Data></KeyInfo></Signature><Subject><NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${nameId}</NameID><SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><SubjectConfirmationData InResponseTo="${inResponseTo}" NotOnOrAfter="${at(now, 5)}" Recipient="${recipient}"/></SubjectConfirmation></Subject><Conditions NotBefore="${at(now, -5)}" NotOnOrAfter="${at(now, 65)}"><AudienceRestriction><Audience>${audience}</Audience></AudienceRestriction></Conditions><AttributeStatement><Attribute Name="http://schemas.microsoft.com/identity/claims/tenantid"><AttributeValue>${TENANT}</AttributeValue></Attribute><Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"><AttributeValue>${nameId}</AttributeValue></Attribute></AttributeStatement><AuthnStatement AuthnInstant="${at(now, -1)}" SessionIndex="${assertionId}"><AuthnContext><AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</AuthnContextClassRef></AuthnContext></AuthnStatement></Assertion></samlp:Response>`;
}

/** A throwaway signing key and certificate, and a signer of responses with them. */
export function makeSigner() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mimecast-sso-signer-'));
  const { key, cert } = selfSignedCertificate(
    dir,
    '/CN=Microsoft Azure Federated SSO Certificate',
    ['-newkey', 'rsa:2048'],
    ['-sha256'],
  );
  const certificatePem = readFileSync(cert, 'utf8');
  let count = 0;
  return {
    certificatePem,
    /** The base64 body, as Mimecast's certificate field holds it. */
    certificateBase64: certificatePem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''),
    /** @param {ResponseShape} shape @returns {string} the signed XML */
    sign(shape) {
      count += 1;
      const unsigned = path.join(dir, `unsigned-${count}.xml`);
      const signed = path.join(dir, `signed-${count}.xml`);
      const id = `_${crypto.randomUUID()}`;
      writeFileSync(unsigned, template({ ...shape, id, assertionId: `_${crypto.randomUUID()}` }));
      execFileSync(
        'xmlsec1',
        [
          '--sign',
          '--privkey-pem',
          `${key},${cert}`,
          ...ID_ATTRIBUTES,
          '--output',
          signed,
          unsigned,
        ],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      return readFileSync(signed, 'utf8');
    },
    /** xmlsec1's own verdict on a document, with the throwaway certificate as the only key. */
    verifies(/** @type {string} */ xml) {
      const file = path.join(dir, `verify-${++count}.xml`);
      writeFileSync(file, xml);
      try {
        execFileSync(
          'xmlsec1',
          [
            '--verify',
            '--enabled-key-data',
            'key-name',
            '--pubkey-cert-pem',
            cert,
            ...ID_ATTRIBUTES,
            file,
          ],
          { stdio: 'ignore' },
        );
        return true;
      } catch {
        return false;
      }
    },
    close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The HTTP-Redirect URL of an AuthnRequest to Entra, as Mimecast sends it: deflated, base64,
 * URL-encoded in `SAMLRequest=`. With `context`, it asks for that authentication context, as
 * Mimecast does when a Context box of the profile is ticked.
 * @param {{issuer: string, acs: string, id?: string, context?: string}} request
 */
export function redirectToEntra({ issuer, acs, id = 'MC_4f1f0c5e2b', context = '' }) {
  const requested = context
    ? `<samlp:RequestedAuthnContext Comparison="exact"><saml:AuthnContextClassRef>${context}</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>`
    : '';
  const xml = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${ENTRA_SAML_ENDPOINT}" AssertionConsumerServiceURL="${acs}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>${issuer}</saml:Issuer>${requested}</samlp:AuthnRequest>`;
  const query = new URLSearchParams({
    SAMLRequest: deflateRawSync(Buffer.from(xml)).toString('base64'),
    RelayState: 'https://login-eu.mimecast.com/administration/app/',
  });
  return `${ENTRA_SAML_ENDPOINT}?${query}`;
}
