//! Why a pasted SAML message (Response, AuthnRequest) or Entra error could not be used. Each
//! variant has a stable code and a one-sentence message that says what was wrong and what to do.

use crate::error::InputError;
use thiserror::Error;

/// The largest SAML message read: Entra's responses are a few kilobytes, tens with many groups.
pub const MAX_MESSAGE_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ResponseError {
    /// The XML itself is unusable (syntax, DTD, nesting), as for metadata.
    #[error(transparent)]
    Xml(InputError),

    #[error(
        "The input is empty: paste the SAMLResponse that Entra posts to Mimecast (XML, base64 or the POST body), or Entra's error text."
    )]
    Empty,

    #[error(
        "The SAML message is {size} bytes, more than the {limit} a sign-in ever needs, so it was refused unread."
    )]
    TooLarge { size: usize, limit: usize },

    #[error(
        "The input is neither a SAML Response (XML, base64 or a POST body with SAMLResponse=) nor an Entra error with an AADSTS code."
    )]
    Unrecognised,

    #[error("The {what} is not valid base64: {detail}.")]
    Base64Invalid { what: &'static str, detail: String },

    #[error(
        "The SAMLRequest does not inflate: it is not the DEFLATE data of the HTTP-Redirect binding ({detail})."
    )]
    InflateFailed { detail: String },

    #[error(
        "The XML is a <{root}> document, not a SAML 2.0 Response or AuthnRequest (protocol namespace urn:oasis:names:tc:SAML:2.0:protocol)."
    )]
    NotSamlMessage { root: String },

    #[error("The decoded {what} is not UTF-8 XML.")]
    NotUtf8 { what: &'static str },
}

impl ResponseError {
    /// The stable machine-readable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            ResponseError::Xml(error) => error.code(),
            ResponseError::Empty => "empty-input",
            ResponseError::TooLarge { .. } => "too-large",
            ResponseError::Unrecognised => "not-saml-message",
            ResponseError::Base64Invalid { .. } => "base64-invalid",
            ResponseError::InflateFailed { .. } => "inflate-failed",
            ResponseError::NotSamlMessage { .. } => "not-saml-message",
            ResponseError::NotUtf8 { .. } => "not-utf8",
        }
    }
}

impl From<InputError> for ResponseError {
    fn from(error: InputError) -> Self {
        ResponseError::Xml(error)
    }
}
