//! The byte scan that steps over skipped elements agrees with the event reader.

use super::support::*;
use super::*;

/// Markup the skip scan must treat exactly as quick-xml does, or leave to it.
const TRICKY: &[&[u8]] = &[
    b"<!--",
    b"-->",
    b"<!-->",
    b"<!--->",
    b"<![CDATA[",
    b"]]>",
    b"<?",
    b"?>",
    b"<?>",
    b"<??>",
    b"<?xml version=\"1.0\"?>",
    b"&amp;",
    b"&#65;",
    b"&#0;",
    b"&nbsp;",
    b"&",
    b"<a>",
    b"</a>",
    b"</a >",
    b"</a\x0c>",
    b"<a/>",
    b"<a x='>'>",
    b"<a x=\">\"/>",
    b"</a x=\">\">",
    b"< a>",
    b"<>",
    b"\"",
    b"'",
    b"/>",
    b">",
    b"<",
    b"\xff",
    b"\xc3\xa9",
    b"<!DOCTYPE x>",
    b"<!ELEMENT",
];

fn splice_tricky(original: &[u8], rng: &mut Rng) -> (Vec<u8>, String) {
    let mut bytes = original.to_vec();
    let mut done = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(bytes.len() + 1);
        let token = TRICKY[rng.below(TRICKY.len())];
        bytes.splice(at..at, token.iter().copied());
        done.push(format!(
            "insert {:?} at {at}",
            String::from_utf8_lossy(token)
        ));
    }
    (bytes, done.join(", "))
}

/// Skipped elements (the Signature, RoleDescriptors, other entities of an aggregate) are
/// stepped over by a byte scan where their content is plainly well-formed. On any input, that
/// must give exactly what reading them event by event gives: the same entities, or the same
/// error at the same line and column.
#[test]
fn skipping_by_scan_agrees_with_skipping_by_events() {
    use mimecast_sso::metadata::{Skipping, parse_with};
    let mut compared = 0usize;
    let mut errors = 0usize;
    for (index, name) in corpus_names().iter().enumerate() {
        let original = corpus(name);
        let text = String::from_utf8_lossy(&original).into_owned();
        let last_entity_id = last_entity_id(&text);
        let mut rng = Rng(1_000 + index as u64);
        let mut inputs = vec![(original.clone(), "unchanged".to_string())];
        for _ in 0..MUTATIONS / 2 {
            inputs.push(splice_tricky(&original, &mut rng));
            inputs.push(mutate(&original, &mut rng));
        }
        for (bytes, description) in &inputs {
            let xml = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            for only in [None, last_entity_id.as_deref()] {
                let scanned = parse_with(xml, only, Skipping::Scan);
                let read = parse_with(xml, only, Skipping::Events);
                assert_eq!(
                    scanned, read,
                    "{name} ({description}), entity {only:?}: the scan and the events disagree"
                );
                compared += 1;
                if scanned.is_err() {
                    errors += 1;
                }
            }
        }
    }
    eprintln!("{compared} parses compared, {errors} of them errors");
    // Both outcomes are exercised: most mutations keep the document readable, many do not.
    assert!(compared > 5_000 && errors > 500 && errors < compared);
}
