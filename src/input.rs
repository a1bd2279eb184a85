//! Telling what the admin handed over — metadata XML, one or more certificates in any of the
//! forms Entra hands them out, a URL, a private key — without asking them which.

use crate::certificate::{
    compact_base64, decode_compact_base64, is_private_key_label, looks_like_base64, pem_blocks,
};
use crate::der;
use crate::entra::{EntraUrl, Url};
use crate::error::InputError;
use serde::Serialize;
use std::borrow::Cow;

/// The input, decoded as far as its kind goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded<'a> {
    /// SAML metadata: the XML bytes, UTF-8, without a byte order mark.
    Metadata(Cow<'a, [u8]>),
    /// One or more certificates, as DER.
    Certificates(Vec<Vec<u8>>),
}

/// Decodes bytes from a file, a paste or standard input.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, InputError> {
    let bytes = normalise_encoding(bytes);
    let start = bytes
        .iter()
        .position(|byte| !byte.is_ascii_whitespace())
        .ok_or(InputError::Empty)?;
    match bytes[start] {
        b'<' => Ok(Decoded::Metadata(match bytes {
            Cow::Borrowed(slice) => Cow::Borrowed(&slice[start..]),
            Cow::Owned(vec) => Cow::Owned(vec[start..].to_vec()),
        })),
        // DER: Entra's "Certificate (Raw)" download.
        0x30 => certificates_from_der(bytes.into_owned()).map(Decoded::Certificates),
        _ => {
            let text = std::str::from_utf8(&bytes).map_err(|_| InputError::Unrecognised)?;
            if looks_like_url(text) {
                return Err(InputError::UrlNotFetched);
            }
            certificates_from_text(text).map(Decoded::Certificates)
        }
    }
}

/// Strips a UTF-8 byte order mark; turns UTF-16 with a byte order mark (Notepad's "Unicode")
/// into UTF-8.
pub(crate) fn normalise_encoding(bytes: &[u8]) -> Cow<'_, [u8]> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return Cow::Borrowed(rest);
    }
    let utf16 = |rest: &[u8], from: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| from([pair[0], pair[1]]))
            .collect();
        Cow::Owned(String::from_utf16_lossy(&units).into_bytes())
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    Cow::Borrowed(bytes)
}

fn looks_like_url(text: &str) -> bool {
    let text = text.trim();
    !text.contains(char::is_whitespace)
        && Url::parse(text).is_some_and(|url| url.scheme == "https" || url.scheme == "http")
}

/// Certificates from text: PEM blocks, or a bare base64 body (wrapped any way), which may itself
/// be base64 of PEM text.
pub fn certificates_from_text(text: &str) -> Result<Vec<Vec<u8>>, InputError> {
    read_certificates(text).map(|ders| ders.into_iter().map(|der| der.bytes).collect())
}

/// One certificate's DER, with the base64 text it came from when that text is exactly the
/// standard encoding (the form's value then needs no encoding again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Der {
    pub bytes: Vec<u8>,
    pub base64: Option<String>,
}

/// `certificates_from_text`, keeping each certificate's base64 where it can.
pub(crate) fn read_certificates(text: &str) -> Result<Vec<Der>, InputError> {
    // PEM needs a '-', which base64 never holds: a body alone skips the search.
    let blocks = if text.as_bytes().contains(&b'-') {
        pem_blocks(text)
    } else {
        Vec::new()
    };
    if !blocks.is_empty() {
        if blocks.iter().any(|block| is_private_key_label(block.label)) {
            return Err(InputError::PrivateKeyRefused);
        }
        let certificates: Vec<&str> = blocks
            .iter()
            .filter(|block| {
                matches!(
                    block.label,
                    "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE"
                )
            })
            .map(|block| block.body)
            .collect();
        if certificates.is_empty() {
            return Err(InputError::CertificateUnreadable {
                detail: format!("the PEM block is a {}, not a CERTIFICATE", blocks[0].label),
            });
        }
        return certificates
            .into_iter()
            .map(|body| {
                let compact = compact_base64(body);
                let bytes = decode_compact_base64(&compact)?;
                der_from_base64(compact, bytes)
            })
            .collect();
    }
    // A bare base64 body: decoded first, as it nearly always is one; what does not decode is
    // then told apart as broken base64 or as something else.
    let compact = compact_base64(text);
    match decode_compact_base64(&compact) {
        // Fewer than 16 characters is too little to be taken for a certificate.
        Ok(bytes) if compact.len() >= 16 => {
            // Base64 of PEM text: some tools encode the whole PEM once more.
            if let Ok(inner) = std::str::from_utf8(&bytes) {
                if inner.trim_start().starts_with("-----BEGIN") {
                    return certificates_from_pem_only(inner);
                }
            }
            der_from_base64(compact, bytes).map(|der| vec![der])
        }
        Err(error) if looks_like_base64(text) => Err(error),
        _ => Err(InputError::Unrecognised),
    }
}

/// DER decoded from `compact`, keeping that text when it is the standard encoding. Text that
/// decoded has the standard length only when it is exactly the standard encoding: padding
/// present, and (the decoder refuses stray bits) nothing else free.
fn der_from_base64(compact: Cow<'_, [u8]>, bytes: Vec<u8>) -> Result<Der, InputError> {
    let bytes = refuse_keys(bytes)?;
    let base64 = (compact.len() == bytes.len().div_ceil(3) * 4)
        .then(|| String::from_utf8(compact.into_owned()).ok())
        .flatten();
    Ok(Der { bytes, base64 })
}

/// The nested case allows PEM only, so that encodings cannot nest without end.
fn certificates_from_pem_only(text: &str) -> Result<Vec<Der>, InputError> {
    if pem_blocks(text).is_empty() {
        return Err(InputError::Unrecognised);
    }
    read_certificates(text)
}

fn certificates_from_der(der_bytes: Vec<u8>) -> Result<Vec<Vec<u8>>, InputError> {
    refuse_keys(der_bytes).map(|der| vec![der])
}

fn refuse_keys(der_bytes: Vec<u8>) -> Result<Vec<u8>, InputError> {
    if der::is_private_key(&der_bytes) {
        Err(InputError::PrivateKeyRefused)
    } else {
        Ok(der_bytes)
    }
}

/// What pasted text is, so a surface can offer the right action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextKind {
    Metadata,
    MetadataUrl,
    Certificate,
    PrivateKey,
    Text,
}

impl TextKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TextKind::Metadata => "metadata",
            TextKind::MetadataUrl => "metadata-url",
            TextKind::Certificate => "certificate",
            TextKind::PrivateKey => "private-key",
            TextKind::Text => "text",
        }
    }
}

/// Classifies pasted text.
pub fn classify(text: &str) -> TextKind {
    let text = text.trim_start_matches('\u{FEFF}').trim();
    if text.starts_with('<') {
        return if text.contains("EntityDescriptor") || text.contains("EntitiesDescriptor") {
            TextKind::Metadata
        } else {
            TextKind::Text
        };
    }
    if looks_like_url(text) {
        return if is_metadata_url(text) {
            TextKind::MetadataUrl
        } else {
            TextKind::Text
        };
    }
    match certificates_from_text(text) {
        Ok(certificates)
            if certificates
                .iter()
                .all(|der_bytes| der::structure_problem(der_bytes).is_none()) =>
        {
            TextKind::Certificate
        }
        Err(InputError::PrivateKeyRefused) => TextKind::PrivateKey,
        _ => TextKind::Text,
    }
}

/// Whether a URL points at SAML metadata: Entra's federation metadata, or any https URL whose
/// path says metadata.
pub fn is_metadata_url(text: &str) -> bool {
    let Some(url) = Url::parse(text) else {
        return false;
    };
    if matches!(
        EntraUrl::parse(&url),
        Some(EntraUrl::FederationMetadata { .. })
    ) {
        return true;
    }
    let path = url.path.to_ascii_lowercase();
    path.ends_with(".xml") || path.contains("metadata")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_the_bom_and_reads_utf16() {
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "<x/>".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        assert_eq!(
            decode(&utf16).unwrap(),
            Decoded::Metadata(Cow::Owned(b"<x/>".to_vec()))
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBF \r\n<x/>").unwrap(),
            Decoded::Metadata(Cow::Borrowed(&b"<x/>"[..]))
        );
    }

    #[test]
    fn refuses_private_keys_in_any_wrapping() {
        let pem = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----";
        assert_eq!(
            decode(pem.as_bytes()).unwrap_err(),
            InputError::PrivateKeyRefused
        );
        assert_eq!(classify(pem), TextKind::PrivateKey);
        let pkcs8 = [0x30, 0x05, 0x02, 0x01, 0x00, 0x30, 0x00];
        assert_eq!(decode(&pkcs8).unwrap_err(), InputError::PrivateKeyRefused);
    }

    #[test]
    fn says_a_url_is_not_fetched() {
        assert_eq!(
            decode(b"https://login.microsoftonline.com/x/federationmetadata/2007-06/federationmetadata.xml")
                .unwrap_err(),
            InputError::UrlNotFetched
        );
    }

    #[test]
    fn classifies_pastes() {
        assert_eq!(classify("  <md:EntityDescriptor/>"), TextKind::Metadata);
        assert_eq!(
            classify(
                "https://login.microsoftonline.com/t/federationmetadata/2007-06/federationmetadata.xml?appid=a"
            ),
            TextKind::MetadataUrl
        );
        assert_eq!(classify("https://sts.windows.net/t/"), TextKind::Text);
        assert_eq!(classify("ABCDEFGHIJKLMNOPQRSTUVWX"), TextKind::Text);
        assert_eq!(classify(""), TextKind::Text);
    }

    #[test]
    fn empty_input_is_named() {
        assert_eq!(decode(b" \n\t").unwrap_err(), InputError::Empty);
        assert_eq!(decode(b"").unwrap_err(), InputError::Empty);
    }
}
