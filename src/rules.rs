//! Every rule, once. `check` applies them to the values of a Mimecast Authentication Profile
//! form (as the admin typed them, or as `inspect` mapped them from metadata); `inspect` adds
//! the few that only metadata can tell (no logout endpoint, several signing certificates).

use crate::certificate::{Certificate, EXPIRES_SOON_DAYS, EntraKind, ValidityStatus};
use crate::entra::{self, EntraUrl, Tenant, Url};
use crate::error::InputError;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// The form field a finding concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    IssuerUrl,
    LoginUrl,
    LogoutUrl,
    Certificate,
    MetadataUrl,
    Provider,
    PasswordContext,
    IntegratedContext,
    // Entra's side of the trust (Basic SAML Configuration, Attributes & Claims, Users and groups).
    EntraIdentifier,
    EntraReplyUrl,
    EntraNameId,
    EntraAssignment,
}

impl Field {
    /// The label the Mimecast form gives the field.
    pub fn label(self) -> &'static str {
        match self {
            Field::IssuerUrl => "Issuer URL",
            Field::LoginUrl => "Login URL",
            Field::LogoutUrl => "Logout URL",
            Field::Certificate => "Identity Provider Certificate",
            Field::MetadataUrl => "Metadata URL",
            Field::Provider => "Provider",
            Field::PasswordContext => "Use Password protected Context",
            Field::IntegratedContext => "Use Integrated Authentication Context",
            Field::EntraIdentifier => "Entra: Identifier (Entity ID)",
            Field::EntraReplyUrl => "Entra: Reply URL (Assertion Consumer Service URL)",
            Field::EntraNameId => "Entra: Unique User Identifier (Name ID)",
            Field::EntraAssignment => "Entra: Users and groups",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $when:literal;)*) => {
        /// The stable codes of the rules. Shipped codes never change meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        pub enum Code {
            $(#[serde(rename = $code)] $variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// When the rule fires, in a few words.
            pub fn when(self) -> &'static str {
                match self { $(Code::$variant => $when,)* }
            }
        }
    };
}

codes! {
    CertExpired = "cert-expired", Error, "the certificate's notAfter is past";
    CertNotYetValid = "cert-not-yet-valid", Error, "the certificate's notBefore is still to come";
    CertExpiresSoon = "cert-expires-soon", Warning, "the certificate expires within 60 days";
    MultipleSigningCerts = "multiple-signing-certs", Warning, "more than one distinct signing certificate: the admin must choose";
    TenantKeysNotAppCert = "tenant-keys-not-app-cert", Warning, "the certificate is Entra's tenant key, not the app's";
    WeakKey = "weak-key", Warning, "an RSA key below 2048 bits";
    IssuerTrailingSlash = "issuer-trailing-slash", Error, "an Entra issuer without its trailing slash";
    TenantMismatch = "tenant-mismatch", Error, "the tenant IDs in the issuer, login, logout or metadata URL differ";
    NoLogoutUrl = "no-logout-url", Warning, "the metadata has no SingleLogoutService";
    MetadataUrlWithoutAppid = "metadata-url-without-appid", Warning, "an Entra metadata URL without ?appid=";
    AuthnContextChecked = "authn-context-checked", Warning, "a Context box is ticked while the provider is Entra";
    NotHttps = "not-https", Error, "a URL field that is not an https URL";
    PrivateKeyRefused = "private-key-refused", Error, "the input holds a private key";
    TenantIndependentMetadata = "tenant-independent-metadata", Error, "Entra's tenant-independent (common) metadata, which names no tenant";
    CertificateUnreadable = "certificate-unreadable", Error, "the certificate is not a readable X.509 certificate";
    MoreThanOneCertificate = "more-than-one-certificate", Error, "the certificate field holds several certificates";
    CertificateNeedsCleanup = "certificate-needs-cleanup", Warning, "the certificate has BEGIN/END lines or line breaks";
    NoLoginUrl = "no-login-url", Error, "the metadata has no HTTP-Redirect or HTTP-POST SingleSignOnService";
    IssuerIsLoginUrl = "issuer-is-login-url", Error, "the Issuer URL holds Entra's sign-in URL instead of its identifier";
    LoginUrlNotSaml2 = "login-url-not-saml2", Error, "an Entra Login or Logout URL that is not the tenant's /saml2 endpoint";
    ProviderNotEntra = "provider-not-entra", Warning, "the Provider is not Azure Active Directory / Microsoft Entra ID while the URLs are Entra's";
    // Test SSO: the SAML response, the AuthnRequest and Entra's errors.
    ResponseNotSuccess = "response-not-success", Error, "the SAML response's status is not Success";
    ResponseUnsigned = "response-unsigned", Error, "neither the Response nor the Assertion is signed";
    SignatureInvalid = "signature-invalid", Error, "a signature does not verify, or does not cover the assertion that was read";
    SigningCertNotConfigured = "signing-cert-not-configured", Error, "the response's signing certificate is not the one in Mimecast's profile";
    ResponseIssuerMismatch = "response-issuer-mismatch", Error, "the response's Issuer differs from Mimecast's Issuer URL";
    AudienceMismatch = "audience-mismatch", Error, "no Audience is the Mimecast identifier of this region and account code";
    RecipientMismatch = "recipient-mismatch", Error, "Destination or Recipient is not this region's Mimecast sign-in URL";
    ResponseExpired = "response-expired", Error, "now is at or after a NotOnOrAfter of the response";
    ResponseNotYetValid = "response-not-yet-valid", Error, "now is before the response's NotBefore";
    NameIdNotEmail = "name-id-not-email", Warning, "the NameID is not an e-mail address";
    SignatureWeakAlgorithm = "signature-weak-algorithm", Warning, "a signature uses SHA-1";
    EntraError = "entra-error", Error, "Entra refused the sign-in with an AADSTS error";
    RequestAuthnContext = "request-authn-context", Warning, "Mimecast's AuthnRequest asks for an authentication context (AADSTS75011)";
    MetadataSignatureInvalid = "metadata-signature-invalid", Warning, "the metadata's own signature does not verify: it changed after signing";
}

/// One thing wrong, or worth knowing, about a value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub field: Option<Field>,
    pub message: String,
    /// The corrected value for the field, when there is exactly one right answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl Finding {
    pub fn new(code: Code, field: Option<Field>, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: code.severity(),
            field,
            message: message.into(),
            fix: None,
        }
    }

    pub fn with_fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }
}

/// The values of a Mimecast Authentication Profile form. `None`: the field is not on this form
/// (or not given); `Some("")`: it is there and empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FormValues {
    pub issuer_url: Option<String>,
    pub login_url: Option<String>,
    pub logout_url: Option<String>,
    pub certificate: Option<String>,
    pub metadata_url: Option<String>,
    /// The Provider as the form shows it, e.g. "Azure Active Directory".
    pub provider: Option<String>,
    pub password_context: Option<bool>,
    pub integrated_context: Option<bool>,
}

/// Applies every rule to the form's values, as of `now`. Errors first, then warnings.
pub fn check(values: &FormValues, now: OffsetDateTime) -> Vec<Finding> {
    check_with(&FormView::from(values), now, None)
}

/// The form's values as the rules read them, borrowed (inspect has them in its own structures).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FormView<'a> {
    pub issuer_url: Option<&'a str>,
    pub login_url: Option<&'a str>,
    pub logout_url: Option<&'a str>,
    pub certificate: Option<&'a str>,
    pub metadata_url: Option<&'a str>,
    pub provider: Option<&'a str>,
    pub password_context: Option<bool>,
    pub integrated_context: Option<bool>,
}

impl<'a> From<&'a FormValues> for FormView<'a> {
    fn from(values: &'a FormValues) -> Self {
        FormView {
            issuer_url: values.issuer_url.as_deref(),
            login_url: values.login_url.as_deref(),
            logout_url: values.logout_url.as_deref(),
            certificate: values.certificate.as_deref(),
            metadata_url: values.metadata_url.as_deref(),
            provider: values.provider.as_deref(),
            password_context: values.password_context,
            integrated_context: values.integrated_context,
        }
    }
}

/// `check`, given the certificate already read from the field's text (inspect has it).
pub(crate) fn check_with(
    values: &FormView,
    now: OffsetDateTime,
    parsed: Option<&Certificate>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    fn given(value: Option<&str>) -> Option<&str> {
        value.map(str::trim).filter(|value| !value.is_empty())
    }
    let issuer = given(values.issuer_url);
    let login = given(values.login_url);
    let logout = given(values.logout_url);
    let metadata_url = given(values.metadata_url);

    if let Some(issuer) = issuer {
        check_issuer(issuer, &mut findings);
    }
    for (field, url) in [(Field::LoginUrl, login), (Field::LogoutUrl, logout)] {
        if let Some(url) = url {
            check_endpoint(field, url, issuer, &mut findings);
        }
    }
    if let Some(url) = metadata_url {
        check_metadata_url(url, &mut findings);
    }
    check_tenants(
        &[
            (Field::IssuerUrl, issuer),
            (Field::LoginUrl, login),
            (Field::LogoutUrl, logout),
            (Field::MetadataUrl, metadata_url),
        ],
        &mut findings,
    );
    if let Some(certificate) = values.certificate.filter(|text| !text.trim().is_empty()) {
        match parsed {
            Some(parsed) if certificate == parsed.base64 => {
                findings.extend(certificate_findings(parsed))
            }
            _ => check_certificate_text(certificate, now, &mut findings),
        }
    }
    let entra_urls = [issuer, login, logout]
        .into_iter()
        .any(|value| value.and_then(entra::entra_url).is_some());
    check_provider(values, entra_urls, &mut findings);

    findings.sort_by_key(|finding| (finding.severity, finding.field));
    findings
}

fn check_issuer(issuer: &str, findings: &mut Vec<Finding>) {
    let Some(url) = Url::parse(issuer) else {
        return;
    };
    match EntraUrl::parse(&url) {
        Some(EntraUrl::Issuer {
            tenant,
            trailing_slash,
        }) => {
            let canonical = match &tenant {
                Tenant::Id(id) => Some(entra::issuer_for(id)),
                _ => None,
            };
            if tenant == Tenant::Independent {
                findings.push(Finding::new(
                    Code::TenantIndependentMetadata,
                    Some(Field::IssuerUrl),
                    "The Issuer URL holds the placeholder {tenantid} of Entra's tenant-independent metadata: download the Federation Metadata XML of your own enterprise app instead.",
                ));
                return;
            }
            if !url.is_https() {
                let mut finding = Finding::new(
                    Code::NotHttps,
                    Some(Field::IssuerUrl),
                    "The Issuer URL starts with http://, but Entra's identifier is an https:// URL.",
                );
                if let Some(canonical) = &canonical {
                    finding = finding.with_fix(canonical.clone());
                }
                findings.push(finding);
            } else if !trailing_slash {
                let mut finding = Finding::new(
                    Code::IssuerTrailingSlash,
                    Some(Field::IssuerUrl),
                    "The Issuer URL is missing the trailing slash that Entra ID puts at its end, and Entra's sign-ins fail without it: add the \"/\".",
                );
                if let Some(canonical) = canonical {
                    finding = finding.with_fix(canonical);
                }
                findings.push(finding);
            }
        }
        Some(EntraUrl::SamlEndpoint { tenant } | EntraUrl::FederationMetadata { tenant, .. }) => {
            let mut finding = Finding::new(
                Code::IssuerIsLoginUrl,
                Some(Field::IssuerUrl),
                "The Issuer URL holds an Entra sign-in or metadata URL, but it needs Entra's Identifier (https://sts.windows.net/<tenant>/).",
            );
            if let Tenant::Id(id) = tenant {
                finding = finding.with_fix(entra::issuer_for(&id));
            }
            findings.push(finding);
        }
        _ => {}
    }
}

fn check_endpoint(field: Field, text: &str, issuer: Option<&str>, findings: &mut Vec<Finding>) {
    let label = field.label();
    let Some(url) = Url::parse(text) else {
        findings.push(Finding::new(
            Code::NotHttps,
            Some(field),
            format!("The {label} is not a URL: it must be an https:// address such as https://login.microsoftonline.com/<tenant>/saml2."),
        ));
        return;
    };
    let entra = EntraUrl::parse(&url);
    // The right value, when the tenant is known from this URL or from the issuer: worked out
    // only for a finding.
    let endpoint = || {
        entra
            .as_ref()
            .and_then(EntraUrl::tenant)
            .and_then(|tenant| tenant.id().map(entra::saml_endpoint_for))
            .or_else(|| {
                let issuer = entra::entra_url(issuer?)?;
                issuer.tenant()?.id().map(entra::saml_endpoint_for)
            })
    };
    if !url.is_https() {
        let mut finding = Finding::new(
            Code::NotHttps,
            Some(field),
            format!(
                "The {label} is not an https URL: Mimecast sends users only to https sign-in pages."
            ),
        );
        if let (Some(endpoint), Some(_)) = (endpoint(), &entra) {
            finding = finding.with_fix(endpoint);
        } else if url.scheme == "http" {
            finding = finding.with_fix(format!("https{}", &text.trim()[4..]));
        }
        findings.push(finding);
        return;
    }
    match entra {
        Some(EntraUrl::SamlEndpoint { tenant: Tenant::Independent }) => findings.push(Finding::new(
            Code::TenantIndependentMetadata,
            Some(field),
            format!("The {label} is Entra's tenant-independent endpoint, not your tenant's: use the Login URL shown on your enterprise app's SAML page."),
        )),
        Some(EntraUrl::SamlEndpoint { .. }) | None => {}
        Some(EntraUrl::Issuer { .. }) => {
            let mut finding = Finding::new(
                Code::LoginUrlNotSaml2,
                Some(field),
                format!("The {label} holds Entra's Identifier (sts.windows.net), but it needs the sign-in endpoint https://login.microsoftonline.com/<tenant>/saml2."),
            );
            if let Some(endpoint) = endpoint() {
                finding = finding.with_fix(endpoint);
            }
            findings.push(finding);
        }
        Some(EntraUrl::FederationMetadata { .. } | EntraUrl::OtherLoginPage { .. }) => {
            let mut finding = Finding::new(
                Code::LoginUrlNotSaml2,
                Some(field),
                format!("The {label} is an Entra address but not the tenant's SAML endpoint: it must end in /<tenant>/saml2."),
            );
            if let Some(endpoint) = endpoint() {
                finding = finding.with_fix(endpoint);
            }
            findings.push(finding);
        }
    }
}

fn check_metadata_url(text: &str, findings: &mut Vec<Finding>) {
    let Some(url) = Url::parse(text) else {
        findings.push(Finding::new(
            Code::NotHttps,
            Some(Field::MetadataUrl),
            "The Metadata URL is not a URL: paste the App Federation Metadata Url from Entra's SAML Certificates section.",
        ));
        return;
    };
    if !url.is_https() {
        findings.push(Finding::new(
            Code::NotHttps,
            Some(Field::MetadataUrl),
            "The Metadata URL is not an https URL: use the App Federation Metadata Url exactly as Entra shows it.",
        ));
        return;
    }
    if let Some(EntraUrl::FederationMetadata { app_id: None, .. }) = EntraUrl::parse(&url) {
        findings.push(Finding::new(
            Code::MetadataUrlWithoutAppid,
            Some(Field::MetadataUrl),
            "The Metadata URL has no ?appid=, so it serves the tenant's keys instead of your app's certificate: copy the App Federation Metadata Url from the enterprise app's SAML page.",
        ));
    }
}

/// All tenant GUIDs must agree; the Issuer URL's (else the first seen) is the reference.
fn check_tenants(fields: &[(Field, Option<&str>)], findings: &mut Vec<Finding>) {
    let tenants: Vec<(Field, String)> = fields
        .iter()
        .filter_map(|(field, value)| {
            let tenant = entra::entra_url((*value)?)?.tenant()?.id()?.to_string();
            Some((*field, tenant))
        })
        .collect();
    let Some((reference_field, reference)) = tenants.first() else {
        return;
    };
    for (field, tenant) in &tenants[1..] {
        if tenant != reference {
            findings.push(Finding::new(
                Code::TenantMismatch,
                Some(*field),
                format!(
                    "The {} names tenant {tenant}, but the {} names tenant {reference}: every value must come from the same Entra tenant.",
                    field.label(),
                    reference_field.label()
                ),
            ));
        }
    }
}

fn check_certificate_text(text: &str, now: OffsetDateTime, findings: &mut Vec<Finding>) {
    let field = Some(Field::Certificate);
    let certificates = match Certificate::all_in_text(text, now) {
        Ok(certificates) => certificates,
        Err(InputError::PrivateKeyRefused) => {
            findings.push(Finding::new(
                Code::PrivateKeyRefused,
                field,
                "The certificate field holds a private key: remove it at once and paste only the certificate (Entra's \"Certificate (Base64)\").",
            ));
            return;
        }
        Err(error) => {
            findings.push(Finding::new(
                Code::CertificateUnreadable,
                field,
                format!(
                    "The certificate is not readable ({}): paste Entra's \"Certificate (Base64)\" again, whole.",
                    error.to_string().trim_end_matches('.')
                ),
            ));
            return;
        }
    };
    let certificates: Vec<Certificate> = certificates;
    if certificates.len() > 1 {
        findings.push(Finding::new(
            Code::MoreThanOneCertificate,
            field,
            format!(
                "The certificate field holds {} certificates, but Mimecast takes one: keep only the app's active signing certificate.",
                certificates.len()
            ),
        ));
        return;
    }
    let certificate = &certificates[0];
    if text.trim() != certificate.base64 {
        findings.push(
            Finding::new(
                Code::CertificateNeedsCleanup,
                field,
                "The certificate has BEGIN/END lines or line breaks, which Mimecast does not want: keep only the base64 body on one line.",
            )
            .with_fix(certificate.base64.clone()),
        );
    }
    findings.extend(certificate_findings(certificate));
}

/// The rules about one certificate in the form.
pub fn certificate_findings(certificate: &Certificate) -> Vec<Finding> {
    let mut findings = Vec::new();
    let field = Some(Field::Certificate);
    let thumbprint = &certificate.sha1;
    match certificate.validity.status {
        ValidityStatus::Expired => findings.push(Finding::new(
            Code::CertExpired,
            field,
            format!(
                "The certificate {thumbprint} expired on {}: create a new SAML signing certificate in Entra, make it active, and use that one.",
                date(&certificate.not_after)
            ),
        )),
        ValidityStatus::NotYetValid => findings.push(Finding::new(
            Code::CertNotYetValid,
            field,
            format!(
                "The certificate {thumbprint} is not valid until {}: Mimecast would reject sign-ins before then, so use the certificate that is active now.",
                date(&certificate.not_before)
            ),
        )),
        ValidityStatus::ExpiresSoon => findings.push(Finding::new(
            Code::CertExpiresSoon,
            field,
            format!(
                "The certificate {thumbprint} expires on {} ({} days, under {EXPIRES_SOON_DAYS}): plan its rollover in Entra and Mimecast now.",
                date(&certificate.not_after),
                certificate.validity.days_remaining
            ),
        )),
        ValidityStatus::Valid => {}
    }
    if certificate.entra_kind == Some(EntraKind::TenantKey) {
        findings.push(Finding::new(
            Code::TenantKeysNotAppCert,
            field,
            "This is Entra's tenant-wide signing key (metadata fetched without ?appid=), not your app's certificate, so Mimecast would reject every sign-in: use the app's Federation Metadata XML or its \"Certificate (Base64)\".",
        ));
    }
    if certificate.key_algorithm.starts_with("RSA")
        && certificate.key_bits.is_some_and(|bits| bits < 2048)
    {
        findings.push(Finding::new(
            Code::WeakKey,
            field,
            format!(
                "The certificate's RSA key has only {} bits: create a 2048-bit (or larger) signing certificate in the identity provider.",
                certificate.key_bits.unwrap_or_default()
            ),
        ));
    }
    findings
}

fn check_provider(values: &FormView, entra_urls: bool, findings: &mut Vec<Finding>) {
    let provider = values
        .provider
        .map(str::trim)
        .filter(|text| !is_provider_placeholder(text));
    let provider_is_entra = provider.is_none_or(|text| {
        let lower = text.to_ascii_lowercase();
        lower.contains("azure") || lower.contains("entra") || lower.contains("microsoft")
    });
    if let (Some(text), false, true) = (provider, provider_is_entra, entra_urls) {
        findings.push(Finding::new(
            Code::ProviderNotEntra,
            Some(Field::Provider),
            format!("The Provider is \"{text}\", but the URLs are Entra ID's: choose Azure Active Directory / Microsoft Entra ID."),
        ));
    }
    if !provider_is_entra {
        return;
    }
    for (field, ticked) in [
        (Field::PasswordContext, values.password_context),
        (Field::IntegratedContext, values.integrated_context),
    ] {
        if ticked == Some(true) {
            findings.push(Finding::new(
                Code::AuthnContextChecked,
                Some(field),
                format!(
                    "\"{}\" is ticked, so Mimecast asks Entra for one sign-in method and users who sign in with MFA, Windows Hello or a passkey fail (AADSTS75011): untick it.",
                    field.label()
                ),
            ));
        }
    }
}

/// Whether the Provider shows a placeholder ("Please Select…", "-- Select --", "Select a
/// provider", "None") rather than a provider.
fn is_provider_placeholder(text: &str) -> bool {
    let words = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase();
    words.is_empty()
        || words == "none"
        || ["select", "please select", "please choose", "choose"]
            .iter()
            .any(|start| words.starts_with(start))
}

/// The date part of an RFC 3339 instant, for messages.
pub(crate) fn date(rfc3339: &str) -> &str {
    rfc3339.split('T').next().unwrap_or(rfc3339)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const TENANT: &str = "a15b04fc-6ff1-42a7-bb24-2e762259f5da";
    const NOW: OffsetDateTime = datetime!(2026-11-23 12:00 UTC);

    fn codes(findings: &[Finding]) -> Vec<&'static str> {
        findings
            .iter()
            .map(|finding| finding.code.as_str())
            .collect()
    }

    #[test]
    fn every_code_is_kebab_case_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()));
            assert!(
                code.as_str()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            );
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }

    #[test]
    fn correct_entra_values_pass() {
        let values = FormValues {
            issuer_url: Some(format!("https://sts.windows.net/{TENANT}/")),
            login_url: Some(format!("https://login.microsoftonline.com/{TENANT}/saml2")),
            logout_url: Some(format!("https://login.microsoftonline.com/{TENANT}/saml2")),
            metadata_url: Some(format!(
                "https://login.microsoftonline.com/{TENANT}/federationmetadata/2007-06/federationmetadata.xml?appid=0e4c7f2a-1111-2222-3333-444455556666"
            )),
            provider: Some("Azure Active Directory".into()),
            password_context: Some(false),
            integrated_context: Some(false),
            ..FormValues::default()
        };
        assert_eq!(check(&values, NOW), vec![]);
    }

    #[test]
    fn the_missing_slash_is_an_error_with_its_fix() {
        let values = FormValues {
            issuer_url: Some(format!("https://sts.windows.net/{TENANT}")),
            ..FormValues::default()
        };
        let findings = check(&values, NOW);
        assert_eq!(codes(&findings), ["issuer-trailing-slash"]);
        assert!(findings[0].message.contains("missing the trailing slash"));
        assert_eq!(
            findings[0].fix.as_deref(),
            Some(format!("https://sts.windows.net/{TENANT}/").as_str())
        );
    }

    #[test]
    fn another_tenants_login_url_is_a_mismatch() {
        let values = FormValues {
            issuer_url: Some(format!("https://sts.windows.net/{TENANT}/")),
            login_url: Some(
                "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/saml2"
                    .into(),
            ),
            ..FormValues::default()
        };
        let findings = check(&values, NOW);
        assert_eq!(codes(&findings), ["tenant-mismatch"]);
        assert_eq!(findings[0].field, Some(Field::LoginUrl));
    }

    #[test]
    fn context_boxes_warn_only_for_entra() {
        let mut values = FormValues {
            password_context: Some(true),
            integrated_context: Some(true),
            provider: Some("Azure Active Directory".into()),
            ..FormValues::default()
        };
        assert_eq!(
            codes(&check(&values, NOW)),
            ["authn-context-checked", "authn-context-checked"]
        );
        values.provider = Some("Okta".into());
        assert_eq!(codes(&check(&values, NOW)), Vec::<&str>::new());
        for placeholder in ["Please Select...", "-- Select --", "Select a provider", ""] {
            values.provider = Some(placeholder.into());
            assert_eq!(
                codes(&check(&values, NOW)),
                ["authn-context-checked", "authn-context-checked"],
                "{placeholder}"
            );
        }
    }

    #[test]
    fn http_and_non_urls_are_refused_for_endpoints() {
        let values = FormValues {
            login_url: Some(format!("http://login.microsoftonline.com/{TENANT}/saml2")),
            logout_url: Some("saml2".into()),
            ..FormValues::default()
        };
        let findings = check(&values, NOW);
        assert_eq!(codes(&findings), ["not-https", "not-https"]);
        assert_eq!(
            findings[0].fix.as_deref(),
            Some(format!("https://login.microsoftonline.com/{TENANT}/saml2").as_str())
        );
    }

    #[test]
    fn swapped_entra_urls_are_caught() {
        let values = FormValues {
            issuer_url: Some(format!("https://login.microsoftonline.com/{TENANT}/saml2")),
            login_url: Some(format!("https://sts.windows.net/{TENANT}/")),
            ..FormValues::default()
        };
        let findings = check(&values, NOW);
        assert_eq!(
            codes(&findings),
            ["issuer-is-login-url", "login-url-not-saml2"]
        );
    }

    #[test]
    fn a_private_key_is_refused_and_not_echoed() {
        let values = FormValues {
            certificate: Some(
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEsecret\n-----END RSA PRIVATE KEY-----".into(),
            ),
            ..FormValues::default()
        };
        let findings = check(&values, NOW);
        assert_eq!(codes(&findings), ["private-key-refused"]);
        assert!(!findings[0].message.contains("MIIEsecret"));
    }

    #[test]
    fn metadata_url_without_appid_warns() {
        let values = FormValues {
            metadata_url: Some(format!(
                "https://login.microsoftonline.com/{TENANT}/federationmetadata/2007-06/federationmetadata.xml"
            )),
            ..FormValues::default()
        };
        assert_eq!(codes(&check(&values, NOW)), ["metadata-url-without-appid"]);
    }
}
