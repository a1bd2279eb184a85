//! The extension's Test SSO: what the core makes of the requests the browser sends. Responses
//! are xmlsec1-signed Entra-shaped fixtures (tests/fixtures/responses/entra/, see generate.sh),
//! posted as a browser posts Entra's form; AuthnRequests are deflated into a redirect URL.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use mimecast_sso::datetime::parse_rfc3339;
use mimecast_sso::input::{Decoded, decode};
use mimecast_sso::observation::{Endpoint, Observation, ObserveOptions, observe};
use mimecast_sso::response_check::Tone;
use mimecast_sso::service_provider::AccountCode;
use std::path::PathBuf;

const TENANT_ISSUER: &str = "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/";
const ENTRA_SAML: &str =
    "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/saml2";
const REPLY_URL: &str = "https://eu-api.mimecast.com/login/saml";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/responses/entra")
            .join(name),
    )
    .unwrap()
}

/// The DER of the fixture certificate `name`.
fn certificate(name: &str) -> Vec<u8> {
    match decode(&fixture(name)).unwrap() {
        Decoded::Certificates(mut ders) => ders.remove(0),
        _ => panic!("not a certificate"),
    }
}

/// The profile as it should be, a minute after the fixtures were issued.
fn profile(account_code: Option<&str>) -> ObserveOptions {
    ObserveOptions {
        now: parse_rfc3339("2026-11-23T09:31:00Z").unwrap(),
        issuer: Some(TENANT_ISSUER.to_string()),
        certificate: Some(certificate("signing-cert.pem")),
        account_code: account_code.map(|code| AccountCode::parse(code).unwrap()),
    }
}

/// application/x-www-form-urlencoded, as a browser submits a form.
fn form_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

fn posted(name: &str) -> Vec<u8> {
    format!(
        "SAMLResponse={}&RelayState={}",
        form_encode(&STANDARD.encode(fixture(name))),
        form_encode("https://eu-api.mimecast.com/sso?x=1")
    )
    .into_bytes()
}

/// What is observed when Entra's form posts the response fixture `name` to `url`, judged
/// against the profile with this account code.
fn observe_posted(url: &str, name: &str, account_code: Option<&str>) -> Option<Observation> {
    observe(url, Some(&posted(name)), &profile(account_code))
}

fn codes(observation: &Observation) -> Vec<&'static str> {
    observation
        .report
        .as_ref()
        .unwrap()
        .findings
        .iter()
        .map(|finding| finding.code.as_str())
        .collect()
}

fn request_xml(issuer: &str, acs: &str, context: bool) -> String {
    format!(
        r#"<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="MC_1" Version="2.0" IssueInstant="2026-11-23T09:29:00Z" Destination="{ENTRA_SAML}" AssertionConsumerServiceURL="{acs}"><saml:Issuer>{issuer}</saml:Issuer>{}</samlp:AuthnRequest>"#,
        if context {
            r#"<samlp:RequestedAuthnContext Comparison="exact"><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>"#
        } else {
            ""
        }
    )
}

fn deflated(xml: &str) -> String {
    form_encode(&STANDARD.encode(miniz_oxide::deflate::compress_to_vec(xml.as_bytes(), 6)))
}

#[test]
fn a_good_response_posted_to_mimecast_passes() {
    let observation =
        observe_posted(REPLY_URL, "valid.xml", Some("CUSA123456")).expect("a Mimecast sign-in");
    assert_eq!(observation.endpoint, Endpoint::MimecastSignIn);
    assert_eq!(observation.region, Some("eu"));
    assert_eq!(codes(&observation), Vec::<&str>::new());
    assert_eq!(observation.verdict.tone, Tone::Pass);
    assert_eq!(observation.verdict.badge, "OK");
    assert_eq!(
        observation.verdict.sentence,
        observation.report.as_ref().unwrap().verdict.sentence
    );
    // Every sign-in path of the region's API host, the host in any case.
    for url in [
        "https://EU-API.mimecast.com/login/sso/mpp",
        "https://eu-api.mimecast.com/login/sso/adcon",
    ] {
        let other = observe_posted(url, "valid.xml", Some("CUSA123456"));
        assert_eq!(other.unwrap().region, Some("eu"), "{url}");
    }
}

#[test]
fn the_audience_is_judged_with_the_account_code_learnt() {
    let observation = observe_posted(REPLY_URL, "wrong-audience.xml", Some("cusa123456")).unwrap();
    assert_eq!(codes(&observation), ["audience-mismatch"]);
    assert_eq!(observation.verdict.tone, Tone::Fail);
    assert_eq!(observation.verdict.badge, "FAIL");
    assert_eq!(
        observation.report.unwrap().findings[0].fix.as_deref(),
        Some("https://eu-api.mimecast.com/sso/CUSA123456")
    );
    // Without an account code the Audience cannot be judged; the region's URLs still are.
    let unknown = observe_posted(REPLY_URL, "wrong-audience.xml", None).unwrap();
    assert_eq!(codes(&unknown), Vec::<&str>::new());
    // Posted to another region's host: its Destination and Recipient are not that region's.
    let elsewhere = observe_posted(
        "https://de-api.mimecast.com/login/saml",
        "valid.xml",
        Some("CUSA123456"),
    )
    .unwrap();
    assert_eq!(elsewhere.region, Some("de"));
    assert_eq!(
        codes(&elsewhere),
        ["audience-mismatch", "recipient-mismatch"]
    );
}

#[test]
fn the_profile_certificate_decides_the_signature() {
    let mut options = profile(Some("CUSA123456"));
    options.certificate = Some(certificate("other-cert.pem"));
    let observation = observe(REPLY_URL, Some(&posted("valid.xml")), &options).unwrap();
    assert!(codes(&observation).contains(&"signing-cert-not-configured"));
    assert_eq!(observation.verdict.badge, "FAIL");
}

#[test]
fn only_mimecast_sign_ins_with_a_saml_response_are_observed() {
    let body = posted("valid.xml");
    for url in [
        "https://evil.example/login/saml",
        "https://login-eu.mimecast.com/login/saml",
        "http://eu-api.mimecast.com/login/saml",
        "https://eu-api.mimecast.com/api/login",
    ] {
        assert!(observe(url, Some(&body), &profile(None)).is_none(), "{url}");
    }
    assert!(observe(REPLY_URL, None, &profile(None)).is_none());
    assert!(observe(REPLY_URL, Some(b"username=a&password=b"), &profile(None)).is_none());
}

#[test]
fn an_unreadable_response_gets_the_cores_error_as_its_verdict() {
    let observation = observe(
        REPLY_URL,
        Some(b"SAMLResponse=PHNhbWxwOlJlc3BvbnNl&RelayState=x"),
        &profile(None),
    )
    .unwrap();
    assert!(observation.report.is_none());
    let error = observation.error.unwrap();
    assert_eq!(observation.verdict.sentence, error.message);
    assert_eq!(observation.verdict.badge, "ERR");
    assert_eq!(observation.verdict.tone, Tone::Fail);
}

#[test]
fn the_authn_request_teaches_the_region_and_account_code() {
    let xml = request_xml(
        "https://eu-api.mimecast.com/sso/CUSA123456",
        REPLY_URL,
        false,
    );
    let redirect = format!("{ENTRA_SAML}?SAMLRequest={}&RelayState=x", deflated(&xml));
    let observation = observe(&redirect, None, &profile(None)).expect("Mimecast's request");
    assert_eq!(observation.endpoint, Endpoint::EntraSignIn);
    assert_eq!(observation.region, Some("eu"));
    assert_eq!(
        observation.account_code.as_ref().map(AccountCode::as_str),
        Some("CUSA123456")
    );
    assert_eq!(observation.verdict.tone, Tone::Info);
    assert_eq!(observation.verdict.badge, "REQ");

    // HTTP-POST: the request in the form body, base64 without deflate.
    let body = format!(
        "SAMLRequest={}&RelayState=x",
        form_encode(&STANDARD.encode(request_xml(
            "https://uspcom-api.mimecast-pscom-us.com/sso/C1A2B3",
            "https://uspcom-api.mimecast-pscom-us.com/login/saml",
            true
        )))
    );
    let posted = observe(ENTRA_SAML, Some(body.as_bytes()), &profile(None)).unwrap();
    assert_eq!(posted.region, Some("uspcom"));
    assert_eq!(codes(&posted), ["request-authn-context"]);
    assert_eq!(posted.verdict.tone, Tone::Warning);
    assert_eq!(posted.verdict.badge, "WARN");
}

#[test]
fn other_services_and_other_pages_on_entra_are_not_observed() {
    let other = request_xml("https://app.example/sp", "https://app.example/acs", true);
    let redirect = format!("{ENTRA_SAML}?SAMLRequest={}", deflated(&other));
    assert!(observe(&redirect, None, &profile(None)).is_none());
    let mimecast = request_xml(
        "https://eu-api.mimecast.com/sso/CUSA123456",
        REPLY_URL,
        false,
    );
    for url in [
        format!(
            "https://login.microsoftonline.com/common/oauth2/authorize?SAMLRequest={}",
            deflated(&mimecast)
        ),
        format!(
            "https://evil.example/t/saml2?SAMLRequest={}",
            deflated(&mimecast)
        ),
        ENTRA_SAML.to_string(),
    ] {
        assert!(observe(&url, None, &profile(None)).is_none(), "{url}");
    }
    // A request Mimecast names by its Reply URL only still is Mimecast's.
    let by_reply_url = request_xml(
        "urn:unknown",
        "https://za-api.mimecast.com/login/sso/adcon",
        false,
    );
    let redirect = format!("{ENTRA_SAML}?SAMLRequest={}", deflated(&by_reply_url));
    let observation = observe(&redirect, None, &profile(None)).unwrap();
    assert_eq!(observation.region, Some("za"));
    assert_eq!(observation.account_code, None);
}
