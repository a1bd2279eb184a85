//! Distinguished names written as `openssl x509 -nameopt RFC2253` prints them, which is what an
//! admin compares with. x509-parser's own `Display` for names is a format of its own, not
//! openssl's RFC 2253 output, so the writer is here.

use x509_parser::der_parser::asn1_rs::Any;
use x509_parser::prelude::{RelativeDistinguishedName, X509Name};

/// A distinguished name as `openssl x509 -nameopt RFC2253` prints it: last RDN first, `,`
/// between RDNs, `+` inside one, RFC 2253 escapes, and bytes above 0x7F as `\XX`.
pub fn rfc2253(name: &X509Name) -> String {
    let rdns: Vec<&RelativeDistinguishedName> = name.iter().collect();
    let mut out = String::new();
    for (index, rdn) in rdns.iter().rev().enumerate() {
        if index > 0 {
            out.push(',');
        }
        for (position, attribute) in rdn.iter().enumerate() {
            if position > 0 {
                out.push('+');
            }
            out.push_str(&crate::oid::attribute_name(attribute.attr_type()));
            out.push('=');
            push_attribute_value(&mut out, attribute.attr_value());
        }
    }
    out
}

/// Converts an attribute value to UTF-8 the way openssl does, then escapes it for RFC 2253.
fn push_attribute_value(out: &mut String, value: &Any) {
    use x509_parser::der_parser::asn1_rs::Tag;
    let data: &[u8] = value.data;
    let utf8: Option<String> = match value.tag() {
        Tag::Utf8String => std::str::from_utf8(data).ok().map(str::to_string),
        // One byte per character: anything above 0x7F is read as Latin-1, as openssl does.
        Tag::PrintableString
        | Tag::Ia5String
        | Tag::T61String
        | Tag::VisibleString
        | Tag::NumericString
        | Tag::GeneralString
        | Tag::VideotexString
        | Tag::GraphicString => Some(data.iter().map(|&byte| byte as char).collect()),
        Tag::BmpString => {
            let units: Vec<u16> = data
                .chunks_exact(2)
                .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        Tag::UniversalString => Some(
            data.chunks_exact(4)
                .map(|quad| {
                    char::from_u32(u32::from_be_bytes([quad[0], quad[1], quad[2], quad[3]]))
                        .unwrap_or('\u{FFFD}')
                })
                .collect(),
        ),
        _ => None,
    };
    match utf8 {
        Some(text) => push_escaped_rfc2253(out, &text),
        // Types that are not strings are dumped as #hex of their DER, as openssl does.
        None => {
            let mut dumped = vec![value.tag().0 as u8];
            dumped.extend(crate::der::length_octets(data.len()));
            dumped.extend_from_slice(data);
            out.push('#');
            crate::hex::push_upper(out, &dumped);
        }
    }
}

#[cfg(test)]
fn escape_rfc2253(text: &str) -> String {
    let mut out = String::new();
    push_escaped_rfc2253(&mut out, text);
    out
}

fn push_escaped_rfc2253(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    for (index, &byte) in bytes.iter().enumerate() {
        let first = index == 0;
        let last = index + 1 == bytes.len();
        match byte {
            b',' | b'+' | b'"' | b'\\' | b'<' | b'>' | b';' => {
                out.push('\\');
                out.push(byte as char);
            }
            b'#' if first => out.push_str("\\#"),
            b' ' if first || last => out.push_str("\\ "),
            0..=0x1F | 0x7F..=0xFF => {
                out.push('\\');
                crate::hex::push_upper(out, &[byte]);
            }
            _ => out.push(byte as char),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_openssl_rfc2253() {
        for (value, escaped) in [
            ("VeriSign, Inc.", "VeriSign\\, Inc."),
            ("Umeå universitet", "Ume\\C3\\A5 universitet"),
            ("#1 ", "\\#1\\ "),
            ("", ""),
        ] {
            assert_eq!(escape_rfc2253(value), escaped);
        }
    }
}
