//! Values of the URL fields as admins get them wrong, one class of difference from Entra's
//! exact form after another (the classes are listed in src/rules.rs), with the findings each
//! must give: code, field and fix. The CLI (tests/cli.rs) and the wasm boundary
//! (tests/wasm_boundary.rs) both run every case. Tenant and app IDs are real-looking GUIDs.
#![allow(dead_code)]

/// One case: the form's values (field key as in the check contract, value) and every finding
/// expected, as (code, field, fix).
pub struct UrlCase {
    pub class: &'static str,
    pub values: &'static [(&'static str, &'static str)],
    pub findings: &'static [(&'static str, &'static str, Option<&'static str>)],
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
macro_rules! issuer {
    ($t:expr) => {
        concat!("https://sts.windows.net/", $t, "/")
    };
}
macro_rules! saml2 {
    ($t:expr) => {
        concat!("https://login.microsoftonline.com/", $t, "/saml2")
    };
}
macro_rules! metadata {
    ($t:expr) => {
        concat!(
            "https://login.microsoftonline.com/",
            $t,
            "/federationmetadata/2007-06/federationmetadata.xml?appid=",
            app!()
        )
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

pub const CASES: &[UrlCase] = &[
    // 1. Whitespace of any kind, around or inside.
    UrlCase {
        class: "whitespace",
        values: &[(I, concat!(issuer!(t1!()), " "))],
        findings: &[("url-whitespace", I, Some(issuer!(t1!())))],
    },
    UrlCase {
        class: "whitespace",
        values: &[(I, concat!(issuer!(t1!()), "\r\n"))],
        findings: &[("url-whitespace", I, Some(issuer!(t1!())))],
    },
    UrlCase {
        class: "whitespace",
        values: &[(I, concat!("\u{FEFF}", issuer!(t3!())))],
        findings: &[("url-whitespace", I, Some(issuer!(t3!())))],
    },
    UrlCase {
        class: "whitespace",
        values: &[(L, concat!("\u{A0}", saml2!(t2!())))],
        findings: &[("url-whitespace", L, Some(saml2!(t2!())))],
    },
    UrlCase {
        class: "whitespace",
        values: &[(
            O,
            concat!(
                "https://login.microsoftonline.com/",
                t1!(),
                "/\u{200B}saml2"
            ),
        )],
        findings: &[("url-whitespace", O, Some(saml2!(t1!())))],
    },
    UrlCase {
        class: "whitespace",
        values: &[(M, concat!(metadata!(t1!()), "\t"))],
        findings: &[("url-whitespace", M, Some(metadata!(t1!())))],
    },
    UrlCase {
        class: "whitespace",
        values: &[(L, "https://idp.example.com/sso/saml \r\n")],
        findings: &[(
            "url-whitespace",
            L,
            Some("https://idp.example.com/sso/saml"),
        )],
    },
    UrlCase {
        class: "whitespace",
        values: &[(I, concat!("https://sts.windows.net/\n", t2!(), "/"))],
        findings: &[("url-whitespace", I, Some(issuer!(t2!())))],
    },
    // 2. The scheme: missing, malformed, http, another.
    UrlCase {
        class: "scheme",
        values: &[(I, concat!("sts.windows.net/", t1!(), "/"))],
        findings: &[("url-no-scheme", I, Some(issuer!(t1!())))],
    },
    UrlCase {
        class: "scheme",
        values: &[(I, concat!("//sts.windows.net/", t3!(), "/"))],
        findings: &[("url-no-scheme", I, Some(issuer!(t3!())))],
    },
    UrlCase {
        class: "scheme",
        values: &[(L, concat!("login.microsoftonline.com/", t2!(), "/saml2"))],
        findings: &[("url-no-scheme", L, Some(saml2!(t2!())))],
    },
    UrlCase {
        class: "scheme",
        values: &[(
            M,
            concat!(
                "login.microsoftonline.com/",
                t1!(),
                "/federationmetadata/2007-06/federationmetadata.xml?appid=",
                app!()
            ),
        )],
        findings: &[("url-no-scheme", M, Some(metadata!(t1!())))],
    },
    UrlCase {
        class: "scheme",
        values: &[(I, concat!("https:/sts.windows.net/", t1!(), "/"))],
        findings: &[("url-malformed-scheme", I, Some(issuer!(t1!())))],
    },
    UrlCase {
        class: "scheme",
        values: &[(I, concat!("https:///sts.windows.net/", t1!(), "/"))],
        findings: &[("url-malformed-scheme", I, Some(issuer!(t1!())))],
    },
    UrlCase {
        class: "scheme",
        values: &[(
            L,
            concat!("htps://login.microsoftonline.com/", t2!(), "/saml2"),
        )],
        findings: &[("url-malformed-scheme", L, Some(saml2!(t2!())))],
    },
    UrlCase {
        class: "scheme",
        values: &[(
            O,
            concat!("https//login.microsoftonline.com/", t1!(), "/saml2"),
        )],
        findings: &[("url-malformed-scheme", O, Some(saml2!(t1!())))],
    },
    UrlCase {
        class: "scheme",
        values: &[(I, concat!("http://sts.windows.net/", t1!(), "/"))],
        findings: &[("not-https", I, Some(issuer!(t1!())))],
    },
    UrlCase {
        class: "scheme",
        values: &[(
            L,
            concat!("http://login.microsoftonline.com/", t2!(), "/saml2"),
        )],
        findings: &[("not-https", L, Some(saml2!(t2!())))],
    },
    UrlCase {
        class: "scheme",
        values: &[(
            M,
            concat!(
                "ftp://login.microsoftonline.com/",
                t1!(),
                "/federationmetadata/2007-06/federationmetadata.xml?appid=",
                app!()
            ),
        )],
        findings: &[("not-https", M, Some(metadata!(t1!())))],
    },
    // 3. Letter case.
    UrlCase {
        class: "letter case",
        values: &[(
            I,
            "https://sts.windows.net/A15B04FC-6FF1-42A7-BB24-2E762259F5DA/",
        )],
        findings: &[("issuer-letter-case", I, Some(issuer!(t1!())))],
    },
    UrlCase {
        class: "letter case",
        values: &[(I, concat!("https://STS.Windows.net/", t2!(), "/"))],
        findings: &[("issuer-letter-case", I, Some(issuer!(t2!())))],
    },
    UrlCase {
        class: "letter case",
        values: &[(I, concat!("HTTPS://sts.windows.net/", t3!(), "/"))],
        findings: &[("issuer-letter-case", I, Some(issuer!(t3!())))],
    },
    UrlCase {
        class: "letter case",
        values: &[(
            L,
            "https://login.microsoftonline.com/72F988BF-86F1-41AF-91AB-2D7CD011DB47/saml2",
        )],
        findings: &[("url-letter-case", L, Some(saml2!(t2!())))],
    },
    UrlCase {
        class: "letter case",
        values: &[(
            O,
            concat!("https://login.microsoftonline.com/", t1!(), "/SAML2"),
        )],
        findings: &[("url-letter-case", O, Some(saml2!(t1!())))],
    },
    UrlCase {
        class: "letter case",
        values: &[(
            M,
            concat!(
                "https://Login.MicrosoftOnline.com/",
                t1!(),
                "/FederationMetadata/2007-06/FederationMetadata.xml?appid=",
                app!()
            ),
        )],
        findings: &[("url-letter-case", M, Some(metadata!(t1!())))],
    },
    // 4. Slashes: doubled, missing, one too many.
    UrlCase {
        class: "slashes",
        values: &[(I, concat!(issuer!(t1!()), "/"))],
        findings: &[("url-slashes", I, Some(issuer!(t1!())))],
    },
    UrlCase {
        class: "slashes",
        values: &[(I, concat!("https://sts.windows.net/", t2!()))],
        findings: &[("issuer-trailing-slash", I, Some(issuer!(t2!())))],
    },
    UrlCase {
        class: "slashes",
        values: &[(
            L,
            concat!("https://login.microsoftonline.com//", t2!(), "/saml2"),
        )],
        findings: &[("url-slashes", L, Some(saml2!(t2!())))],
    },
    UrlCase {
        class: "slashes",
        values: &[(L, concat!(saml2!(t1!()), "/"))],
        findings: &[("url-slashes", L, Some(saml2!(t1!())))],
    },
    UrlCase {
        class: "slashes",
        values: &[(
            O,
            concat!("https://login.microsoftonline.com/", t3!(), "saml2"),
        )],
        findings: &[("url-slashes", O, Some(saml2!(t3!())))],
    },
    UrlCase {
        class: "slashes",
        values: &[(
            M,
            concat!(
                "https://login.microsoftonline.com/",
                t1!(),
                "/federationmetadata/2007-06//federationmetadata.xml?appid=",
                app!()
            ),
        )],
        findings: &[("url-slashes", M, Some(metadata!(t1!())))],
    },
    // 5. A GUID that is not a GUID; a corrupted one still shows a tenant mismatch.
    UrlCase {
        class: "guid",
        values: &[
            (I, concat!("https://sts.windows.net/", t1!(), "x/")),
            (L, saml2!(t1!())),
        ],
        findings: &[("tenant-not-guid", I, Some(issuer!(t1!())))],
    },
    UrlCase {
        class: "guid",
        values: &[
            (I, concat!("https://sts.windows.net/", t1!(), "x/")),
            (L, saml2!(t2!())),
        ],
        findings: &[
            ("tenant-not-guid", I, Some(issuer!(t1!()))),
            ("tenant-mismatch", L, None),
        ],
    },
    UrlCase {
        class: "guid",
        values: &[
            (
                I,
                "https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5d/",
            ),
            (L, saml2!(t1!())),
        ],
        findings: &[("tenant-not-guid", I, Some(issuer!(t1!())))],
    },
    UrlCase {
        class: "guid",
        values: &[
            (
                I,
                "https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5d/",
            ),
            (L, saml2!(t2!())),
        ],
        findings: &[("tenant-not-guid", I, None), ("tenant-mismatch", I, None)],
    },
    UrlCase {
        class: "guid",
        values: &[(
            I,
            "https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5dg/",
        )],
        findings: &[("tenant-not-guid", I, None)],
    },
    UrlCase {
        class: "guid",
        values: &[(
            I,
            "https://sts.windows.net/a15b04fc6ff142a7bb242e762259f5da/",
        )],
        findings: &[("tenant-not-guid", I, Some(issuer!(t1!())))],
    },
    UrlCase {
        class: "guid",
        values: &[(
            L,
            concat!("https://login.microsoftonline.com/{", t2!(), "}/saml2"),
        )],
        findings: &[("tenant-not-guid", L, Some(saml2!(t2!())))],
    },
    // 6. Another Entra endpoint than the field needs, or no tenant at all.
    UrlCase {
        class: "endpoint",
        values: &[(I, concat!("https://login.microsoftonline.com/", t1!(), "/"))],
        findings: &[("wrong-entra-endpoint", I, Some(issuer!(t1!())))],
    },
    UrlCase {
        class: "endpoint",
        values: &[(
            I,
            concat!("https://login.microsoftonline.com/", t1!(), "/v2.0"),
        )],
        findings: &[("wrong-entra-endpoint", I, Some(issuer!(t1!())))],
    },
    UrlCase {
        class: "endpoint",
        values: &[(
            I,
            concat!("https://login.microsoftonline.com/", t2!(), "/wsfed"),
        )],
        findings: &[("wrong-entra-endpoint", I, Some(issuer!(t2!())))],
    },
    UrlCase {
        class: "endpoint",
        values: &[(
            I,
            concat!(
                "https://login.microsoftonline.com/",
                t3!(),
                "/oauth2/v2.0/authorize"
            ),
        )],
        findings: &[("wrong-entra-endpoint", I, Some(issuer!(t3!())))],
    },
    UrlCase {
        class: "endpoint",
        values: &[(I, saml2!(t1!()))],
        findings: &[("issuer-is-login-url", I, Some(issuer!(t1!())))],
    },
    UrlCase {
        class: "endpoint",
        values: &[(
            L,
            concat!("https://login.microsoftonline.com/", t2!(), "/wsfed"),
        )],
        findings: &[("login-url-not-saml2", L, Some(saml2!(t2!())))],
    },
    UrlCase {
        class: "endpoint",
        values: &[(
            L,
            concat!(
                "https://login.microsoftonline.com/",
                t2!(),
                "/oauth2/authorize"
            ),
        )],
        findings: &[("login-url-not-saml2", L, Some(saml2!(t2!())))],
    },
    UrlCase {
        class: "endpoint",
        values: &[(
            O,
            concat!(
                "https://login.microsoftonline.com/",
                t1!(),
                "/oauth2/v2.0/logout"
            ),
        )],
        findings: &[("login-url-not-saml2", O, Some(saml2!(t1!())))],
    },
    UrlCase {
        class: "endpoint",
        values: &[(L, issuer!(t1!()))],
        findings: &[("login-url-not-saml2", L, Some(saml2!(t1!())))],
    },
    UrlCase {
        class: "endpoint",
        values: &[(
            M,
            concat!(
                "https://login.microsoftonline.com/",
                t1!(),
                "/v2.0/.well-known/openid-configuration"
            ),
        )],
        findings: &[("wrong-entra-endpoint", M, None)],
    },
    UrlCase {
        class: "endpoint",
        values: &[(M, saml2!(t1!()))],
        findings: &[("wrong-entra-endpoint", M, None)],
    },
    UrlCase {
        class: "endpoint",
        values: &[(L, "https://login.microsoftonline.com/common/saml2")],
        findings: &[("tenant-independent-metadata", L, None)],
    },
    UrlCase {
        class: "endpoint",
        values: &[
            (I, issuer!(t1!())),
            (L, "https://login.microsoftonline.com/organizations/saml2"),
        ],
        findings: &[("tenant-independent-metadata", L, Some(saml2!(t1!())))],
    },
    UrlCase {
        class: "endpoint",
        values: &[(
            M,
            "https://login.microsoftonline.com/common/federationmetadata/2007-06/federationmetadata.xml",
        )],
        findings: &[
            ("tenant-independent-metadata", M, None),
            ("metadata-url-without-appid", M, None),
        ],
    },
    // 7. Query strings and fragments that do not belong.
    UrlCase {
        class: "query",
        values: &[(L, concat!(saml2!(t1!()), "?sso_reload=true"))],
        findings: &[("url-query-or-fragment", L, Some(saml2!(t1!())))],
    },
    UrlCase {
        class: "query",
        values: &[(
            L,
            concat!(
                saml2!(t2!()),
                "?SAMLRequest=fZFNT8MwDIbvSPyHKve%2BpV3pRrR1GkKIST0gZpwQ%3D%3D&RelayState=abc"
            ),
        )],
        findings: &[("url-query-or-fragment", L, Some(saml2!(t2!())))],
    },
    UrlCase {
        class: "query",
        values: &[(I, concat!(issuer!(t1!()), "#"))],
        findings: &[("url-query-or-fragment", I, Some(issuer!(t1!())))],
    },
    UrlCase {
        class: "query",
        values: &[(M, concat!(metadata!(t3!()), "&clientid=1"))],
        findings: &[("url-query-or-fragment", M, Some(metadata!(t3!())))],
    },
    UrlCase {
        class: "query",
        values: &[(M, concat!(metadata!(t1!()), "#saml"))],
        findings: &[("url-query-or-fragment", M, Some(metadata!(t1!())))],
    },
    // 8. Tenants that differ.
    UrlCase {
        class: "tenant",
        values: &[(I, issuer!(t1!())), (L, saml2!(t2!())), (O, saml2!(t1!()))],
        findings: &[("tenant-mismatch", L, None)],
    },
    UrlCase {
        class: "tenant",
        values: &[(I, issuer!(t3!())), (M, metadata!(t1!()))],
        findings: &[("tenant-mismatch", M, None)],
    },
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
