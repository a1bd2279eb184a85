//! Just enough DER to say what a blob of bytes is before handing it to the X.509 parser: whether
//! its outer length adds up (a truncated download), and whether it is key material.

/// An outer TLV header: the tag byte, where the content starts, and its declared length.
struct Header {
    tag: u8,
    content_start: usize,
    content_len: usize,
}

fn header(bytes: &[u8]) -> Option<Header> {
    let tag = *bytes.first()?;
    let first_len = *bytes.get(1)?;
    if first_len < 0x80 {
        return Some(Header {
            tag,
            content_start: 2,
            content_len: first_len as usize,
        });
    }
    let octets = (first_len & 0x7F) as usize;
    if octets == 0 || octets > 4 {
        return None;
    }
    let mut len = 0usize;
    for index in 0..octets {
        len = (len << 8) | *bytes.get(2 + index)? as usize;
    }
    Some(Header {
        tag,
        content_start: 2 + octets,
        content_len: len,
    })
}

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;

/// Why these bytes cannot be a certificate, when their outer structure already says so.
pub fn structure_problem(bytes: &[u8]) -> Option<String> {
    let Some(outer) = header(bytes) else {
        return Some("it is too short to be a DER certificate".to_string());
    };
    if outer.tag != SEQUENCE {
        return Some("it is not DER (it does not start with a SEQUENCE)".to_string());
    }
    let declared = outer.content_start + outer.content_len;
    if declared > bytes.len() {
        return Some(format!(
            "it is truncated: its header declares {declared} bytes, and only {} are present",
            bytes.len()
        ));
    }
    None
}

/// Whether DER bytes are private key material: PKCS#1, PKCS#8 (plain or encrypted), SEC 1 EC
/// keys, or a PKCS#12 bundle. A certificate starts with a SEQUENCE (tbsCertificate); these start
/// with a small version INTEGER, or, when encrypted, with an encryption algorithm.
pub fn is_private_key(bytes: &[u8]) -> bool {
    let Some(outer) = header(bytes) else {
        return false;
    };
    if outer.tag != SEQUENCE {
        return false;
    }
    let content = &bytes[outer.content_start.min(bytes.len())..];
    let Some(first) = header(content) else {
        return false;
    };
    if first.tag == INTEGER {
        let value = content.get(first.content_start..first.content_start + first.content_len);
        return matches!(value, Some([0]) | Some([1]) | Some([3]));
    }
    // EncryptedPrivateKeyInfo: SEQUENCE { SEQUENCE { OID pbes2 or a PKCS#12 PBE, … }, OCTET STRING }.
    const PBES2: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0D];
    const PKCS12_PBE: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x01];
    if first.tag == SEQUENCE {
        let algorithm = &content[first.content_start.min(content.len())..];
        if let Some(oid) = header(algorithm).filter(|oid| oid.tag == 0x06) {
            let value = algorithm.get(oid.content_start..oid.content_start + oid.content_len);
            return value.is_some_and(|value| value == PBES2 || value.starts_with(PKCS12_PBE));
        }
    }
    false
}

/// The certificates of a PKCS#7 SignedData (a .p7b, "certs-only"), as DER, in order; `None`
/// when the bytes are not a PKCS#7 SignedData.
pub fn pkcs7_certificates(bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
    use x509_parser::der_parser::asn1_rs::{Any, Class, FromBer, Tag};
    // 1.2.840.113549.1.7.2, signedData.
    const SIGNED_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];
    let context =
        |any: &Any, number: u32| any.class() == Class::ContextSpecific && any.tag() == Tag(number);
    let (_, content_info) = Any::from_ber(bytes).ok()?;
    if content_info.tag() != Tag::Sequence {
        return None;
    }
    let (rest, content_type) = Any::from_ber(content_info.data).ok()?;
    if content_type.tag() != Tag::Oid || content_type.data != SIGNED_DATA {
        return None;
    }
    let (_, explicit) = Any::from_ber(rest).ok()?;
    if !context(&explicit, 0) {
        return None;
    }
    let (_, signed_data) = Any::from_ber(explicit.data).ok()?;
    // version, digestAlgorithms, encapContentInfo, then [0] IMPLICIT certificates.
    let mut rest = signed_data.data;
    for _ in 0..3 {
        rest = Any::from_ber(rest).ok()?.0;
    }
    let mut certificates = Vec::new();
    let Ok((_, set)) = Any::from_ber(rest) else {
        return Some(certificates);
    };
    if !context(&set, 0) {
        return Some(certificates);
    }
    let mut data = set.data;
    while !data.is_empty() {
        let (after, _) = Any::from_ber(data).ok()?;
        certificates.push(data[..data.len() - after.len()].to_vec());
        data = after;
    }
    Some(certificates)
}

/// DER length octets for `len`.
pub fn length_octets(len: usize) -> Vec<u8> {
    if len < 0x80 {
        return vec![len as u8];
    }
    let bytes: Vec<u8> = len
        .to_be_bytes()
        .into_iter()
        .skip_while(|&byte| byte == 0)
        .collect();
    let mut out = vec![0x80 | bytes.len() as u8];
    out.extend(bytes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_truncation_with_both_lengths() {
        let truncated = [0x30, 0x82, 0x06, 0x37, 0x30, 0x00];
        let problem = structure_problem(&truncated).unwrap();
        assert!(problem.contains("declares 1595 bytes"), "{problem}");
        assert!(problem.contains("only 6 are present"), "{problem}");
    }

    #[test]
    fn knows_key_structures_from_certificates() {
        // PKCS#8: SEQUENCE { INTEGER 0, … }
        assert!(is_private_key(&[0x30, 0x05, 0x02, 0x01, 0x00, 0x30, 0x00]));
        // A certificate: SEQUENCE { SEQUENCE { … } … }
        assert!(!is_private_key(&[0x30, 0x04, 0x30, 0x02, 0x02, 0x00]));
        assert!(!is_private_key(&[]));
    }

    #[test]
    fn encodes_long_lengths() {
        assert_eq!(length_octets(5), vec![5]);
        assert_eq!(length_octets(300), vec![0x82, 0x01, 0x2C]);
    }
}
