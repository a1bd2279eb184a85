//! Canonical XML (C14N 1.0 and 1.1) and Exclusive Canonical XML, as XML-DSig uses them: over
//! an element's subtree or the whole document, less one excluded subtree (the enveloped
//! signature), and never with comments (the tree holds none: the node sets of same-document
//! references and of SignedInfo are taken without comments).
//!
//! Written here rather than taken from a crate: bergshamra's canonicaliser (`bergshamra-c14n`),
//! which the core used first, works only on its own DOM (`uppsala`), and the two were 66 KB of
//! the wasm module's code against its size budget, while this works on the small tree of
//! `xml_tree` (built from quick-xml, which the core links anyway). Its output is checked
//! byte for byte against bergshamra's on the test corpus, and every signature verdict against
//! xmlsec1's (tests/response.rs, tests/metadata_signature.rs). C14N 1.1's `xml:base` fix-up is
//! not done: a subtree whose omitted ancestors carry `xml:base` is refused under C14N 1.1
//! (SAML never signs such a subtree).

use crate::xml_tree::{Kind, NodeId, Tree, XML_NS};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Canonical XML 1.0.
    Inclusive,
    /// Canonical XML 1.1.
    Inclusive11,
    /// Exclusive Canonical XML 1.0.
    Exclusive,
}

impl Mode {
    /// The mode an algorithm URI names, with or without comments alike.
    pub fn from_uri(uri: &str) -> Option<Mode> {
        match uri {
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
            | "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments" => {
                Some(Mode::Inclusive)
            }
            "http://www.w3.org/2006/12/xml-c14n11"
            | "http://www.w3.org/2006/12/xml-c14n11#WithComments" => Some(Mode::Inclusive11),
            "http://www.w3.org/2001/10/xml-exc-c14n#"
            | "http://www.w3.org/2001/10/xml-exc-c14n#WithComments" => Some(Mode::Exclusive),
            _ => None,
        }
    }
}

/// What to canonicalise: the subtree of `apex` (`None`: the whole document), less the subtree
/// of `excluded`; `prefixes` is Exclusive C14N's InclusiveNamespaces PrefixList (`#default`
/// for the default namespace).
pub fn canonicalize(
    tree: &Tree,
    apex: Option<NodeId>,
    excluded: Option<NodeId>,
    mode: Mode,
    prefixes: &[String],
) -> Result<Vec<u8>, String> {
    let prefixes = prefixes
        .iter()
        .map(|prefix| match prefix.as_str() {
            "#default" => "",
            prefix => prefix,
        })
        .collect();
    // The canonical form is about as long as the text it was read from.
    let capacity = apex
        .or_else(|| tree.document_element())
        .and_then(|id| tree.element(id))
        .map_or(0, |element| element.source_len);
    let mut writer = Writer {
        tree,
        excluded,
        mode,
        prefixes,
        out: Vec::with_capacity(capacity),
        candidates: Vec::new(),
        declarations: Vec::new(),
        attributes: Vec::new(),
    };
    match apex {
        Some(apex) => writer.element(apex, &mut Vec::new(), true)?,
        None => {
            let root = tree.document_element();
            let mut after_root = false;
            for &child in tree.children(Tree::DOCUMENT) {
                if Some(child) == excluded {
                    continue;
                }
                match &tree.node(child).kind {
                    Kind::Element(_) => {
                        writer.element(child, &mut Vec::new(), false)?;
                        after_root = Some(child) == root;
                    }
                    Kind::Pi(target, data) => {
                        if after_root {
                            writer.out.push(b'\n');
                        }
                        writer.pi(target, data);
                        if !after_root {
                            writer.out.push(b'\n');
                        }
                    }
                    Kind::Text(_) | Kind::Document => {}
                }
            }
        }
    }
    Ok(writer.out)
}

struct Writer<'t> {
    tree: &'t Tree<'t>,
    excluded: Option<NodeId>,
    mode: Mode,
    prefixes: Vec<&'t str>,
    out: Vec<u8>,
    // Each element's working lists, kept from one element to the next: its start tag is
    // written before its children are, so one set serves the whole subtree.
    /// The prefixes whose declarations are candidates for output.
    candidates: Vec<&'t str>,
    /// The declarations to output, (prefix, URI).
    declarations: Vec<(&'t str, &'t str)>,
    /// The attributes to output: (namespace URI, local name, qualified name, value).
    attributes: Vec<(&'t str, &'t str, &'t str, &'t str)>,
}

impl<'t> Writer<'t> {
    /// Writes element `id` and its content. `rendered`: the namespace declarations in force in
    /// the output, (prefix, URI), innermost last; `apex`: the element's parent is not output.
    fn element(
        &mut self,
        id: NodeId,
        rendered: &mut Vec<(&'t str, &'t str)>,
        apex: bool,
    ) -> Result<(), String> {
        let tree = self.tree;
        let Some(element) = tree.element(id) else {
            return Ok(());
        };
        let candidates = &mut self.candidates;
        candidates.clear();
        match self.mode {
            Mode::Exclusive => {
                candidates.push(element.prefix());
                for attribute in tree.attributes(id) {
                    let prefix = attribute.prefix();
                    if !prefix.is_empty() && !candidates.contains(&prefix) {
                        candidates.push(prefix);
                    }
                }
                for &prefix in &self.prefixes {
                    if !candidates.contains(&prefix) {
                        candidates.push(prefix);
                    }
                }
            }
            Mode::Inclusive | Mode::Inclusive11 => {
                tree.prefixes_in_scope(id, candidates);
                if !candidates.contains(&"") {
                    candidates.push("");
                }
            }
        }
        self.declarations.clear();
        for &prefix in self.candidates.iter().filter(|&&prefix| prefix != "xml") {
            let value = tree.namespace_of(id, prefix).unwrap_or("");
            let in_force = rendered
                .iter()
                .rev()
                .find(|(rendered_prefix, _)| *rendered_prefix == prefix)
                .map_or("", |(_, uri)| uri);
            if value != in_force {
                self.declarations.push((prefix, value));
            }
        }
        self.declarations.sort_unstable();
        let mark = rendered.len();
        rendered.extend_from_slice(&self.declarations);

        // Attributes, sorted by namespace URI (none first) and local name.
        self.attributes.clear();
        self.attributes
            .extend(tree.attributes(id).iter().map(|attribute| {
                (
                    attribute.ns.as_deref().unwrap_or(""),
                    attribute.local(),
                    attribute.qname,
                    &*attribute.value,
                )
            }));
        if apex && self.mode != Mode::Exclusive {
            inherit_xml_attributes(tree, id, self.mode, &mut self.attributes)?;
        }
        self.attributes
            .sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));

        let out = &mut self.out;
        out.push(b'<');
        out.extend_from_slice(element.qname.as_bytes());
        for (prefix, uri) in &self.declarations {
            out.extend_from_slice(b" xmlns");
            if !prefix.is_empty() {
                out.push(b':');
                out.extend_from_slice(prefix.as_bytes());
            }
            out.extend_from_slice(b"=\"");
            escape::<true>(out, uri);
            out.push(b'"');
        }
        for (_, _, qname, value) in &self.attributes {
            out.push(b' ');
            out.extend_from_slice(qname.as_bytes());
            out.extend_from_slice(b"=\"");
            escape::<true>(out, value);
            out.push(b'"');
        }
        out.push(b'>');
        for &child in tree.children(id) {
            if Some(child) == self.excluded {
                continue;
            }
            match &tree.node(child).kind {
                Kind::Element(_) => self.element(child, rendered, false)?,
                Kind::Text(text) => escape::<false>(&mut self.out, text),
                Kind::Pi(target, data) => self.pi(target, data),
                Kind::Document => {}
            }
        }
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(element.qname.as_bytes());
        self.out.push(b'>');
        rendered.truncate(mark);
        Ok(())
    }

    fn pi(&mut self, target: &str, data: &str) {
        self.out.extend_from_slice(b"<?");
        self.out.extend_from_slice(target.as_bytes());
        if !data.is_empty() {
            self.out.push(b' ');
            self.out.extend_from_slice(data.as_bytes());
        }
        self.out.extend_from_slice(b"?>");
    }
}

/// Writes `text` escaped: text and attribute values escape `&`, `<` and CR alike; text also
/// escapes `>`, attribute values `"`, tab and LF. What needs no escaping is copied a run at a
/// time. One function for each, so that the scan for what needs escaping has no branch.
fn escape<const IN_ATTRIBUTE: bool>(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    // Most text needs none (a certificate's base64, an indentation): one pass without branches
    // tells.
    let needs_escaping = bytes.iter().fold(false, |any, &byte| {
        any | match byte {
            b'&' | b'<' | b'\r' => true,
            b'>' => !IN_ATTRIBUTE,
            b'"' | b'\t' | b'\n' => IN_ATTRIBUTE,
            _ => false,
        }
    });
    if !needs_escaping {
        out.extend_from_slice(bytes);
        return;
    }
    let mut written = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let reference: &[u8] = match (byte, IN_ATTRIBUTE) {
            (b'&', _) => b"&amp;",
            (b'<', _) => b"&lt;",
            (b'\r', _) => b"&#xD;",
            (b'>', false) => b"&gt;",
            (b'"', true) => b"&quot;",
            (b'\t', true) => b"&#x9;",
            (b'\n', true) => b"&#xA;",
            _ => continue,
        };
        out.extend_from_slice(&bytes[written..at]);
        out.extend_from_slice(reference);
        written = at + 1;
    }
    out.extend_from_slice(&bytes[written..]);
}

/// Canonical XML: the apex also carries the `xml:` attributes of its (omitted) ancestors
/// that it does not set itself, the nearest first (1.1: only `xml:lang` and `xml:space`).
fn inherit_xml_attributes<'a>(
    tree: &'a Tree<'_>,
    id: NodeId,
    mode: Mode,
    attributes: &mut Vec<(&'a str, &'a str, &'a str, &'a str)>,
) -> Result<(), String> {
    let mut at = tree.parent(id);
    while let Some(node) = at {
        for attribute in tree.attributes(node) {
            if attribute.ns.as_deref() != Some(XML_NS) {
                continue;
            }
            if mode == Mode::Inclusive11 {
                match attribute.local() {
                    "lang" | "space" => {}
                    "base" => {
                        return Err(
                            "xml:base on an omitted ancestor is not supported with C14N 1.1"
                                .to_owned(),
                        );
                    }
                    _ => continue,
                }
            }
            if !attributes
                .iter()
                .any(|(ns, local, _, _)| *ns == XML_NS && *local == attribute.local())
            {
                attributes.push((
                    XML_NS,
                    attribute.local(),
                    attribute.qname,
                    &*attribute.value,
                ));
            }
        }
        at = tree.parent(node);
    }
    Ok(())
}
