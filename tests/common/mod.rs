//! What several test files share: the corpus copied into tests/fixtures/corpus, the instant
//! every test judges certificates at, and the codes of an inspection's findings.
#![allow(dead_code)] // each test file uses its own part

use mimecast_sso::datetime::parse_rfc3339;
use mimecast_sso::{InspectOptions, Inspection};
use std::path::PathBuf;

/// tests/fixtures/corpus: metadata/, expected/, peer_tests/.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
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
