//! The Mimecast side of the SAML trust, as Entra ID's "Basic SAML Configuration" wants it.
//!
//! From a Mimecast region and account code this module gives the Identifier (Entity ID), the
//! Reply URL (Assertion Consumer Service) and the Sign-on URL, and an SP metadata document for
//! Entra's "Upload metadata file". It also reads such a document back, with the same care as the
//! IdP metadata parser (byte-order marks, any namespace prefix), so that a round trip can be
//! checked: the values read back are the values that were generated.
//!
//! Pure: no clock, no I/O, no panics.

use std::fmt;

use crate::error::InputError;
use crate::input::{self, Decoded};
use crate::metadata;
use crate::url::Url;
use quick_xml::escape::escape;
use serde::Serialize;
use serde::ser::SerializeStruct;

const SAML_METADATA_NS: &str = "urn:oasis:names:tc:SAML:2.0:metadata";
const SAML_PROTOCOL_NS: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
const HTTP_POST_BINDING: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

/// The longest account code accepted; real ones are about ten characters.
const MAX_ACCOUNT_CODE_LEN: usize = 32;
/// The shortest account code accepted: "C" and a region abbreviation at least.
const MIN_ACCOUNT_CODE_LEN: usize = 3;

/// A Mimecast region (grid): where the account lives and so which API host signs users in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// The short code used in the host name, `eu`, `us`, `uspcom`, …
    pub code: &'static str,
    /// The region in words, as an admin would pick it from a list.
    pub name: &'static str,
    /// The host of the Identifier, Reply URL and Sign-on URL.
    pub api_host: &'static str,
    /// The start of the account codes Mimecast gives out in this region, when it is known.
    pub account_code_prefix: Option<&'static str>,
}

impl Region {
    /// `https://{host}/sso/{ACCOUNTCODE}`, the Entity ID Entra calls "Identifier".
    pub fn identifier(&self, account_code: &AccountCode) -> String {
        format!("https://{}/sso/{}", self.api_host, account_code.as_str())
    }

    /// `https://{host}/login/saml`: the Reply URL, which is also the SP-initiated Sign-on URL.
    pub fn reply_url(&self) -> String {
        format!("https://{}/login/saml", self.api_host)
    }

    /// Where Mimecast accepts a SAML response: `https://{host}/login/saml` (apps),
    /// `/login/sso/mpp` (Personal Portal) and `/login/sso/adcon` (Administration Console).
    pub fn sign_in_urls(&self) -> [String; 3] {
        SIGN_IN_PATHS.map(|path| format!("https://{}{path}", self.api_host))
    }
}

/// The paths of Mimecast's SAML sign-in endpoints on every API host, the Reply URL's first.
const SIGN_IN_PATHS: [&str; 3] = ["/login/saml", "/login/sso/mpp", "/login/sso/adcon"];

/// The region whose API host serves this URL, when it is one of Mimecast's SAML sign-in
/// endpoints (https, the host any case, the query ignored).
pub fn sign_in_region(url: &str) -> Option<&'static Region> {
    let url = Url::parse(url)?;
    if url.scheme != "https" || !SIGN_IN_PATHS.contains(&url.path.trim_end_matches('/')) {
        return None;
    }
    REGIONS.iter().find(|region| region.api_host == url.host)
}

impl Serialize for Region {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Region", 4)?;
        state.serialize_field("code", self.code)?;
        state.serialize_field("name", self.name)?;
        state.serialize_field("identifier_host", self.api_host)?;
        state.serialize_field("reply_url", &self.reply_url())?;
        state.end()
    }
}

/// Every Mimecast region, in the order an admin is most likely to look for theirs.
pub const REGIONS: &[Region] = &[
    Region {
        code: "eu",
        name: "Europe",
        api_host: "eu-api.mimecast.com",
        account_code_prefix: Some("CUK"),
    },
    Region {
        code: "de",
        name: "Germany",
        api_host: "de-api.mimecast.com",
        account_code_prefix: Some("CDE"),
    },
    Region {
        code: "us",
        name: "United States",
        api_host: "us-api.mimecast.com",
        account_code_prefix: Some("CUSA"),
    },
    Region {
        code: "usb",
        name: "United States B",
        api_host: "usb-api.mimecast.com",
        account_code_prefix: Some("CUSB"),
    },
    Region {
        code: "uspcom",
        name: "United States public sector",
        api_host: "uspcom-api.mimecast-pscom-us.com",
        account_code_prefix: None,
    },
    Region {
        code: "ca",
        name: "Canada",
        api_host: "ca-api.mimecast.com",
        account_code_prefix: Some("CCA"),
    },
    Region {
        code: "za",
        name: "South Africa",
        api_host: "za-api.mimecast.com",
        account_code_prefix: Some("CSA"),
    },
    Region {
        code: "au",
        name: "Australia",
        api_host: "au-api.mimecast.com",
        account_code_prefix: Some("CAU"),
    },
    Region {
        code: "jer",
        name: "Offshore",
        api_host: "jer-api.mimecast.com",
        account_code_prefix: None,
    },
];

/// The region with this code (`eu`, `de`, …), ignoring case and surrounding spaces.
pub fn region(code: &str) -> Option<&'static Region> {
    let code = code.trim();
    REGIONS.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The region whose account codes start like this one, when the prefix is a known one.
pub fn region_of_account_code(account_code: &AccountCode) -> Option<&'static Region> {
    REGIONS.iter().find(|r| {
        r.account_code_prefix
            .is_some_and(|prefix| account_code.as_str().starts_with(prefix))
    })
}

/// A Mimecast account code, checked and upper-cased (Mimecast shows it under Account > Settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct AccountCode(String);

impl AccountCode {
    /// Checks what the admin typed: surrounding spaces are dropped and letters upper-cased.
    pub fn parse(typed: &str) -> Result<AccountCode, ServiceProviderError> {
        let code = typed.trim();
        if code.is_empty() {
            return Err(ServiceProviderError::AccountCodeEmpty);
        }
        if code.contains("://") || code.contains('/') || code.contains('.') {
            return Err(ServiceProviderError::AccountCodeIsUrl);
        }
        if let Some(bad) = code.chars().find(|c| !c.is_ascii_alphanumeric()) {
            return Err(ServiceProviderError::AccountCodeCharacter(bad));
        }
        let length = code.chars().count();
        if length < MIN_ACCOUNT_CODE_LEN {
            return Err(ServiceProviderError::AccountCodeTooShort);
        }
        if length > MAX_ACCOUNT_CODE_LEN {
            return Err(ServiceProviderError::AccountCodeTooLong);
        }
        Ok(AccountCode(code.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AccountCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What Entra's Basic SAML Configuration needs for one Mimecast account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceProvider {
    /// The region code, `eu`, `uspcom`, …
    pub region: &'static str,
    pub account_code: AccountCode,
    /// Identifier (Entity ID), the same for IdP- and SP-initiated sign-in.
    pub identifier: String,
    /// Reply URL (Assertion Consumer Service URL), the same for both modes.
    pub reply_url: String,
    /// Sign-on URL: only for SP-initiated sign-in; IdP-initiated leaves it empty in Entra.
    pub sign_on_url: String,
    /// SP metadata for Entra's "Upload metadata file".
    pub metadata_xml: String,
    /// Sentences about likely mistakes that do not stop the values from being given.
    pub warnings: Vec<String>,
}

/// The Mimecast values for a region code and an account code as the admin typed it.
pub fn service_provider(
    region_code: &str,
    account_code: &str,
) -> Result<ServiceProvider, ServiceProviderError> {
    let region = region(region_code)
        .ok_or_else(|| ServiceProviderError::UnknownRegion(region_code.trim().to_owned()))?;
    let account_code = AccountCode::parse(account_code)?;
    Ok(service_provider_for(region, account_code))
}

/// The Mimecast values for a region and an already checked account code.
pub fn service_provider_for(region: &'static Region, account_code: AccountCode) -> ServiceProvider {
    let identifier = region.identifier(&account_code);
    let reply_url = region.reply_url();
    let mut warnings = Vec::new();
    if let Some(home) = region_of_account_code(&account_code)
        && home.code != region.code
    {
        warnings.push(format!(
            "Account codes that start with {} belong to {}, not {}: check the region.",
            home.account_code_prefix.unwrap_or_default(),
            home.name,
            region.name
        ));
    }
    ServiceProvider {
        region: region.code,
        metadata_xml: metadata_xml(&identifier, &reply_url),
        sign_on_url: reply_url.clone(),
        identifier,
        reply_url,
        account_code,
        warnings,
    }
}

/// A minimal SAML 2.0 SP metadata document: the entity ID and one HTTP-POST
/// Assertion Consumer Service, which is all Entra's "Upload metadata file" reads.
pub fn metadata_xml(identifier: &str, reply_url: &str) -> String {
    format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<md:EntityDescriptor xmlns:md=\"{md}\" entityID=\"{entity_id}\">\n",
            "  <md:SPSSODescriptor protocolSupportEnumeration=\"{protocol}\">\n",
            "    <md:AssertionConsumerService Binding=\"{binding}\" Location=\"{location}\" index=\"0\" isDefault=\"true\"/>\n",
            "  </md:SPSSODescriptor>\n",
            "</md:EntityDescriptor>\n"
        ),
        md = SAML_METADATA_NS,
        entity_id = escape(identifier),
        protocol = SAML_PROTOCOL_NS,
        binding = HTTP_POST_BINDING,
        location = escape(reply_url),
    )
}

/// What an SP metadata document says, read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceProviderMetadata {
    /// The entityID of the first EntityDescriptor that has an SPSSODescriptor.
    pub identifier: String,
    /// Its HTTP-POST Assertion Consumer Service (the default one first), or else its first one.
    pub reply_url: String,
    /// The Mimecast region, when the identifier is a Mimecast one.
    pub region: Option<&'static str>,
    /// The account code, when the identifier is a Mimecast one.
    pub account_code: Option<AccountCode>,
}

/// The region and account code in a Mimecast Identifier, `https://{host}/sso/{ACCOUNTCODE}`.
pub fn parse_identifier(identifier: &str) -> Option<(&'static Region, AccountCode)> {
    let rest = identifier.trim().strip_prefix("https://")?;
    let (host, path) = rest.split_once('/')?;
    let region = REGIONS
        .iter()
        .find(|r| r.api_host.eq_ignore_ascii_case(host))?;
    let code = path.strip_prefix("sso/")?;
    let code = AccountCode::parse(code.trim_end_matches('/')).ok()?;
    Some((region, code))
}

/// Reads SP metadata (bytes as a file holds them: UTF-8 with or without a BOM, or UTF-16 with
/// one), with the same reader as identity-provider metadata: the first entity with an
/// SPSSODescriptor gives the Identifier and its Reply URL.
pub fn read_service_provider(
    input: &[u8],
) -> Result<ServiceProviderMetadata, ServiceProviderError> {
    let xml = match input::decode(input) {
        Ok(Decoded::Metadata(xml)) => xml,
        // Whatever else the core makes of it, it is not SP metadata.
        Ok(Decoded::Certificates(_) | Decoded::SetupBlock(_))
        | Err(
            InputError::Empty
            | InputError::Unrecognised
            | InputError::UrlNotFetched
            | InputError::WebPage,
        ) => {
            return Err(ServiceProviderError::NotServiceProviderMetadata);
        }
        Err(error) => return Err(ServiceProviderError::Unreadable(error)),
    };
    let entities = metadata::parse(&xml, None).map_err(|error| match error {
        InputError::NotMetadata { .. } => ServiceProviderError::NotServiceProviderMetadata,
        error => ServiceProviderError::Unreadable(error),
    })?;
    let Some(entity) = entities
        .iter()
        .find(|entity| entity.service_provider.is_some())
    else {
        return Err(
            if entities
                .iter()
                .any(|entity| entity.identity_provider.is_some())
            {
                ServiceProviderError::IdentityProviderMetadata
            } else {
                ServiceProviderError::NotServiceProviderMetadata
            },
        );
    };
    let consumers = entity
        .service_provider
        .as_ref()
        .map(|role| role.assertion_consumers.as_slice())
        .unwrap_or_default();
    // HTTP-POST is what Mimecast and Entra use; else the first listed.
    let reply_url = consumers
        .iter()
        .filter(|service| !service.location.is_empty())
        .find(|service| service.binding == HTTP_POST_BINDING)
        .or_else(|| {
            consumers
                .iter()
                .find(|service| !service.location.is_empty())
        })
        .map(|service| service.location.clone());
    let identifier = Some(entity.entity_id.clone()).filter(|id| !id.is_empty());
    let (Some(identifier), Some(reply_url)) = (identifier, reply_url) else {
        return Err(ServiceProviderError::NoReplyUrl);
    };
    let mimecast = parse_identifier(&identifier);
    Ok(ServiceProviderMetadata {
        region: mimecast.as_ref().map(|(region, _)| region.code),
        account_code: mimecast.map(|(_, code)| code),
        identifier,
        reply_url,
    })
}

/// Why no Mimecast values could be given, or no SP metadata read. Each message is one sentence
/// that says what was wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServiceProviderError {
    #[error("\"{0}\" is not a Mimecast region: choose one from the list.")]
    UnknownRegion(String),
    #[error(
        "Type your Mimecast account code: the Administration Console shows it under Account > Settings (it looks like CUSA12A34)."
    )]
    AccountCodeEmpty,
    #[error(
        "Type only the account code (it looks like CUSA12A34), not a URL or domain: it is under Account > Settings in the Mimecast console."
    )]
    AccountCodeIsUrl,
    #[error(
        "An account code has only letters and digits, but this one has {}: copy it again from Account > Settings in the Mimecast console.",
        describe_char(*.0)
    )]
    AccountCodeCharacter(char),
    #[error(
        "This account code is too short: copy the whole code from Account > Settings in the Mimecast console (it looks like CUSA12A34)."
    )]
    AccountCodeTooShort,
    #[error(
        "This account code is too long for a Mimecast account code: copy only the code from Account > Settings in the Mimecast console."
    )]
    AccountCodeTooLong,
    /// The document could not be read at all (malformed XML, a DTD, …): the core's own error.
    #[error("{0}")]
    Unreadable(InputError),
    #[error(
        "This is identity-provider metadata, not service-provider metadata: use it in the Mimecast form, not in Entra's Basic SAML Configuration."
    )]
    IdentityProviderMetadata,
    #[error(
        "This XML holds no SAML service-provider (SPSSODescriptor) with an entity ID: use the SP metadata file this page generates."
    )]
    NotServiceProviderMetadata,
    #[error(
        "This service-provider metadata has no entity ID or no AssertionConsumerService Location, so it gives no Identifier or Reply URL: generate it again here."
    )]
    NoReplyUrl,
}

impl ServiceProviderError {
    /// A stable code, as with the core's other errors.
    pub fn code(&self) -> &'static str {
        match self {
            ServiceProviderError::UnknownRegion(_) => "unknown-region",
            ServiceProviderError::AccountCodeEmpty => "account-code-empty",
            ServiceProviderError::AccountCodeIsUrl
            | ServiceProviderError::AccountCodeCharacter(_)
            | ServiceProviderError::AccountCodeTooShort
            | ServiceProviderError::AccountCodeTooLong => "account-code-malformed",
            ServiceProviderError::Unreadable(error) => error.code(),
            ServiceProviderError::IdentityProviderMetadata => "idp-metadata",
            ServiceProviderError::NotServiceProviderMetadata => "not-sp-metadata",
            ServiceProviderError::NoReplyUrl => "no-reply-url",
        }
    }
}

/// A character as an admin can recognise it in a sentence.
fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\t' => "a tab".to_owned(),
        '\n' | '\r' => "a line break".to_owned(),
        '-' => "a hyphen".to_owned(),
        '_' => "an underscore".to_owned(),
        c if c.is_control() || c.is_whitespace() => {
            format!("the invisible character U+{:04X}", c as u32)
        }
        c => format!("\"{c}\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_follow_the_region_host_and_upper_case_the_code() {
        let sp = service_provider("eu", "  cuk12a34 ").expect("valid");
        assert_eq!(sp.identifier, "https://eu-api.mimecast.com/sso/CUK12A34");
        assert_eq!(sp.reply_url, "https://eu-api.mimecast.com/login/saml");
        assert_eq!(sp.sign_on_url, sp.reply_url);
        assert!(sp.warnings.is_empty());
    }

    #[test]
    fn public_sector_grid_has_its_own_domain() {
        let sp = service_provider("uspcom", "C1A2B3").expect("valid");
        assert_eq!(
            sp.identifier,
            "https://uspcom-api.mimecast-pscom-us.com/sso/C1A2B3"
        );
        assert_eq!(
            sp.reply_url,
            "https://uspcom-api.mimecast-pscom-us.com/login/saml"
        );
    }

    #[test]
    fn region_codes_are_unique_and_found_ignoring_case() {
        for (i, r) in REGIONS.iter().enumerate() {
            assert_eq!(region(&r.code.to_uppercase()), Some(r));
            assert!(
                REGIONS
                    .iter()
                    .skip(i + 1)
                    .all(|o| o.code != r.code && o.name != r.name)
            );
        }
        assert_eq!(region("mars"), None);
    }

    #[test]
    fn malformed_account_codes_are_refused_with_a_reason() {
        let cases = [
            ("", "account-code-empty"),
            ("   ", "account-code-empty"),
            (
                "https://eu-api.mimecast.com/sso/CUK1",
                "account-code-malformed",
            ),
            ("CUK 12", "account-code-malformed"),
            ("CUK-12", "account-code-malformed"),
            ("CÜK12", "account-code-malformed"),
            ("C1", "account-code-malformed"),
            (
                "C123456789012345678901234567890123",
                "account-code-malformed",
            ),
        ];
        for (typed, code) in cases {
            let error = AccountCode::parse(typed).expect_err(typed);
            assert_eq!(error.code(), code, "{typed:?}");
            let message = error.to_string();
            assert!(message.ends_with('.'), "{message}");
            assert_eq!(message.matches(". ").count(), 0, "one sentence: {message}");
        }
        assert!(
            AccountCode::parse("CUK 12")
                .unwrap_err()
                .to_string()
                .contains("a space")
        );
    }

    #[test]
    fn an_account_code_from_another_region_is_a_warning_not_an_error() {
        let sp = service_provider("eu", "CDE22A21").expect("still valid");
        assert_eq!(sp.warnings.len(), 1);
        assert!(sp.warnings[0].contains("Germany"), "{}", sp.warnings[0]);
        assert!(
            service_provider("de", "CDE22A21")
                .unwrap()
                .warnings
                .is_empty()
        );
        assert!(
            service_provider("us", "CUSA1A2")
                .unwrap()
                .warnings
                .is_empty()
        );
        assert_eq!(service_provider("us", "CUSB1A2").unwrap().warnings.len(), 1);
    }

    #[test]
    fn generated_metadata_reads_back_to_the_same_values() {
        for region in REGIONS {
            let sp = service_provider(region.code, "CABC123").unwrap();
            let read = read_service_provider(sp.metadata_xml.as_bytes()).unwrap();
            assert_eq!(read.identifier, sp.identifier);
            assert_eq!(read.reply_url, sp.reply_url);
            assert_eq!(read.region, Some(region.code));
            assert_eq!(read.account_code, Some(sp.account_code.clone()));
        }
    }

    #[test]
    fn special_characters_are_escaped_in_the_metadata() {
        let xml = metadata_xml("urn:x?a=1&b=\"2\"<", "https://x/?a&b");
        assert!(xml.contains("entityID=\"urn:x?a=1&amp;b=&quot;2&quot;&lt;\""));
        let read = read_service_provider(xml.as_bytes()).unwrap();
        assert_eq!(read.identifier, "urn:x?a=1&b=\"2\"<");
        assert_eq!(read.reply_url, "https://x/?a&b");
        assert_eq!(read.region, None);
    }

    #[test]
    fn reading_accepts_a_bom_any_prefix_and_a_default_namespace() {
        let xml = "\u{FEFF}<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://de-api.mimecast.com/sso/CDE1A2\">\r\n\
            <SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\
            <AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://wrong/\" index=\"0\" isDefault=\"true\"/>\
            <AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://de-api.mimecast.com/login/saml\" index=\"1\"/>\
            </SPSSODescriptor></EntityDescriptor>";
        let read = read_service_provider(xml.as_bytes()).unwrap();
        assert_eq!(read.reply_url, "https://de-api.mimecast.com/login/saml");
        assert_eq!(read.region, Some("de"));

        let prefixed = xml
            .replace("<EntityDescriptor xmlns=", "<x:EntityDescriptor xmlns:x=")
            .replace("<SPSSODescriptor", "<x:SPSSODescriptor")
            .replace("</SPSSODescriptor", "</x:SPSSODescriptor")
            .replace("<AssertionConsumerService", "<x:AssertionConsumerService")
            .replace("</EntityDescriptor", "</x:EntityDescriptor");
        assert_eq!(read_service_provider(prefixed.as_bytes()).unwrap(), read);

        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            xml.trim_start_matches('\u{FEFF}')
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        assert_eq!(read_service_provider(&utf16).unwrap(), read);
    }

    #[test]
    fn elements_in_the_wrong_namespace_do_not_count() {
        let xml = "<EntityDescriptor xmlns=\"urn:example\" entityID=\"https://eu-api.mimecast.com/sso/CUK1\">\
            <SPSSODescriptor><AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://x\"/></SPSSODescriptor></EntityDescriptor>";
        let error = read_service_provider(xml.as_bytes()).unwrap_err();
        assert_eq!(error.code(), "not-sp-metadata");
    }

    #[test]
    fn the_first_sp_entity_of_an_aggregate_is_read() {
        let xml = format!(
            "<md:EntitiesDescriptor xmlns:md=\"{SAML_METADATA_NS}\">\
             <md:EntityDescriptor entityID=\"https://idp\"><md:IDPSSODescriptor/></md:EntityDescriptor>\
             <md:EntityDescriptor entityID=\"https://sp\"><md:SPSSODescriptor>\
             <md:AssertionConsumerService Binding=\"{HTTP_POST_BINDING}\" Location=\"https://sp/acs\"/>\
             </md:SPSSODescriptor></md:EntityDescriptor></md:EntitiesDescriptor>"
        );
        let read = read_service_provider(xml.as_bytes()).unwrap();
        assert_eq!(read.identifier, "https://sp");
        assert_eq!(read.reply_url, "https://sp/acs");
    }

    #[test]
    fn unusable_documents_are_named_errors() {
        let cases: [(&[u8], &str); 7] = [
            (b"", "not-sp-metadata"),
            (b"<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">", "xml-syntax"),
            (b"\xff\xff\xfe", "not-sp-metadata"),
            (b"<!DOCTYPE x [<!ENTITY a \"a\">]><x/>", "dtd-refused"),
            (
                b"<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://sts.windows.net/x/\"><IDPSSODescriptor/></EntityDescriptor>",
                "idp-metadata",
            ),
            (
                b"<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"e\"><SPSSODescriptor/></EntityDescriptor>",
                "no-reply-url",
            ),
            (b"<html><body>Sign in</body></html>", "not-sp-metadata"),
        ];
        for (input, code) in cases {
            let error = read_service_provider(input).expect_err(code);
            assert_eq!(
                error.code(),
                code,
                "{:?}: {error}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn identifiers_parse_back_to_region_and_code() {
        let (region, code) = parse_identifier("https://usb-api.mimecast.com/sso/CUSB1A2").unwrap();
        assert_eq!(region.code, "usb");
        assert_eq!(code.as_str(), "CUSB1A2");
        assert!(parse_identifier("https://evil.example/sso/CUSB1A2").is_none());
        assert!(parse_identifier("https://usb-api.mimecast.com/login/saml").is_none());
    }

    #[test]
    fn sign_in_urls_are_found_on_every_api_host_and_nowhere_else() {
        for region in REGIONS {
            for url in region.sign_in_urls() {
                assert_eq!(sign_in_region(&url), Some(region), "{url}");
                assert_eq!(
                    sign_in_region(&format!(
                        "{}?x=1",
                        url.to_uppercase().replace("HTTPS", "https")
                    )),
                    None,
                    "paths are case-sensitive"
                );
            }
        }
        assert_eq!(
            sign_in_region("https://EU-API.mimecast.com/login/saml?RelayState=x"),
            region("eu")
        );
        for url in [
            "http://eu-api.mimecast.com/login/saml",
            "https://eu-api.mimecast.com/login/other",
            "https://login-eu.mimecast.com/login/saml",
            "https://eu-api.mimecast.com.evil.example/login/saml",
            "https://evil.example/eu-api.mimecast.com/login/saml",
            "https://uspcom-api.mimecast.com/login/saml",
            "not a url",
        ] {
            assert_eq!(sign_in_region(url), None, "{url}");
        }
        assert_eq!(
            sign_in_region("https://uspcom-api.mimecast-pscom-us.com/login/sso/adcon"),
            region("uspcom")
        );
    }

    #[test]
    fn regions_serialize_as_the_contract_says() {
        let json = serde_json::to_value(region("jer").unwrap()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "jer", "name": "Offshore", "identifier_host": "jer-api.mimecast.com",
                "reply_url": "https://jer-api.mimecast.com/login/saml"})
        );
    }
}
