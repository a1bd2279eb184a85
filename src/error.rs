//! Why an input could not be used. Each variant is one failure the admin can meet, with a stable
//! code and a one-sentence message that says what was wrong and what to do.

use thiserror::Error;

/// An input that cannot be used at all: nothing is filled from it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InputError {
    #[error("The input is empty: it holds no metadata, metadata URL or certificate to read.")]
    Empty,

    #[error("The XML is malformed at line {line}, column {column}: {detail}.")]
    XmlSyntax {
        line: usize,
        column: usize,
        detail: String,
    },

    #[error(
        "The XML declares a DTD (<!DOCTYPE>), which SAML metadata never has, so it was refused unread to rule out entity expansion."
    )]
    DtdRefused,

    #[error(
        "The XML is nested more than {limit} levels deep, which no SAML metadata is, so it was refused."
    )]
    TooDeep { limit: usize },

    #[error(
        "The XML is a <{root}> document, not SAML metadata (an EntityDescriptor or EntitiesDescriptor)."
    )]
    NotMetadata { root: String },

    #[error(
        "This metadata describes no identity provider (it has no IDPSSODescriptor){hint}: download the Federation Metadata XML from the SAML-based Sign-on page of your Entra enterprise app instead."
    )]
    NoIdentityProvider { hint: String },

    #[error(
        "No identity provider with the entity ID '{entity_id}' is in this metadata; it holds {available}."
    )]
    EntityNotFound {
        entity_id: String,
        available: String,
    },

    #[error(
        "This metadata holds {count} identity providers, so choose one by its entity ID: {listed}."
    )]
    SeveralIdentityProviders {
        count: usize,
        listed: String,
        /// Every identity provider's entity ID, in document order, for a surface to choose from.
        entity_ids: Vec<String>,
    },

    #[error(
        "The input holds a private key, which was refused and not kept: give only the certificate (Entra's \"Certificate (Base64)\" download)."
    )]
    PrivateKeyRefused,

    #[error("The certificate could not be read: {detail}.")]
    CertificateUnreadable { detail: String },

    #[error("The text looks like base64 but does not decode: {detail}.")]
    Base64Invalid { detail: String },

    #[error(
        "That is a URL, not metadata: open it in a browser, save the Federation Metadata XML and give that file instead."
    )]
    UrlNotFetched,

    #[error(
        "That is not an https URL of SAML metadata: copy the App Federation Metadata Url from the SAML-based Sign-on page of your Entra enterprise app."
    )]
    NotMetadataUrl,

    #[error(
        "The input is neither SAML metadata XML nor a certificate (PEM, base64 or DER): give Entra's Federation Metadata XML or its certificate."
    )]
    Unrecognised,

    #[error("'{text}' is not a date and time in RFC 3339 form, such as 2026-11-23T09:30:00Z.")]
    InvalidTime { text: String },

    #[error("There is nothing to check: every value is empty.")]
    NothingToCheck,

    #[error(
        "This is a web page (HTML), not SAML metadata, as a browser saves a sign-in or error page: download the Federation Metadata XML from the SAML Certificates section of your Entra enterprise app instead."
    )]
    WebPage,

    #[error(
        "No signing certificate has the SHA-1 thumbprint {thumbprint}; the metadata lists {available}."
    )]
    CertificateNotFound {
        thumbprint: String,
        available: String,
    },
}

impl InputError {
    /// Whether the input is not SAML metadata at all, rather than metadata the core has
    /// something to say about: what a fetched page that is not metadata gives.
    pub fn is_not_metadata(&self) -> bool {
        matches!(
            self,
            InputError::Empty
                | InputError::XmlSyntax { .. }
                | InputError::DtdRefused
                | InputError::NotMetadata { .. }
                | InputError::Unrecognised
                | InputError::WebPage
        )
    }

    /// The stable machine-readable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            InputError::Empty => "empty-input",
            InputError::XmlSyntax { .. } => "xml-syntax",
            InputError::DtdRefused => "dtd-refused",
            InputError::TooDeep { .. } => "too-deep",
            InputError::NotMetadata { .. } => "not-metadata",
            InputError::NoIdentityProvider { .. } => "no-identity-provider",
            InputError::EntityNotFound { .. } => "entity-not-found",
            InputError::SeveralIdentityProviders { .. } => "several-identity-providers",
            InputError::PrivateKeyRefused => "private-key-refused",
            InputError::CertificateUnreadable { .. } => "certificate-unreadable",
            InputError::Base64Invalid { .. } => "base64-invalid",
            InputError::UrlNotFetched => "url-not-fetched",
            InputError::NotMetadataUrl => "not-metadata-url",
            InputError::Unrecognised => "unrecognised-input",
            InputError::InvalidTime { .. } => "invalid-time",
            InputError::CertificateNotFound { .. } => "certificate-not-found",
            InputError::NothingToCheck => "nothing-to-check",
            InputError::WebPage => "web-page",
        }
    }
}

/// Lists at most a handful of names in a sentence, saying how many more there are.
pub(crate) fn list_some(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut text = names
        .iter()
        .take(SHOWN)
        .map(|name| format!("'{name}'"))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    if names.is_empty() {
        text.push_str("none");
    }
    text
}
