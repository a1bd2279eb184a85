//! Truncated and mutated DER, and agreement with x509-parser's own certificate parser.

use super::support::*;
use super::*;

#[test]
fn truncated_der_is_unreadable_at_every_length() {
    let der = real_certificate();
    assert!(der.len() > 700, "{}", der.len());
    let now = options(None).now;
    assert!(Certificate::from_der(&der, now).is_ok());
    for len in 0..der.len() {
        let truncated = &der[..len];
        let label = format!("DER truncated to {len} of {} bytes", der.len());
        let code = if len == 0 {
            "empty-input"
        } else {
            "certificate-unreadable"
        };
        expect_error_quietly(&label, truncated, code);
        let error = Certificate::from_der(truncated, now).expect_err(&label);
        assert_eq!(error.code(), "certificate-unreadable", "{label}");
        assert_one_sentence(&error.to_string());

        // The same bytes as PEM and as bare base64.
        if len > 0 {
            let body = BASE64.encode(truncated);
            let pem = format!("-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n");
            expect_error_quietly(
                &format!("PEM of {label}"),
                pem.as_bytes(),
                "certificate-unreadable",
            );
            if body.len() >= 16 {
                expect_error_quietly(
                    &format!("base64 of {label}"),
                    body.as_bytes(),
                    "certificate-unreadable",
                );
            }
        }
    }
    // Inside metadata: a finding, not an error, and nothing filled in.
    for len in [1, 4, 100, 400, der.len() - 1] {
        let body = BASE64.encode(&der[..len]);
        let xml = idp_with_key(Some("signing"), &body);
        let inspection = inspect_case("truncated DER in metadata", xml.as_bytes(), &options(None))
            .expect("metadata with a truncated certificate is still read");
        assert!(
            finding_codes(&inspection).contains(&"certificate-unreadable"),
            "{len}: {:?}",
            finding_codes(&inspection)
        );
        assert_eq!(inspection.mimecast.certificate, None);
    }
    // Stray bytes after a whole certificate.
    let mut longer = der.clone();
    longer.extend_from_slice(&[0, 0, 0]);
    let error = expect_error("DER with 3 stray bytes", &longer, "certificate-unreadable");
    assert!(error.to_string().contains("3 stray bytes"), "{error}");
}

/// Certificates are read part by part with x509-parser's parsers (its whole-certificate parser
/// would link every extension's parser into the wasm). On real and mutated DER, what we read,
/// x509-parser's own certificate parser reads too, with the same parts. We may refuse a little
/// more: BER leniencies in corrupted DER (a long-form length, an extension envelope that
/// overruns), which openssl refuses as well.
#[test]
fn certificates_are_read_as_x509_parser_reads_them() {
    use x509_parser::certificate::X509CertificateParser;
    use x509_parser::nom::Parser;
    let now = options(None).now;
    let ders = corpus_certificates();
    assert!(ders.len() > 40, "{} certificates", ders.len());
    let mut rng = Rng(99);
    let (mut compared, mut read, mut stricter) = (0usize, 0usize, Vec::new());
    for (index, original) in ders.iter().enumerate() {
        let mut cases = vec![(original.clone(), "unchanged".to_string())];
        for _ in 0..200 {
            let mut der = original.clone();
            let at = rng.below(der.len());
            let description = match rng.below(3) {
                0 => {
                    der[at] ^= 1 << rng.below(8);
                    format!("bit flipped at {at}")
                }
                1 => {
                    der[at] = rng.next() as u8;
                    format!("byte replaced at {at}")
                }
                _ => {
                    der.remove(at);
                    format!("byte removed at {at}")
                }
            };
            cases.push((der, description));
        }
        for (der, description) in cases {
            let label = format!("certificate {index}, {description}");
            let theirs = X509CertificateParser::new()
                .with_deep_parse_extensions(false)
                .parse(&der)
                .ok()
                .filter(|(rest, _)| rest.is_empty());
            let ours = Certificate::from_der(&der, now);
            compared += 1;
            match (&theirs, &ours) {
                (Some((_, certificate)), Ok(ours)) => {
                    read += 1;
                    let validity = certificate.validity();
                    assert_eq!(
                        ours.not_before_at,
                        validity.not_before.to_datetime(),
                        "{label}"
                    );
                    assert_eq!(
                        ours.not_after_at,
                        validity.not_after.to_datetime(),
                        "{label}"
                    );
                    let same_name = certificate.subject().as_raw() == certificate.issuer().as_raw();
                    assert_eq!(ours.self_signed, same_name, "{label}");
                    assert_eq!(
                        ours.subject.is_empty(),
                        certificate.subject().iter().next().is_none(),
                        "{label}"
                    );
                }
                (None, Err(_)) => {}
                (None, Ok(_)) => panic!("{label}: we read what x509-parser refuses"),
                (Some(_), Err(error)) => {
                    assert!(description != "unchanged", "{label}: {error}");
                    stricter.push(format!("{label}: {error}"));
                }
            }
        }
    }
    eprintln!(
        "{compared} certificates compared, {read} read by both, {} refused by us only:\n{}",
        stricter.len(),
        stricter.join("\n")
    );
    assert!(read > ders.len() && read < compared);
    assert!(
        stricter.len() * 100 < compared,
        "{} refused by us only",
        stricter.len()
    );
}
