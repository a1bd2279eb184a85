//! Every message an admin can see is one sentence, whatever the input.

use super::support::*;
use super::*;

/// The CLI prints an unusable input's message as one line on stderr, and the contract promises
/// one sentence: quick-xml's messages (which echo raw input, line breaks and full stops
/// included) and the base64 crate's (which end in '.') are reshaped to hold to that.
#[test]
fn error_messages_are_one_sentence_whatever_the_input() {
    let wrap = |inner: &str| {
        format!(
            "<EntityDescriptor xmlns=\"{MD}\" entityID=\"x\"><Extensions>{inner}</Extensions></EntityDescriptor>"
        )
    };
    let body = BASE64.encode(real_certificate());
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "an end tag running over lines",
            wrap("<a>text</a\nb\nc>").into_bytes(),
            "xml-syntax",
        ),
        (
            "an end tag holding a second sentence",
            wrap("<a>text</a. Then more>").into_bytes(),
            "xml-syntax",
        ),
        (
            "a mismatched end tag in a read element",
            format!("<EntityDescriptor xmlns=\"{MD}\" entityID=\"x\"><IDPSSODescriptor></IDPSSODescriptor\n\nMore. Text></EntityDescriptor>").into_bytes(),
            "xml-syntax",
        ),
        (
            "an entity reference spanning lines",
            format!("<EntityDescriptor xmlns=\"{MD}\" entityID=\"x\">&a\nb;</EntityDescriptor>").into_bytes(),
            "xml-syntax",
        ),
        (
            "base64 a character short",
            body.as_bytes()[..body.len() - 1].to_vec(),
            "base64-invalid",
        ),
    ];
    let mut bad = Vec::new();
    for (label, bytes, code) in cases {
        match inspect(&bytes, &options(None)) {
            Ok(_) => bad.push(format!("{label}: a result, not {code}")),
            Err(error) => {
                assert_eq!(error.code(), code, "{label}: {error}");
                if let Some(problem) = sentence_problem(&error.to_string()) {
                    bad.push(format!("{label}: {problem}: {:?}", error.to_string()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The messages of the URL rules, for every class of difference, and of certificates copied
/// with stray characters: plain sentences, without escape syntax or debug formatting.
#[test]
fn url_and_copied_certificate_messages_are_plain_sentences() {
    let mut bad = Vec::new();
    let mut seen = 0;
    for case in url_cases::cases() {
        let value = serde_json::Value::Object(
            case.values
                .iter()
                .map(|(field, value)| (field.to_string(), serde_json::Value::from(*value)))
                .collect(),
        );
        let values: FormValues = serde_json::from_value(value).unwrap();
        for finding in check(&values, options(None).now) {
            seen += 1;
            if let Some(problem) = sentence_problem(&finding.message) {
                bad.push(format!("{}: {problem}: {}", case.class, finding.message));
            }
        }
    }
    let body = BASE64.encode(real_certificate());
    for stray in ["\u{A0}x", "’", "\u{200B}•", "\u{1}", "é", "\\"] {
        let text = format!(
            "-----BEGIN CERTIFICATE-----\n{}{stray}{}\n-----END CERTIFICATE-----",
            &body[..100],
            &body[100..]
        );
        for message in [
            inspect(text.as_bytes(), &options(None))
                .map(|_| String::new())
                .unwrap_or_else(|error| error.to_string()),
            inspect(
                format!("{}{stray}{}", &body[..100], &body[100..]).as_bytes(),
                &options(None),
            )
            .map(|_| String::new())
            .unwrap_or_else(|error| error.to_string()),
        ] {
            if message.is_empty() || !message.starts_with(char::is_uppercase) {
                continue;
            }
            seen += 1;
            if let Some(problem) = sentence_problem(&message) {
                bad.push(format!("{stray:?}: {problem}: {message}"));
            }
        }
    }
    assert!(seen > 60, "only {seen} messages");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(escape_syntax("the character '\\u{c2}' at position 193"));
    assert!(debug_formatting(
        "cannot read 'x': No such file or directory (os error 2)"
    ));
    assert!(sentence_problem("The Issuer URL has a no-break space at its end.").is_none());
}
