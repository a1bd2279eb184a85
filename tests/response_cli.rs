//! `mimecast-sso response`: its JSON contract, its summary and its exit codes.

mod common;

use common::cli::run;
use serde_json::Value;
use std::process::Output;

const VALID: &str = "tests/fixtures/responses/entra/valid.xml";
const CERT: &str = "tests/fixtures/responses/entra/signing-cert.pem";
const ISSUER: &str = "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/";

fn full(file: &str, json: bool) -> Output {
    let mut args = vec![
        "response",
        "--now",
        "2026-11-23T09:31:00Z",
        "--issuer",
        ISSUER,
        "--certificate",
        CERT,
        "--region",
        "eu",
        "--account-code",
        "cusa123456",
    ];
    if json {
        args.push("--json");
    }
    args.push(file);
    run(&args, None)
}

#[test]
fn response_json_keeps_its_contract() {
    let output = full(VALID, true);
    assert_eq!(output.status.code(), Some(0));
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    for key in ["code", "second_level", "message", "aadsts"] {
        assert!(value["status"].get(key).is_some(), "status.{key}");
    }
    assert_eq!(
        value["status"]["code"],
        "urn:oasis:names:tc:SAML:2.0:status:Success"
    );
    assert!(value["status"]["aadsts"].is_null());
    assert_eq!(value["issuer"], ISSUER);
    assert_eq!(
        value["destination"],
        "https://eu-api.mimecast.com/login/saml"
    );
    assert_eq!(value["in_response_to"], "MC_4f1f0c5e2b");
    let assertion = &value["assertion"];
    assert_eq!(assertion["issuer"], ISSUER);
    assert_eq!(assertion["name_id"], "alex.admin@contoso.example");
    assert!(assertion["name_id_format"].is_string());
    assert_eq!(
        assertion["audiences"][0],
        "https://eu-api.mimecast.com/sso/CUSA123456"
    );
    assert_eq!(
        assertion["recipient"],
        "https://eu-api.mimecast.com/login/saml"
    );
    assert_eq!(assertion["not_before"], "2026-11-23T09:25:00.107Z");
    assert_eq!(assertion["not_on_or_after"], "2026-11-23T10:35:00.107Z");
    assert_eq!(
        assertion["attributes"]["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname"]
            [0],
        "Alex"
    );
    let signature = &value["signature"];
    assert_eq!(signature["response_signed"], false);
    assert_eq!(signature["assertion_signed"], true);
    assert_eq!(signature["valid"], true);
    // The certificate as `inspect` describes one.
    for key in [
        "base64",
        "sha1",
        "sha256",
        "subject",
        "not_after",
        "key_bits",
        "validity",
    ] {
        assert!(
            signature["certificate"].get(key).is_some(),
            "certificate.{key}"
        );
    }
    assert_eq!(value["findings"], serde_json::json!([]));
}

#[test]
fn findings_are_as_inspect_gives_them_and_valid_is_null_when_unsigned() {
    let output = full("tests/fixtures/responses/entra/signature-removed.xml", true);
    assert_eq!(output.status.code(), Some(0));
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(value["signature"]["valid"].is_null());
    assert!(value["signature"]["certificate"].is_null());
    let finding = &value["findings"][0];
    assert_eq!(finding["code"], "response-unsigned");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["field"], "certificate");
    assert!(finding["message"].is_string());
}

#[test]
fn an_error_response_has_a_null_assertion() {
    let xml = br#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_e"><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester"/><samlp:StatusMessage>AADSTS50105: Your administrator has configured the application to block users unless they are specifically granted access.</samlp:StatusMessage></samlp:Status></samlp:Response>"#;
    let output = run(
        &["response", "--json", "--now", "2026-11-23T09:31:00Z", "-"],
        Some(xml),
    );
    assert_eq!(output.status.code(), Some(0));
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(value["assertion"].is_null());
    assert!(value["issuer"].is_null());
    assert_eq!(value["status"]["aadsts"], "AADSTS50105");
    assert_eq!(value["findings"][0]["code"], "response-not-success");
    assert_eq!(value["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn the_summary_gives_the_verdict_first_then_mimecast_then_entra() {
    let good = full(VALID, false);
    let text = String::from_utf8(good.stdout).unwrap();
    assert!(text.starts_with("Sign-in should work"), "{text}");

    // A wrong issuer (Mimecast) and a wrong audience (Entra).
    let output = run(
        &[
            "response",
            "--now",
            "2026-11-23T09:31:00Z",
            "--issuer",
            ISSUER.trim_end_matches('/'),
            "--region",
            "eu",
            "--account-code",
            "cusa123456",
            "tests/fixtures/responses/entra/wrong-audience.xml",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("Sign-in fails: 2 problems"), "{text}");
    let mimecast = text.find("Change in Mimecast").unwrap();
    let entra = text.find("Change in Entra").unwrap();
    assert!(mimecast < entra);
    assert!(text[mimecast..entra].contains("response-issuer-mismatch"));
    assert!(text[entra..].contains("audience-mismatch"));
}

#[test]
fn unusable_input_exits_1_with_one_line_and_the_json_error() {
    let output = run(&["response", "--json", "-"], Some(b"not a response at all"));
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["error"]["code"], "not-saml-message");
    assert!(value["error"]["message"].as_str().unwrap().ends_with('.'));

    let output = run(&["response", "-"], Some(b"<!DOCTYPE x><x/>"));
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["response", "--bogus"],
        vec!["response", "--region", "eu", VALID],
        vec!["response", "--now", "yesterday", VALID],
        vec![
            "response",
            "--region",
            "mars",
            "--account-code",
            "CUSA1",
            VALID,
        ],
        vec!["response", "--region", "eu", "--account-code", "a/b", VALID],
    ] {
        let output = run(&args, None);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
    let output = run(&["response", "--json", "--now", "yesterday", VALID], None);
    assert_eq!(output.status.code(), Some(2));
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["error"]["code"], "invalid-time");
}

#[test]
fn an_entra_error_code_alone_is_explained() {
    let output = run(
        &[
            "response",
            "--region",
            "eu",
            "--account-code",
            "cusa123456",
            "-",
        ],
        Some(b"AADSTS700016"),
    );
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("Sign-in fails: Entra refused it."),
        "{text}"
    );
    assert!(
        text.contains("https://eu-api.mimecast.com/sso/CUSA123456"),
        "{text}"
    );
}
