//! Telling what the admin handed over — metadata XML, one or more certificates in any of the
//! forms Entra hands them out, a URL, a private key — without asking them which.

use crate::certificate_der;
use crate::der;
use crate::entra::EntraUrl;
use crate::error::InputError;
use crate::url::Url;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What the input is: one name for every kind the core tells apart. [`decode`] gives the kinds
/// that carry values (metadata, certificates, the Set up block) with their payload, as
/// [`Decoded`]; [`classify`] names pasted text without decoding it, so that a surface can offer
/// the right action (fetch a metadata URL, refuse a private key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    Metadata,
    /// A URL of SAML metadata, to fetch.
    MetadataUrl,
    Certificate,
    /// The text of Entra's "Set up Mimecast" block: the URLs, no certificate.
    EntraSetup,
    PrivateKey,
    /// Anything else.
    Text,
}

impl InputKind {
    const ALL: [InputKind; 6] = [
        InputKind::Metadata,
        InputKind::MetadataUrl,
        InputKind::Certificate,
        InputKind::EntraSetup,
        InputKind::PrivateKey,
        InputKind::Text,
    ];

    /// The kind that [`InputKind::as_str`] names `name`.
    pub fn from_name(name: &str) -> Option<InputKind> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Metadata => "metadata",
            InputKind::MetadataUrl => "metadata-url",
            InputKind::Certificate => "certificate",
            InputKind::EntraSetup => "entra-setup",
            InputKind::PrivateKey => "private-key",
            InputKind::Text => "text",
        }
    }

    /// What the input is, in words for "Read … from the file x.xml".
    pub fn noun(self) -> &'static str {
        match self {
            InputKind::Metadata => "metadata",
            InputKind::MetadataUrl => "a metadata URL",
            InputKind::Certificate => "certificate",
            InputKind::EntraSetup => "Entra's Set up Mimecast block",
            InputKind::PrivateKey => "a private key",
            InputKind::Text => "text",
        }
    }
}

/// The input, decoded as far as its kind goes: an [`InputKind`] with its payload.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded<'a> {
    /// SAML metadata: the XML bytes, UTF-8, without a byte order mark.
    Metadata(Cow<'a, [u8]>),
    /// One or more certificates, as DER.
    Certificates(Vec<Vec<u8>>),
    /// The values of Entra's "Set up Mimecast" block, copied from the portal.
    SetupBlock(crate::setup_block::SetupBlock),
}

impl Decoded<'_> {
    pub fn kind(&self) -> InputKind {
        match self {
            Decoded::Metadata(_) => InputKind::Metadata,
            Decoded::Certificates(_) => InputKind::Certificate,
            Decoded::SetupBlock(_) => InputKind::EntraSetup,
        }
    }
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
        0x30 => certificate_der::from_der(bytes.into_owned()).map(Decoded::Certificates),
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
            certificate_der::from_text(&text).map(Decoded::Certificates)
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

/// Classifies pasted text: metadata, a metadata URL, certificates, a private key, or text.
pub fn classify(text: &str) -> InputKind {
    let text = text.trim_start_matches('\u{FEFF}').trim();
    if text.starts_with('<') {
        return if text.contains("EntityDescriptor") || text.contains("EntitiesDescriptor") {
            InputKind::Metadata
        } else {
            InputKind::Text
        };
    }
    if looks_like_url(text) {
        return if is_metadata_url(text) {
            InputKind::MetadataUrl
        } else {
            InputKind::Text
        };
    }
    match certificate_der::from_text(text) {
        Ok(certificates)
            if certificates
                .iter()
                .all(|der_bytes| der::structure_problem(der_bytes).is_none()) =>
        {
            InputKind::Certificate
        }
        Err(InputError::PrivateKeyRefused) => InputKind::PrivateKey,
        _ => InputKind::Text,
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
    fn every_kind_is_found_by_its_contract_name() {
        for kind in InputKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
            assert_eq!(InputKind::from_name(kind.as_str()), Some(kind));
        }
        assert_eq!(InputKind::from_name("poem"), None);
    }

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
        assert_eq!(classify(pem), InputKind::PrivateKey);
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
        assert_eq!(classify("  <md:EntityDescriptor/>"), InputKind::Metadata);
        assert_eq!(
            classify(
                "https://login.microsoftonline.com/t/federationmetadata/2007-06/federationmetadata.xml?appid=a"
            ),
            InputKind::MetadataUrl
        );
        assert_eq!(classify("https://sts.windows.net/t/"), InputKind::Text);
        assert_eq!(classify("ABCDEFGHIJKLMNOPQRSTUVWX"), InputKind::Text);
        assert_eq!(classify(""), InputKind::Text);
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
