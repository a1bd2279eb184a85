//! Deterministic mutations of every corpus file and certificate never panic.

use super::support::*;
use super::*;

#[test]
fn mutated_corpus_never_panics() {
    let started = Instant::now();
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut bad_messages = Vec::new();
    let mut runs = 0usize;
    for (index, name) in corpus_names().iter().enumerate() {
        let original = corpus(name);
        let original_text = String::from_utf8_lossy(&original).into_owned();
        let certificate = original_text
            .find("X509Certificate>")
            .map(|start| {
                let rest = &original_text[start + "X509Certificate>".len()..];
                rest[..rest.find('<').unwrap_or(rest.len())].to_string()
            })
            .unwrap_or_default();
        // The last entity ID of the document: the chosen-entity path, the target last.
        let last_entity_id =
            last_entity_id(&original_text).unwrap_or_else(|| ENTRA_ENTITY.to_string());
        let mut rng = Rng(index as u64 + 1);
        for mutation in 0..MUTATIONS {
            let (bytes, description) = mutate(&original, &mut rng);
            let (certificate_bytes, _) = mutate(certificate.as_bytes(), &mut rng);
            let certificate_text = String::from_utf8_lossy(&certificate_bytes);
            runs += 1;
            let label = format!("{name} #{mutation} ({description})");
            // every_entry_point panics, naming the case, if an entry point panics.
            let outcome = every_entry_point(&label, &bytes, &certificate_text, &last_entity_id);
            *codes.entry(outcome.code).or_default() += 1;
            bad_messages.extend(outcome.bad_messages);
        }
    }
    eprintln!(
        "{runs} mutations in {:.2} s: {codes:?}",
        started.elapsed().as_secs_f64()
    );
    assert_no_bad_messages("mutated corpus", &bad_messages);
}

#[test]
fn mutated_certificates_never_panic() {
    let der = real_certificate();
    let mut rng = Rng(7);
    let mut bad_messages = Vec::new();
    for mutation in 0..2_000 {
        let (bytes, description) = mutate(&der, &mut rng);
        let label = format!("DER mutation {mutation} ({description})");
        let outcome = every_entry_point(&label, &bytes, &BASE64.encode(&bytes), ENTRA_ENTITY);
        bad_messages.extend(outcome.bad_messages);
    }
    assert_no_bad_messages("mutated certificates", &bad_messages);
}
