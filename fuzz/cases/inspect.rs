//! Bytes into `inspect`: without an entity ID, with one made of the first bytes, and with one
//! of the document's own entity IDs (so that the chosen-entity path is reached), at a fixed
//! `now`; the certificate option and wrapping from the first byte.
//!
//! Shared by the fuzz target of the same name and by tests/fuzz_replay.rs, which replays the
//! committed regressions and any local corpus through it.

use mimecast_sso::datetime::parse_rfc3339;
use mimecast_sso::{InspectOptions, inspect};

pub fn run(data: &[u8]) {
    let now = parse_rfc3339("2026-11-23T12:00:00Z").unwrap();
    let first = data.first().copied().unwrap_or(0);
    let options = InspectOptions {
        wrap_certificate: first & 1 == 1,
        ..InspectOptions::at(now)
    };
    let plain = inspect(data, &options);
    if let Ok(inspection) = &plain {
        // Choosing the suggested certificate by its thumbprint gives it back.
        if let Some(index) = inspection.suggested_certificate {
            let chosen = InspectOptions {
                certificate: Some(inspection.signing_certificates[index].sha1.clone()),
                ..options.clone()
            };
            let again = inspect(data, &chosen).expect("choosing the suggested certificate");
            assert_eq!(again.chosen_certificate, Some(index));
        }
    }

    // An entity ID from the first bytes.
    let len = (first as usize % 48).min(data.len());
    let from_bytes = String::from_utf8_lossy(&data[..len]).into_owned();
    let _ = inspect(
        data,
        &InspectOptions {
            entity_id: Some(from_bytes),
            ..options.clone()
        },
    );

    // One of the document's own entity IDs.
    let text = String::from_utf8_lossy(data);
    let ids: Vec<&str> = text
        .split("entityID=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    if !ids.is_empty() {
        let id = ids[first as usize % ids.len()].to_string();
        let _ = inspect(
            data,
            &InspectOptions {
                entity_id: Some(id),
                ..options
            },
        );
    }
}
