//! Entity expansion, external entities, deep nesting and malformed XML: each a named error.

use super::support::*;
use super::*;

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

#[test]
fn invalid_utf8_inside_xml_is_a_syntax_error() {
    let xml = idp_with_key(Some("signing"), &BASE64.encode(real_certificate()));
    // Each case puts bytes that are not UTF-8 in place of the first `at` in the document.
    let cases: [(&str, &str, &[u8]); 7] = [
        ("in the entity ID", "idp.example.org", b"idp.\xFF.org"),
        ("in an element name", "<IDPSSO", b"<ID\xC3\x28PSSO"),
        (
            "in a certificate",
            "<X509Certificate>",
            b"<X509Certificate>\xE2\x82",
        ),
        (
            "in a comment",
            "<IDPSSO",
            b"<!-- \xF0\x28\x8C\x28 --><IDPSSO",
        ),
        (
            "in a skipped element",
            "<IDPSSO",
            b"<Extensions>\xC0\xAF</Extensions><IDPSSO",
        ),
        ("an overlong NUL", "<IDPSSO", b"\xC0\x80<IDPSSO"),
        ("a surrogate", "<IDPSSO", b"\xED\xA0\x80<IDPSSO"),
    ];
    for (label, at, invalid) in cases {
        let bytes = splice(&xml, at, invalid);
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

/// Malformed XML is "xml-syntax" with a line and column, never a result: what quick-xml's
/// tokeniser finds (unclosed tags, second roots), and what it lets through and the core's reader
/// checks itself (text, CDATA or a reference outside the root, an XML declaration after the
/// start, a duplicate attribute, a '<' or a character outside XML's Char production in an
/// attribute).
#[test]
fn malformed_xml_is_a_syntax_error_with_its_place() {
    let xml = idp_with_key(Some("signing"), &BASE64.encode(real_certificate()));
    let location = "Location=\"https://idp.example.org/sso\"";
    // Each a part of the document replaced: (what, the part, its replacement).
    let replaced = [
        ("an unclosed root", "</EntityDescriptor>", ""),
        ("an unclosed role", "</IDPSSODescriptor>", ""),
        ("an unclosed certificate", "</X509Certificate>", ""),
        ("a mismatched end tag", "</KeyDescriptor>", "</KeyInfo>"),
        ("a start tag without its '>'", "/sso\"/>", "/sso\""),
        (
            "an unterminated attribute",
            location,
            "Location=\"https://idp",
        ),
        ("an unclosed CDATA", "</X509Certificate>", "<![CDATA["),
        // What the tokeniser lets through.
        (
            "a duplicated entityID",
            "entityID=\"https://idp.example.org/\"",
            "entityID=\"https://idp.example.org/\" entityID=\"https://evil.example/\"",
        ),
        (
            "a raw NUL in an attribute",
            location,
            "Location=\"https://idp.example.org/\0sso\"",
        ),
        (
            "'<' in an attribute",
            location,
            "Location=\"https://idp.example.org/<sso\"",
        ),
    ];
    // Each something after the document: (what, the text after it).
    let appended = [
        ("an unterminated comment", "<!-- never closed".to_string()),
        ("a stray end tag", "</EntityDescriptor>".to_string()),
        ("a second root", format!("\n{xml}")),
        (
            "a second, empty root",
            format!("<EntityDescriptor xmlns=\"{MD}\" entityID=\"y\"/>"),
        ),
        ("a second root that is not metadata", "<html/>".to_string()),
        // What the tokeniser lets through.
        ("text after the root", "trailing text".to_string()),
        ("CDATA after the root", "<![CDATA[x]]>".to_string()),
        (
            "an XML declaration after the root",
            "<?xml version=\"1.0\"?>".to_string(),
        ),
    ];
    let mut cases: Vec<(&str, String)> = vec![
        (
            "a start tag cut short",
            xml[..xml.find("<SingleSignOnService").unwrap() + 12].to_string(),
        ),
        (
            "text before the root",
            format!("<?xml version=\"1.0\"?>junk{xml}"),
        ),
    ];
    for (label, part, replacement) in replaced {
        assert!(xml.contains(part), "{label}: the part is in the document");
        cases.push((label, xml.replace(part, replacement)));
    }
    cases.extend(appended.map(|(label, after)| (label, format!("{xml}{after}"))));
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
