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
