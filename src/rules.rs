//! Every rule, once. `check` applies them to the values of a Mimecast Authentication Profile
//! form (as the admin typed them, or as `inspect` mapped them from metadata); `inspect` adds
//! the few that only metadata can tell (no logout endpoint, several signing certificates).

use crate::certificate::{Certificate, EXPIRES_SOON_DAYS, EntraKind, ValidityStatus};
use crate::entra::{self, EntraUrl, Loose, Place, Scheme, Tenant};
use crate::error::InputError;
use crate::provider;
use crate::url::Url;
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
    UrlWhitespace = "url-whitespace", Error, "a URL with whitespace or an invisible character around or inside it";
    UrlNoScheme = "url-no-scheme", Error, "a URL without its https://";
    UrlMalformedScheme = "url-malformed-scheme", Error, "a URL whose https:// is misspelt or has the wrong slashes";
    IssuerLetterCase = "issuer-letter-case", Error, "an Entra Issuer URL with capital letters, which Mimecast compares exactly";
    UrlLetterCase = "url-letter-case", Warning, "an Entra Login, Logout or Metadata URL with capital letters where Entra writes lower case";
    UrlSlashes = "url-slashes", Error, "an Entra URL with a doubled, extra or missing slash";
    TenantNotGuid = "tenant-not-guid", Error, "an Entra URL whose tenant is meant as a GUID but is not one";
    WrongEntraEndpoint = "wrong-entra-endpoint", Error, "an Entra URL of another endpoint (OpenID Connect, WS-Federation, OAuth) than the field needs";
    UrlQueryOrFragment = "url-query-or-fragment", Error, "an Entra URL with a query string or fragment that does not belong";
    // Several SAML sections on one profile (src/sections.rs).
    SectionsDisagree = "sections-disagree", Warning, "two SAML sections of one profile name different Entra tenants or certificates";
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

impl FormValues {
    /// Whether there is nothing to check: no value at all, or only empty (or whitespace) text.
    pub fn is_blank(&self) -> bool {
        let texts = [
            &self.issuer_url,
            &self.login_url,
            &self.logout_url,
            &self.certificate,
            &self.metadata_url,
            &self.provider,
        ];
        texts.iter().all(|text| {
            text.as_deref()
                .is_none_or(|text| text.chars().all(crate::text::is_invisible))
        }) && self.password_context.is_none()
            && self.integrated_context.is_none()
    }
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

    check_urls(
        &[
            (Field::IssuerUrl, values.issuer_url),
            (Field::LoginUrl, values.login_url),
            (Field::LogoutUrl, values.logout_url),
            (Field::MetadataUrl, values.metadata_url),
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

    order(&mut findings);
    findings
}

/// Findings in the order every surface lists them: errors first, then by field; the order of
/// the rules within one field.
pub fn order(findings: &mut [Finding]) {
    findings.sort_by_key(|finding| (finding.severity, finding.field));
}

// The URL fields (Issuer, Login, Logout and Metadata URL) against Entra's exact forms:
//   Issuer URL          https://sts.windows.net/<tenant guid, lower case>/
//   Login, Logout URL   https://login.microsoftonline.com/<tenant guid>/saml2
//   Metadata URL        https://login.microsoftonline.com/<tenant guid>/federationmetadata/2007-06/federationmetadata.xml?appid=<app guid>
// (sts.chinacloudapi.cn and the other clouds' sign-in hosts alike). Every class of difference,
// and its code; each finding carries the exact value as `fix` when exactly one is right (the
// tenant known from this value or, when it is unusable here, from the other URLs):
//  1. whitespace of any kind (spaces, tabs, line breaks, no-break and zero-width spaces, byte
//     order marks) around or inside the value: url-whitespace (any URL, not only Entra's);
//  2. the scheme: missing (url-no-scheme), misspelt or with the wrong slashes
//     (url-malformed-scheme), http:// or another scheme (not-https);
//  3. letter case: in the Issuer URL, which Mimecast compares exactly (issuer-letter-case); in
//     the others, which Entra reads regardless (url-letter-case, a warning);
//  4. slashes: the issuer's trailing one missing (issuer-trailing-slash); doubled, one too many
//     at the end, or missing before saml2 (url-slashes);
//  5. a tenant that is not a GUID: a character too many or too few, braces, a typo
//     (tenant-not-guid); it still counts for tenant-mismatch;
//  6. another Entra endpoint than the field needs: the Issuer URL holding the SAML sign-in or
//     metadata URL (issuer-is-login-url) or an OpenID Connect issuer, the WS-Federation or an
//     OAuth endpoint (wrong-entra-endpoint); a Login or Logout URL that is not /saml2
//     (login-url-not-saml2); a Metadata URL that is not federation metadata
//     (wrong-entra-endpoint); /common, /organizations, /consumers or {tenantid} in place of the
//     tenant (tenant-independent-metadata);
//  7. query strings and fragments that do not belong (url-query-or-fragment); a Metadata URL
//     without ?appid= (metadata-url-without-appid);
//  8. URLs of different tenants (tenant-mismatch), a corrupted GUID included.

/// The tenant a URL field names, as far as it can be told.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seen {
    /// A GUID, lower case: as written or repaired exactly.
    Guid(String),
    /// Something meant as a GUID that says no exact one, as written.
    Corrupt(String),
}

/// One URL field, read leniently.
struct UrlField {
    field: Field,
    loose: Option<Loose>,
    seen: Option<Seen>,
}

fn read_url_field(field: Field, raw: &str) -> UrlField {
    let loose = Loose::read(raw);
    let seen = loose.as_ref().and_then(|loose| {
        let url = Url::parse(&loose.text)?;
        match EntraUrl::parse(&url)?.tenant()? {
            Tenant::Id(id) => Some(Seen::Guid(id.clone())),
            Tenant::NotGuid(text) => Some(
                match entra::repair_guid(text)
                    .or_else(|| entra::leading_guid(text).map(|(guid, _)| guid.to_string()))
                {
                    Some(guid) => Seen::Guid(guid),
                    None => Seen::Corrupt(text.clone()),
                },
            ),
            _ => None,
        }
    });
    UrlField { field, loose, seen }
}

fn check_urls(values: &[(Field, Option<&str>)], findings: &mut Vec<Finding>) {
    let fields: Vec<UrlField> = values
        .iter()
        .filter_map(|(field, raw)| {
            let raw = (*raw)?;
            raw.chars()
                .any(|c| !crate::text::is_invisible(c))
                .then(|| read_url_field(*field, raw))
        })
        .collect();
    // The reference tenant: the first GUID, the Issuer URL's when it has one.
    let reference = fields.iter().find_map(|url| match &url.seen {
        Some(Seen::Guid(guid)) => Some((url.field, guid.as_str())),
        _ => None,
    });
    for url in &fields {
        // The tenant the right value of this field has, when exactly one is right.
        let tenant = match (&url.seen, reference) {
            (Some(Seen::Guid(guid)), _) => Some(guid.as_str()),
            (Some(Seen::Corrupt(text)), Some((_, reference))) => {
                close_to(text, reference).then_some(reference)
            }
            (None, Some((_, reference))) => Some(reference),
            _ => None,
        };
        check_url(url, tenant, findings);
    }
    check_tenants(&fields, reference, findings);
}

/// Whether a corrupted GUID is a slip away from a GUID (a few hex digits off).
fn close_to(corrupt: &str, guid: &str) -> bool {
    strsim::levenshtein(&entra::hex_digits(corrupt), &entra::hex_digits(guid)) <= 3
}

/// Every tenant named must be the reference's; a corrupted GUID that is not a slip away from
/// it names another tenant too.
fn check_tenants(
    fields: &[UrlField],
    reference: Option<(Field, &str)>,
    findings: &mut Vec<Finding>,
) {
    let Some((reference_field, reference)) = reference else {
        return;
    };
    for url in fields {
        let message = match &url.seen {
            Some(Seen::Guid(tenant)) if tenant != reference => format!(
                "The {} names tenant {tenant}, but the {} names tenant {reference}: every value must come from the same Entra tenant.",
                url.field.label(),
                reference_field.label()
            ),
            Some(Seen::Corrupt(text)) if !close_to(text, reference) => format!(
                "The {} names tenant '{text}', which is not a GUID and not the {}'s tenant {reference}: every value must come from the same Entra tenant.",
                url.field.label(),
                reference_field.label()
            ),
            _ => continue,
        };
        findings.push(Finding::new(Code::TenantMismatch, Some(url.field), message));
    }
}

/// The value Entra gives the field, for a tenant (and, for the Metadata URL, an app).
fn entra_value(field: Field, url: &Url, tenant: &str) -> Option<String> {
    match field {
        Field::IssuerUrl => Some(format!(
            "https://{}/{tenant}/",
            entra::issuer_host_for(&url.host)
        )),
        Field::LoginUrl | Field::LogoutUrl => Some(format!(
            "https://{}/{tenant}/saml2",
            entra::login_host_for(&url.host)
        )),
        Field::MetadataUrl => {
            let app_id = entra::repair_guid(url.query_value("appid")?)?;
            Some(entra::metadata_url_for(
                entra::login_host_for(&url.host),
                tenant,
                &app_id,
            ))
        }
        _ => None,
    }
}

fn place_words(place: Place) -> &'static str {
    match place {
        Place::Start => "at its start",
        Place::End => "at its end",
        Place::Inside => "inside it",
    }
}

/// The rules of one URL field; `tenant` is the tenant of its right value, when known.
fn check_url(url_field: &UrlField, tenant: Option<&str>, findings: &mut Vec<Finding>) {
    let field = url_field.field;
    let label = field.label();
    let push = |findings: &mut Vec<Finding>, code, message: String, fix: &Option<String>| {
        let mut finding = Finding::new(code, Some(field), message);
        if let Some(fix) = fix {
            finding = finding.with_fix(fix.clone());
        }
        findings.push(finding);
    };
    let Some(loose) = &url_field.loose else {
        if matches!(field, Field::LoginUrl | Field::LogoutUrl) {
            findings.push(Finding::new(
                Code::NotHttps,
                Some(field),
                format!("The {label} is not a URL: it must be an https:// address such as https://login.microsoftonline.com/<tenant>/saml2."),
            ));
        } else if field == Field::MetadataUrl {
            findings.push(Finding::new(
                Code::NotHttps,
                Some(field),
                "The Metadata URL is not a URL: paste the App Federation Metadata Url from Entra's SAML Certificates section.",
            ));
        }
        return;
    };
    let parsed = Url::parse(&loose.text);
    let entra = parsed.as_ref().and_then(EntraUrl::parse);
    // The value to put instead: Entra's own for its URLs, else this one cleaned.
    let fix: Option<String> = match (&parsed, &entra, tenant) {
        (Some(url), Some(_), Some(tenant)) => entra_value(field, url, tenant),
        // Another identity provider's issuer is an identifier, http:// ones too: kept as it is.
        (Some(_), None, _) if field == Field::IssuerUrl => Some(loose.text.clone()),
        (Some(_), None, _) => Some(match loose.scheme {
            Scheme::Http => format!("https{}", &loose.text[4..]),
            _ => loose.text.clone(),
        }),
        _ => None,
    };

    // 1. Whitespace and invisible characters.
    if let Some((c, place)) = loose.invisible.first() {
        let more = match loose.invisible.len() - 1 {
            0 => String::new(),
            1 => " and one more such character".to_string(),
            n => format!(" and {n} more such characters"),
        };
        push(
            findings,
            Code::UrlWhitespace,
            format!(
                "The {label} has {} {}{more}, which Mimecast keeps as part of the value: remove it.",
                crate::text::char_name(*c),
                place_words(*place)
            ),
            &fix,
        );
    }
    // 2. The scheme: any https URL for the Login and Logout URLs; Entra's for the Issuer URL.
    if field == Field::IssuerUrl && entra.is_none() {
        return;
    }
    match &loose.scheme {
        Scheme::Https => {}
        Scheme::Missing => push(
            findings,
            Code::UrlNoScheme,
            format!("The {label} has no https:// at its start, and Mimecast needs the whole URL."),
            &fix,
        ),
        Scheme::Malformed(written) => push(
            findings,
            Code::UrlMalformedScheme,
            format!("The {label} starts with '{written}' where https:// belongs."),
            &fix,
        ),
        Scheme::Http => push(
            findings,
            Code::NotHttps,
            if field == Field::IssuerUrl {
                "The Issuer URL starts with http://, but Entra's identifier is an https:// URL."
                    .to_string()
            } else {
                format!(
                    "The {label} is not an https URL: Mimecast sends users only to https sign-in pages."
                )
            },
            &fix,
        ),
        Scheme::Other(scheme) => {
            push(
                findings,
                Code::NotHttps,
                format!("The {label} starts with {scheme}://, but it must be an https:// URL."),
                &fix,
            );
            return;
        }
    }
    let (Some(url), Some(entra)) = (parsed, entra) else {
        return;
    };

    // 6. The endpoint, and a tenant-independent one.
    if entra.tenant() == Some(&Tenant::Independent) {
        push(
            findings,
            Code::TenantIndependentMetadata,
            match field {
                Field::IssuerUrl => "The Issuer URL holds the placeholder {tenantid} or common of Entra's tenant-independent metadata: download the Federation Metadata XML of your own enterprise app instead.".to_string(),
                _ => format!("The {label} names no tenant (common, organizations or consumers stand in its place): use the value shown for your own tenant's enterprise app."),
            },
            &fix,
        );
    }
    // `<tenant>saml2`: the slash before saml2 is missing, and the endpoint is still saml2.
    let saml2_run_on = matches!(field, Field::LoginUrl | Field::LogoutUrl)
        && matches!(entra.tenant(), Some(Tenant::NotGuid(text))
            if entra::leading_guid(text).is_some_and(|(_, rest)| rest == "saml2"));
    let endpoint = entra::is_login_host(&url.host).then(|| {
        if saml2_run_on {
            entra::Endpoint::Saml2
        } else {
            entra::Endpoint::of(&url)
        }
    });
    let issuer_host = entra::is_issuer_host(&url.host);
    match field {
        Field::IssuerUrl => match endpoint {
            Some(entra::Endpoint::Saml2 | entra::Endpoint::FederationMetadata) => push(
                findings,
                Code::IssuerIsLoginUrl,
                "The Issuer URL holds an Entra sign-in or metadata URL, but it needs Entra's Identifier (https://sts.windows.net/<tenant>/).".to_string(),
                &fix,
            ),
            Some(endpoint) => push(
                findings,
                Code::WrongEntraEndpoint,
                format!("The Issuer URL is {}, but Mimecast needs Entra's SAML Identifier, https://sts.windows.net/<tenant>/.", endpoint.describe()),
                &fix,
            ),
            None if url.segments().len() > 1 => push(
                findings,
                Code::WrongEntraEndpoint,
                "The Issuer URL has more after the tenant, but Entra's SAML Identifier ends with the tenant and a slash.".to_string(),
                &fix,
            ),
            None => {}
        },
        Field::LoginUrl | Field::LogoutUrl => match endpoint {
            _ if issuer_host => push(
                findings,
                Code::LoginUrlNotSaml2,
                format!("The {label} holds Entra's Identifier (sts.windows.net), but it needs the sign-in endpoint https://login.microsoftonline.com/<tenant>/saml2."),
                &fix,
            ),
            Some(entra::Endpoint::Saml2) | None => {}
            Some(endpoint) => push(
                findings,
                Code::LoginUrlNotSaml2,
                format!("The {label} is {}, but it must be the tenant's SAML endpoint, ending in /<tenant>/saml2.", endpoint.describe()),
                &fix,
            ),
        },
        Field::MetadataUrl => match endpoint {
            _ if issuer_host => push(
                findings,
                Code::WrongEntraEndpoint,
                "The Metadata URL holds Entra's Identifier (sts.windows.net), but it needs the App Federation Metadata Url from the enterprise app's SAML page.".to_string(),
                &fix,
            ),
            Some(entra::Endpoint::FederationMetadata) | None => {}
            Some(endpoint) => push(
                findings,
                Code::WrongEntraEndpoint,
                format!("The Metadata URL is {}, but it needs the App Federation Metadata Url from the enterprise app's SAML page.", endpoint.describe()),
                &fix,
            ),
        },
        _ => {}
    }

    // 5. A tenant that is not a GUID.
    if let Some(Tenant::NotGuid(text)) = entra.tenant() {
        if saml2_run_on {
            push(
                findings,
                Code::UrlSlashes,
                format!("The {label} lacks the slash between the tenant and saml2."),
                &fix,
            );
        } else {
            push(
                findings,
                Code::TenantNotGuid,
                format!(
                    "The {label} names the tenant '{text}', which is not a GUID (8-4-4-4-12 hex digits) as Entra's tenant IDs are: copy it again from Entra."
                ),
                &fix,
            );
        }
    }

    // 3. Letter case.
    let written = loose.text.split(['?', '#']).next().unwrap_or_default();
    let upper_in = |text: &str| text.bytes().any(|byte| byte.is_ascii_uppercase());
    if field == Field::IssuerUrl {
        if upper_in(written) {
            push(
                findings,
                Code::IssuerLetterCase,
                "The Issuer URL has capital letters, but Entra sends its Identifier in lower case and Mimecast compares the two letter for letter.".to_string(),
                &fix,
            );
        }
    } else {
        let scheme_and_host = written.get(..8 + url.host.len()).unwrap_or(written);
        let tenant_upper = url.segments().first().is_some_and(|segment| {
            entra::is_guid(&segment.to_ascii_lowercase()) && upper_in(segment)
        });
        let saml2_upper = matches!(field, Field::LoginUrl | Field::LogoutUrl)
            && url
                .segments()
                .get(1)
                .is_some_and(|segment| upper_in(segment));
        if upper_in(scheme_and_host) || tenant_upper || saml2_upper {
            push(
                findings,
                Code::UrlLetterCase,
                format!(
                    "The {label} has capital letters where Entra writes lower case: Entra reads it even so, but use Entra's exact form."
                ),
                &fix,
            );
        }
    }

    // 4. Slashes.
    let path = url.path;
    if path.contains("//") {
        push(
            findings,
            Code::UrlSlashes,
            format!("The {label} has a doubled slash (//) in its path."),
            &fix,
        );
    } else if field == Field::IssuerUrl
        && endpoint.is_none()
        && url.segments().len() == 1
        && !path.ends_with('/')
    {
        push(
            findings,
            Code::IssuerTrailingSlash,
            "The Issuer URL is missing the trailing slash that Entra ID puts at its end, and Entra's sign-ins fail without it: add the \"/\".".to_string(),
            &fix,
        );
    } else if matches!(field, Field::LoginUrl | Field::LogoutUrl)
        && endpoint == Some(entra::Endpoint::Saml2)
        && path.ends_with('/')
    {
        push(
            findings,
            Code::UrlSlashes,
            format!(
                "The {label} ends in a slash after saml2, which Entra's endpoint does not have."
            ),
            &fix,
        );
    }

    // 7. Query strings and fragments.
    let stray_query = match (field, url.query) {
        (_, None | Some("")) => None,
        (Field::MetadataUrl, Some(query)) => query
            .split('&')
            .find(|pair| {
                let key = pair.split('=').next().unwrap_or_default();
                !key.eq_ignore_ascii_case("appid")
            })
            .map(|pair| format!("?{pair}")),
        (_, Some(query)) => Some(format!("?{query}")),
    };
    let stray = stray_query.or_else(|| loose.fragment().map(|fragment| format!("#{fragment}")));
    if let Some(stray) = stray {
        let shown: String = stray.chars().take(40).collect();
        let ellipsis = if shown.len() < stray.len() { "…" } else { "" };
        push(
            findings,
            Code::UrlQueryOrFragment,
            format!(
                "The {label} carries '{shown}{ellipsis}', which does not belong in it: remove it."
            ),
            &fix,
        );
    }
    if field == Field::MetadataUrl
        && matches!(entra, EntraUrl::FederationMetadata { app_id: None, .. })
    {
        findings.push(Finding::new(
            Code::MetadataUrlWithoutAppid,
            Some(field),
            "The Metadata URL has no ?appid=, so it serves the tenant's keys instead of your app's certificate: copy the App Federation Metadata Url from the enterprise app's SAML page.",
        ));
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
        .filter(|text| !provider::is_placeholder(text));
    let provider_is_entra = provider.is_none_or(provider::is_entra);
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
