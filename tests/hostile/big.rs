//! 100 MB inputs: aggregates, whitespace and nesting end in a result or a named error, with
//! bounded memory.

use super::support::*;
use super::*;

/// 100 MB in release; 10 MB in debug. How fast these are read is measured by `make bench`
/// (benches/native), never here.
fn big_size() -> usize {
    if cfg!(debug_assertions) {
        10 << 20
    } else {
        100 << 20
    }
}

#[test]
fn hundred_megabyte_inputs_end_in_a_result_or_an_error() {
    let size = big_size();
    // An aggregate with the target last, chosen by entity ID.
    let xml = aggregate(size);
    let inspection =
        inspect_case("aggregate, target last", &xml, &options(Some(ENTRA_ENTITY))).unwrap();
    assert_eq!(inspection.entity_id.as_deref(), Some(ENTRA_ENTITY));
    // The same values as Entra's document on its own.
    let alone = inspect(&corpus(ENTRA_APP), &options(None)).unwrap();
    assert_eq!(inspection.mimecast, alone.mimecast);
    assert_eq!(inspection.signing_certificates, alone.signing_certificates);

    // Without an entity ID: every entity is read, and the IdPs are listed.
    let error = expect_error(
        "aggregate without entity_id",
        &xml,
        "several-identity-providers",
    );
    assert!(error.to_string().contains("more"), "{error}");

    // An entity ID that is not there: read twice, then named.
    let error = expect_error_with(
        "aggregate, absent entity_id",
        &xml,
        &options(Some("https://absent.example/")),
        "entity-not-found",
    );
    assert!(error.to_string().contains("absent.example"), "{error}");
    drop(xml);

    // Whitespace: only whitespace, and whitespace inside the root.
    let spaces = vec![b' '; size];
    expect_error("whitespace", &spaces, "empty-input");
    drop(spaces);
    let mut padded = format!("<EntityDescriptor xmlns=\"{MD}\" entityID=\"x\">").into_bytes();
    padded.resize(size, b'\n');
    padded.extend(b"</EntityDescriptor>");
    expect_error("whitespace in the root", &padded, "no-identity-provider");
    drop(padded);

    // '<a>' nesting: at the root, inside a skipped element, inside a KeyDescriptor.
    let nesting = "<a>".repeat(size / 3);
    expect_error("<a> nesting", nesting.as_bytes(), "not-metadata");
    let in_aggregate = format!("<EntitiesDescriptor xmlns=\"{MD}\">{nesting}");
    expect_error(
        "<a> nesting in an aggregate",
        in_aggregate.as_bytes(),
        "too-deep",
    );
    drop(in_aggregate);
    let in_key = format!(
        "<EntityDescriptor xmlns=\"{MD}\" entityID=\"x\"><IDPSSODescriptor><KeyDescriptor>{nesting}"
    );
    expect_error(
        "<a> nesting in a KeyDescriptor",
        in_key.as_bytes(),
        "too-deep",
    );
}
