//! Test SSO: SAML responses, their signatures, the findings, Entra's error codes and the
//! AuthnRequest. Signature verdicts are held to xmlsec1's: its recorded verdicts on the
//! Entra-shaped fixtures (and a live run when xmlsec1 is installed), and the verdicts of
//! python3-saml's own response suite.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use mimecast_sso::datetime::parse_rfc3339;
use mimecast_sso::input::{Decoded, decode};
use mimecast_sso::response_check::{MessageKind, ResponseOptions, ResponseReport, check_response};
use mimecast_sso::service_provider::{AccountCode, region};
use mimecast_sso::{Code, ResponseError};
use std::path::PathBuf;

mod common;

const TENANT_ISSUER: &str = "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/";

fn entra_dir() -> PathBuf {
    common::fixtures_dir().join("responses/entra")
}

fn suite_dir() -> PathBuf {
    common::fixtures_dir().join("responses/python3-saml")
}

fn entra(name: &str) -> Vec<u8> {
    std::fs::read(entra_dir().join(name)).unwrap()
}

fn der_of(path: PathBuf) -> Vec<u8> {
    match decode(&std::fs::read(path).unwrap()).unwrap() {
        Decoded::Certificates(mut ders) => ders.remove(0),
        _ => panic!("not a certificate"),
    }
}

/// Mimecast's profile as it should be for the fixtures, at a minute after they were issued.
fn configured() -> ResponseOptions {
    ResponseOptions {
        issuer: Some(TENANT_ISSUER.to_string()),
        certificate: Some(der_of(entra_dir().join("signing-cert.pem"))),
        service_provider: Some((
            region("eu").unwrap(),
            AccountCode::parse("cusa123456").unwrap(),
        )),
        ..ResponseOptions::at(parse_rfc3339("2026-11-23T09:31:00Z").unwrap())
    }
}

fn codes(report: &ResponseReport) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.code.as_str()).collect()
}

fn check(bytes: &[u8], options: &ResponseOptions) -> ResponseReport {
    check_response(bytes, options).unwrap()
}

fn xmlsec1_recorded() -> Vec<(String, String)> {
    std::fs::read_to_string(entra_dir().join("xmlsec1-verdicts.tsv"))
        .unwrap()
        .lines()
        .map(|line| {
            let (file, verdict) = line.split_once('\t').unwrap();
            (file.to_string(), verdict.to_string())
        })
        .collect()
}

fn xmlsec1_live(file: &str) -> Option<bool> {
    common::xmlsec1_verifies(
        &entra_dir().join("signing-cert.pem"),
        &[
            "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
            "urn:oasis:names:tc:SAML:2.0:protocol:Response",
        ],
        &entra_dir().join(file),
    )
}

#[test]
fn every_signature_verdict_agrees_with_xmlsec1() {
    let recorded = xmlsec1_recorded();
    assert_eq!(recorded.len(), 11);
    let live = xmlsec1_live("valid.xml").is_some();
    let wrapping = ["wrapping-before.xml", "wrapping-after.xml"];
    for (file, verdict) in recorded {
        let report = check(&entra(&file), &configured());
        let xmlsec1_ok = verdict == "OK";
        if live && verdict != "UNSIGNED" {
            assert_eq!(
                xmlsec1_live(&file),
                Some(xmlsec1_ok),
                "{file}: live xmlsec1"
            );
        }
        let signatures = &report.signature.signatures;
        if verdict == "UNSIGNED" {
            assert!(signatures.is_empty(), "{file}");
            assert_eq!(report.signature.valid, None, "{file}");
            continue;
        }
        // The signature itself: exactly xmlsec1's verdict.
        assert_eq!(signatures.len(), 1, "{file}");
        assert_eq!(
            signatures[0].valid, xmlsec1_ok,
            "{file}: {:?}",
            signatures[0].problem
        );
        // The response: valid only when the signature also covers the assertion read.
        let expected = xmlsec1_ok && !wrapping.contains(&file.as_str());
        assert_eq!(report.signature.valid, Some(expected), "{file}");
        let invalid_finding = codes(&report)
            .iter()
            .any(|c| *c == "signature-invalid" || *c == "signing-cert-not-configured");
        assert_eq!(invalid_finding, !expected, "{file}: {:?}", codes(&report));
    }
}

#[test]
fn a_good_entra_response_has_no_findings_and_every_value() {
    let report = check(&entra("valid.xml"), &configured());
    assert_eq!(codes(&report), Vec::<&str>::new());
    assert!(report.passes());
    assert_eq!(report.kind, MessageKind::Response);
    let assertion = report.assertion.as_ref().unwrap();
    for (what, value, expected) in [
        (
            "status",
            &report.status.code,
            "urn:oasis:names:tc:SAML:2.0:status:Success",
        ),
        ("issuer", &report.issuer, TENANT_ISSUER),
        (
            "destination",
            &report.destination,
            "https://eu-api.mimecast.com/login/saml",
        ),
        ("in_response_to", &report.in_response_to, "MC_4f1f0c5e2b"),
        ("assertion issuer", &assertion.issuer, TENANT_ISSUER),
        ("name_id", &assertion.name_id, "alex.admin@contoso.example"),
        (
            "name_id_format",
            &assertion.name_id_format,
            "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
        ),
        (
            "recipient",
            &assertion.recipient,
            "https://eu-api.mimecast.com/login/saml",
        ),
        (
            "not_before",
            &assertion.not_before,
            "2026-11-23T09:25:00.107Z",
        ),
        (
            "not_on_or_after",
            &assertion.not_on_or_after,
            "2026-11-23T10:35:00.107Z",
        ),
        (
            "subject_not_on_or_after",
            &assertion.subject_not_on_or_after,
            "2026-11-23T09:35:00.107Z",
        ),
        (
            "authn_context_class_ref",
            &assertion.authn_context_class_ref,
            "urn:oasis:names:tc:SAML:2.0:ac:classes:Password",
        ),
    ] {
        assert_eq!(value.as_deref(), Some(expected), "{what}");
    }
    assert_eq!(
        assertion.audiences,
        ["https://eu-api.mimecast.com/sso/CUSA123456"]
    );
    assert_eq!(
        assertion.attributes["http://schemas.microsoft.com/claims/authnmethodsreferences"].len(),
        2
    );
    assert_eq!(
        assertion.attributes["http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"]
            .len(),
        12
    );
    let signature = &report.signature;
    assert!(!signature.response_signed && signature.assertion_signed);
    assert_eq!(signature.valid, Some(true));
    assert_eq!(signature.verified_with, Some("configured"));
    let certificate = signature.certificate.as_ref().unwrap();
    assert_eq!(
        certificate.subject,
        "CN=Microsoft Azure Federated SSO Certificate"
    );
    assert_eq!(certificate.key_bits, Some(2048));
    assert_eq!(
        signature.signatures[0].signature_method.as_deref(),
        Some("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")
    );
}

#[test]
fn without_a_configured_certificate_the_keyinfo_certificate_verifies() {
    let options = ResponseOptions {
        certificate: None,
        ..configured()
    };
    let report = check(&entra("valid.xml"), &options);
    assert_eq!(report.signature.valid, Some(true));
    assert_eq!(report.signature.verified_with, Some("key-info"));
    // Another key verifies with its own certificate: only Mimecast's certificate tells.
    let report = check(&entra("another-key.xml"), &options);
    assert_eq!(report.signature.valid, Some(true));
    let report = check(&entra("another-key.xml"), &configured());
    assert_eq!(report.signature.valid, Some(false));
    assert_eq!(codes(&report), ["signing-cert-not-configured"]);
    let finding = &report.findings[0];
    let other = der_of(entra_dir().join("other-cert.pem"));
    assert_eq!(
        finding.fix.as_deref(),
        Some(STANDARD.encode(other).as_str())
    );
}

#[test]
fn python3_saml_suite_verdicts_agree_for_every_file() {
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(suite_dir().join("expected.json")).unwrap())
            .unwrap();
    let cases = expected["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 48);
    let mut wrapping_cases = 0;
    for case in cases {
        let file = case["file"].as_str().unwrap();
        let bytes = std::fs::read(suite_dir().join(file)).unwrap();
        let options = ResponseOptions {
            certificate: Some(der_of(
                suite_dir().join(case["certificate"].as_str().unwrap()),
            )),
            ..ResponseOptions::at(parse_rfc3339("2026-12-01T00:00:00Z").unwrap())
        };
        let report = check_response(&bytes, &options).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(
            report.signature.valid,
            case["expected_signature_valid"].as_bool(),
            "{file}: {:?}",
            report.signature.signatures
        );
        if case["wrapping"].as_bool() == Some(true) {
            wrapping_cases += 1;
            assert!(
                report
                    .findings
                    .iter()
                    .any(|f| f.code == Code::SignatureInvalid
                        && f.severity == mimecast_sso::Severity::Error),
                "{file}"
            );
        }
    }
    assert!(wrapping_cases >= 1);
}

fn without_signature_checks() -> ResponseOptions {
    ResponseOptions {
        certificate: None,
        ..configured()
    }
}

#[test]
fn each_finding_code_on_a_case_of_its_own() {
    let options = configured();
    // response-not-success: an Entra error response, with its AADSTS code explained.
    let error = br#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_e" Version="2.0" Destination="https://eu-api.mimecast.com/login/saml"><Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/</Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:RequestUnsupported"/></samlp:StatusCode><samlp:StatusMessage>AADSTS75011: Authentication method 'X509, MultiFactor' by which the user authenticated with the service doesn't match requested authentication method 'Password, ProtectedTransport'.</samlp:StatusMessage></samlp:Status></samlp:Response>"#;
    let report = check(error, &options);
    assert_eq!(codes(&report), ["response-not-success"]);
    assert!(
        report.findings[0]
            .message
            .contains("Use Password protected Context")
    );
    assert_eq!(report.status.aadsts.as_deref(), Some("AADSTS75011"));
    assert!(report.assertion.is_none());

    assert_eq!(
        codes(&check(&entra("signature-removed.xml"), &options)),
        ["response-unsigned"]
    );
    assert_eq!(
        codes(&check(&entra("edited-name-id.xml"), &options)),
        ["signature-invalid"]
    );
    assert_eq!(
        codes(&check(&entra("another-key.xml"), &options)),
        ["signing-cert-not-configured"]
    );

    // response-issuer-mismatch: the trailing slash counts.
    let slashless = ResponseOptions {
        issuer: Some(TENANT_ISSUER.trim_end_matches('/').to_string()),
        ..configured()
    };
    let report = check(&entra("valid.xml"), &slashless);
    assert_eq!(codes(&report), ["response-issuer-mismatch"]);
    assert!(report.findings[0].message.contains("trailing slash"));
    assert_eq!(report.findings[0].fix.as_deref(), Some(TENANT_ISSUER));

    let report = check(&entra("wrong-audience.xml"), &options);
    assert_eq!(codes(&report), ["audience-mismatch"]);
    assert_eq!(
        report.findings[0].fix.as_deref(),
        Some("https://eu-api.mimecast.com/sso/CUSA123456")
    );

    let report = check(&entra("object-id-name-id-wrong-reply-url.xml"), &options);
    assert_eq!(codes(&report), ["name-id-not-email", "recipient-mismatch"]);
    assert_eq!(
        report.findings[1].fix.as_deref(),
        Some("https://eu-api.mimecast.com/login/saml")
    );

    // response-expired: at NotOnOrAfter exactly (the SubjectConfirmationData's comes first).
    let at = |now: &str| ResponseOptions {
        now: parse_rfc3339(now).unwrap(),
        ..configured()
    };
    assert_eq!(
        codes(&check(&entra("valid.xml"), &at("2026-11-23T09:35:00.107Z"))),
        ["response-expired"]
    );
    assert_eq!(
        codes(&check(&entra("valid.xml"), &at("2026-11-23T09:35:00.106Z"))),
        Vec::<&str>::new()
    );
    assert_eq!(
        codes(&check(&entra("valid.xml"), &at("2026-11-23T09:25:00.106Z"))),
        ["response-not-yet-valid"]
    );
    assert_eq!(
        codes(&check(&entra("valid-rsa-sha1.xml"), &options)),
        ["signature-weak-algorithm"]
    );
    // Wrapping and duplicate IDs.
    for file in [
        "wrapping-before.xml",
        "wrapping-after.xml",
        "duplicate-ids.xml",
    ] {
        assert_eq!(
            codes(&check(&entra(file), &options)),
            ["signature-invalid"],
            "{file}"
        );
    }
    // Without a region, account code, issuer or certificate, only what the response tells.
    let bare = ResponseOptions::at(parse_rfc3339("2026-11-23T09:31:00Z").unwrap());
    assert_eq!(
        codes(&check(&entra("wrong-audience.xml"), &bare)),
        Vec::<&str>::new()
    );
    assert_eq!(
        codes(&check(
            &entra("object-id-name-id-wrong-reply-url.xml"),
            &without_signature_checks()
        )),
        ["name-id-not-email", "recipient-mismatch"]
    );
}

fn form_body(value: &str) -> String {
    let encoded: String = value
        .bytes()
        .map(|b| match b {
            b'+' => "%2B".to_string(),
            b'/' => "%2F".to_string(),
            b'=' => "%3D".to_string(),
            b => (b as char).to_string(),
        })
        .collect();
    encoded
}

#[test]
fn the_four_input_forms_give_the_same_result() {
    let options = configured();
    for file in ["valid.xml", "wrong-audience.xml", "wrapping-before.xml"] {
        let xml = entra(file);
        let base64 = STANDARD.encode(&xml);
        let wrapped: String = base64
            .as_bytes()
            .chunks(76)
            .map(|line| format!("{}\r\n", std::str::from_utf8(line).unwrap()))
            .collect();
        let post = format!("SAMLResponse={}&RelayState=%2Fportal", form_body(&base64));
        let url_encoded = form_body(&base64);
        let reference = check(&xml, &options);
        for (form, input) in [
            ("base64", base64.as_bytes()),
            ("wrapped base64", wrapped.as_bytes()),
            ("POST body", post.as_bytes()),
            ("URL-encoded base64", url_encoded.as_bytes()),
        ] {
            assert_eq!(check(input, &options), reference, "{file} as {form}");
        }
    }
}

#[test]
fn entra_errors_are_explained_from_page_text_urls_and_codes() {
    let options = configured();
    for input in [
        "AADSTS50011: The redirect URI 'https://eu-api.mimecast.com/login/sso' specified in the request does not match the redirect URIs configured for the application 'abc'.",
        "https://login.microsoftonline.com/error?code=50011&error_description=AADSTS50011%3a+The+redirect+URI",
        "AADSTS50011",
        "50011",
    ] {
        let report = check(input.as_bytes(), &options);
        assert_eq!(report.kind, MessageKind::EntraError, "{input}");
        assert_eq!(codes(&report), ["entra-error"]);
        let message = &report.findings[0].message;
        assert!(
            message.contains("https://eu-api.mimecast.com/login/saml"),
            "{message}"
        );
        assert_eq!(report.entra_error.as_ref().unwrap().code, "AADSTS50011");
    }
    for code in [
        50011, 700016, 70001, 75011, 50105, 750054, 75005, 75008, 76021, 76026, 501241,
    ] {
        let entry = mimecast_sso::aadsts::lookup(code).unwrap();
        assert!(!entry.fix.is_empty());
        let report = check(format!("AADSTS{code}").as_bytes(), &options);
        assert!(report.entra_error.unwrap().known);
    }
    let unknown = check(b"Sorry, AADSTS90072 happened", &options);
    assert!(!unknown.entra_error.unwrap().known);
}

fn redirect_request(xml: &str) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec(xml.as_bytes(), 6);
    format!(
        "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/saml2?SAMLRequest={}&RelayState=x",
        form_body(&STANDARD.encode(deflated))
    )
}

#[test]
fn the_authn_request_is_decoded_and_its_context_found() {
    let with_context = r#"<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="MC_1" Version="2.0" IssueInstant="2026-11-23T09:29:00Z" Destination="https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/saml2" AssertionConsumerServiceURL="https://eu-api.mimecast.com/login/saml"><saml:Issuer>https://eu-api.mimecast.com/sso/CUSA123456</saml:Issuer><samlp:RequestedAuthnContext Comparison="exact"><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></samlp:RequestedAuthnContext></samlp:AuthnRequest>"#;
    let report = check(redirect_request(with_context).as_bytes(), &configured());
    assert_eq!(report.kind, MessageKind::AuthnRequest);
    assert_eq!(codes(&report), ["request-authn-context"]);
    assert!(report.findings[0].message.contains("AADSTS75011"));
    let request = report.request.unwrap();
    assert_eq!(
        request.issuer.as_deref(),
        Some("https://eu-api.mimecast.com/sso/CUSA123456")
    );
    assert_eq!(
        request.assertion_consumer_service_url.as_deref(),
        Some("https://eu-api.mimecast.com/login/saml")
    );
    let context = request.requested_authn_context.unwrap();
    assert_eq!(context.comparison.as_deref(), Some("exact"));
    assert_eq!(
        context.class_refs,
        ["urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"]
    );
    let without = with_context
        .split("<samlp:RequestedAuthnContext")
        .next()
        .unwrap()
        .to_string()
        + "</samlp:AuthnRequest>";
    let report = check(redirect_request(&without).as_bytes(), &configured());
    assert_eq!(codes(&report), Vec::<&str>::new());
}

#[test]
fn unusable_input_gets_a_named_error() {
    let options = configured();
    let error = |input: &[u8]| check_response(input, &options).unwrap_err();
    assert_eq!(error(b"  \n").code(), "empty-input");
    assert_eq!(error(b"hello world").code(), "not-saml-message");
    assert_eq!(
        error(b"<md:EntityDescriptor xmlns:md='urn:oasis:names:tc:SAML:2.0:metadata'/>").code(),
        "not-saml-message"
    );
    assert_eq!(error(b"SAMLResponse=%%%%").code(), "base64-invalid");
    assert_eq!(error(b"SAMLRequest=AAAA").code(), "inflate-failed");
    let dtd = br#"<!DOCTYPE r [<!ENTITY a "aaaa">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&a;</samlp:Response>"#;
    assert_eq!(error(dtd).code(), "dtd-refused");
    let deep = format!(
        "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">{}",
        "<a>".repeat(10_000)
    );
    assert_eq!(error(deep.as_bytes()).code(), "too-deep");
    let huge = vec![b'A'; 5 << 20];
    assert!(matches!(error(&huge), ResponseError::TooLarge { .. }));
    for bad in [error(b"hello"), error(dtd)] {
        let message = bad.to_string();
        assert!(
            message.ends_with('.') && !message.contains(". "),
            "{message}"
        );
    }
}

// --- hostile input, as for metadata ------------------------------------------------------

#[test]
fn entity_bombs_and_external_entities_are_refused_unread() {
    let options = configured();
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&c;</samlp:Response>"#;
    let external = r#"<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&x;</samlp:Response>"#;
    for input in [bomb, external] {
        for form in [input.to_string(), STANDARD.encode(input)] {
            let error = check_response(form.as_bytes(), &options).unwrap_err();
            assert_eq!(error.code(), "dtd-refused");
        }
    }
    // An entity the document never declares is named, not expanded.
    let undefined = r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&x;</samlp:Response>"#;
    assert_eq!(
        check_response(undefined.as_bytes(), &options)
            .unwrap_err()
            .code(),
        "xml-syntax"
    );
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}

#[test]
fn mutated_responses_never_panic_and_never_verify() {
    let options = configured();
    let original = entra("valid.xml");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..400 {
        let mut bytes = original.clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len());
            match rng.below(3) {
                0 => bytes[at] = (rng.next() & 0xFF) as u8,
                1 => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, b"<>&\"'=/ \x00"[rng.below(9)]),
            }
        }
        match check_response(&bytes, &options) {
            Ok(report) => {
                // A change inside the signed assertion never verifies. (Outside it, in the
                // Response's own Destination or ID, the assertion's signature still holds.)
                // KeyInfo is not signed: with Mimecast's certificate configured it does not count.
                let find = |needle: &[u8]| {
                    original
                        .windows(needle.len())
                        .position(|w| w == needle)
                        .unwrap()
                };
                let start = find(b"<Assertion");
                let end = original.len() - "</samlp:Response>".len();
                let (key_start, key_end) = (find(b"<KeyInfo>"), find(b"</KeyInfo>"));
                if report.signature.valid == Some(true) && bytes.len() == original.len() {
                    let changed: Vec<usize> = (0..bytes.len())
                        .filter(|&i| bytes[i] != original[i])
                        .collect();
                    assert!(
                        changed
                            .iter()
                            .all(|&i| i < start || i >= end || (key_start..key_end).contains(&i))
                            || changed.iter().all(|&i| original[i].is_ascii_whitespace()
                                && bytes[i].is_ascii_whitespace()),
                        "round {round}: an edit inside the assertion verified: {:?}",
                        changed
                            .iter()
                            .map(|&i| (
                                i,
                                original[i] as char,
                                bytes[i] as char,
                                String::from_utf8_lossy(
                                    &original[i.saturating_sub(30)..(i + 10).min(original.len())]
                                )
                                .into_owned()
                            ))
                            .collect::<Vec<_>>()
                    );
                }
                for finding in &report.findings {
                    assert!(finding.message.ends_with('.'), "{}", finding.message);
                }
            }
            Err(error) => {
                let message = error.to_string();
                assert!(message.ends_with('.'), "round {round}: {message}");
            }
        }
    }
}

#[test]
fn binary_noise_ends_in_an_error_or_a_result() {
    let options = configured();
    let mut rng = Rng(42);
    for len in [0usize, 1, 2, 7, 64, 1000, 10_000] {
        for _ in 0..20 {
            let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xFF) as u8).collect();
            let _ = check_response(&bytes, &options);
            let text: String = (0..len)
                .map(|_| b"ABCabc012+/=%&<> \n"[rng.below(18)] as char)
                .collect();
            let _ = check_response(text.as_bytes(), &options);
        }
    }
}

#[test]
fn short_junk_is_not_a_saml_message() {
    for junk in ["no", "abc", "hello", "QUJD", "x".repeat(40).as_str()] {
        let error = check_response(junk.as_bytes(), &configured()).unwrap_err();
        assert_eq!(error.code(), "not-saml-message", "{junk}");
    }
}
