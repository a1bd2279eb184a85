//! Object identifiers named as openssl names them: the attribute types of distinguished names
//! (`CN`, `O`, `emailAddress`), public key algorithms and signature algorithms. An OID it does
//! not know keeps its dotted form.
//!
//! Each table lists the arcs under one parent as the parent's DER content bytes and the last
//! arc's single byte, so that naming an OID compares bytes and formats nothing. x509-parser's
//! `oid-registry` knows these OIDs too, but under its own short names (not openssl's, which the
//! tests compare with), and its full registry would add its every OID to the wasm.

use std::borrow::Cow;
use x509_parser::oid_registry::Oid;

/// The arcs under one parent OID: `(parent's DER content bytes, [(last arc, name)])`.
type Table = &'static [(&'static [u8], &'static [(u8, &'static str)])];

/// 2.5.4: the X.520 attribute types.
const X520: &[u8] = &[0x55, 0x04];
/// 0.9.2342.19200300.100.1: the pilot attribute types (UID, DC).
const PILOT: &[u8] = &[0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01];
/// 1.2.840.113549.1.1: PKCS #1.
const PKCS1: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01];
/// 1.2.840.113549.1.9: PKCS #9.
const PKCS9: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09];
/// 1.3.6.1.4.1.311.60.2.1: Microsoft's EV jurisdiction attributes.
const JURISDICTION: &[u8] = &[0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x3C, 0x02, 0x01];
/// 1.3.101: the Edwards curves.
const EDWARDS: &[u8] = &[0x2B, 0x65];
/// 1.2.840.10045.2: EC public keys.
const EC_KEY: &[u8] = &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02];
/// 1.2.840.10045.4: ECDSA with SHA-1.
const ECDSA: &[u8] = &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04];
/// 1.2.840.10045.4.3: ECDSA with SHA-2.
const ECDSA_SHA2: &[u8] = &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03];
/// 1.2.840.10040.4: DSA.
const DSA: &[u8] = &[0x2A, 0x86, 0x48, 0xCE, 0x38, 0x04];
/// 2.16.840.1.101.3.4.3: NIST's DSA with SHA-2.
const NIST_DSA: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03];
/// 1.3.14.3.2: OIW's algorithms.
const OIW: &[u8] = &[0x2B, 0x0E, 0x03, 0x02];

const ATTRIBUTES: Table = &[
    (
        X520,
        &[
            (3, "CN"),
            (4, "SN"),
            (5, "serialNumber"),
            (6, "C"),
            (7, "L"),
            (8, "ST"),
            (9, "street"),
            (10, "O"),
            (11, "OU"),
            (12, "title"),
            (13, "description"),
            (15, "businessCategory"),
            (17, "postalCode"),
            (42, "GN"),
            (43, "initials"),
            (44, "generationQualifier"),
            (46, "dnQualifier"),
            (65, "pseudonym"),
            (97, "organizationIdentifier"),
        ],
    ),
    (PILOT, &[(1, "UID"), (25, "DC")]),
    (PKCS9, &[(1, "emailAddress"), (2, "unstructuredName")]),
    (
        JURISDICTION,
        &[
            (1, "jurisdictionL"),
            (2, "jurisdictionST"),
            (3, "jurisdictionC"),
        ],
    ),
];

const KEY_ALGORITHMS: Table = &[
    (PKCS1, &[(1, "RSA"), (10, "RSA-PSS")]),
    (EC_KEY, &[(1, "EC")]),
    (EDWARDS, &[(112, "Ed25519"), (113, "Ed448")]),
    (DSA, &[(1, "DSA")]),
];

const SIGNATURE_ALGORITHMS: Table = &[
    (
        PKCS1,
        &[
            (4, "md5WithRSAEncryption"),
            (5, "sha1WithRSAEncryption"),
            (10, "rsassaPss"),
            (11, "sha256WithRSAEncryption"),
            (12, "sha384WithRSAEncryption"),
            (13, "sha512WithRSAEncryption"),
            (14, "sha224WithRSAEncryption"),
        ],
    ),
    (OIW, &[(29, "sha1WithRSA")]),
    (ECDSA, &[(1, "ecdsa-with-SHA1")]),
    (
        ECDSA_SHA2,
        &[
            (2, "ecdsa-with-SHA256"),
            (3, "ecdsa-with-SHA384"),
            (4, "ecdsa-with-SHA512"),
        ],
    ),
    (EDWARDS, &[(112, "ED25519"), (113, "ED448")]),
    (DSA, &[(3, "dsaWithSHA1")]),
    (NIST_DSA, &[(2, "dsa_with_SHA256")]),
];

/// The short name of a distinguished name's attribute type: `CN`, `O`, `emailAddress`.
pub fn attribute_name(oid: &Oid) -> Cow<'static, str> {
    named(ATTRIBUTES, oid)
}

/// A public key algorithm: "RSA", "EC", "Ed25519", …
pub fn key_algorithm_name(oid: &Oid) -> Cow<'static, str> {
    named(KEY_ALGORITHMS, oid)
}

/// openssl's long name of a signature algorithm: "sha256WithRSAEncryption", …
pub fn signature_algorithm_name(oid: &Oid) -> Cow<'static, str> {
    named(SIGNATURE_ALGORITHMS, oid)
}

fn named(table: Table, oid: &Oid) -> Cow<'static, str> {
    let bytes = oid.as_bytes();
    let name = bytes.split_last().and_then(|(&last, parent)| {
        let (_, arcs) = table.iter().find(|(known, _)| *known == parent)?;
        arcs.iter()
            .find(|(arc, _)| *arc == last)
            .map(|(_, name)| *name)
    });
    match name {
        Some(name) => Cow::Borrowed(name),
        None => Cow::Owned(oid.to_id_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn oid(dotted: &str) -> Oid<'static> {
        Oid::from_str(dotted).unwrap()
    }

    #[test]
    fn names_each_oid_as_openssl_does() {
        type Namer = fn(&Oid) -> Cow<'static, str>;
        let (attribute, key, signature): (Namer, Namer, Namer) =
            (attribute_name, key_algorithm_name, signature_algorithm_name);
        for (namer, dotted, name) in [
            (attribute, "2.5.4.3", "CN"),
            (attribute, "2.5.4.97", "organizationIdentifier"),
            (attribute, "0.9.2342.19200300.100.1.1", "UID"),
            (attribute, "0.9.2342.19200300.100.1.25", "DC"),
            (attribute, "1.2.840.113549.1.9.1", "emailAddress"),
            (attribute, "1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC"),
            (key, "1.2.840.113549.1.1.1", "RSA"),
            (key, "1.2.840.10045.2.1", "EC"),
            (key, "1.3.101.112", "Ed25519"),
            (key, "1.2.840.10040.4.1", "DSA"),
            (
                signature,
                "1.2.840.113549.1.1.11",
                "sha256WithRSAEncryption",
            ),
            (signature, "1.3.14.3.2.29", "sha1WithRSA"),
            (signature, "1.2.840.10045.4.1", "ecdsa-with-SHA1"),
            (signature, "1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
            (signature, "1.2.840.10040.4.3", "dsaWithSHA1"),
            (signature, "2.16.840.1.101.3.4.3.2", "dsa_with_SHA256"),
        ] {
            assert_eq!(namer(&oid(dotted)), name, "{dotted}");
        }
    }

    #[test]
    fn keeps_the_dotted_form_of_an_unknown_oid() {
        assert_eq!(attribute_name(&oid("2.5.4.200")), "2.5.4.200");
        assert_eq!(attribute_name(&oid("2.5.4.1000")), "2.5.4.1000");
        assert_eq!(key_algorithm_name(&oid("1.2.3")), "1.2.3");
    }
}
