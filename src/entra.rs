//! What Microsoft Entra ID's URLs look like, and what they say about the tenant.

use crate::url::Url;

/// Hosts that issue Entra's SAML entity IDs (`https://sts.windows.net/{tenant}/`).
const ISSUER_HOSTS: &[&str] = &["sts.windows.net", "sts.chinacloudapi.cn"];
/// Hosts of Entra's sign-in endpoints and federation metadata.
const LOGIN_HOSTS: &[&str] = &[
    "login.microsoftonline.com",
    "login.microsoftonline.us",
    "login.partner.microsoftonline.cn",
    "login.chinacloudapi.cn",
    "login.windows.net",
    "login.microsoft.com",
];

/// How a URL names its tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tenant {
    /// A tenant GUID, lower-cased.
    Id(String),
    /// A verified domain such as contoso.onmicrosoft.com: a tenant, but not comparable by GUID.
    Domain(String),
    /// `common`, `organizations`, `consumers`, or the `{tenantid}` placeholder of the
    /// tenant-independent document: no tenant at all.
    Independent,
    /// Meant as a GUID but not one (a character too many or too few, braces, a typo), as
    /// written, lower-cased.
    NotGuid(String),
}

impl Tenant {
    fn from_segment(segment: &str) -> Tenant {
        let lower = segment.to_ascii_lowercase();
        if is_guid(&lower) {
            Tenant::Id(lower)
        } else if matches!(lower.as_str(), "common" | "organizations" | "consumers")
            || lower.contains("{tenantid}")
            || lower.contains("%7btenantid%7d")
        {
            Tenant::Independent
        } else if !lower.contains('.') && hex_digits(&lower).len() >= 16 {
            Tenant::NotGuid(lower)
        } else {
            Tenant::Domain(lower)
        }
    }

    pub fn id(&self) -> Option<&str> {
        match self {
            Tenant::Id(id) => Some(id),
            _ => None,
        }
    }
}

/// 8-4-4-4-12 hex digits.
pub fn is_guid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(index, byte)| match index {
            8 | 13 | 18 | 23 => *byte == b'-',
            _ => byte.is_ascii_hexdigit(),
        })
}

/// What an Entra URL is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntraUrl {
    /// `https://sts.windows.net/{tenant}/`: the entity ID, Mimecast's Issuer URL.
    Issuer {
        tenant: Tenant,
        trailing_slash: bool,
    },
    /// `https://login.microsoftonline.com/{tenant}/saml2`: Login and Logout URL.
    SamlEndpoint { tenant: Tenant },
    /// `…/{tenant}/federationmetadata/2007-06/federationmetadata.xml[?appid=…]`.
    FederationMetadata {
        tenant: Tenant,
        app_id: Option<String>,
    },
    /// Any other page on an Entra sign-in host (OAuth endpoints, the portal, …).
    OtherLoginPage { tenant: Option<Tenant> },
}

impl EntraUrl {
    /// Reads a URL on one of Entra's hosts; `None` for any other host.
    pub fn parse(url: &Url) -> Option<EntraUrl> {
        let segments = url.segments();
        if ISSUER_HOSTS.contains(&&*url.host) {
            // The issuer's only segment is a tenant GUID: anything else in its place is not one.
            let tenant = match Tenant::from_segment(segments.first()?) {
                Tenant::Domain(text) => Tenant::NotGuid(text),
                tenant => tenant,
            };
            return Some(EntraUrl::Issuer {
                tenant,
                trailing_slash: url.path.ends_with('/'),
            });
        }
        if !LOGIN_HOSTS.contains(&&*url.host) {
            return None;
        }
        let tenant = segments
            .first()
            .map(|segment| Tenant::from_segment(segment));
        let rest = segments.get(1..).unwrap_or_default();
        let parsed = match (tenant, rest) {
            (Some(tenant), [saml2]) if saml2.eq_ignore_ascii_case("saml2") => {
                EntraUrl::SamlEndpoint { tenant }
            }
            (Some(tenant), [.., last]) if last.eq_ignore_ascii_case("federationmetadata.xml") => {
                EntraUrl::FederationMetadata {
                    tenant,
                    app_id: url
                        .query_value("appid")
                        .filter(|value| !value.is_empty())
                        .map(|value| value.to_ascii_lowercase()),
                }
            }
            (tenant, _) => EntraUrl::OtherLoginPage { tenant },
        };
        Some(parsed)
    }

    pub fn tenant(&self) -> Option<&Tenant> {
        match self {
            EntraUrl::Issuer { tenant, .. }
            | EntraUrl::SamlEndpoint { tenant }
            | EntraUrl::FederationMetadata { tenant, .. } => Some(tenant),
            EntraUrl::OtherLoginPage { tenant } => tenant.as_ref(),
        }
    }
}

/// Reads text as an Entra URL in one step.
pub fn entra_url(text: &str) -> Option<EntraUrl> {
    EntraUrl::parse(&Url::parse(text)?)
}

/// Entra's issuer for a tenant.
pub fn issuer_for(tenant_id: &str) -> String {
    format!("https://sts.windows.net/{tenant_id}/")
}

/// Entra's SAML endpoint for a tenant.
pub fn saml_endpoint_for(tenant_id: &str) -> String {
    format!("https://login.microsoftonline.com/{tenant_id}/saml2")
}

/// The hex digits of a text, lower-cased.
pub fn hex_digits(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A GUID written in another way that still says exactly which one: braces, upper case,
/// hyphens missing or misplaced. `None` when digits are missing, extra or not hex.
pub fn repair_guid(text: &str) -> Option<String> {
    let inner = text.trim_matches(|c| matches!(c, '{' | '}' | '(' | ')'));
    if !inner.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return None;
    }
    let hex = hex_digits(inner);
    (hex.len() == 32).then(|| {
        format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        )
    })
}

/// A GUID at the start of a text, followed by something else (`<guid>x`, `<guid>saml2`).
pub fn leading_guid(text: &str) -> Option<(&str, &str)> {
    let head = text.get(..36)?;
    is_guid(head).then(|| (head, &text[36..]))
}

/// What stood where `https://` should.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheme {
    Https,
    Http,
    /// No scheme at all (`sts.windows.net/…`, `//sts.windows.net/…`).
    Missing,
    /// A misspelt scheme or the wrong slashes (`https:/`, `https//`, `htps://`), as written.
    Malformed(String),
    /// Another scheme (`ftp://`), lower-cased.
    Other(String),
}

/// Where in a value a character sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Start,
    End,
    Inside,
}

/// A URL as an admin pasted it, read leniently: what is wrong with its form, and the URL it
/// was meant to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loose {
    /// The whitespace and invisible characters taken out, each with its place.
    pub invisible: Vec<(char, Place)>,
    pub scheme: Scheme,
    /// The text without them, and with `https://` where the scheme was missing or malformed.
    pub text: String,
}

impl Loose {
    /// Reads a value; `None` when it is no URL at all, even leniently (no `://` and no Entra
    /// host in it).
    pub fn read(raw: &str) -> Option<Loose> {
        let kept: Vec<(usize, char)> = raw
            .char_indices()
            .filter(|(_, c)| !crate::text::is_invisible(*c))
            .collect();
        let (first, last) = (kept.first()?.0, kept.last()?.0);
        let invisible = raw
            .char_indices()
            .filter(|(_, c)| crate::text::is_invisible(*c))
            .map(|(index, c)| {
                let place = if index < first {
                    Place::Start
                } else if index > last {
                    Place::End
                } else {
                    Place::Inside
                };
                (c, place)
            })
            .collect();
        let text: String = kept.iter().map(|(_, c)| *c).collect();
        let lower = text.to_ascii_lowercase();
        for (scheme, kind) in [("https://", Scheme::Https), ("http://", Scheme::Http)] {
            if lower.starts_with(scheme) && !lower[scheme.len()..].starts_with(['/', '\\']) {
                return Some(Loose {
                    invisible,
                    scheme: kind,
                    text,
                });
            }
        }
        // An Entra host without its scheme, or behind a malformed one.
        let host_at = ISSUER_HOSTS
            .iter()
            .chain(LOGIN_HOSTS)
            .filter_map(|host| {
                let at = lower.find(host)?;
                let after = lower[at + host.len()..].chars().next();
                matches!(after, None | Some('/' | ':' | '?')).then_some(at)
            })
            .min();
        if let Some(at) = host_at {
            let before = &text[..at];
            let other_scheme = before.strip_suffix("://").filter(|scheme| {
                scheme.starts_with(|c: char| c.is_ascii_alphabetic() && c != 'h' && c != 'H')
                    && scheme.chars().all(|c| c.is_ascii_alphanumeric())
            });
            let scheme = if let Some(scheme) = other_scheme {
                return Some(Loose {
                    invisible,
                    scheme: Scheme::Other(scheme.to_ascii_lowercase()),
                    text,
                });
            } else if before.is_empty() || before == "//" {
                Scheme::Missing
            } else if before.contains('.') || before.len() > 12 {
                // Something else precedes the host: not a URL this can repair.
                return None;
            } else {
                Scheme::Malformed(before.to_string())
            };
            return Some(Loose {
                invisible,
                scheme,
                text: format!("https://{}", &text[at..]),
            });
        }
        let (scheme, _) = lower.split_once("://")?;
        Some(Loose {
            invisible,
            scheme: Scheme::Other(scheme.to_string()),
            text,
        })
    }

    /// The fragment, when there is one.
    pub fn fragment(&self) -> Option<&str> {
        self.text.split_once('#').map(|(_, fragment)| fragment)
    }
}

/// Which Entra endpoint a URL on a sign-in host is, from the path after its tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `/<tenant>/saml2`.
    Saml2,
    /// `/<tenant>/`: the OpenID Connect (v1) authority.
    OidcIssuer,
    /// `/<tenant>/v2.0`: the OpenID Connect v2.0 issuer.
    OidcIssuerV2,
    /// `/<tenant>/[v2.0/].well-known/openid-configuration`.
    OidcDiscovery,
    /// `/<tenant>/wsfed`.
    WsFederation,
    /// `/<tenant>/oauth2/…`.
    OAuth,
    /// `/<tenant>/federationmetadata/2007-06/federationmetadata.xml`.
    FederationMetadata,
    /// Anything else.
    Other,
}

impl Endpoint {
    /// The endpoint of a URL on an Entra sign-in host (segments after the tenant).
    pub fn of(url: &Url) -> Endpoint {
        let segments = url.segments();
        let rest: Vec<String> = segments
            .get(1..)
            .unwrap_or_default()
            .iter()
            .map(|segment| segment.to_ascii_lowercase())
            .collect();
        let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
        match rest.as_slice() {
            ["saml2"] => Endpoint::Saml2,
            [] => Endpoint::OidcIssuer,
            ["v2.0"] => Endpoint::OidcIssuerV2,
            [.., ".well-known", "openid-configuration"] => Endpoint::OidcDiscovery,
            ["wsfed", ..] => Endpoint::WsFederation,
            ["oauth2", ..] => Endpoint::OAuth,
            [.., "federationmetadata.xml"] => Endpoint::FederationMetadata,
            _ => Endpoint::Other,
        }
    }

    /// The endpoint in plain words, with an article.
    pub fn describe(self) -> &'static str {
        match self {
            Endpoint::Saml2 => "Entra's SAML sign-in endpoint",
            Endpoint::OidcIssuer => {
                "Entra's OpenID Connect issuer (login.microsoftonline.com/<tenant>/)"
            }
            Endpoint::OidcIssuerV2 => "Entra's OpenID Connect v2.0 issuer",
            Endpoint::OidcDiscovery => "Entra's OpenID Connect discovery document",
            Endpoint::WsFederation => "Entra's WS-Federation endpoint",
            Endpoint::OAuth => "an Entra OAuth 2.0 endpoint",
            Endpoint::FederationMetadata => "Entra's federation metadata URL",
            Endpoint::Other => "another Entra page",
        }
    }
}

/// Whether a host is one of Entra's issuer hosts.
pub fn is_issuer_host(host: &str) -> bool {
    ISSUER_HOSTS.contains(&host)
}

/// Whether a host is one of Entra's sign-in hosts.
pub fn is_login_host(host: &str) -> bool {
    LOGIN_HOSTS.contains(&host)
}

/// The issuer host of the cloud a host belongs to.
pub fn issuer_host_for(host: &str) -> &'static str {
    if host.ends_with(".cn") {
        "sts.chinacloudapi.cn"
    } else {
        "sts.windows.net"
    }
}

/// The sign-in host of the cloud a host belongs to: the host itself when it is one.
pub fn login_host_for(host: &str) -> &str {
    match LOGIN_HOSTS.iter().find(|known| **known == host) {
        Some(known) => known,
        None if host.ends_with(".cn") => "login.chinacloudapi.cn",
        None => "login.microsoftonline.com",
    }
}

/// Entra's federation metadata URL of an app.
pub fn metadata_url_for(login_host: &str, tenant_id: &str, app_id: &str) -> String {
    format!(
        "https://{login_host}/{tenant_id}/federationmetadata/2007-06/federationmetadata.xml?appid={app_id}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TENANT: &str = "a15b04fc-6ff1-42a7-bb24-2e762259f5da";

    #[test]
    fn reads_the_issuer_with_and_without_slash() {
        let with = entra_url(&format!("https://sts.windows.net/{TENANT}/")).unwrap();
        assert_eq!(
            with,
            EntraUrl::Issuer {
                tenant: Tenant::Id(TENANT.into()),
                trailing_slash: true
            }
        );
        let without = entra_url(&format!(
            "https://STS.windows.net/{}",
            TENANT.to_uppercase()
        ))
        .unwrap();
        assert_eq!(
            without,
            EntraUrl::Issuer {
                tenant: Tenant::Id(TENANT.into()),
                trailing_slash: false
            }
        );
    }

    #[test]
    fn reads_metadata_urls_with_and_without_appid() {
        let url = format!(
            "https://login.microsoftonline.com/{TENANT}/federationmetadata/2007-06/federationmetadata.xml?AppId=0E4C7F2A-1111-2222-3333-444455556666"
        );
        let Some(EntraUrl::FederationMetadata { tenant, app_id }) = entra_url(&url) else {
            panic!("not read as federation metadata");
        };
        assert_eq!(tenant, Tenant::Id(TENANT.into()));
        assert_eq!(
            app_id.as_deref(),
            Some("0e4c7f2a-1111-2222-3333-444455556666")
        );
        let tenant_wide = "https://login.microsoftonline.com/contoso.onmicrosoft.com/FederationMetadata/2007-06/FederationMetadata.xml";
        assert_eq!(
            entra_url(tenant_wide),
            Some(EntraUrl::FederationMetadata {
                tenant: Tenant::Domain("contoso.onmicrosoft.com".into()),
                app_id: None
            })
        );
    }

    #[test]
    fn knows_the_tenant_independent_forms() {
        assert_eq!(
            entra_url("https://sts.windows.net/{tenantid}/")
                .unwrap()
                .tenant(),
            Some(&Tenant::Independent)
        );
        assert_eq!(
            entra_url("https://login.microsoftonline.com/common/saml2")
                .unwrap()
                .tenant(),
            Some(&Tenant::Independent)
        );
    }

    #[test]
    fn leaves_other_hosts_alone() {
        assert_eq!(entra_url("https://idp.example.com/saml2"), None);
        assert_eq!(entra_url("not a url"), None);
        assert_eq!(Url::parse("https:// spaced/"), None);
    }
}
