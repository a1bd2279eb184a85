//! PEM blocks and base64 text as admins paste them: wrapped any way, indented, padding left out,
//! with the stray characters copy and paste adds named in the error. The `base64` crate does the
//! decoding. RustCrypto's `pem-rfc7468` reads only strict RFC 7468 text, and would refuse what
//! admins paste (a whole block on one line, indentation, an unterminated private key block).

use crate::error::InputError;
use base64::Engine;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use std::borrow::Cow;

/// Padding is optional in what admins paste; everything else about base64 is strict.
const LOOSE_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Wraps text at 64 columns, as PEM does.
pub fn wrap64(text: &str) -> String {
    text.as_bytes()
        .chunks(64)
        .map(|line| String::from_utf8_lossy(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Decodes base64 as admins paste it: whitespace and line breaks anywhere, padding optional.
pub fn decode_base64(text: &str) -> Result<Vec<u8>, InputError> {
    decode_compact_base64(&compact_base64(text))
}

/// Base64 text without its whitespace. One line (Entra's X509Certificate, indented or not) is
/// borrowed as it is; wrapped text is compacted once.
pub(crate) fn compact_base64(text: &str) -> Cow<'_, [u8]> {
    // Text copied from mail, the web or a chat: no-break and zero-width spaces go too.
    if !text.is_ascii() {
        return Cow::Owned(
            text.chars()
                .filter(|c| !crate::text::is_invisible(*c))
                .collect::<String>()
                .into_bytes(),
        );
    }
    let bytes = text.as_bytes().trim_ascii();
    // Vectorised searches: most text has no whitespace inside, and the rest a line break every
    // 64 or 76 characters, so it is copied a line at a time. Tabs and form feeds are rare
    // enough to take byte by byte.
    if memchr::memchr2(b'\t', b'\x0c', bytes).is_some() {
        return Cow::Owned(
            bytes
                .iter()
                .copied()
                .filter(|byte| !byte.is_ascii_whitespace())
                .collect(),
        );
    }
    let mut spaces = memchr::memchr3_iter(b' ', b'\n', b'\r', bytes).peekable();
    if spaces.peek().is_none() {
        return Cow::Borrowed(bytes);
    }
    let mut compact = Vec::with_capacity(bytes.len());
    let mut start = 0;
    for space in spaces {
        compact.extend_from_slice(&bytes[start..space]);
        start = space + 1;
    }
    compact.extend_from_slice(&bytes[start..]);
    Cow::Owned(compact)
}

/// Decodes base64 without whitespace, padding optional; the error names the first character
/// that is not base64.
pub(crate) fn decode_compact_base64(compact: &[u8]) -> Result<Vec<u8>, InputError> {
    LOOSE_BASE64.decode(compact).map_err(|error| {
        // Only on failure: name the first character that is not base64, if there is one.
        match compact
            .iter()
            .position(|&byte| !(byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'/' | b'=')))
        {
            Some(position) => InputError::Base64Invalid {
                detail: format!(
                    "it holds {} at character {}, which is not base64",
                    String::from_utf8_lossy(&compact[position..])
                        .chars()
                        .next()
                        .map(crate::text::char_name)
                        .unwrap_or_default(),
                    position + 1
                ),
            },
            None => InputError::Base64Invalid {
                detail: error.to_string().trim_end_matches('.').to_string(),
            },
        }
    })
}

/// Whether text consists only of base64 characters and whitespace, with some substance.
/// A few stray characters (a curly quote, a bullet) among a long body still make it base64 that
/// is broken, not something else.
pub fn looks_like_base64(text: &str) -> bool {
    let mut significant = 0usize;
    let mut stray = 0usize;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=') {
            significant += 1;
        } else if !crate::text::is_invisible(c) {
            stray += 1;
        }
    }
    significant >= 16 && (stray == 0 || (significant >= 200 && stray <= 3))
}

/// One `-----BEGIN LABEL----- … -----END LABEL-----` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PemBlock<'a> {
    pub label: &'a str,
    pub body: &'a str,
}

/// Finds every PEM block in text, tolerant of what copy and paste does to them (indentation,
/// CRLF, the whole block on one line).
pub fn pem_blocks(text: &str) -> Vec<PemBlock<'_>> {
    const BEGIN: &str = "-----BEGIN ";
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let after_begin = &rest[start + BEGIN.len()..];
        let Some(label_end) = after_begin.find("-----") else {
            break;
        };
        let label = after_begin[..label_end].trim();
        let body_and_rest = &after_begin[label_end + 5..];
        let end_marker = format!("-----END {label}-----");
        match body_and_rest.find(&end_marker) {
            Some(body_end) => {
                blocks.push(PemBlock {
                    label,
                    body: &body_and_rest[..body_end],
                });
                rest = &body_and_rest[body_end + end_marker.len()..];
            }
            None => {
                // An unterminated block still says what it is (a private key is refused even so).
                blocks.push(PemBlock {
                    label,
                    body: body_and_rest,
                });
                break;
            }
        }
    }
    blocks
}

/// Whether a PEM label names private key material.
pub fn is_private_key_label(label: &str) -> bool {
    label.contains("PRIVATE KEY") || label == "PKCS12" || label.contains("PFX")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacts_base64_whatever_its_whitespace() {
        for (text, compact) in [
            ("QUJD", "QUJD"),
            ("  \n QUJD \r\n", "QUJD"),
            ("QU\nJD", "QUJD"),
            ("Q U\r\nJ\n\nD", "QUJD"),
            ("QU\tJD", "QUJD"),
            ("Q\x0cU JD\n", "QUJD"),
            ("\n", ""),
            ("", ""),
        ] {
            assert_eq!(&*compact_base64(text), compact.as_bytes(), "{text:?}");
        }
        assert!(matches!(compact_base64(" QUJD\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn finds_pem_blocks_on_one_line_and_indented() {
        let text = "  -----BEGIN CERTIFICATE----- QUJD -----END CERTIFICATE-----\n\t-----BEGIN RSA PRIVATE KEY-----\nxx";
        let blocks = pem_blocks(text);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].label, "CERTIFICATE");
        assert_eq!(blocks[0].body.trim(), "QUJD");
        assert!(is_private_key_label(blocks[1].label));
    }
    #[test]
    fn base64_tolerates_breaks_and_missing_padding() {
        assert_eq!(decode_base64("QU\r\nJD\n RA").unwrap(), b"ABCD");
        let error = decode_base64("QUJD*").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("the character '*' at character 5"),
            "{error}"
        );
    }
}
