//! The `mimecast-sso` command line: its JSON contract, its summary and its exit codes, which
//! users' scripts rely on.

mod common;

use common::cli::{codes, json, run};
use common::root;
use serde_json::Value;

const APP_METADATA: &str = "tests/fixtures/corpus/metadata/azure-app-mathivanan-bom-crlf.xml";

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
        text.contains("2022-03-22 [########################]| 2025-03-22  Expired 610 days ago."),
        "{text}"
    );
    assert!(position("Findings") < position("cert-expired"));
}

#[test]
fn unusable_input_exits_1_with_one_line_on_stderr() {
    const PRIVATE_KEY: &str = "tests/fixtures/certificates/throwaway-private-key-pkcs8.pem";
    const METADATA_URL: &str = "https://login.microsoftonline.com/a15b04fc-6ff1-42a7-bb24-2e762259f5da/federationmetadata/2007-06/federationmetadata.xml?appid=0e4c7f2a-5d1b-4c3e-9f60-7a8b9c0d1e2f";
    // The arguments, standard input, and what the one line on stderr says.
    let cases: [(&[&str], &[u8], &str); 6] = [
        (
            &["inspect", "-"],
            b"<EntityDescriptor>\n<broken",
            "line 2, column",
        ),
        (
            &["inspect", "-"],
            b"\x00\x01\x02 binary",
            "neither SAML metadata",
        ),
        (&["inspect", PRIVATE_KEY], b"", "private key"),
        (
            &["inspect", "no/such/file.xml"],
            b"",
            "'no/such/file.xml' could not be read: there is no such file",
        ),
        (
            &["inspect", METADATA_URL],
            b"",
            "That is a URL, not a document: download it first",
        ),
        (&["inspect"], b" \n", "pipe it to standard input"),
    ];
    for (args, stdin, needle) in cases {
        let output = run(args, Some(stdin));
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
        vec!["inspect", "--now", "yesterday", APP_METADATA],
        vec!["inspect", "--now", "2024-02-30T00:00:00Z", APP_METADATA],
        vec!["sample", "--now", "2024-06-01"],
        vec![
            "check",
            "--now",
            "noon",
            "--issuer",
            "https://sts.windows.net/x/",
        ],
        vec!["inspect", "--thumbprint", "BEF6EE4F", APP_METADATA],
        vec!["check"],
        vec![
            "check",
            "--issuer",
            "",
            "--login",
            " ",
            "--certificate",
            "/dev/null",
        ],
    ] {
        let output = run(&args, None);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.lines().count() >= 1, "{args:?}");
    }
}

#[test]
fn check_with_nothing_to_check_says_so() {
    for args in [
        vec!["check"],
        vec!["check", "--json", "--issuer=", "--logout=\u{A0}"],
    ] {
        let output = run(&args, None);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("nothing to check"), "{stderr}");
        assert!(!stderr.contains("No findings"), "{stderr}");
    }
}

/// `--json` on failure: `{"error": {"code", "message"}}` on stdout, the same one line on
/// stderr, for every subcommand that reads input or options.
#[test]
fn json_failures_print_the_error_object() {
    for (args, stdin, code, exit) in [
        (
            vec!["inspect", "--json", "-"],
            &b"<EntityDescriptor>\n<broken"[..],
            "xml-syntax",
            1,
        ),
        (
            vec!["inspect", "--json", "no/such/file.xml"],
            &b""[..],
            "cannot-read",
            1,
        ),
        (vec!["inspect", "--json"], &b""[..], "empty-input", 1),
        (
            vec![
                "inspect",
                "--json",
                "https://login.microsoftonline.com/x/saml2",
            ],
            &b""[..],
            "url-not-fetched",
            1,
        ),
        (
            vec![
                "inspect",
                "--json",
                "tests/fixtures/corpus/metadata/aggregate-shib-phpsaml.xml",
            ],
            &b""[..],
            "several-identity-providers",
            1,
        ),
        (
            vec!["inspect", "--json", "--now", "soon", APP_METADATA],
            &b""[..],
            "invalid-time",
            2,
        ),
        (
            vec!["check", "--json", "--now", "soon", "--issuer", "x"],
            &b""[..],
            "invalid-time",
            2,
        ),
        (vec!["check", "--json"], &b""[..], "nothing-to-check", 2),
        (
            vec!["sample", "--json", "--now", "2024"],
            &b""[..],
            "invalid-time",
            2,
        ),
    ] {
        let output = run(&args, Some(stdin));
        assert_eq!(output.status.code(), Some(exit), "{args:?}");
        let value: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|_| panic!("{args:?}: stdout is not JSON"));
        assert_eq!(value["error"]["code"], code, "{args:?}");
        let message = value["error"]["message"].as_str().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert_eq!(stderr.trim_end(), format!("mimecast-sso: {message}"));
    }
}

#[test]
fn an_aggregate_names_the_option_to_choose_with() {
    let output = run(
        &[
            "inspect",
            "tests/fixtures/corpus/metadata/aggregate-shib-phpsaml.xml",
        ],
        None,
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("choose one with --entity-id"), "{stderr}");
}

/// `--help` of every subcommand gives every option a line that says what it does.
#[test]
fn every_option_has_a_help_line() {
    for subcommand in ["inspect", "check", "sample", "rules"] {
        let output = run(&[subcommand, "--help"], None);
        assert!(output.status.success());
        let help = String::from_utf8(output.stdout).unwrap();
        let options: Vec<&str> = help
            .lines()
            .skip_while(|line| !line.starts_with("Options:"))
            .skip(1)
            .filter(|line| line.trim_start().starts_with('-'))
            .collect();
        assert!(!options.is_empty(), "{subcommand}: {help}");
        for line in options {
            // `  --now <RFC3339>  Judge …`: a description after the option and its value.
            let described = line
                .trim()
                .split("  ")
                .filter(|part| !part.trim().is_empty())
                .count()
                >= 2;
            assert!(described, "{subcommand}: '{line}' has no help text");
        }
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
    assert_eq!(
        codes(&value),
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

#[path = "common/url_cases.rs"]
mod url_cases;

/// The findings of `check --json` for URL field values.
fn check_urls(values: &[(&str, &str)]) -> Vec<url_cases::Finding> {
    let mut args = vec!["check".to_string(), "--json".to_string()];
    for (field, value) in values {
        let option = match *field {
            "issuer_url" => "issuer",
            "login_url" => "login",
            "logout_url" => "logout",
            "metadata_url" => "metadata-url",
            other => panic!("no option for {other}"),
        };
        args.push(format!("--{option}={value}"));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let value = json(&run(&args, None));
    value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            (
                finding["code"].as_str().unwrap().to_string(),
                finding["field"].as_str().unwrap().to_string(),
                finding["fix"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn check_finds_every_class_of_url_difference_with_its_fix() {
    url_cases::assert_every_case(check_urls);
}

#[test]
fn inspect_reads_entras_set_up_block() {
    let output = run(
        &[
            "inspect",
            "--json",
            "tests/fixtures/entra-setup/firefox-tabs-entra-identifier.txt",
        ],
        None,
    );
    let value = json(&output);
    assert_eq!(value["input_kind"], "entra-setup");
    assert_eq!(
        value["mimecast"]["issuer_url"],
        "https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5da/"
    );
    assert_eq!(value["mimecast"]["certificate"], Value::Null);
    assert_eq!(value["findings"], Value::Array(vec![]));
}
