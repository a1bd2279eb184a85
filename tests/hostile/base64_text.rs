//! Certificate text in every base64 shape, and broken base64 named plainly.

use super::support::*;
use super::*;

/// The form's certificate value is the standard base64 of the DER, one line, padded, whatever
/// shape the input had (the input's own text is reused only when it is exactly that).
#[test]
fn the_certificate_value_is_standard_base64_whatever_the_input() {
    let now = options(None).now;
    let ders: Vec<Vec<u8>> = corpus_certificates()
        .into_iter()
        .filter(|der| Certificate::from_der(der, now).is_ok())
        .collect();
    // Lengths that need one '=', two, and none.
    let picked: Vec<&Vec<u8>> = [1, 2, 0]
        .iter()
        .filter_map(|rest| ders.iter().find(|der| der.len() % 3 == *rest))
        .collect();
    assert_eq!(picked.len(), 3);
    for der in picked {
        let standard = BASE64.encode(der);
        let unpadded = standard.trim_end_matches('=').to_string();
        let wrapped = |text: &str, width: usize, eol: &str| {
            text.as_bytes()
                .chunks(width)
                .map(|line| String::from_utf8_lossy(line).into_owned())
                .collect::<Vec<_>>()
                .join(eol)
        };
        let pem = format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            wrapped(&standard, 64, "\n")
        );
        let inputs = [
            standard.clone(),
            unpadded.clone(),
            wrapped(&standard, 76, "\r\n"),
            wrapped(&unpadded, 64, "\n"),
            format!("  {standard}\n"),
            pem.clone(),
            pem.replace(&wrapped(&standard, 64, "\n"), &wrapped(&unpadded, 64, "\n")),
            BASE64.encode(pem.as_bytes()),
        ];
        for input in &inputs {
            let inspection = inspect_case("certificate", input.as_bytes(), &options(None))
                .unwrap_or_else(|error| panic!("{input:?}: {error}"));
            assert_eq!(
                inspection.signing_certificates[0].base64, standard,
                "{input:?}"
            );
            assert_eq!(
                inspection.mimecast.certificate.as_deref(),
                Some(standard.as_str())
            );
            // In metadata too, where the X509Certificate text is what the value may reuse.
            let xml = idp_with_key(Some("signing"), input);
            if let Ok(inspection) = inspect_case("metadata", xml.as_bytes(), &options(None)) {
                if let Some(certificate) = inspection.signing_certificates.first() {
                    assert_eq!(certificate.base64, standard, "{input:?} in metadata");
                }
            }
        }
    }
}

#[test]
fn broken_base64_is_named() {
    let body = BASE64.encode(real_certificate());
    let middle = body.len() / 2;
    let with = |insert: &str| format!("{}{insert}{}", &body[..middle], &body[middle..]);
    // (label, broken body, the code bare, the code as PEM): a stray character or three in a long
    // body is broken base64, named; many (base64url) make it something else.
    let cases: Vec<(&str, String, &str, &str)> = vec![
        (
            "a '*' inside",
            with("*"),
            "base64-invalid",
            "base64-invalid",
        ),
        (
            "base64url characters",
            body.replace('+', "-").replace('/', "_"),
            "unrecognised-input",
            "base64-invalid",
        ),
        (
            "padding in the middle",
            with("=="),
            "base64-invalid",
            "base64-invalid",
        ),
        (
            "one character short (length 4n+1)",
            body.trim_end_matches('=')[..body.trim_end_matches('=').len() - 1].to_string(),
            "base64-invalid",
            "base64-invalid",
        ),
        (
            "one character too many (length 4n+1)",
            format!("{}A", body.trim_end_matches('=')),
            "base64-invalid",
            "base64-invalid",
        ),
        (
            "a non-ASCII letter",
            with("é"),
            "base64-invalid",
            "base64-invalid",
        ),
        ("a NUL byte", with("\0"), "base64-invalid", "base64-invalid"),
    ];
    for (label, broken, bare_code, pem_code) in &cases {
        let error = expect_error(
            &format!("bare base64, {label}"),
            broken.as_bytes(),
            bare_code,
        );
        assert!(!error.to_string().contains(&body[..40]));
        let pem = format!("-----BEGIN CERTIFICATE-----\n{broken}\n-----END CERTIFICATE-----");
        expect_error(&format!("PEM, {label}"), pem.as_bytes(), pem_code);

        // Inside X509Certificate: the metadata is read, the certificate is a finding.
        let escaped = broken.replace('\0', "&#0;");
        let xml = idp_with_key(Some("signing"), &escaped);
        match inspect_case(
            &format!("metadata, {label}"),
            xml.as_bytes(),
            &options(None),
        ) {
            Ok(inspection) => {
                assert!(
                    finding_codes(&inspection).contains(&"certificate-unreadable"),
                    "{label}: {:?}",
                    finding_codes(&inspection)
                );
                assert_eq!(inspection.mimecast.certificate, None, "{label}");
                for finding in &inspection.findings {
                    assert_one_sentence(&finding.message);
                }
            }
            // &#0; is not a legal XML character.
            Err(error) => assert_eq!(error.code(), "xml-syntax", "{label}: {error}"),
        }

        // In the form's certificate field.
        let findings = check_certificate(broken);
        assert!(
            findings
                .iter()
                .any(|finding| finding.code.as_str() == "certificate-unreadable"),
            "{label}: {findings:?}"
        );
        for finding in &findings {
            assert_one_sentence(&finding.message);
        }
    }
}
