//! The helpers the hostile suites share: corpus snippets, a seeded PRNG and mutator, and
//! the checks that run one input through every entry point.

use super::*;

pub(crate) const MD: &str = "urn:oasis:names:tc:SAML:2.0:metadata";

pub(crate) const DS: &str = "http://www.w3.org/2000/09/xmldsig#";

/// Entra's app metadata (`?appid=`): the target of the aggregates.
pub(crate) const ENTRA_APP: &str = "azure-app-mathivanan-bom-crlf";

pub(crate) const ENTRA_ENTITY: &str =
    "https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5da/";

/// The text of the first X509Certificate element of a document.
pub(crate) fn first_certificate_text(xml: &str) -> &str {
    let start = xml.find("<X509Certificate>").unwrap() + "<X509Certificate>".len();
    let end = start + xml[start..].find("</X509Certificate>").unwrap();
    &xml[start..end]
}

/// The last entityID of a document (an aggregate's target comes last).
pub(crate) fn last_entity_id(xml: &str) -> Option<String> {
    let start = xml.rfind("entityID=\"")? + "entityID=\"".len();
    let rest = &xml[start..];
    Some(rest[..rest.find('"').unwrap_or(rest.len())].to_string())
}

/// The Entra app certificate: real DER, 756 bytes.
pub(crate) fn real_certificate() -> Vec<u8> {
    let xml = String::from_utf8(corpus(ENTRA_APP)).unwrap();
    decode_base64(first_certificate_text(&xml)).unwrap()
}

/// The EntityDescriptor element of Entra's app document, without the BOM and XML declaration.
pub(crate) fn entra_entity() -> String {
    let xml = String::from_utf8(corpus(ENTRA_APP)).unwrap();
    let start = xml.find("<EntityDescriptor").unwrap();
    let end = xml.rfind("</EntityDescriptor>").unwrap() + "</EntityDescriptor>".len();
    xml[start..end].to_string()
}

/// A small IdP document around a KeyDescriptor body (`use` and content given).
pub(crate) fn idp_with_key(key_use: Option<&str>, certificate_element_content: &str) -> String {
    let key_use = key_use.map_or(String::new(), |value| format!(" use=\"{value}\""));
    format!(
        r#"<EntityDescriptor xmlns="{MD}" entityID="https://idp.example.org/"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><KeyDescriptor{key_use}><KeyInfo xmlns="{DS}"><X509Data><X509Certificate>{certificate_element_content}</X509Certificate></X509Data></KeyInfo></KeyDescriptor><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.org/sso"/></IDPSSODescriptor></EntityDescriptor>"#
    )
}

/// A deterministic pseudo-random generator (SplitMix64), so every run tests the same inputs.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (0 when `bound` is 0).
    pub(crate) fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            0
        } else {
            (self.next() % bound as u64) as usize
        }
    }

    pub(crate) fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }

    pub(crate) fn pick_from(&mut self, alphabet: &[u8], len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
}

/// Rust escape syntax (`\u{a0}`, `\x93`, `\n`) in a message: the admin reads it as noise.
pub(crate) fn escape_syntax(message: &str) -> bool {
    message.match_indices('\\').any(|(at, _)| {
        let next = &message[at + 1..];
        next.starts_with("u{")
            || next.starts_with(['n', 't', 'r', '0', '\\', '"', '\''])
            || (next.starts_with('x') && next[1..].starts_with(|c: char| c.is_ascii_hexdigit()))
    })
}

/// Debug formatting in a message (`Some(…)`, `Err(…)`, `Foo { a: 1 }`, `["a", "b"]`, an io
/// error's "(os error 2)"): a value printed for a programmer, not words for an admin.
pub(crate) fn debug_formatting(message: &str) -> bool {
    const MARKS: &[&str] = &[
        "Some(",
        "None)",
        "Ok(",
        "Err(",
        "Error(",
        "Error {",
        "Kind(",
        "ErrorKind",
        "{ ",
        " }",
        "[\"",
        "\"]",
        "(os error",
        "Utf8Error",
        "Invalid(",
        "Incomplete(",
        "Der(",
        "Ber(",
    ];
    MARKS.iter().any(|mark| message.contains(mark))
}

/// Why a message is not one sentence: a capital first, one full stop last, one line, and no
/// second sentence; and no Rust escape syntax or debug formatting in it. `None` when it is one.
pub(crate) fn sentence_problem(message: &str) -> Option<&'static str> {
    if escape_syntax(message) {
        return Some("it holds Rust escape syntax");
    }
    if debug_formatting(message) {
        return Some("it holds debug formatting");
    }
    let Some(body) = message.strip_suffix('.') else {
        return Some("it does not end with a full stop");
    };
    if !message.chars().next().is_some_and(char::is_uppercase) {
        return Some("it does not start with a capital");
    }
    if message.contains(|c: char| c.is_control()) {
        return Some("it spans lines or holds control characters");
    }
    if body.ends_with('.') {
        return Some("it ends with two full stops");
    }
    let second_sentence = body.match_indices(". ").any(|(index, _)| {
        body[index + 2..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    });
    if second_sentence {
        return Some("it holds a second sentence");
    }
    None
}

/// Panics, quoting the message, unless it is one sentence (the CLI contract's promise).
pub(crate) fn assert_one_sentence(message: &str) {
    if let Some(problem) = sentence_problem(message) {
        panic!("the message is not one sentence ({problem}): {message:?}");
    }
}

/// Inspects, turning a panic into a failure that names the case.
pub(crate) fn inspect_case(
    label: &str,
    bytes: &[u8],
    options: &InspectOptions,
) -> Result<Inspection, InputError> {
    match catch_unwind(AssertUnwindSafe(|| inspect(bytes, options))) {
        Ok(result) => {
            if let Err(error) = &result {
                assert_one_sentence(&error.to_string());
            }
            result
        }
        Err(_) => panic!("{label}: inspect panicked"),
    }
}

/// Inspects input that must be refused with `code`.
pub(crate) fn expect_error(label: &str, bytes: &[u8], code: &str) -> InputError {
    expect_error_with(label, bytes, &options(None), code)
}

pub(crate) fn expect_error_with(
    label: &str,
    bytes: &[u8],
    options: &InspectOptions,
    code: &str,
) -> InputError {
    let started = Instant::now();
    let result = inspect_case(label, bytes, options);
    let elapsed = started.elapsed();
    match result {
        Ok(inspection) => panic!(
            "{label}: expected the error {code}, got a result for {:?}",
            inspection.entity_id
        ),
        Err(error) => {
            assert_eq!(error.code(), code, "{label}: {error}");
            eprintln!(
                "{label}: {} in {:.1} ms ({} bytes)",
                error.code(),
                elapsed.as_secs_f64() * 1e3,
                bytes.len()
            );
            error
        }
    }
}

/// Everything an inspection would show, as one string, to look for leaks in.
pub(crate) fn shown(inspection: &Inspection) -> String {
    format!("{inspection:?}")
}

/// What one input made of the entry points: inspect's outcome as a code ("ok" for a result),
/// and every message that is not one sentence.
pub(crate) struct Outcome {
    pub(crate) code: &'static str,
    pub(crate) bad_messages: Vec<BadMessage>,
}

/// One entry point, pushing the messages it produced.
pub(crate) type Step<'a> = dyn FnMut(&mut Vec<String>) + 'a;

/// The findings of `check` for text in the form's certificate field, at the tests' instant.
pub(crate) fn check_certificate(text: &str) -> Vec<mimecast_sso::Finding> {
    let values = FormValues {
        certificate: Some(text.to_string()),
        ..FormValues::default()
    };
    check(&values, options(None).now)
}

/// Runs inspect (without an entity ID, and with `entity_id`), classify, check (the certificate
/// field, with the whole input and with `certificate_text`), metadata_url::read and
/// Certificate::from_der on one input; a panic fails the test, naming the case.
pub(crate) fn every_entry_point(
    label: &str,
    bytes: &[u8],
    certificate_text: &str,
    entity_id: &str,
) -> Outcome {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let now = options(None).now;
    let mut messages: Vec<String> = Vec::new();
    let mut code = "ok";
    let steps: [(&str, &mut Step); 6] = [
        ("inspect", &mut |messages| {
            if let Err(error) = inspect(bytes, &options(None)) {
                code = error.code();
                messages.push(error.to_string());
            }
        }),
        ("inspect with an entity ID", &mut |messages| {
            if let Err(error) = inspect(bytes, &options(Some(entity_id))) {
                messages.push(error.to_string());
            }
        }),
        ("classify", &mut |_| {
            let _ = classify(&text);
        }),
        ("check", &mut |messages| {
            for certificate in [
                &text[..floor_char_boundary(&text, 1 << 16)],
                certificate_text,
            ] {
                messages.extend(
                    check_certificate(certificate)
                        .into_iter()
                        .map(|finding| finding.message),
                );
            }
        }),
        ("metadata_url::read", &mut |messages| {
            if let Err(error) = metadata_url::read(&text) {
                messages.push(error.to_string());
            }
        }),
        ("Certificate::from_der", &mut |messages| {
            if let Err(error) = Certificate::from_der(bytes, now) {
                messages.push(error.to_string());
            }
        }),
    ];
    for (name, step) in steps {
        if catch_unwind(AssertUnwindSafe(|| step(&mut messages))).is_err() {
            panic!("{label}: {name} panicked");
        }
    }
    let bad_messages = messages
        .into_iter()
        .filter_map(|message| {
            sentence_problem(&message).map(|problem| BadMessage {
                case: label.to_string(),
                problem,
                message,
            })
        })
        .collect();
    Outcome { code, bad_messages }
}

/// The largest char boundary at or below `at`.
pub(crate) fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Fails with a summary and a few examples when messages were not one sentence.
pub(crate) fn assert_no_bad_messages(what: &str, bad: &[BadMessage]) {
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for message in bad {
        *kinds.entry(message.kind()).or_default() += 1;
    }
    assert!(
        bad.is_empty(),
        "{what}: {} messages are not one sentence: {kinds:#?}\ne.g.:\n{}",
        bad.len(),
        bad.iter()
            .take(6)
            .map(|message| format!(
                "{}: {}: {:?}",
                message.case, message.problem, message.message
            ))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

pub(crate) struct BadMessage {
    pub(crate) case: String,
    pub(crate) problem: &'static str,
    pub(crate) message: String,
}

impl BadMessage {
    /// The problem and the message up to where it starts quoting, digits blurred (a summary).
    pub(crate) fn kind(&self) -> String {
        let mut stem = String::new();
        for c in self
            .message
            .chars()
            .take_while(|c| !matches!(c, '`' | '\'' | '&' | '('))
        {
            if !c.is_ascii_digit() {
                stem.push(c);
            } else if !stem.ends_with('#') {
                stem.push('#');
            }
        }
        format!("{}: {stem}", self.problem)
    }
}

pub(crate) fn expect_error_quietly(label: &str, bytes: &[u8], code: &str) {
    match inspect_case(label, bytes, &options(None)) {
        Ok(_) => panic!("{label}: expected the error {code}, got a result"),
        Err(error) => assert_eq!(error.code(), code, "{label}: {error}"),
    }
}

/// Every distinct certificate of the corpus, as DER.
pub(crate) fn corpus_certificates() -> Vec<Vec<u8>> {
    let mut ders: Vec<Vec<u8>> = Vec::new();
    for name in corpus_names() {
        let text = String::from_utf8_lossy(&corpus(&name)).into_owned();
        for piece in text.split("X509Certificate>").skip(1).step_by(2) {
            let body = &piece[..piece.find('<').unwrap_or(piece.len())];
            if let Ok(der) = decode_base64(body) {
                if der.len() > 100 && !ders.contains(&der) {
                    ders.push(der);
                }
            }
        }
    }
    ders
}

/// The document with the first occurrence of `at` replaced by raw bytes.
pub(crate) fn splice(xml: &str, at: &str, bytes: &[u8]) -> Vec<u8> {
    let index = xml.find(at).unwrap();
    let mut out = xml.as_bytes()[..index].to_vec();
    out.extend_from_slice(bytes);
    out.extend_from_slice(&xml.as_bytes()[index + at.len()..]);
    out
}

/// Builds an aggregate of about `target_len` bytes from the SWAMID aggregate's real entities,
/// every entity ID made unique, with Entra's app entity last.
pub(crate) fn aggregate(target_len: usize) -> Vec<u8> {
    let swamid = String::from_utf8(corpus("aggregate-swamid-pysaml2")).unwrap();
    let root_start = swamid.find("<md:EntitiesDescriptor").unwrap();
    let root_end = root_start + swamid[root_start..].find('>').unwrap() + 1;
    // The entities, without the aggregate's own Signature.
    let first_entity = swamid.find("<md:EntityDescriptor").unwrap();
    let body_end = swamid.rfind("</md:EntitiesDescriptor>").unwrap();
    let entities = &swamid[first_entity..body_end];
    let target = entra_entity();
    let mut out = String::with_capacity(target_len + entities.len() + target.len());
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&swamid[root_start..root_end]);
    let mut copy = 0usize;
    while out.len() + target.len() + entities.len() < target_len {
        out.push_str(&entities.replace("entityID=\"", &format!("entityID=\"copy{copy}.")));
        copy += 1;
    }
    out.push_str(&target);
    out.push_str("</md:EntitiesDescriptor>\n");
    out.into_bytes()
}

pub(crate) const MUTATIONS: usize = 200;

/// Applies one to three seeded mutations; returns the mutated bytes and what was done.
pub(crate) fn mutate(original: &[u8], rng: &mut Rng) -> (Vec<u8>, String) {
    let mut bytes = original.to_vec();
    let mut done = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 => {
                if at < bytes.len() {
                    let bit = 1u8 << rng.below(8);
                    bytes[at] ^= bit;
                    done.push(format!("flip {bit:#04x} at {at}"));
                }
            }
            1 => {
                bytes.truncate(at);
                done.push(format!("truncate to {at}"));
            }
            2 => {
                let len = rng.below(bytes.len().saturating_sub(at).min(4096) + 1);
                let slice = bytes[at..at + len].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, slice);
                done.push(format!("duplicate {len} bytes from {at} at {to}"));
            }
            3 => {
                bytes.insert(at, b'<');
                done.push(format!("insert '<' at {at}"));
            }
            4 => {
                bytes.insert(at, b'&');
                done.push(format!("insert '&' at {at}"));
            }
            5 => {
                bytes.splice(at..at, b"<!DOCTYPE".iter().copied());
                done.push(format!("insert <!DOCTYPE at {at}"));
            }
            _ => {
                let len = rng.below(bytes.len().saturating_sub(at).min(64) + 1);
                bytes.drain(at..at + len);
                done.push(format!("delete {len} bytes at {at}"));
            }
        }
    }
    (bytes, done.join(", "))
}
