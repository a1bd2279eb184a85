//! Telling what the admin pasted on the Test SSO step, without asking them which: a SAML
//! message as XML, its base64 (one line or wrapped), the URL-encoded POST body
//! `SAMLResponse=…&RelayState=…`, the URL-encoded base64 value alone, an HTTP-Redirect URL or
//! query with `SAMLRequest=` (deflated), or Entra's error text, URL or code.

use crate::aadsts;
use crate::input::normalise_encoding;
use crate::pem::decode_base64;
use crate::response_error::{MAX_MESSAGE_BYTES, ResponseError};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::borrow::Cow;

const PROTOCOL_NS: &str = "urn:oasis:names:tc:SAML:2.0:protocol";

/// What the input was found to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SamlInput<'a> {
    /// A samlp:Response, as UTF-8 XML.
    Response(Cow<'a, [u8]>),
    /// A samlp:AuthnRequest, as UTF-8 XML.
    Request(Cow<'a, [u8]>),
    /// Entra's error page text, error URL or code: the AADSTS code found in it.
    EntraError(u32),
}

/// Which form the input came in (reported, and tested: every form gives the same result).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Xml,
    Base64,
    PostBody,
    UrlEncodedBase64,
    EntraError,
}

/// Detects the form of the input and decodes it as far as the XML.
pub fn detect(bytes: &[u8]) -> Result<(SamlInput<'_>, Form), ResponseError> {
    // Base64 of the largest message, URL-encoded, is well under four times its size.
    if bytes.len() > 4 * MAX_MESSAGE_BYTES {
        return Err(ResponseError::TooLarge {
            size: bytes.len(),
            limit: MAX_MESSAGE_BYTES,
        });
    }
    let bytes = normalise_encoding(bytes);
    let start = bytes
        .iter()
        .position(|byte| !byte.is_ascii_whitespace())
        .ok_or(ResponseError::Empty)?;
    if bytes[start] == b'<' {
        let xml = match bytes {
            Cow::Borrowed(slice) => Cow::Borrowed(&slice[start..]),
            Cow::Owned(vec) => Cow::Owned(vec[start..].to_vec()),
        };
        return match xml_message(xml)? {
            Some(message) => Ok((message, Form::Xml)),
            None => Err(ResponseError::Unrecognised),
        };
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| ResponseError::Unrecognised)?;
    let text = text.trim();

    if let Some(value) = form_value(text, "SAMLResponse") {
        let xml = decode_message(&value, "SAMLResponse", false)?;
        return message_or_error(xml, Form::PostBody);
    }
    if let Some(value) = form_value(text, "SAMLRequest") {
        let xml = decode_message(&value, "SAMLRequest", true)?;
        return message_or_error(xml, Form::PostBody);
    }
    if let Some(code) = aadsts::find_code(&percent_decode(text)) {
        return Ok((SamlInput::EntraError(code), Form::EntraError));
    }
    let (value, form) = if text.contains('%') {
        (percent_decode(text), Form::UrlEncodedBase64)
    } else {
        (text.to_string(), Form::Base64)
    };
    // Base64, wrapped at most: spaces inside a line mean words, not base64.
    let base64_like = value.lines().all(|line| {
        line.trim()
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=-_".contains(&b))
    });
    if !base64_like {
        return Err(ResponseError::Unrecognised);
    }
    // Bare text that decodes to neither XML nor DEFLATE data was never a SAML message; a long
    // enough run of base64 that does not decode is most likely a truncated one.
    let xml = decode_message(&value, "SAMLResponse", true).map_err(|error| match error {
        ResponseError::InflateFailed { .. } | ResponseError::NotUtf8 { .. } => {
            ResponseError::Unrecognised
        }
        ResponseError::Base64Invalid { .. } if value.trim().len() < 64 => {
            ResponseError::Unrecognised
        }
        error => error,
    })?;
    message_or_error(xml, form)
}

fn message_or_error(xml: Vec<u8>, form: Form) -> Result<(SamlInput<'static>, Form), ResponseError> {
    match xml_message(Cow::Owned(xml))? {
        Some(message) => Ok((message, form)),
        None => Err(ResponseError::Unrecognised),
    }
}

/// A Response or AuthnRequest by its root element; Entra's error page (HTML) by its AADSTS code.
fn xml_message(xml: Cow<'_, [u8]>) -> Result<Option<SamlInput<'_>>, ResponseError> {
    if xml.len() > MAX_MESSAGE_BYTES {
        return Err(ResponseError::TooLarge {
            size: xml.len(),
            limit: MAX_MESSAGE_BYTES,
        });
    }
    match root_element(&xml) {
        Some((true, local)) if local == "Response" => Ok(Some(SamlInput::Response(xml))),
        Some((true, local)) if local == "AuthnRequest" => Ok(Some(SamlInput::Request(xml))),
        root => {
            let text = String::from_utf8_lossy(&xml);
            if let Some(code) = aadsts::find_code(&text) {
                return Ok(Some(SamlInput::EntraError(code)));
            }
            match root {
                Some((_, local)) => Err(ResponseError::NotSamlMessage { root: local }),
                // Not even a start tag: let the full reader say what is wrong with it.
                None => Ok(Some(SamlInput::Response(xml))),
            }
        }
    }
}

/// The root element: whether it is in the SAML protocol namespace, and its local name.
fn root_element(xml: &[u8]) -> Option<(bool, String)> {
    let mut reader = Reader::from_reader(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(element)) | Ok(Event::Empty(element)) => {
                let name = element.name();
                let local = name.local_name().as_ref().to_string();
                let wanted = match name.prefix() {
                    Some(prefix) => format!("xmlns:{}", prefix.as_ref()),
                    None => "xmlns".to_string(),
                };
                let in_protocol = element
                    .attributes()
                    .with_checks(false)
                    .flatten()
                    .any(|a| a.key.as_ref() == wanted && a.value.as_ref() == PROTOCOL_NS);
                return Some((in_protocol, local));
            }
            Ok(Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::Text(_)) => {}
            _ => return None,
        }
    }
}

/// The value of `name=` in a URL-encoded form body or URL query, percent-decoded.
pub fn form_value(text: &str, name: &str) -> Option<String> {
    let query = text.split_once('?').map_or(text, |(_, query)| query);
    query
        .split(['&', '\n', '\r'])
        .map(str::trim)
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
        .map(percent_decode)
}

/// application/x-www-form-urlencoded decoding: `+` is a space, `%XX` a byte.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' => match hex_pair(&bytes[index + 1..]) {
                Some(byte) => {
                    out.push(byte);
                    index += 2;
                }
                None => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_pair(bytes: &[u8]) -> Option<u8> {
    let digit = |b: u8| (b as char).to_digit(16);
    let high = digit(*bytes.first()?)?;
    let low = digit(*bytes.get(1)?)?;
    u8::try_from(high * 16 + low).ok()
}

/// Base64 to XML; with `may_be_deflated`, raw DEFLATE (HTTP-Redirect) is inflated too.
fn decode_message(
    value: &str,
    what: &'static str,
    may_be_deflated: bool,
) -> Result<Vec<u8>, ResponseError> {
    // URL-safe base64 appears in hand-copied URLs; the standard alphabet is what SAML uses.
    let standard: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    if standard.is_empty() {
        return Err(ResponseError::Empty);
    }
    let decoded = decode_base64(&standard).map_err(|error| ResponseError::Base64Invalid {
        what,
        detail: match error {
            crate::InputError::Base64Invalid { detail } => detail,
            other => other.to_string(),
        },
    })?;
    let decoded = normalise_encoding(&decoded).into_owned();
    if decoded
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<')
    {
        return Ok(decoded);
    }
    if may_be_deflated {
        let inflated =
            miniz_oxide::inflate::decompress_to_vec_with_limit(&decoded, MAX_MESSAGE_BYTES)
                .map_err(|error| ResponseError::InflateFailed {
                    detail: format!("{:?}", error.status),
                })?;
        if std::str::from_utf8(&inflated).is_err() {
            return Err(ResponseError::NotUtf8 { what });
        }
        return Ok(inflated);
    }
    Err(ResponseError::NotUtf8 { what })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_keeps_broken_escapes() {
        assert_eq!(percent_decode("a%2Bb+c%3d%zz%"), "a+b c=%zz%");
    }

    #[test]
    fn finds_values_in_bodies_and_queries() {
        assert_eq!(
            form_value("SAMLResponse=PHA%2B&RelayState=x", "SAMLResponse").as_deref(),
            Some("PHA+")
        );
        assert_eq!(
            form_value(
                "https://login.microsoftonline.com/t/saml2?SAMLRequest=abc%3D",
                "SAMLRequest"
            )
            .as_deref(),
            Some("abc=")
        );
        assert_eq!(form_value("RelayState=x", "SAMLResponse"), None);
    }
}
