//! Hostile input: every case ends in a clear error (a stable code and a one-sentence message) or
//! in a result, never in a panic, a hang or a stack overflow.
//!
//! The inputs are built here from the real corpus (tests/fixtures/corpus/metadata), so no large
//! fixture is committed. Nothing is timed as an assertion: the big cases print their speed per MB
//! (`cargo test --test hostile -- --nocapture`); `make bench` measures the release build.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use mimecast_sso::certificate::decode_base64;
use mimecast_sso::{
    Certificate, FormValues, InputError, InspectOptions, Inspection, TextKind, check, classify,
    inspect, metadata_url,
};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

mod common;
use common::{corpus, corpus_names, finding_codes, options};

const MD: &str = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
/// Entra's app metadata (`?appid=`): the target of the aggregates.
const ENTRA_APP: &str = "azure-app-mathivanan-bom-crlf";
const ENTRA_ENTITY: &str = "https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5da/";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The text of the first X509Certificate element of a document.
fn first_certificate_text(xml: &str) -> &str {
    let start = xml.find("<X509Certificate>").unwrap() + "<X509Certificate>".len();
    let end = start + xml[start..].find("</X509Certificate>").unwrap();
    &xml[start..end]
}

/// The last entityID of a document (an aggregate's target comes last).
fn last_entity_id(xml: &str) -> Option<String> {
    let start = xml.rfind("entityID=\"")? + "entityID=\"".len();
    let rest = &xml[start..];
    Some(rest[..rest.find('"').unwrap_or(rest.len())].to_string())
}

/// The Entra app certificate: real DER, 756 bytes.
fn real_certificate() -> Vec<u8> {
    let xml = String::from_utf8(corpus(ENTRA_APP)).unwrap();
    decode_base64(first_certificate_text(&xml)).unwrap()
}

/// The EntityDescriptor element of Entra's app document, without the BOM and XML declaration.
fn entra_entity() -> String {
    let xml = String::from_utf8(corpus(ENTRA_APP)).unwrap();
    let start = xml.find("<EntityDescriptor").unwrap();
    let end = xml.rfind("</EntityDescriptor>").unwrap() + "</EntityDescriptor>".len();
    xml[start..end].to_string()
}

/// A small IdP document around a KeyDescriptor body (`use` and content given).
fn idp_with_key(key_use: Option<&str>, certificate_element_content: &str) -> String {
    let key_use = key_use.map_or(String::new(), |value| format!(" use=\"{value}\""));
    format!(
        r#"<EntityDescriptor xmlns="{MD}" entityID="https://idp.example.org/"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><KeyDescriptor{key_use}><KeyInfo xmlns="{DS}"><X509Data><X509Certificate>{certificate_element_content}</X509Certificate></X509Data></KeyInfo></KeyDescriptor><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.org/sso"/></IDPSSODescriptor></EntityDescriptor>"#
    )
}

/// A deterministic pseudo-random generator (SplitMix64), so every run tests the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (0 when `bound` is 0).
    fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            0
        } else {
            (self.next() % bound as u64) as usize
        }
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }

    fn pick_from(&mut self, alphabet: &[u8], len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
}

/// Rust escape syntax (`\u{a0}`, `\x93`, `\n`) in a message: the admin reads it as noise.
fn escape_syntax(message: &str) -> bool {
    message.match_indices('\\').any(|(at, _)| {
        let next = &message[at + 1..];
        next.starts_with("u{")
            || next.starts_with(['n', 't', 'r', '0', '\\', '"', '\''])
            || (next.starts_with('x') && next[1..].starts_with(|c: char| c.is_ascii_hexdigit()))
    })
}

/// Debug formatting in a message (`Some(…)`, `Err(…)`, `Foo { a: 1 }`, `["a", "b"]`, an io
/// error's "(os error 2)"): a value printed for a programmer, not words for an admin.
fn debug_formatting(message: &str) -> bool {
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
fn sentence_problem(message: &str) -> Option<&'static str> {
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
fn assert_one_sentence(message: &str) {
    if let Some(problem) = sentence_problem(message) {
        panic!("the message is not one sentence ({problem}): {message:?}");
    }
}

/// Inspects, turning a panic into a failure that names the case.
fn inspect_case(
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
fn expect_error(label: &str, bytes: &[u8], code: &str) -> InputError {
    expect_error_with(label, bytes, &options(None), code)
}

fn expect_error_with(
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
fn shown(inspection: &Inspection) -> String {
    format!("{inspection:?}")
}

// ---------------------------------------------------------------------------------------------
// Entity expansion and external entities
// ---------------------------------------------------------------------------------------------

fn billion_laughs(root: &str) -> String {
    let mut dtd = String::from("<!ENTITY lol0 \"lol\">");
    for level in 1..=9 {
        let previous = format!("&lol{};", level - 1).repeat(10);
        dtd.push_str(&format!("<!ENTITY lol{level} \"{previous}\">"));
    }
    format!("<?xml version=\"1.0\"?>\n<!DOCTYPE {root} [{dtd}]>\n")
}

#[test]
fn entity_bombs_are_refused_unexpanded() {
    // The classic: 10^9 "lol"s, referenced from the entity ID and from a certificate.
    let body = idp_with_key(Some("signing"), "&lol9;").replace(
        "entityID=\"https://idp.example.org/\"",
        "entityID=\"&lol9;\"",
    );
    let bomb = billion_laughs("EntityDescriptor") + &body;
    let error = expect_error("billion laughs", bomb.as_bytes(), "dtd-refused");
    assert!(!error.to_string().contains("lollol"));

    // Quadratic blow-up: one 100 KB entity referenced 10,000 times (1 GB if expanded).
    let big = "A".repeat(100_000);
    let quadratic = format!(
        "<!DOCTYPE EntityDescriptor [<!ENTITY a \"{big}\">]><EntityDescriptor xmlns=\"{MD}\" entityID=\"x\">{}</EntityDescriptor>",
        "&a;".repeat(10_000)
    );
    expect_error("quadratic blow-up", quadratic.as_bytes(), "dtd-refused");

    // The same references without a DTD: undefined entities, named with their position.
    let error = expect_error(
        "undeclared &lol9; in a certificate",
        idp_with_key(Some("signing"), "&lol9;").as_bytes(),
        "xml-syntax",
    );
    assert!(error.to_string().contains("&lol9;"), "{error}");
    let undeclared_attribute =
        format!("<EntityDescriptor xmlns=\"{MD}\" entityID=\"&lol9;\"></EntityDescriptor>");
    expect_error(
        "undeclared &lol9; in an attribute",
        undeclared_attribute.as_bytes(),
        "xml-syntax",
    );

    // A DOCTYPE where none may be: after the root has started.
    let late = format!(
        "<EntityDescriptor xmlns=\"{MD}\" entityID=\"x\">{}</EntityDescriptor>",
        billion_laughs("x")
            .trim_start_matches("<?xml version=\"1.0\"?>\n")
            .trim_end()
    );
    expect_error("a DOCTYPE inside the root", late.as_bytes(), "dtd-refused");

    // Entity bombs in an aggregate, in a skipped entity before the chosen one: never expanded,
    // and refused like anywhere else (skipped content is read for well-formedness).
    let aggregate = format!(
        "<EntitiesDescriptor xmlns=\"{MD}\"><EntityDescriptor entityID=\"skipped\"><Extensions>&lol9;&lol9;</Extensions></EntityDescriptor>{}</EntitiesDescriptor>",
        entra_entity()
    );
    let error = inspect_case(
        "an undeclared entity in a skipped entity",
        aggregate.as_bytes(),
        &options(Some(ENTRA_ENTITY)),
    )
    .unwrap_err();
    assert_eq!(error.code(), "xml-syntax", "{error}");
    assert!(error.to_string().contains("&lol9;"), "{error}");
}

#[test]
fn external_entities_are_refused_and_never_read() {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let secret_line = passwd.lines().next().unwrap_or("root:x:0:0");
    let cases = [
        (
            "an internal subset with a SYSTEM entity",
            format!(
                "<?xml version=\"1.0\"?><!DOCTYPE EntityDescriptor [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>{}",
                idp_with_key(Some("signing"), "&xxe;").replace(
                    "entityID=\"https://idp.example.org/\"",
                    "entityID=\"&xxe;\""
                )
            ),
        ),
        (
            "an external DTD",
            format!(
                "<!DOCTYPE EntityDescriptor SYSTEM \"file:///etc/passwd\">{}",
                idp_with_key(None, "")
            ),
        ),
        (
            "a parameter entity",
            format!(
                "<!DOCTYPE EntityDescriptor [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>{}",
                idp_with_key(None, "")
            ),
        ),
        (
            "a public identifier over http",
            format!(
                "<!DOCTYPE EntityDescriptor PUBLIC \"-//X//Y\" \"http://127.0.0.1:9/x.dtd\">{}",
                idp_with_key(None, "")
            ),
        ),
    ];
    for (label, xml) in cases {
        let error = expect_error(label, xml.as_bytes(), "dtd-refused");
        let message = error.to_string();
        assert!(!message.contains(secret_line), "{label}: {message}");
        assert!(!message.contains("root:"), "{label}: {message}");
    }

    // XInclude is not processed: the element is only an unreadable certificate.
    let xinclude = idp_with_key(
        Some("signing"),
        "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/>",
    );
    let inspection = inspect_case("XInclude", xinclude.as_bytes(), &options(None)).unwrap();
    assert!(finding_codes(&inspection).contains(&"certificate-unreadable"));
    assert_eq!(inspection.mimecast.certificate, None);
    let output = shown(&inspection);
    assert!(!output.contains(secret_line) && !output.contains("root:"));
}

// ---------------------------------------------------------------------------------------------
// Deep nesting
// ---------------------------------------------------------------------------------------------

const DEEP: usize = 200_000;

/// Runs a case on a thread with a small stack: a parser that recursed per level would overflow
/// it long before 200,000 levels.
fn on_small_stack<T: Send + 'static>(run: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(run)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn deep_nesting_is_refused_without_recursion() {
    on_small_stack(|| {
        // Aggregates inside aggregates: the depth limit.
        let entities = format!(
            "<EntitiesDescriptor xmlns=\"{MD}\">{}",
            "<EntitiesDescriptor>".repeat(DEEP)
        );
        let error = expect_error(
            "200,000 EntitiesDescriptors",
            entities.as_bytes(),
            "too-deep",
        );
        assert!(error.to_string().contains("256"), "{error}");

        // Closed as well: still refused, before the end is read.
        let closed = format!("{}{}", entities, "</EntitiesDescriptor>".repeat(DEEP + 1));
        expect_error(
            "200,000 closed EntitiesDescriptors",
            closed.as_bytes(),
            "too-deep",
        );

        // KeyInfo and certificate contents are descended into: the depth limit.
        for (label, inner) in [
            ("KeyInfo", "<KeyInfo>"),
            ("X509Certificate", "<X509Certificate>"),
        ] {
            let xml = format!(
                "<EntityDescriptor xmlns=\"{MD}\" entityID=\"x\"><IDPSSODescriptor><KeyDescriptor>{}",
                inner.repeat(DEEP)
            );
            expect_error(
                &format!("200,000 nested {label}"),
                xml.as_bytes(),
                "too-deep",
            );
        }

        // A root that is not metadata: refused at the first element.
        let html = "<a>".repeat(DEEP);
        expect_error("200,000 <a>", html.as_bytes(), "not-metadata");

        // Inside an element the parser skips (Extensions): bounded all the same, closed or not,
        // so that skipping costs no memory in proportion to the nesting.
        let wrap = |inner: &str| {
            idp_with_key(None, "").replace(
                "<IDPSSODescriptor ",
                &format!("<Extensions>{inner}</Extensions><IDPSSODescriptor "),
            )
        };
        let closed = wrap(&format!("{}{}", "<a>".repeat(DEEP), "</a>".repeat(DEEP)));
        expect_error(
            "200,000 closed <a> in Extensions",
            closed.as_bytes(),
            "too-deep",
        );
        let unclosed = wrap(&"<a>".repeat(DEEP));
        expect_error(
            "200,000 unclosed <a> in Extensions",
            unclosed.as_bytes(),
            "too-deep",
        );
        // Nesting that real documents have inside skipped elements still passes.
        let shallow = wrap(&format!("{}{}", "<a>".repeat(40), "</a>".repeat(40)));
        let inspection =
            inspect_case("40 <a> in Extensions", shallow.as_bytes(), &options(None)).unwrap();
        assert_eq!(
            inspection.entity_id.as_deref(),
            Some("https://idp.example.org/")
        );
    });
}

// ---------------------------------------------------------------------------------------------
// Binary noise
// ---------------------------------------------------------------------------------------------

/// What one input made of the entry points: inspect's outcome as a code ("ok" for a result),
/// and every message that is not one sentence.
struct Outcome {
    code: &'static str,
    bad_messages: Vec<BadMessage>,
}

/// One entry point, pushing the messages it produced.
type Step<'a> = dyn FnMut(&mut Vec<String>) + 'a;

/// Runs inspect (without an entity ID, and with `entity_id`), classify, check (the certificate
/// field, with the whole input and with `certificate_text`), metadata_url::read and
/// Certificate::from_der on one input; a panic fails the test, naming the case.
fn every_entry_point(
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
                let values = FormValues {
                    certificate: Some(certificate.to_string()),
                    ..FormValues::default()
                };
                messages.extend(
                    check(&values, now)
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
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Fails with a summary and a few examples when messages were not one sentence.
fn assert_no_bad_messages(what: &str, bad: &[BadMessage]) {
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

struct BadMessage {
    case: String,
    problem: &'static str,
    message: String,
}

impl BadMessage {
    /// The problem and the message up to where it starts quoting, digits blurred (a summary).
    fn kind(&self) -> String {
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

// ---------------------------------------------------------------------------------------------
// Certificates: truncated DER, broken base64, private keys
// ---------------------------------------------------------------------------------------------

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

fn expect_error_quietly(label: &str, bytes: &[u8], code: &str) {
    match inspect_case(label, bytes, &options(None)) {
        Ok(_) => panic!("{label}: expected the error {code}, got a result"),
        Err(error) => assert_eq!(error.code(), code, "{label}: {error}"),
    }
}

/// Every distinct certificate of the corpus, as DER.
fn corpus_certificates() -> Vec<Vec<u8>> {
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
        let findings = check(
            &FormValues {
                certificate: Some(broken.clone()),
                ..FormValues::default()
            },
            options(None).now,
        );
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

/// DER of a length-prefixed TLV.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else if len < 0x100 {
        out.extend([0x81, len as u8]);
    } else {
        out.extend([0x82, (len >> 8) as u8, len as u8]);
    }
    out.extend_from_slice(content);
    out
}

/// Synthetic private keys with the real outer structures (the key material is random bytes).
fn private_keys() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let mut rng = Rng(42);
    let integer = |rng: &mut Rng, len: usize| {
        let mut bytes = rng.bytes(len);
        bytes[0] &= 0x7F;
        tlv(0x02, &bytes)
    };
    let rsa_oid = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01];
    // PKCS#1 RSAPrivateKey: SEQUENCE { INTEGER 0, n, e, d, p, q, dp, dq, qinv }
    let mut pkcs1_content = tlv(0x02, &[0]);
    for len in [129, 3, 128, 65, 65, 64, 64, 64] {
        pkcs1_content.extend(integer(&mut rng, len));
    }
    let pkcs1 = tlv(0x30, &pkcs1_content);
    // PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING pkcs1 }
    let mut algorithm = tlv(0x06, &rsa_oid);
    algorithm.extend(tlv(0x05, &[]));
    let mut pkcs8_content = tlv(0x02, &[0]);
    pkcs8_content.extend(tlv(0x30, &algorithm));
    pkcs8_content.extend(tlv(0x04, &pkcs1));
    let pkcs8 = tlv(0x30, &pkcs8_content);
    // SEC 1 ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING key, [0] OID prime256v1 }
    let mut ec_content = tlv(0x02, &[1]);
    ec_content.extend(tlv(0x04, &rng.bytes(32)));
    ec_content.extend(tlv(
        0xA0,
        &tlv(0x06, &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]),
    ));
    let ec = tlv(0x30, &ec_content);
    // EncryptedPrivateKeyInfo: SEQUENCE { SEQUENCE { OID pbes2, params }, OCTET STRING }
    let mut encrypted_algorithm = tlv(
        0x06,
        &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0D],
    );
    encrypted_algorithm.extend(tlv(0x30, &[]));
    let mut encrypted_content = tlv(0x30, &encrypted_algorithm);
    encrypted_content.extend(tlv(0x04, &rng.bytes(200)));
    let encrypted = tlv(0x30, &encrypted_content);
    vec![
        ("PKCS#1", "RSA PRIVATE KEY", pkcs1),
        ("PKCS#8", "PRIVATE KEY", pkcs8),
        ("SEC 1", "EC PRIVATE KEY", ec),
        ("encrypted PKCS#8", "ENCRYPTED PRIVATE KEY", encrypted),
    ]
}

#[test]
fn private_keys_are_refused_and_never_echoed() {
    let certificate_body = BASE64.encode(real_certificate());
    for (name, label, der) in private_keys() {
        let body = BASE64.encode(&der);
        let pem = format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n");
        let fragment = &body[body.len() / 2..body.len() / 2 + 24];
        let not_echoed = |what: &str, text: &str| {
            assert!(
                !text.contains(fragment),
                "{name} {what}: the key is echoed: {text}"
            );
        };
        let mut certificate_and_key =
            format!("-----BEGIN CERTIFICATE-----\n{certificate_body}\n-----END CERTIFICATE-----\n");
        certificate_and_key.push_str(&pem);
        let inputs: Vec<(String, Vec<u8>)> = vec![
            (format!("{name} as DER"), der.clone()),
            (format!("{name} as PEM"), pem.clone().into_bytes()),
            (format!("{name} as bare base64"), body.clone().into_bytes()),
            (
                format!("{name} as base64 of PEM"),
                BASE64.encode(&pem).into_bytes(),
            ),
            (
                format!("{name} after a certificate"),
                certificate_and_key.into_bytes(),
            ),
            (
                format!("{name} in a signing X509Certificate"),
                idp_with_key(Some("signing"), &body).into_bytes(),
            ),
            (
                format!("{name} as PEM in an X509Certificate without use"),
                idp_with_key(None, &pem).into_bytes(),
            ),
            (
                format!("{name} in an encryption X509Certificate"),
                idp_with_key(Some("encryption"), &body).into_bytes(),
            ),
        ];
        for (what, input) in inputs {
            let error = expect_error(&what, &input, "private-key-refused");
            not_echoed(&what, &error.to_string());
            not_echoed(&what, &format!("{error:?}"));
        }

        // Pasted into the form: refused, not echoed.
        let findings = check(
            &FormValues {
                certificate: Some(pem.clone()),
                ..FormValues::default()
            },
            options(None).now,
        );
        assert!(
            findings
                .iter()
                .any(|finding| finding.code.as_str() == "private-key-refused"),
            "{name}: {findings:?}"
        );
        not_echoed("in the form", &format!("{findings:?}"));
        assert_eq!(classify(&pem), TextKind::PrivateKey, "{name}");

        // In the document's own Signature (not the identity provider's keys): not read, not shown.
        let xml = idp_with_key(Some("signing"), &certificate_body).replace(
            "<IDPSSODescriptor ",
            &format!(
                "<Signature xmlns=\"{DS}\"><KeyInfo><X509Data><X509Certificate>{body}</X509Certificate></X509Data></KeyInfo></Signature><IDPSSODescriptor "
            ),
        );
        let inspection =
            inspect_case("a key in the Signature", xml.as_bytes(), &options(None)).unwrap();
        not_echoed("in the Signature", &shown(&inspection));
    }
}

// ---------------------------------------------------------------------------------------------
// Malformed XML
// ---------------------------------------------------------------------------------------------

#[test]
fn invalid_utf8_inside_xml_is_a_syntax_error() {
    let xml = idp_with_key(Some("signing"), &BASE64.encode(real_certificate()));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "in the entity ID",
            xml.replacen("idp.example.org", "idp.\u{1}.org", 1)
                .into_bytes()
                .into_iter()
                .map(|byte| if byte == 1 { 0xFF } else { byte })
                .collect(),
        ),
        (
            "in an element name",
            splice(&xml, "<IDPSSO", b"<ID\xC3\x28PSSO"),
        ),
        (
            "in a certificate",
            splice(&xml, "<X509Certificate>", b"<X509Certificate>\xE2\x82"),
        ),
        (
            "in a comment",
            splice(&xml, "<IDPSSO", b"<!-- \xF0\x28\x8C\x28 --><IDPSSO"),
        ),
        (
            "in a skipped element",
            splice(&xml, "<IDPSSO", b"<Extensions>\xC0\xAF</Extensions><IDPSSO"),
        ),
        (
            "an overlong NUL",
            splice(&xml, "<IDPSSO", b"\xC0\x80<IDPSSO"),
        ),
        (
            "a surrogate",
            splice(&xml, "<IDPSSO", b"\xED\xA0\x80<IDPSSO"),
        ),
    ];
    for (label, bytes) in cases {
        assert!(std::str::from_utf8(&bytes).is_err(), "{label}");
        let error = expect_error(&format!("invalid UTF-8 {label}"), &bytes, "xml-syntax");
        // The error names a line and column, and echoes no raw bytes.
        assert!(error.to_string().contains("line 1, column "), "{error}");
    }
    // Invalid UTF-8 after the end of the root.
    let mut after_root = xml.clone().into_bytes();
    after_root.extend(b"\xFF\xFE");
    expect_error("invalid UTF-8 after the root", &after_root, "xml-syntax");
}

/// The document with the first occurrence of `at` replaced by raw bytes.
fn splice(xml: &str, at: &str, bytes: &[u8]) -> Vec<u8> {
    let index = xml.find(at).unwrap();
    let mut out = xml.as_bytes()[..index].to_vec();
    out.extend_from_slice(bytes);
    out.extend_from_slice(&xml.as_bytes()[index + at.len()..]);
    out
}

#[test]
fn unclosed_tags_and_second_roots_are_syntax_errors() {
    let xml = idp_with_key(Some("signing"), &BASE64.encode(real_certificate()));
    let cases: Vec<(&str, String)> = vec![
        ("an unclosed root", xml.replace("</EntityDescriptor>", "")),
        ("an unclosed role", xml.replace("</IDPSSODescriptor>", "")),
        (
            "an unclosed certificate",
            xml.replace("</X509Certificate>", ""),
        ),
        (
            "a mismatched end tag",
            xml.replace("</KeyDescriptor>", "</KeyInfo>"),
        ),
        (
            "a start tag without its '>'",
            xml.replace("/sso\"/>", "/sso\""),
        ),
        (
            "a start tag cut short",
            xml[..xml.find("<SingleSignOnService").unwrap() + 12].to_string(),
        ),
        (
            "an unterminated attribute",
            xml.replace(
                "Location=\"https://idp.example.org/sso\"",
                "Location=\"https://idp",
            ),
        ),
        ("an unterminated comment", format!("{xml}<!-- never closed")),
        ("a stray end tag", format!("{xml}</EntityDescriptor>")),
        ("a second root", format!("{xml}\n{xml}")),
        (
            "a second, empty root",
            format!("{xml}<EntityDescriptor xmlns=\"{MD}\" entityID=\"y\"/>"),
        ),
        (
            "a second root that is not metadata",
            format!("{xml}<html/>"),
        ),
        (
            "an unclosed CDATA",
            xml.replace("</X509Certificate>", "<![CDATA["),
        ),
    ];
    for (label, text) in cases {
        let error = expect_error(label, text.as_bytes(), "xml-syntax");
        let message = error.to_string();
        assert!(
            message.contains("line ") && message.contains("column "),
            "{label}: {message}"
        );
    }
    // No root at all.
    expect_error(
        "only a declaration",
        b"<?xml version=\"1.0\"?>",
        "xml-syntax",
    );
    expect_error("only a comment", b"<!-- -->", "xml-syntax");
}

/// quick-xml tokenises but does not check every well-formedness rule; `metadata::parse` adds the
/// missing ones. Text, CDATA or a reference outside the root, an XML declaration after the start,
/// a duplicate attribute, and a '<' or a character outside XML's Char production in an attribute
/// or a certificate are each "xml-syntax" with a line and column, never a result.
#[test]
fn malformed_xml_that_the_tokeniser_lets_through_is_a_syntax_error() {
    let xml = idp_with_key(Some("signing"), &BASE64.encode(real_certificate()));
    let location = "Location=\"https://idp.example.org/sso\"";
    let cases: Vec<(&str, String)> = vec![
        ("text after the root", format!("{xml}trailing text")),
        ("CDATA after the root", format!("{xml}<![CDATA[x]]>")),
        (
            "text before the root",
            format!("<?xml version=\"1.0\"?>junk{xml}"),
        ),
        (
            "an XML declaration after the root",
            format!("{xml}<?xml version=\"1.0\"?>"),
        ),
        (
            "a duplicated entityID",
            xml.replace(
                "entityID=\"https://idp.example.org/\"",
                "entityID=\"https://idp.example.org/\" entityID=\"https://evil.example/\"",
            ),
        ),
        (
            "a raw NUL in an attribute",
            xml.replace(location, "Location=\"https://idp.example.org/\0sso\""),
        ),
        (
            "'<' in an attribute",
            xml.replace(location, "Location=\"https://idp.example.org/<sso\""),
        ),
    ];
    let mut accepted = Vec::new();
    for (label, text) in cases {
        match inspect_case(label, text.as_bytes(), &options(None)) {
            Ok(inspection) => accepted.push(format!(
                "{label}: a result (login URL {:?})",
                inspection.mimecast.login_url
            )),
            Err(error) => assert_eq!(error.code(), "xml-syntax", "{label}: {error}"),
        }
    }
    assert!(accepted.is_empty(), "{}", accepted.join("\n"));
}
// ---------------------------------------------------------------------------------------------
// 100 MB inputs
// ---------------------------------------------------------------------------------------------

/// Builds an aggregate of about `target_len` bytes from the SWAMID aggregate's real entities,
/// every entity ID made unique, with Entra's app entity last.
fn aggregate(target_len: usize) -> Vec<u8> {
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

fn megabytes(len: usize) -> f64 {
    len as f64 / (1024.0 * 1024.0)
}

fn report(label: &str, len: usize, started: Instant) {
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "{label}: {:.1} MB in {:.3} s = {:.2} ms/MB",
        megabytes(len),
        seconds,
        seconds * 1e3 / megabytes(len)
    );
}

/// 100 MB in release; 10 MB in debug, where the release benchmark (`make bench`) covers 100 MB.
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
    eprintln!(
        "big inputs at {:.0} MB ({} build)",
        megabytes(size),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );

    // An aggregate with the target last, chosen by entity ID.
    let xml = aggregate(size);
    let started = Instant::now();
    let inspection =
        inspect_case("aggregate, target last", &xml, &options(Some(ENTRA_ENTITY))).unwrap();
    report("aggregate with entity_id, target last", xml.len(), started);
    assert_eq!(inspection.entity_id.as_deref(), Some(ENTRA_ENTITY));
    // The same values as Entra's document on its own.
    let alone = inspect(&corpus(ENTRA_APP), &options(None)).unwrap();
    assert_eq!(inspection.mimecast, alone.mimecast);
    assert_eq!(inspection.signing_certificates, alone.signing_certificates);

    // Without an entity ID: every entity is read, and the IdPs are listed.
    let started = Instant::now();
    let error = expect_error(
        "aggregate without entity_id",
        &xml,
        "several-identity-providers",
    );
    report("aggregate without entity_id", xml.len(), started);
    assert!(error.to_string().contains("more"), "{error}");

    // An entity ID that is not there: read twice, then named.
    let started = Instant::now();
    let error = expect_error_with(
        "aggregate, absent entity_id",
        &xml,
        &options(Some("https://absent.example/")),
        "entity-not-found",
    );
    report("aggregate, absent entity_id", xml.len(), started);
    assert!(error.to_string().contains("absent.example"), "{error}");
    drop(xml);

    // Whitespace: only whitespace, and whitespace inside the root.
    let spaces = vec![b' '; size];
    let started = Instant::now();
    expect_error("whitespace", &spaces, "empty-input");
    report("whitespace", size, started);
    drop(spaces);
    let mut padded = format!("<EntityDescriptor xmlns=\"{MD}\" entityID=\"x\">").into_bytes();
    padded.resize(size, b'\n');
    padded.extend(b"</EntityDescriptor>");
    let started = Instant::now();
    expect_error("whitespace in the root", &padded, "no-identity-provider");
    report("whitespace in the root", padded.len(), started);
    drop(padded);

    // '<a>' nesting: at the root, inside a skipped element, inside a KeyDescriptor.
    let nesting = "<a>".repeat(size / 3);
    let started = Instant::now();
    expect_error("<a> nesting", nesting.as_bytes(), "not-metadata");
    report("<a> nesting at the root", nesting.len(), started);
    let in_aggregate = format!("<EntitiesDescriptor xmlns=\"{MD}\">{nesting}");
    let started = Instant::now();
    expect_error(
        "<a> nesting in an aggregate",
        in_aggregate.as_bytes(),
        "too-deep",
    );
    report(
        "<a> nesting in an aggregate (skipped)",
        in_aggregate.len(),
        started,
    );
    drop(in_aggregate);
    let in_key = format!(
        "<EntityDescriptor xmlns=\"{MD}\" entityID=\"x\"><IDPSSODescriptor><KeyDescriptor>{nesting}"
    );
    let started = Instant::now();
    expect_error(
        "<a> nesting in a KeyDescriptor",
        in_key.as_bytes(),
        "too-deep",
    );
    report("<a> nesting in a KeyDescriptor", in_key.len(), started);
}

// ---------------------------------------------------------------------------------------------
// Deterministic mutations of the corpus
// ---------------------------------------------------------------------------------------------

const MUTATIONS: usize = 200;

/// Applies one to three seeded mutations; returns the mutated bytes and what was done.
fn mutate(original: &[u8], rng: &mut Rng) -> (Vec<u8>, String) {
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

// ---------------------------------------------------------------------------------------------
// Messages: one sentence, one line, whatever the input
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Skipped elements: the byte scan and the event reader agree
// ---------------------------------------------------------------------------------------------

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

#[path = "common/url_cases.rs"]
mod url_cases;

/// The messages of the URL rules, for every class of difference, and of certificates copied
/// with stray characters: plain sentences, without escape syntax or debug formatting.
#[test]
fn url_and_copied_certificate_messages_are_plain_sentences() {
    let mut bad = Vec::new();
    let mut seen = 0;
    for case in url_cases::CASES {
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
