//! The core's canonical XML (`mimecast_sso::c14n`, over `xml_tree`) against bergshamra's
//! (`bergshamra-c14n` over `uppsala`, which passes the xmlsec interoperability suite), byte for
//! byte: every element of every XML fixture as the apex, in each mode, with and without its
//! first `ds:Signature` child left out (the enveloped-signature transform), the whole document,
//! and hand-made documents for the namespace and attribute rules SAML rarely exercises.

use bergshamra_c14n::C14nMode;
use bergshamra_xml::nodeset::NodeSet;
use mimecast_sso::c14n::{self, Mode};
use mimecast_sso::xml_tree::{NodeId, Tree};
use std::path::{Path, PathBuf};

const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";

fn xml_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            xml_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "xml") {
            found.push(path);
        }
    }
}

/// The elements of the core's tree in document order.
fn our_elements(tree: &Tree) -> Vec<NodeId> {
    let mut found = Vec::new();
    let mut pending = vec![Tree::DOCUMENT];
    while let Some(node) = pending.pop() {
        if tree.element(node).is_some() {
            found.push(node);
        }
        pending.extend(tree.children(node).iter().rev());
    }
    found
}

/// The elements of uppsala's DOM in document order.
fn their_elements(doc: &uppsala::Document<'_>) -> Vec<uppsala::NodeId> {
    let mut found = Vec::new();
    let mut pending = vec![doc.root()];
    while let Some(node) = pending.pop() {
        if doc.element(node).is_some() {
            found.push(node);
        }
        pending.extend(doc.children(node).into_iter().rev());
    }
    found
}

fn modes() -> [(Mode, C14nMode); 3] {
    [
        (Mode::Inclusive, C14nMode::Inclusive),
        (Mode::Inclusive11, C14nMode::Inclusive11),
        (Mode::Exclusive, C14nMode::Exclusive),
    ]
}

/// Compares the two on every apex of `xml`; returns how many outputs were compared.
fn compare(name: &str, xml: &str, prefixes: &[String]) -> usize {
    let tree = Tree::parse(xml).unwrap_or_else(|error| panic!("{name}: {error}"));
    let doc = uppsala::parse(xml).unwrap_or_else(|error| panic!("{name}: {error}"));
    let ours = our_elements(&tree);
    let theirs = their_elements(&doc);
    assert_eq!(ours.len(), theirs.len(), "{name}: element count");
    let mut compared = 0;
    for (&apex, &their_apex) in ours.iter().zip(&theirs) {
        // Its first ds:Signature child, as the enveloped-signature transform leaves it out.
        let signature = tree.children(apex).iter().position(|&child| {
            tree.element(child)
                .is_some_and(|element| element.is(DSIG_NS, "Signature"))
        });
        let their_children: Vec<_> = doc
            .children(their_apex)
            .into_iter()
            .filter(|&child| doc.element(child).is_some())
            .collect();
        let our_children: Vec<_> = tree
            .children(apex)
            .iter()
            .copied()
            .filter(|&child| tree.element(child).is_some())
            .collect();
        let excluded = signature.map(|at| {
            let ours = tree.children(apex)[at];
            let index = our_children.iter().position(|&c| c == ours).unwrap();
            (ours, their_children[index])
        });
        for (mode, their_mode) in modes() {
            let choices = if excluded.is_some() {
                vec![None, excluded]
            } else {
                vec![None]
            };
            for exclude in choices {
                let mut set = NodeSet::tree_without_comments(their_apex, &doc);
                if let Some((_, their_signature)) = exclude {
                    remove_subtree(&doc, their_signature, &mut set);
                }
                let expected =
                    bergshamra_c14n::canonicalize_doc(&doc, their_mode, Some(&set), prefixes)
                        .unwrap();
                let actual = c14n::canonicalize(
                    &tree,
                    Some(apex),
                    exclude.map(|(ours, _)| ours),
                    mode,
                    prefixes,
                )
                .unwrap();
                assert_eq!(
                    String::from_utf8_lossy(&actual),
                    String::from_utf8_lossy(&expected),
                    "{name}: {mode:?}, element {}, signature left out: {}",
                    tree.element(apex).unwrap().qname,
                    exclude.is_some()
                );
                compared += 1;
            }
        }
    }
    // The whole document.
    for (mode, their_mode) in modes() {
        let set = NodeSet::all_without_comments(&doc);
        let expected =
            bergshamra_c14n::canonicalize_doc(&doc, their_mode, Some(&set), prefixes).unwrap();
        let actual = c14n::canonicalize(&tree, None, None, mode, prefixes).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&actual),
            String::from_utf8_lossy(&expected),
            "{name}: {mode:?}, whole document"
        );
        compared += 1;
    }
    compared
}

fn remove_subtree(doc: &uppsala::Document<'_>, node: uppsala::NodeId, set: &mut NodeSet) {
    let mut pending = vec![node];
    while let Some(node) = pending.pop() {
        set.remove_id(node);
        pending.extend(doc.children(node));
    }
}

#[test]
fn every_fixture_canonicalises_as_bergshamra_does() {
    let mut files = Vec::new();
    xml_files(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &mut files,
    );
    files.sort();
    let mut compared = 0;
    let mut documents = 0;
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        // Only what both read: the signature check only ever sees such documents.
        if Tree::parse(text).is_err() || uppsala::parse(text).is_err() || bytes.len() > 300_000 {
            continue;
        }
        documents += 1;
        compared += compare(&file.display().to_string(), text, &[]);
    }
    assert!(documents >= 40, "only {documents} documents compared");
    assert!(compared > 1000, "only {compared} outputs compared");
}

#[test]
fn namespace_and_attribute_rules_canonicalise_as_bergshamra_does() {
    let cases = [
        // Default namespaces declared, redeclared and undeclared.
        r#"<a xmlns="urn:a"><b xmlns=""><c xmlns="urn:a"/></b><d xmlns="urn:a"/></a>"#,
        // Prefixes used and unused, on elements and attributes, redeclared with the same value.
        r#"<p:a xmlns:p="urn:p" xmlns:q="urn:q" xmlns:r="urn:r"><q:b r:x="1" xmlns:q="urn:q"><p:c q:y="2"/></q:b></p:a>"#,
        // Attribute order: no namespace first, then by namespace URI, then local name.
        r#"<a xmlns:z="urn:a" xmlns:b="urn:z" b:x="1" z:y="2" y="3" a="4" z:a="5"/>"#,
        // Attribute values: references, whitespace characters, quotes, '<' and '>'.
        "<a x=\"&lt;&amp;&gt;&quot;'&#9;&#10;&#13;&#x20;\" y='\"'>t&#13;\r\n&lt;&gt;&amp;<![CDATA[<&>]]></a>",
        // xml: attributes inherited by an apex, and not by others.
        r#"<a xml:lang="en" xml:space="preserve"><b xml:lang="de"><c/></b></a>"#,
        // Processing instructions inside and outside the root.
        "<?pi one?><a><?pi two  ?><?empty?></a><?pi three?>",
        // Empty elements and character data.
        "<a><b/><c></c>  text  <d>&#x1F600;é</d></a>",
    ];
    for (index, case) in cases.iter().enumerate() {
        compare(&format!("case {index}"), case, &[]);
    }
    // Exclusive C14N's InclusiveNamespaces PrefixList, with #default.
    let case =
        r#"<a xmlns="urn:d" xmlns:p="urn:p" xmlns:q="urn:q"><b><c xmlns:p="urn:p2"/></b></a>"#;
    for list in [
        vec!["p".to_string()],
        vec!["#default".to_string(), "q".to_string()],
        vec!["p".to_string(), "q".to_string(), "absent".to_string()],
    ] {
        let tree = Tree::parse(case).unwrap();
        let doc = uppsala::parse(case).unwrap();
        for (apex, their_apex) in our_elements(&tree).into_iter().zip(their_elements(&doc)) {
            let set = NodeSet::tree_without_comments(their_apex, &doc);
            let expected =
                bergshamra_c14n::canonicalize_doc(&doc, C14nMode::Exclusive, Some(&set), &list)
                    .unwrap();
            let actual =
                c14n::canonicalize(&tree, Some(apex), None, Mode::Exclusive, &list).unwrap();
            assert_eq!(
                String::from_utf8_lossy(&actual),
                String::from_utf8_lossy(&expected),
                "PrefixList {list:?}"
            );
        }
    }
}

/// XML 1.0 §3.3.3: a literal tab, line feed or carriage return (a CR LF pair as one) in an
/// attribute value is read as a space; a character reference to one stays what it is. uppsala
/// keeps them as written, libxml2 (xmlsec1) reads them as XML says, and so does the core.
#[test]
fn literal_whitespace_in_attribute_values_is_read_as_spaces() {
    let tree = Tree::parse("<a z=\"a\r\nb\tc\nd\re\" x=\"&#9;&#10;&#13;\"/>").unwrap();
    let root = tree.document_element().unwrap();
    for (mode, _) in modes() {
        let canonical = c14n::canonicalize(&tree, Some(root), None, mode, &[]).unwrap();
        assert_eq!(
            String::from_utf8(canonical).unwrap(),
            r#"<a x="&#x9;&#xA;&#xD;" z="a b c d e"></a>"#
        );
    }
}
