//! The text of Entra's "Set up Mimecast" block, as Chrome and Firefox copy it, with the labels in
//! the old and the new wording: read as an input of its own, with the values and findings that
//! the same tenant's metadata gives (and no certificate).

use mimecast_sso::{Finding, InputKind, inspect};

mod common;

const BLOCKS: &[&str] = &[
    "chrome-blank-lines-entra-identifier.txt",
    "chrome-no-blank-lines-azure-ad-identifier.txt",
    "firefox-tabs-entra-identifier.txt",
    "firefox-tabs-blank-lines-azure-ad-identifier.txt",
    "copied-values-only-with-colons.txt",
];

fn block(name: &str) -> Vec<u8> {
    common::fixture(&format!("entra-setup/{name}"))
}

fn without_certificate_findings(findings: &[Finding]) -> Vec<(&'static str, Option<String>)> {
    findings
        .iter()
        .filter(|finding| finding.field != Some(mimecast_sso::Field::Certificate))
        .map(|finding| (finding.code.as_str(), finding.fix.clone()))
        .collect()
}

#[test]
fn every_copy_gives_the_values_and_findings_of_the_metadata() {
    // The document's own signature is a finding only a document can have: the block is compared
    // with what the metadata says of its values.
    let metadata = inspect(
        &common::corpus("azure-app-mathivanan-bom-crlf"),
        &mimecast_sso::InspectOptions {
            verify_signature: false,
            ..common::options(None)
        },
    )
    .unwrap();
    for name in BLOCKS {
        let inspection = inspect(&block(name), &common::options(None))
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(inspection.input_kind, InputKind::EntraSetup, "{name}");
        assert_eq!(
            inspection.mimecast.issuer_url, metadata.mimecast.issuer_url,
            "{name}"
        );
        assert_eq!(
            inspection.mimecast.login_url, metadata.mimecast.login_url,
            "{name}"
        );
        assert_eq!(
            inspection.mimecast.logout_url, metadata.mimecast.logout_url,
            "{name}"
        );
        assert_eq!(inspection.mimecast.certificate, None, "{name}");
        assert_eq!(inspection.tenant_id, metadata.tenant_id, "{name}");
        assert!(inspection.signing_certificates.is_empty());
        assert_eq!(
            without_certificate_findings(&inspection.findings),
            without_certificate_findings(&metadata.findings),
            "{name}"
        );
    }
}

#[test]
fn a_block_with_a_mistake_gets_the_rule_that_metadata_would() {
    let text = String::from_utf8(block("chrome-no-blank-lines-azure-ad-identifier.txt")).unwrap();
    let tenant = "a15b04fc-6ff1-42a7-bb24-2e762259f5da";
    let broken = text.replace(
        &format!("https://sts.windows.net/{tenant}/"),
        &format!("https://sts.windows.net/{tenant}"),
    );
    let inspection = inspect(broken.as_bytes(), &common::options(None)).unwrap();
    assert_eq!(
        common::finding_codes(&inspection),
        ["issuer-trailing-slash"]
    );
    assert_eq!(
        inspection.findings[0].fix.as_deref(),
        Some(format!("https://sts.windows.net/{tenant}/").as_str())
    );
}

#[test]
fn prose_that_names_one_label_is_not_a_block() {
    let error = inspect(
        b"Login URL is the address where users sign in, see https://learn.microsoft.com/",
        &common::options(None),
    )
    .unwrap_err();
    assert_eq!(error.code(), "unrecognised-input");
}
