//! Certificates as admins hand them over (PEM blocks, bare or wrapped base64, base64 of PEM,
//! DER, a PKCS#7 .p7b) down to the DER of each, refusing private keys in any wrapping. Reading
//! what the DER says is `certificate`'s job; telling certificates from other input is `input`'s.

use crate::der;
use crate::error::InputError;
use crate::pem::{
    PemBlock, compact_base64, decode_compact_base64, is_private_key_label, looks_like_base64,
    pem_blocks,
};
use std::borrow::Cow;

/// Certificates from text: PEM blocks, or a bare base64 body (wrapped any way), which may itself
/// be base64 of PEM text.
pub fn from_text(text: &str) -> Result<Vec<Vec<u8>>, InputError> {
    read_text(text).map(|ders| ders.into_iter().map(|der| der.der).collect())
}

/// One certificate's DER, with the base64 text it came from when that text is exactly the
/// standard encoding (the form's value then needs no encoding again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CertificateDer {
    pub der: Vec<u8>,
    pub base64: Option<String>,
}

/// `from_text`, keeping each certificate's base64 where it can.
pub(crate) fn read_text(text: &str) -> Result<Vec<CertificateDer>, InputError> {
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
fn pkcs7_ders(bytes: &[u8]) -> Result<Vec<CertificateDer>, InputError> {
    match der::pkcs7_certificates(bytes) {
        Some(ders) if !ders.is_empty() => ders
            .into_iter()
            .map(|bytes| {
                Ok(CertificateDer {
                    der: refuse_keys(bytes)?,
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
fn der_from_base64(compact: Cow<'_, [u8]>, bytes: Vec<u8>) -> Result<CertificateDer, InputError> {
    let bytes = refuse_keys(bytes)?;
    let base64 = (compact.len() == bytes.len().div_ceil(3) * 4)
        .then(|| String::from_utf8(compact.into_owned()).ok())
        .flatten();
    Ok(CertificateDer { der: bytes, base64 })
}

/// The nested case allows PEM only, so that encodings cannot nest without end.
fn certificates_from_pem_only(text: &str) -> Result<Vec<CertificateDer>, InputError> {
    if pem_blocks(text).is_empty() {
        return Err(InputError::Unrecognised);
    }
    read_text(text)
}

/// Certificates from DER bytes: one certificate, or the certificates of a PKCS#7 (.p7b).
pub fn from_der(der_bytes: Vec<u8>) -> Result<Vec<Vec<u8>>, InputError> {
    if der::pkcs7_certificates(&der_bytes).is_some() {
        return pkcs7_ders(&der_bytes).map(|ders| ders.into_iter().map(|der| der.der).collect());
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
