//! Certificates as they arrive after a trip through Outlook, a web page or a chat: read as
//! openssl reads them, or more leniently, never more strictly. Each fixture is the Entra app
//! certificate of tests/fixtures/certificates/PROVENANCE.md, whose thumbprint openssl gives as
//! below; where openssl is installed, every fixture it reads is also read here with its
//! thumbprint.

use mimecast_sso::{FormValues, InputKind, check};
use std::path::PathBuf;
use std::process::Command;

mod common;

/// `openssl x509 -inform DER -in entra-app-raw-download-der.cer -noout -fingerprint -sha1`
/// (OpenSSL 3.0.19): BE:F6:EE:4F:A1:BB:60:3A:D3:E0:4A:C3:89:87:EB:A3:6E:6F:1D:F8.
const OPENSSL_SHA1: &str = "BEF6EE4FA1BB603AD3E04AC38987EBA36E6F1DF8";

/// Every variant, each named for what copying did to it.
const VARIANTS: &[&str] = &[
    "copied-outlook-nbsp.txt",
    "copied-outlook-windows-1252.txt",
    "copied-chat-curly-quotes.txt",
    "copied-chat-bare-base64-zero-width.txt",
    "openssl-pkcs12-bag-attributes.pem",
    "mail-text-around-pem.txt",
    "pem-crlf.pem",
    "pem-tab-indented.pem",
    "pem-space-indented.pem",
    "entra-app-pkcs7-der.p7b",
    "entra-app-pkcs7-pem.p7b",
];

fn dir() -> PathBuf {
    common::fixtures_dir().join("certificates")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap()
}

/// The certificate's one-line base64 body, from its DER (Entra's "Certificate (Raw)").
fn clean_body() -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(read("entra-app-raw-download-der.cer"))
}

fn thumbprints(bytes: &[u8]) -> Result<Vec<String>, String> {
    mimecast_sso::inspect(bytes, &common::options(None))
        .map(|inspection| {
            assert_eq!(inspection.input_kind, InputKind::Certificate);
            common::sha1s(&inspection.signing_certificates)
        })
        .map_err(|error| error.to_string())
}

#[test]
fn every_copied_variant_is_read_with_openssls_thumbprint() {
    for name in VARIANTS {
        assert_eq!(
            thumbprints(&read(name)),
            Ok(vec![OPENSSL_SHA1.to_string()]),
            "{name}"
        );
    }
}

#[test]
fn the_certificate_field_takes_every_text_variant_and_offers_the_clean_body() {
    for name in VARIANTS.iter().filter(|name| !name.ends_with("der.p7b")) {
        let text = mimecast_sso::text::from_mostly_utf8(&read(name));
        let values = FormValues {
            certificate: Some(text),
            ..FormValues::default()
        };
        let findings = check(&values, common::options(None).now);
        assert!(
            findings
                .iter()
                .all(|finding| finding.code.as_str() != "certificate-unreadable"),
            "{name}: {findings:?}"
        );
        let cleanup = findings
            .iter()
            .find(|finding| finding.code.as_str() == "certificate-needs-cleanup")
            .unwrap_or_else(|| panic!("{name}: no cleanup offered: {findings:?}"));
        assert_eq!(
            cleanup.fix.as_deref(),
            Some(clean_body().as_str()),
            "{name}"
        );
    }
}

/// openssl's verdict on each fixture, where openssl is installed: what it reads, this reads too,
/// with the same thumbprint.
#[test]
fn never_stricter_than_openssl() {
    if Command::new("openssl").arg("version").output().is_err() {
        eprintln!("openssl is not installed: the comparison is skipped");
        return;
    }
    let mut compared = 0;
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.contains("private-key") || name.ends_with(".md") {
            continue;
        }
        let mut fingerprints = Vec::new();
        for (command, form) in [("x509", "PEM"), ("x509", "DER")] {
            let output = Command::new("openssl")
                .args([
                    command,
                    "-noout",
                    "-fingerprint",
                    "-sha1",
                    "-inform",
                    form,
                    "-in",
                ])
                .arg(&path)
                .output()
                .unwrap();
            if output.status.success() {
                let text = String::from_utf8_lossy(&output.stdout).to_string();
                let hex: String = text
                    .split('=')
                    .nth(1)
                    .unwrap_or_default()
                    .chars()
                    .filter(char::is_ascii_hexdigit)
                    .collect();
                fingerprints.push(hex);
                break;
            }
        }
        let Some(fingerprint) = fingerprints.pop() else {
            continue;
        };
        compared += 1;
        let ours = thumbprints(&std::fs::read(&path).unwrap())
            .unwrap_or_else(|error| panic!("openssl reads {name}, but: {error}"));
        assert_eq!(ours.first(), Some(&fingerprint), "{name}");
    }
    assert!(compared >= 6, "openssl read only {compared} fixtures");
}

#[test]
fn what_is_really_wrong_is_named_in_plain_words_with_its_line() {
    let clean = String::from_utf8(read("pem-crlf.pem")).unwrap();
    let mut lines: Vec<String> = clean.lines().map(str::to_string).collect();
    lines[3].insert(10, '’');
    let broken = lines.join("\n");
    let error = mimecast_sso::inspect(broken.as_bytes(), &common::options(None)).unwrap_err();
    let message = error.to_string();
    assert_eq!(error.code(), "base64-invalid");
    assert!(message.contains("a curly quote (’) on line 4"), "{message}");
    assert!(!message.contains('\\'), "{message}");

    let clean_lines: Vec<&str> = clean.lines().collect();
    let bare: String = clean_lines[1..clean_lines.len() - 1].join("");
    let mut bare_broken = bare.clone();
    bare_broken.insert(300, '•');
    let error = mimecast_sso::inspect(bare_broken.as_bytes(), &common::options(None)).unwrap_err();
    assert!(
        error.to_string().contains("the character '•' (U+2022)"),
        "{error}"
    );
}

#[test]
fn the_cli_checks_a_certificate_file_with_windows_1252_bytes() {
    let value = common::cli::json(&common::cli::run(
        &[
            "check",
            "--json",
            "--now",
            "2024-06-01T00:00:00Z",
            "--certificate",
            "tests/fixtures/certificates/copied-outlook-windows-1252.txt",
        ],
        None,
    ));
    assert_eq!(common::cli::codes(&value), ["certificate-needs-cleanup"]);
    assert_eq!(value["findings"][0]["fix"], clean_body());
}
