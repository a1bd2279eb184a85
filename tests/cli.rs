//! The `mimecast-sso` command line: its JSON contract, its summary and its exit codes, which
//! users' scripts rely on.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const APP_METADATA: &str = "tests/fixtures/corpus/metadata/azure-app-mathivanan-bom-crlf.xml";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mimecast-sso"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn inspect_json_keeps_its_contract() {
    let output = run(
        &[
            "inspect",
            "--json",
            "--now",
            "2024-06-01T00:00:00Z",
            APP_METADATA,
        ],
        None,
    );
    let value = json(&output);
    assert_eq!(
        value["entity_id"],
        "https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5da/"
    );
    assert_eq!(value["tenant_id"], "a15b04fc-6ff1-42a7-bb24-2e762259f5da");
    for key in ["issuer_url", "login_url", "logout_url", "certificate"] {
        assert!(value["mimecast"][key].is_string(), "mimecast.{key}");
    }
    let certificate = &value["signing_certificates"][0];
    for key in [
        "base64",
        "sha1",
        "sha256",
        "subject",
        "issuer",
        "not_before",
        "not_after",
        "key_algorithm",
        "signature_algorithm",
    ] {
        assert!(
            certificate[key].is_string(),
            "signing_certificates[0].{key}"
        );
    }
    assert_eq!(certificate["key_bits"], 2048);
    assert_eq!(certificate["not_after"], "2025-03-22T13:10:28Z");
    // This copy was changed after Entra signed it (xmlsec1 agrees): the one finding.
    assert_eq!(value["findings"].as_array().unwrap().len(), 1);
    assert_eq!(value["findings"][0]["code"], "metadata-signature-invalid");
    assert_eq!(value["metadata_signature"]["valid"], false);
}

#[test]
fn findings_have_code_severity_field_and_message() {
    let output = run(
        &["inspect", "--json", "--now", "2026-11-23T00:00:00Z", "-"],
        Some(&std::fs::read(root().join(APP_METADATA)).unwrap()),
    );
    let value = json(&output);
    let finding = &value["findings"][0];
    assert_eq!(finding["code"], "cert-expired");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["field"], "certificate");
    assert!(finding["message"].as_str().unwrap().contains("expired"));
}

#[test]
fn the_summary_shows_the_four_values_first_then_certificates_then_findings() {
    let output = run(
        &["inspect", "--now", "2026-11-23T00:00:00Z", APP_METADATA],
        None,
    );
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let position = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in\n{text}"))
    };
    assert!(position("Issuer URL") < position("Login URL"));
    assert!(position("Login URL") < position("Logout URL"));
    assert!(position("Logout URL") < position("Certificate   MIIC8DCC"));
    assert!(position("Certificate   MIIC8DCC") < position("Signing certificates"));
    assert!(position("BEF6EE4FA1BB603AD3E04AC38987EBA36E6F1DF8") < position("Findings"));
    assert!(
        text.contains("2022-03-22 [########################]| 2025-03-22  expired 610 days ago"),
        "{text}"
    );
    assert!(position("Findings") < position("cert-expired"));
}

#[test]
fn unusable_input_exits_1_with_one_line_on_stderr() {
    for (args, stdin, needle) in [
        (
            vec!["inspect", "-"],
            &b"<EntityDescriptor>\n<broken"[..],
            "line 2, column",
        ),
        (
            vec!["inspect", "-"],
            &b"\x00\x01\x02 binary"[..],
            "neither SAML metadata",
        ),
        (
            vec![
                "inspect",
                "tests/fixtures/certificates/throwaway-private-key-pkcs8.pem",
            ],
            &b""[..],
            "private key",
        ),
        (vec!["inspect", "no/such/file.xml"], &b""[..], "cannot read"),
        (
            vec!["inspect", "--now", "yesterday", APP_METADATA],
            &b""[..],
            "RFC 3339",
        ),
    ] {
        let output = run(&args, Some(stdin));
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["inspect", "--bogus"],
        vec!["frobnicate"],
        vec!["check", "--password-context", "maybe"],
    ] {
        assert_eq!(run(&args, None).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn understood_input_with_error_findings_exits_0() {
    let output = run(
        &["inspect", "--now", "2026-11-23T00:00:00Z", APP_METADATA],
        None,
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn check_applies_the_rules_to_typed_values() {
    let output = run(
        &[
            "check",
            "--json",
            "--now",
            "2024-06-01T00:00:00Z",
            "--issuer",
            "https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5da",
            "--login",
            "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/saml2",
            "--certificate",
            "tests/fixtures/certificates/entra-app-base64-download-bom-crlf.cer",
            "--integrated-context",
            "on",
            "--password-context",
            "off",
        ],
        None,
    );
    let value = json(&output);
    let codes: Vec<&str> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "issuer-trailing-slash",
            "tenant-mismatch",
            "certificate-needs-cleanup",
            "authn-context-checked"
        ]
    );
    assert_eq!(
        value["findings"][0]["fix"],
        "https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5da/"
    );
}

#[test]
fn check_reads_a_der_certificate_too() {
    let output = run(
        &[
            "check",
            "--json",
            "--now",
            "2026-11-23T00:00:00Z",
            "--certificate",
            "tests/fixtures/certificates/entra-app-raw-download-der.cer",
        ],
        None,
    );
    let value = json(&output);
    assert_eq!(value["findings"][0]["code"], "cert-expired");
}

#[test]
fn an_aggregate_needs_an_entity_id_and_lists_the_choices() {
    let aggregate = "tests/fixtures/corpus/metadata/aggregate-shib-phpsaml.xml";
    let output = run(&["inspect", aggregate], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("https://idp.fccn.pt/idp/shibboleth"));
    let output = run(
        &[
            "inspect",
            "--json",
            "--entity-id",
            "https://idp.fccn.pt/idp/shibboleth",
            aggregate,
        ],
        None,
    );
    assert_eq!(
        json(&output)["entity_id"],
        "https://idp.fccn.pt/idp/shibboleth"
    );
}

#[test]
fn the_sample_and_the_rule_list_run() {
    let value = json(&run(
        &["sample", "--json", "--now", "2024-06-01T00:00:00Z"],
        None,
    ));
    assert_eq!(value["entra_document"], "app");
    let rules = json(&run(&["rules", "--json"], None));
    let codes: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    for code in [
        "cert-expired",
        "issuer-trailing-slash",
        "tenant-mismatch",
        "authn-context-checked",
        "private-key-refused",
    ] {
        assert!(codes.contains(&code), "{code}");
    }
}
