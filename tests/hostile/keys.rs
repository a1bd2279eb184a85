//! Private keys in every wrapping are refused, and never echoed.

use super::support::*;
use super::*;

/// DER of a length-prefixed TLV.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else if len < 0x100 {
        out.extend([0x81, len as u8]);
    } else {
        out.extend([0x82, (len >> 8) as u8, len as u8]);
    }
    out.extend_from_slice(content);
    out
}

/// Synthetic private keys with the real outer structures (the key material is random bytes).
fn private_keys() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let mut rng = Rng(42);
    let integer = |rng: &mut Rng, len: usize| {
        let mut bytes = rng.bytes(len);
        bytes[0] &= 0x7F;
        tlv(0x02, &bytes)
    };
    let rsa_oid = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01];
    // PKCS#1 RSAPrivateKey: SEQUENCE { INTEGER 0, n, e, d, p, q, dp, dq, qinv }
    let mut pkcs1_content = tlv(0x02, &[0]);
    for len in [129, 3, 128, 65, 65, 64, 64, 64] {
        pkcs1_content.extend(integer(&mut rng, len));
    }
    let pkcs1 = tlv(0x30, &pkcs1_content);
    // PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING pkcs1 }
    let mut algorithm = tlv(0x06, &rsa_oid);
    algorithm.extend(tlv(0x05, &[]));
    let mut pkcs8_content = tlv(0x02, &[0]);
    pkcs8_content.extend(tlv(0x30, &algorithm));
    pkcs8_content.extend(tlv(0x04, &pkcs1));
    let pkcs8 = tlv(0x30, &pkcs8_content);
    // SEC 1 ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING key, [0] OID prime256v1 }
    let mut ec_content = tlv(0x02, &[1]);
    ec_content.extend(tlv(0x04, &rng.bytes(32)));
    ec_content.extend(tlv(
        0xA0,
        &tlv(0x06, &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]),
    ));
    let ec = tlv(0x30, &ec_content);
    // EncryptedPrivateKeyInfo: SEQUENCE { SEQUENCE { OID pbes2, params }, OCTET STRING }
    let mut encrypted_algorithm = tlv(
        0x06,
        &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0D],
    );
    encrypted_algorithm.extend(tlv(0x30, &[]));
    let mut encrypted_content = tlv(0x30, &encrypted_algorithm);
    encrypted_content.extend(tlv(0x04, &rng.bytes(200)));
    let encrypted = tlv(0x30, &encrypted_content);
    vec![
        ("PKCS#1", "RSA PRIVATE KEY", pkcs1),
        ("PKCS#8", "PRIVATE KEY", pkcs8),
        ("SEC 1", "EC PRIVATE KEY", ec),
        ("encrypted PKCS#8", "ENCRYPTED PRIVATE KEY", encrypted),
    ]
}

#[test]
fn private_keys_are_refused_and_never_echoed() {
    let certificate_body = BASE64.encode(real_certificate());
    for (name, label, der) in private_keys() {
        let body = BASE64.encode(&der);
        let pem = format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n");
        let fragment = &body[body.len() / 2..body.len() / 2 + 24];
        let not_echoed = |what: &str, text: &str| {
            assert!(
                !text.contains(fragment),
                "{name} {what}: the key is echoed: {text}"
            );
        };
        let mut certificate_and_key =
            format!("-----BEGIN CERTIFICATE-----\n{certificate_body}\n-----END CERTIFICATE-----\n");
        certificate_and_key.push_str(&pem);
        let inputs: Vec<(String, Vec<u8>)> = vec![
            (format!("{name} as DER"), der.clone()),
            (format!("{name} as PEM"), pem.clone().into_bytes()),
            (format!("{name} as bare base64"), body.clone().into_bytes()),
            (
                format!("{name} as base64 of PEM"),
                BASE64.encode(&pem).into_bytes(),
            ),
            (
                format!("{name} after a certificate"),
                certificate_and_key.into_bytes(),
            ),
            (
                format!("{name} in a signing X509Certificate"),
                idp_with_key(Some("signing"), &body).into_bytes(),
            ),
            (
                format!("{name} as PEM in an X509Certificate without use"),
                idp_with_key(None, &pem).into_bytes(),
            ),
            (
                format!("{name} in an encryption X509Certificate"),
                idp_with_key(Some("encryption"), &body).into_bytes(),
            ),
        ];
        for (what, input) in inputs {
            let error = expect_error(&what, &input, "private-key-refused");
            not_echoed(&what, &error.to_string());
            not_echoed(&what, &format!("{error:?}"));
        }

        // Pasted into the form: refused, not echoed.
        let findings = check_certificate(&pem);
        assert!(
            findings
                .iter()
                .any(|finding| finding.code.as_str() == "private-key-refused"),
            "{name}: {findings:?}"
        );
        not_echoed("in the form", &format!("{findings:?}"));
        assert_eq!(classify(&pem), InputKind::PrivateKey, "{name}");

        // In the document's own Signature (not the identity provider's keys): not read, not shown.
        let xml = idp_with_key(Some("signing"), &certificate_body).replace(
            "<IDPSSODescriptor ",
            &format!(
                "<Signature xmlns=\"{DS}\"><KeyInfo><X509Data><X509Certificate>{body}</X509Certificate></X509Data></KeyInfo></Signature><IDPSSODescriptor "
            ),
        );
        let inspection =
            inspect_case("a key in the Signature", xml.as_bytes(), &options(None)).unwrap();
        not_echoed("in the Signature", &shown(&inspection));
    }
}
