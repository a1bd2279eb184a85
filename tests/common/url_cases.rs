//! Values of the URL fields as admins get them wrong, one class of difference from Entra's
//! exact form after another (the classes are listed in src/rules.rs), with the findings each
//! must give: code, field and fix. The CLI (tests/cli.rs) and the wasm boundary
//! (tests/wasm_boundary.rs) both run every case through `assert_every_case`. Tenant and app IDs
//! are real-looking GUIDs.
#![allow(dead_code)]

/// One case: the form's values (field key as in the check contract, value) and every finding
/// expected, as (code, field, fix).
pub struct UrlCase {
    pub class: &'static str,
    pub values: Vec<(&'static str, &'static str)>,
    pub findings: Vec<(&'static str, &'static str, Option<&'static str>)>,
}

/// Every case: those of one field (`ONE_FIELD`), then those of several (`SEVERAL`).
pub fn cases() -> impl Iterator<Item = UrlCase> {
    let one_field = ONE_FIELD
        .iter()
        .map(|&(class, field, value, code, fix)| UrlCase {
            class,
            values: vec![(field, value)],
            findings: vec![(code, field, fix)],
        });
    let several = SEVERAL.iter().map(|&(class, values, findings)| UrlCase {
        class,
        values: values.to_vec(),
        findings: findings.to_vec(),
    });
    one_field.chain(several)
}

/// A finding as a check reports it: (code, field, fix).
pub type Finding = (String, String, Option<String>);

/// Runs `check` (the form's values to its findings, in any order) on every case: Entra's and other
/// providers' exact values give no finding, and each case gives exactly its findings. A failure
/// names the case's class and values.
pub fn assert_every_case(check: impl Fn(&[(&str, &str)]) -> Vec<Finding>) {
    let sorted = |mut findings: Vec<Finding>| {
        findings.sort();
        findings
    };
    for values in CLEAN.iter().chain(OTHER_IDPS_CLEAN) {
        assert_eq!(check(values), vec![], "{values:?}");
    }
    for case in cases() {
        let expected = case
            .findings
            .iter()
            .map(|(code, field, fix)| {
                (code.to_string(), field.to_string(), fix.map(str::to_string))
            })
            .collect();
        assert_eq!(
            sorted(check(&case.values)),
            sorted(expected),
            "{}: {:?}",
            case.class,
            case.values
        );
    }
}

macro_rules! t1 {
    () => {
        "a15b04fc-6ff1-42a7-bb24-2e762259f5da"
    };
}
macro_rules! t2 {
    () => {
        "72f988bf-86f1-41af-91ab-2d7cd011db47"
    };
}
macro_rules! t3 {
    () => {
        "f8cdef31-a31e-4b4a-93e4-5f571e91255a"
    };
}
macro_rules! app {
    () => {
        "0e4c7f2a-5d1b-4c3e-9f60-7a8b9c0d1e2f"
    };
}
/// `https://sts.windows.net/` + tenant + what follows (`/` in Entra's form).
macro_rules! sts {
    ($t:expr, $rest:expr) => {
        concat!("https://sts.windows.net/", $t, $rest)
    };
}
/// `https://login.microsoftonline.com/` + tenant + what follows.
macro_rules! login {
    ($t:expr, $rest:expr) => {
        concat!("https://login.microsoftonline.com/", $t, $rest)
    };
}
macro_rules! issuer {
    ($t:expr) => {
        sts!($t, "/")
    };
}
macro_rules! saml2 {
    ($t:expr) => {
        login!($t, "/saml2")
    };
}
/// The app's metadata path after the tenant, up to the app ID.
macro_rules! metadata_path {
    () => {
        "/federationmetadata/2007-06/federationmetadata.xml?appid="
    };
}
macro_rules! metadata {
    ($t:expr) => {
        login!($t, concat!(metadata_path!(), app!()))
    };
}
const I: &str = "issuer_url";
const L: &str = "login_url";
const O: &str = "logout_url";
const M: &str = "metadata_url";

/// Entra's exact values, in every field and in two clouds: no finding.
pub const CLEAN: &[&[(&str, &str)]] = &[
    &[
        (I, issuer!(t1!())),
        (L, saml2!(t1!())),
        (O, saml2!(t1!())),
        (M, metadata!(t1!())),
    ],
    &[(I, issuer!(t2!())), (L, saml2!(t2!()))],
    &[
        (I, concat!("https://sts.chinacloudapi.cn/", t3!(), "/")),
        (
            L,
            concat!("https://login.chinacloudapi.cn/", t3!(), "/saml2"),
        ),
    ],
    &[
        (I, issuer!(t3!())),
        (
            L,
            concat!("https://login.microsoftonline.us/", t3!(), "/saml2"),
        ),
    ],
];

/// Other identity providers' values that are right as they are: their issuers are identifiers,
/// and http:// ones (AD FS, Okta) are not Entra's to judge.
pub const OTHER_IDPS_CLEAN: &[&[(&str, &str)]] = &[
    &[
        (I, "http://adfs.contoso.com/adfs/services/trust"),
        (L, "https://adfs.contoso.com/adfs/ls/"),
    ],
    &[
        (I, "http://www.okta.com/exk1a2b3c4d5e6f7g8h9"),
        (
            L,
            "https://contoso.okta.com/app/contoso_mimecast_1/exk1a2b3c4d5e6f7g8h9/sso/saml",
        ),
    ],
    &[
        (I, "urn:contoso:idp"),
        (L, "https://idp.contoso.com/idp/profile/SAML2/Redirect/SSO"),
    ],
];

/// The cases of one field's value that give one finding, on that field, as
/// (class, field, value, code, fix). A table, one case a line.
#[rustfmt::skip]
const ONE_FIELD: &[(&str, &str, &str, &str, Option<&str>)] = &[
    // 1. Whitespace of any kind, around or inside.
    ("whitespace", I, concat!(issuer!(t1!()), " "), "url-whitespace", Some(issuer!(t1!()))),
    ("whitespace", I, concat!(issuer!(t1!()), "\r\n"), "url-whitespace", Some(issuer!(t1!()))),
    ("whitespace", I, concat!("\u{FEFF}", issuer!(t3!())), "url-whitespace", Some(issuer!(t3!()))),
    ("whitespace", L, concat!("\u{A0}", saml2!(t2!())), "url-whitespace", Some(saml2!(t2!()))),
    ("whitespace", O, login!(t1!(), "/\u{200B}saml2"), "url-whitespace", Some(saml2!(t1!()))),
    ("whitespace", M, concat!(metadata!(t1!()), "\t"), "url-whitespace", Some(metadata!(t1!()))),
    ("whitespace", L, "https://idp.example.com/sso/saml \r\n", "url-whitespace", Some("https://idp.example.com/sso/saml")),
    ("whitespace", I, sts!(concat!("\n", t2!()), "/"), "url-whitespace", Some(issuer!(t2!()))),
    // 2. The scheme: missing, malformed, http, another.
    ("scheme", I, concat!("sts.windows.net/", t1!(), "/"), "url-no-scheme", Some(issuer!(t1!()))),
    ("scheme", I, concat!("//sts.windows.net/", t3!(), "/"), "url-no-scheme", Some(issuer!(t3!()))),
    ("scheme", L, concat!("login.microsoftonline.com/", t2!(), "/saml2"), "url-no-scheme", Some(saml2!(t2!()))),
    ("scheme", M, concat!("login.microsoftonline.com/", t1!(), metadata_path!(), app!()), "url-no-scheme", Some(metadata!(t1!()))),
    ("scheme", I, concat!("https:/sts.windows.net/", t1!(), "/"), "url-malformed-scheme", Some(issuer!(t1!()))),
    ("scheme", I, concat!("https:///sts.windows.net/", t1!(), "/"), "url-malformed-scheme", Some(issuer!(t1!()))),
    ("scheme", L, concat!("htps://login.microsoftonline.com/", t2!(), "/saml2"), "url-malformed-scheme", Some(saml2!(t2!()))),
    ("scheme", O, concat!("https//login.microsoftonline.com/", t1!(), "/saml2"), "url-malformed-scheme", Some(saml2!(t1!()))),
    ("scheme", I, concat!("http://sts.windows.net/", t1!(), "/"), "not-https", Some(issuer!(t1!()))),
    ("scheme", L, concat!("http://login.microsoftonline.com/", t2!(), "/saml2"), "not-https", Some(saml2!(t2!()))),
    ("scheme", M, concat!("ftp://login.microsoftonline.com/", t1!(), metadata_path!(), app!()), "not-https", Some(metadata!(t1!()))),
    // 3. Letter case.
    ("letter case", I, "https://sts.windows.net/A15B04FC-6FF1-42A7-BB24-2E762259F5DA/", "issuer-letter-case", Some(issuer!(t1!()))),
    ("letter case", I, concat!("https://STS.Windows.net/", t2!(), "/"), "issuer-letter-case", Some(issuer!(t2!()))),
    ("letter case", I, concat!("HTTPS://sts.windows.net/", t3!(), "/"), "issuer-letter-case", Some(issuer!(t3!()))),
    ("letter case", L, login!("72F988BF-86F1-41AF-91AB-2D7CD011DB47", "/saml2"), "url-letter-case", Some(saml2!(t2!()))),
    ("letter case", O, login!(t1!(), "/SAML2"), "url-letter-case", Some(saml2!(t1!()))),
    ("letter case", M, concat!("https://Login.MicrosoftOnline.com/", t1!(), "/FederationMetadata/2007-06/FederationMetadata.xml?appid=", app!()), "url-letter-case", Some(metadata!(t1!()))),
    // 4. Slashes: doubled, missing, one too many.
    ("slashes", I, concat!(issuer!(t1!()), "/"), "url-slashes", Some(issuer!(t1!()))),
    ("slashes", I, sts!(t2!(), ""), "issuer-trailing-slash", Some(issuer!(t2!()))),
    ("slashes", L, login!(concat!("/", t2!()), "/saml2"), "url-slashes", Some(saml2!(t2!()))),
    ("slashes", L, concat!(saml2!(t1!()), "/"), "url-slashes", Some(saml2!(t1!()))),
    ("slashes", O, login!(t3!(), "saml2"), "url-slashes", Some(saml2!(t3!()))),
    ("slashes", M, login!(t1!(), concat!("/federationmetadata/2007-06//federationmetadata.xml?appid=", app!())), "url-slashes", Some(metadata!(t1!()))),
    // 5. A GUID that is not a GUID (a corrupted one beside another tenant: under SEVERAL).
    ("guid", I, "https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5dg/", "tenant-not-guid", None),
    ("guid", I, "https://sts.windows.net/a15b04fc6ff142a7bb242e762259f5da/", "tenant-not-guid", Some(issuer!(t1!()))),
    ("guid", L, login!(concat!("{", t2!(), "}"), "/saml2"), "tenant-not-guid", Some(saml2!(t2!()))),
    // 6. Another Entra endpoint than the field needs, or no tenant at all.
    ("endpoint", I, login!(t1!(), "/"), "wrong-entra-endpoint", Some(issuer!(t1!()))),
    ("endpoint", I, login!(t1!(), "/v2.0"), "wrong-entra-endpoint", Some(issuer!(t1!()))),
    ("endpoint", I, login!(t2!(), "/wsfed"), "wrong-entra-endpoint", Some(issuer!(t2!()))),
    ("endpoint", I, login!(t3!(), "/oauth2/v2.0/authorize"), "wrong-entra-endpoint", Some(issuer!(t3!()))),
    ("endpoint", I, saml2!(t1!()), "issuer-is-login-url", Some(issuer!(t1!()))),
    ("endpoint", L, login!(t2!(), "/wsfed"), "login-url-not-saml2", Some(saml2!(t2!()))),
    ("endpoint", L, login!(t2!(), "/oauth2/authorize"), "login-url-not-saml2", Some(saml2!(t2!()))),
    ("endpoint", O, login!(t1!(), "/oauth2/v2.0/logout"), "login-url-not-saml2", Some(saml2!(t1!()))),
    ("endpoint", L, issuer!(t1!()), "login-url-not-saml2", Some(saml2!(t1!()))),
    ("endpoint", M, login!(t1!(), "/v2.0/.well-known/openid-configuration"), "wrong-entra-endpoint", None),
    ("endpoint", M, saml2!(t1!()), "wrong-entra-endpoint", None),
    ("endpoint", L, "https://login.microsoftonline.com/common/saml2", "tenant-independent-metadata", None),
    // 7. Query strings and fragments that do not belong.
    ("query", L, concat!(saml2!(t1!()), "?sso_reload=true"), "url-query-or-fragment", Some(saml2!(t1!()))),
    ("query", L, concat!(saml2!(t2!()), "?SAMLRequest=fZFNT8MwDIbvSPyHKve%2BpV3pRrR1GkKIST0gZpwQ%3D%3D&RelayState=abc"), "url-query-or-fragment", Some(saml2!(t2!()))),
    ("query", I, concat!(issuer!(t1!()), "#"), "url-query-or-fragment", Some(issuer!(t1!()))),
    ("query", M, concat!(metadata!(t3!()), "&clientid=1"), "url-query-or-fragment", Some(metadata!(t3!()))),
    ("query", M, concat!(metadata!(t1!()), "#saml"), "url-query-or-fragment", Some(metadata!(t1!()))),
];

/// The cases of several values, or of several findings, as (class, values, findings).
#[rustfmt::skip]
const SEVERAL: &[Several] = &[
    // 5. A GUID that is not a GUID; a corrupted one still shows a tenant mismatch.
    ("guid", &[(I, sts!(t1!(), "x/")), (L, saml2!(t1!()))], &[("tenant-not-guid", I, Some(issuer!(t1!())))]),
    ("guid", &[(I, sts!(t1!(), "x/")), (L, saml2!(t2!()))], &[("tenant-not-guid", I, Some(issuer!(t1!()))), ("tenant-mismatch", L, None)]),
    ("guid", &[(I, ISSUER_T1_SHORT), (L, saml2!(t1!()))], &[("tenant-not-guid", I, Some(issuer!(t1!())))]),
    ("guid", &[(I, ISSUER_T1_SHORT), (L, saml2!(t2!()))], &[("tenant-not-guid", I, None), ("tenant-mismatch", I, None)]),
    // 6. No tenant at all.
    ("endpoint", &[(I, issuer!(t1!())), (L, "https://login.microsoftonline.com/organizations/saml2")], &[("tenant-independent-metadata", L, Some(saml2!(t1!())))]),
    ("endpoint", &[(M, "https://login.microsoftonline.com/common/federationmetadata/2007-06/federationmetadata.xml")], &[("tenant-independent-metadata", M, None), ("metadata-url-without-appid", M, None)]),
    // 8. Tenants that differ.
    ("tenant", &[(I, issuer!(t1!())), (L, saml2!(t2!())), (O, saml2!(t1!()))], &[("tenant-mismatch", L, None)]),
    ("tenant", &[(I, issuer!(t3!())), (M, metadata!(t1!()))], &[("tenant-mismatch", M, None)]),
];

/// (class, values, findings as (code, field, fix)).
type Several = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, &'static str, Option<&'static str>)],
);

/// Tenant 1's GUID with its last digit missing.
const ISSUER_T1_SHORT: &str = "https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5d/";
