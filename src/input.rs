//! Telling what the admin handed over — metadata XML, one or more certificates in any of the
//! forms Entra hands them out, a URL, a private key — without asking them which.

use crate::der;
use crate::entra::EntraUrl;
use crate::error::InputError;
use crate::pem::{
    PemBlock, compact_base64, decode_compact_base64, is_private_key_label, looks_like_base64,
    pem_blocks,
};
use crate::url::Url;
use serde::Serialize;
use std::borrow::Cow;

/// The input, decoded as far as its kind goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded<'a> {
    /// SAML metadata: the XML bytes, UTF-8, without a byte order mark.
    Metadata(Cow<'a, [u8]>),
    /// One or more certificates, as DER.
    Certificates(Vec<Vec<u8>>),
    /// The values of Entra's "Set up Mimecast" block, copied from the portal.
    SetupBlock(crate::setup_block::SetupBlock),
}

/// Decodes bytes from a file, a paste or standard input.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, InputError> {
    let bytes = normalise_encoding(bytes);
    let start = bytes
        .iter()
        .position(|byte| !byte.is_ascii_whitespace())
        .ok_or(InputError::Empty)?;
    match bytes[start] {
        b'<' if is_web_page(&bytes[start..]) => Err(InputError::WebPage),
        b'<' => Ok(Decoded::Metadata(match bytes {
            Cow::Borrowed(slice) => Cow::Borrowed(&slice[start..]),
            Cow::Owned(vec) => Cow::Owned(vec[start..].to_vec()),
        })),
        // DER: Entra's "Certificate (Raw)" download, or a .p7b.
        0x30 => certificates_from_der(bytes.into_owned()).map(Decoded::Certificates),
        _ => {
            let text = match std::str::from_utf8(&bytes) {
                Ok(text) => Cow::Borrowed(text),
                // Windows-1252 bytes from a mail client or an editor, among the text.
                Err(_) => Cow::Owned(crate::text::from_mostly_utf8(&bytes)),
            };
            if looks_like_url(&text) {
                return Err(InputError::UrlNotFetched);
            }
            if let Some(block) = crate::setup_block::read(&text) {
                return Ok(Decoded::SetupBlock(block));
            }
            certificates_from_text(&text).map(Decoded::Certificates)
        }
    }
}

/// Whether markup is an HTML page (a sign-in or error page saved as .xml): its first tag, after
/// any XML declaration, comments and whitespace, is `<!DOCTYPE html` or `<html`.
fn is_web_page(markup: &[u8]) -> bool {
    let mut rest = markup;
    loop {
        rest = rest.trim_ascii_start();
        let skip_to = |end: &[u8]| memchr::memmem::find(rest, end).map(|at| at + end.len());
        let skipped = if rest.starts_with(b"<?") {
            skip_to(b"?>")
        } else if rest.starts_with(b"<!--") {
            skip_to(b"-->")
        } else {
            None
        };
        match skipped {
            Some(after) => rest = &rest[after..],
            None => break,
        }
    }
    let head: Vec<u8> = rest.iter().take(14).map(u8::to_ascii_lowercase).collect();
    head.starts_with(b"<!doctype html")
        || (head.starts_with(b"<html")
            && matches!(head.get(5), Some(b'>' | b' ' | b'\t' | b'\r' | b'\n')))
}

/// UTF-16 without a byte order mark: text whose first characters are ASCII, one byte of each
/// pair zero. The byte order it is in, when it is.
fn utf16_without_bom(bytes: &[u8]) -> Option<fn([u8; 2]) -> u16> {
    let head = &bytes[..bytes.len().min(64) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.chunks_exact(2);
    if pairs.clone().all(|pair| pair[0] != 0 && pair[1] == 0) {
        Some(u16::from_le_bytes)
    } else if pairs.clone().all(|pair| pair[0] == 0 && pair[1] != 0) {
        Some(u16::from_be_bytes)
    } else {
        None
    }
}

/// Strips a UTF-8 byte order mark; turns UTF-16 with a byte order mark (Notepad's "Unicode"),
/// or without one, into UTF-8.
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
    if let Some(order) = utf16_without_bom(bytes) {
        return utf16(bytes, order);
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
        let certificates: Vec<&PemBlock> = blocks
            .iter()
            .filter(|block| {
                matches!(
                    block.label,
                    "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" | "PKCS7"
                )
            })
            .collect();
        if certificates.is_empty() {
            return Err(InputError::CertificateUnreadable {
                detail: format!("the PEM block is a {}, not a CERTIFICATE", blocks[0].label),
            });
        }
        let mut ders = Vec::new();
        for block in certificates {
            let compact = compact_base64(block.body);
            let bytes = decode_compact_base64(&compact)
                .map_err(|error| name_stray(error, text, block.body))?;
            if block.label == "PKCS7" {
                ders.extend(pkcs7_ders(&bytes)?);
            } else {
                ders.push(der_from_base64(compact, bytes)?);
            }
        }
        return Ok(ders);
    }
    // A bare base64 body: decoded first, as it nearly always is one; what does not decode is
    // then told apart as broken base64 or as something else. Quotes around it (a chat or a
    // mail quoting it) are not part of it.
    let body = text.trim_matches(|c: char| {
        crate::text::is_invisible(c)
            || matches!(c, '"' | '\'' | '`' | '“' | '”' | '‘' | '’' | '«' | '»')
    });
    let compact = compact_base64(body);
    match decode_compact_base64(&compact) {
        // Fewer than 16 characters is too little to be taken for a certificate.
        Ok(bytes) if compact.len() >= 16 => {
            // Base64 of PEM text: some tools encode the whole PEM once more.
            if let Ok(inner) = std::str::from_utf8(&bytes) {
                if inner.trim_start().starts_with("-----BEGIN") {
                    return certificates_from_pem_only(inner);
                }
            }
            if der::pkcs7_certificates(&bytes).is_some() {
                return pkcs7_ders(&bytes);
            }
            der_from_base64(compact, bytes).map(|der| vec![der])
        }
        Err(error) if looks_like_base64(body) => Err(name_stray(error, text, body)),
        _ => Err(InputError::Unrecognised),
    }
}

/// The certificates of a PKCS#7 (.p7b), refused with the reason when it holds none.
fn pkcs7_ders(bytes: &[u8]) -> Result<Vec<Der>, InputError> {
    match der::pkcs7_certificates(bytes) {
        Some(ders) if !ders.is_empty() => ders
            .into_iter()
            .map(|bytes| {
                Ok(Der {
                    bytes: refuse_keys(bytes)?,
                    base64: None,
                })
            })
            .collect(),
        Some(_) => Err(InputError::CertificateUnreadable {
            detail: "the PKCS#7 (.p7b) holds no certificate".to_string(),
        }),
        None => Err(InputError::CertificateUnreadable {
            detail: "the PKCS7 block is not a readable PKCS#7 (.p7b) of certificates".to_string(),
        }),
    }
}

/// A base64 error, with the first character that is not base64 named in plain words with its
/// line in the whole text ("a curly quote (’) on line 3").
fn name_stray(error: InputError, text: &str, segment: &str) -> InputError {
    let offset = (segment.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    let stray = segment.char_indices().find(|(_, c)| {
        !(c.is_ascii_alphanumeric()
            || matches!(c, '+' | '/' | '=')
            || crate::text::is_invisible(*c))
    });
    match stray {
        Some((index, c)) => {
            let before = text.get(..offset + index).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            InputError::Base64Invalid {
                detail: format!(
                    "it holds {} on line {line}, which is not base64",
                    crate::text::char_name(c)
                ),
            }
        }
        None => error,
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
    if der::pkcs7_certificates(&der_bytes).is_some() {
        return pkcs7_ders(&der_bytes).map(|ders| ders.into_iter().map(|der| der.bytes).collect());
    }
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
    fn reads_utf16_without_a_byte_order_mark() {
        for order in [u16::to_le_bytes, u16::to_be_bytes] {
            let bytes: Vec<u8> = "<?xml version=\"1.0\" encoding=\"utf-16\"?><x/>"
                .encode_utf16()
                .flat_map(order)
                .collect();
            assert_eq!(
                decode(&bytes).unwrap(),
                Decoded::Metadata(Cow::Owned(
                    b"<?xml version=\"1.0\" encoding=\"utf-16\"?><x/>".to_vec()
                ))
            );
        }
    }

    #[test]
    fn a_web_page_is_named() {
        for page in [
            &b"<!DOCTYPE html><html><head><title>Sign in to your account</title>"[..],
            b"\r\n<!-- saved --><!doctype HTML>\n<html lang=\"en\">",
            b"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
        ] {
            assert_eq!(decode(page).unwrap_err(), InputError::WebPage);
        }
        assert!(decode(b"<htmlish/>").is_ok());
    }

    #[test]
    fn empty_input_is_named() {
        assert_eq!(decode(b" \n\t").unwrap_err(), InputError::Empty);
        assert_eq!(decode(b"").unwrap_err(), InputError::Empty);
    }
}
