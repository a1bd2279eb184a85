//! A metadata URL as pasted, read before anything fetches it: is it one, whose tenant and app
//! does it name, and what do the rules say of it.

use crate::entra::EntraUrl;
use crate::error::InputError;
use crate::input::is_metadata_url;
use crate::rules::{self, Finding, FormValues};
use crate::url::Url;
use serde::Serialize;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetadataUrl {
    /// The URL, trimmed.
    pub url: String,
    pub tenant_id: Option<String>,
    pub app_id: Option<String>,
    pub findings: Vec<Finding>,
}

/// Reads a metadata URL; an error for anything that is not an https URL of metadata.
pub fn read(text: &str) -> Result<MetadataUrl, InputError> {
    let url_text = text.trim();
    let url = Url::parse(url_text).ok_or(InputError::NotMetadataUrl)?;
    if !url.is_https() || !is_metadata_url(url_text) {
        return Err(InputError::NotMetadataUrl);
    }
    let (tenant_id, app_id) = match EntraUrl::parse(&url) {
        Some(EntraUrl::FederationMetadata { tenant, app_id }) => {
            (tenant.id().map(str::to_string), app_id)
        }
        _ => (None, None),
    };
    let values = FormValues {
        metadata_url: Some(url_text.to_string()),
        ..FormValues::default()
    };
    // No rule about a URL alone depends on the time.
    let findings = rules::check(&values, OffsetDateTime::UNIX_EPOCH);
    Ok(MetadataUrl {
        url: url_text.to_string(),
        tenant_id,
        app_id,
        findings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_app_metadata_url() {
        let read = read(" https://login.microsoftonline.com/a15b04fc-6ff1-42a7-bb24-2e762259f5da/federationmetadata/2007-06/federationmetadata.xml?appid=0e4c7f2a-1111-2222-3333-444455556666 ").unwrap();
        assert_eq!(
            read.tenant_id.as_deref(),
            Some("a15b04fc-6ff1-42a7-bb24-2e762259f5da")
        );
        assert_eq!(
            read.app_id.as_deref(),
            Some("0e4c7f2a-1111-2222-3333-444455556666")
        );
        assert!(read.findings.is_empty());
    }

    #[test]
    fn warns_without_appid_and_refuses_what_is_not_metadata() {
        let tenant_wide = read("https://login.microsoftonline.com/contoso.onmicrosoft.com/FederationMetadata/2007-06/FederationMetadata.xml").unwrap();
        assert_eq!(
            tenant_wide.findings[0].code.as_str(),
            "metadata-url-without-appid"
        );
        assert_eq!(read("http://login.microsoftonline.com/x/federationmetadata/2007-06/federationmetadata.xml").unwrap_err(), InputError::NotMetadataUrl);
        assert_eq!(
            read("https://portal.azure.com/").unwrap_err(),
            InputError::NotMetadataUrl
        );
        assert_eq!(read("hello").unwrap_err(), InputError::NotMetadataUrl);
    }
}
