//! What several test files share: the fixtures under tests/fixtures and the corpus copied into
//! tests/fixtures/corpus, the instant every test judges certificates at, the codes of an
//! inspection's findings, xmlsec1's verdict, and (in `cli`) the command line as scripts run it.
#![allow(dead_code)] // each test file uses its own part

pub mod cli;

use mimecast_sso::datetime::parse_rfc3339;
use mimecast_sso::{Certificate, InspectOptions, Inspection};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root, where the command line runs and fixture paths start.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// tests/fixtures.
pub fn fixtures_dir() -> PathBuf {
    root().join("tests/fixtures")
}

/// A file below tests/fixtures, as bytes.
pub fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(path)).unwrap()
}

/// tests/fixtures/corpus: metadata/, expected/, peer_tests/.
pub fn corpus_dir() -> PathBuf {
    fixtures_dir().join("corpus")
}

/// The corpus's metadata documents, by name (the file name without `.xml`), sorted.
pub fn corpus_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir().join("metadata"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".xml").map(str::to_string))
        .collect();
    names.sort();
    names
}

/// One metadata document of the corpus, as bytes.
pub fn corpus(name: &str) -> Vec<u8> {
    std::fs::read(corpus_dir().join(format!("metadata/{name}.xml"))).unwrap()
}

/// Inspection at 2026-11-23T12:00:00Z, with an entity ID or without.
pub fn options(entity_id: Option<&str>) -> InspectOptions {
    InspectOptions {
        entity_id: entity_id.map(str::to_string),
        ..InspectOptions::at(parse_rfc3339("2026-11-23T12:00:00Z").unwrap())
    }
}

/// The codes of an inspection's findings, in order.
pub fn finding_codes(inspection: &Inspection) -> Vec<&'static str> {
    inspection
        .findings
        .iter()
        .map(|finding| finding.code.as_str())
        .collect()
}

/// The SHA-1 thumbprints of certificates, in order.
pub fn sha1s(certificates: &[Certificate]) -> Vec<String> {
    certificates
        .iter()
        .map(|certificate| certificate.sha1.clone())
        .collect()
}

/// Fails unless the inspection has a finding with this code, and lists the codes it has.
pub fn assert_finds(inspection: &Inspection, code: &str) {
    let codes = finding_codes(inspection);
    assert!(codes.contains(&code), "no {code} in {codes:?}");
}

/// xmlsec1's verdict on the signature of `document` with the key of the certificate in `pem`;
/// the signed elements carry their ID in the attribute `ID` (`signed`: their names, as
/// `--id-attr:ID` takes them). None when xmlsec1 cannot be run.
pub fn xmlsec1_verifies(pem: &Path, signed: &[&str], document: &Path) -> Option<bool> {
    let mut command = Command::new("xmlsec1");
    command.args([
        "--verify",
        "--enabled-key-data",
        "key-name",
        "--pubkey-cert-pem",
    ]);
    command.arg(pem);
    for element in signed {
        command.args(["--id-attr:ID", element]);
    }
    let output = command.arg(document).output().ok()?;
    Some(output.status.success())
}
