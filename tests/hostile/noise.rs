//! Binary noise after every likely prefix, through every entry point.

use super::support::*;
use super::*;

/// Noise of several kinds and sizes after several prefixes (bare, '<', DER's 0x30, PEM's
/// "-----BEGIN", a root element), each run through every entry point.
#[test]
fn binary_noise_ends_in_an_error_or_a_result() {
    let prefixes: [(&str, &[u8]); 7] = [
        ("bare", b""),
        ("'<'", b"<"),
        ("0x30", &[0x30]),
        ("0x30 0x82", &[0x30, 0x82, 0x02, 0xF0]),
        ("-----BEGIN", b"-----BEGIN"),
        ("a PEM header", b"-----BEGIN CERTIFICATE-----\n"),
        ("a root", b"<EntityDescriptor entityID=\"x\">"),
    ];
    let sizes = [0usize, 1, 2, 3, 4, 16, 100, 1_000, 65_536, 1 << 20];
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut bad_messages = Vec::new();
    let started = Instant::now();
    for (prefix_label, prefix) in prefixes {
        for &size in &sizes {
            // Four seeds, but one at the largest size: debug builds read noise slowly.
            let seeds = if size >= 1 << 20 { 1 } else { 4u64 };
            for seed in 0..seeds {
                let mut rng = Rng(seed * 7919 + size as u64);
                let kinds: [(&str, Vec<u8>); 3] = [
                    ("bytes", rng.bytes(size)),
                    (
                        "base64 characters",
                        rng.pick_from(
                            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n",
                            size,
                        ),
                    ),
                    (
                        "markup characters",
                        rng.pick_from(b"<>/=\"' &;!?-[]#xX:aAmd\n\t0123", size),
                    ),
                ];
                for (kind, noise) in kinds {
                    let mut input = prefix.to_vec();
                    input.extend(&noise);
                    let label = format!("{size} {kind} after {prefix_label}, seed {seed}");
                    let certificate_text = String::from_utf8_lossy(&noise).into_owned();
                    let outcome =
                        every_entry_point(&label, &input, &certificate_text, ENTRA_ENTITY);
                    *seen
                        .entry(format!("{prefix_label} -> {}", outcome.code))
                        .or_default() += 1;
                    bad_messages.extend(outcome.bad_messages);
                }
            }
        }
    }
    eprintln!(
        "binary noise: {} cases in {:.2} s",
        seen.values().sum::<usize>(),
        started.elapsed().as_secs_f64()
    );
    for (outcome, count) in &seen {
        eprintln!("  {outcome}: {count}");
    }
    assert_no_bad_messages("binary noise", &bad_messages);
}
