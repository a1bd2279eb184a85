//! The XML tree that signatures are checked on: elements with their namespaces resolved,
//! attribute values normalised as XML says (references resolved, whitespace characters read as
//! spaces), text with its line ends normalised, and nothing else an XML-DSig check needs (no
//! comments, no DTD: a document with one is refused).
//!
//! It is built from quick-xml's events, the reader the core already links, rather than with a
//! DOM crate: `uppsala`, the DOM bergshamra's canonicaliser works on, was the largest single
//! share of the wasm module (42 KB of code for what the signature check needs from it), and the
//! wasm module has a size budget. Only documents that the hardened reader has already accepted
//! (no DTD, bounded depth, checked characters) are ever given to it.

use std::rc::Rc;

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

use crate::xml_reader::resolve_reference;

/// The namespace the prefix `xml` is bound to, always.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

pub type NodeId = usize;

/// A document: node 0 is the document itself, its children are the root element and any
/// processing instructions around it.
#[derive(Debug, Default)]
pub struct Tree {
    nodes: Vec<Node>,
}

#[derive(Debug)]
pub struct Node {
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
    pub kind: Kind,
}

#[derive(Debug)]
pub enum Kind {
    Document,
    Element(Element),
    /// Character data (text, CDATA sections and references, merged), line ends normalised.
    Text(String),
    /// A processing instruction: its target and its data (without the space after the target).
    Pi(String, String),
}

#[derive(Debug)]
pub struct Element {
    /// The name as written, `prefix:local` or `local`.
    pub qname: String,
    /// The namespace URI the name is in (`None`: no namespace), shared with its declaration.
    pub ns: Option<Rc<str>>,
    /// The namespace declarations on this element: (prefix, URI), `""` for the default
    /// namespace; an empty URI undeclares the default namespace.
    pub declarations: Vec<(String, Rc<str>)>,
    /// The attributes other than namespace declarations, in document order.
    pub attributes: Vec<Attribute>,
}

#[derive(Debug)]
pub struct Attribute {
    pub qname: String,
    pub ns: Option<Rc<str>>,
    /// The normalised value.
    pub value: String,
}

/// `prefix:local` as (prefix, local); `""` for no prefix.
fn split(qname: &str) -> (&str, &str) {
    qname.split_once(':').unwrap_or(("", qname))
}

impl Attribute {
    pub fn prefix(&self) -> &str {
        split(&self.qname).0
    }

    pub fn local(&self) -> &str {
        split(&self.qname).1
    }
}

impl Element {
    pub fn prefix(&self) -> &str {
        split(&self.qname).0
    }

    pub fn local(&self) -> &str {
        split(&self.qname).1
    }

    /// Whether this element is `local` in namespace `ns`.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.local() == local && self.ns.as_deref() == Some(ns)
    }

    /// The first attribute with this local name, whatever its prefix.
    pub fn attribute(&self, local: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|attribute| attribute.local() == local)
            .map(|attribute| attribute.value.as_str())
    }
}

impl Tree {
    pub const DOCUMENT: NodeId = 0;

    /// Reads a document. The error is a few words on why it is not readable.
    pub fn parse(xml: &str) -> Result<Tree, String> {
        Builder::default().run(xml)
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes.get(id)?.kind {
            Kind::Element(element) => Some(element),
            _ => None,
        }
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.nodes.get(id)?.parent
    }

    pub fn children(&self, id: NodeId) -> &[NodeId] {
        self.nodes
            .get(id)
            .map_or(&[], |node| node.children.as_slice())
    }

    /// The root element.
    pub fn document_element(&self) -> Option<NodeId> {
        self.children(Self::DOCUMENT)
            .iter()
            .copied()
            .find(|&child| self.element(child).is_some())
    }

    /// The URI `prefix` is bound to on element `id` (`""`: the default namespace); `None` when it
    /// is not bound, or when the default namespace is undeclared.
    pub fn namespace_of(&self, id: NodeId, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML_NS);
        }
        self.declared(id, prefix).map(|uri| &**uri)
    }

    /// The declaration in force for `prefix` (not `xml`) on element `id`, unless it undeclares.
    fn declared(&self, id: NodeId, prefix: &str) -> Option<&Rc<str>> {
        let mut at = Some(id);
        while let Some(node) = at {
            if let Some(element) = self.element(node)
                && let Some((_, uri)) = element
                    .declarations
                    .iter()
                    .find(|(declared, _)| declared == prefix)
            {
                return (!uri.is_empty()).then_some(uri);
            }
            at = self.parent(node);
        }
        None
    }

    /// Every prefix declared on the element or its ancestors (`""` for the default namespace),
    /// each once.
    pub fn prefixes_in_scope(&self, id: NodeId) -> Vec<&str> {
        let mut prefixes: Vec<&str> = Vec::new();
        let mut at = Some(id);
        while let Some(node) = at {
            if let Some(element) = self.element(node) {
                for (prefix, _) in &element.declarations {
                    if !prefixes.contains(&prefix.as_str()) {
                        prefixes.push(prefix);
                    }
                }
            }
            at = self.parent(node);
        }
        prefixes
    }

    /// All character data directly inside an element, concatenated.
    pub fn text_of(&self, id: NodeId) -> String {
        let mut text = String::new();
        for &child in self.children(id) {
            if let Kind::Text(content) = &self.nodes[child].kind {
                text.push_str(content);
            }
        }
        text
    }
}

#[derive(Default)]
struct Builder {
    tree: Tree,
    /// The open elements, innermost last (the document first).
    open: Vec<NodeId>,
}

impl Builder {
    fn run(mut self, xml: &str) -> Result<Tree, String> {
        self.tree.nodes.push(Node {
            parent: None,
            children: Vec::new(),
            kind: Kind::Document,
        });
        self.open.push(Tree::DOCUMENT);
        let mut reader = Reader::from_str(xml);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = true;
        loop {
            match reader.read_event().map_err(|error| error.to_string())? {
                Event::Start(start) => self.start(&start)?,
                Event::End(_) => {
                    self.open.pop();
                }
                Event::Empty(start) => {
                    self.start(&start)?;
                    self.open.pop();
                }
                Event::Text(text) => {
                    if self.open.len() > 1 {
                        self.text(normalise_line_ends(&text.into_inner()));
                    }
                }
                Event::CData(data) => {
                    self.text(normalise_line_ends(&data.into_inner()));
                }
                Event::GeneralRef(reference) => {
                    let resolved =
                        resolve_reference(&reference).ok_or("a reference names no character")?;
                    self.text(resolved.to_string());
                }
                Event::PI(pi) => {
                    let data = pi.content().trim_start_matches([' ', '\t', '\r', '\n']);
                    self.push(Kind::Pi(pi.target().to_owned(), normalise_line_ends(data)));
                }
                Event::DocType(_) => return Err("the document has a DTD".to_owned()),
                Event::Decl(_) | Event::Comment(_) => {}
                Event::Eof => break,
            }
        }
        if self.open.len() != 1 || self.tree.document_element().is_none() {
            return Err("the document is incomplete".to_owned());
        }
        Ok(self.tree)
    }

    fn push(&mut self, kind: Kind) -> NodeId {
        let parent = *self.open.last().unwrap_or(&Tree::DOCUMENT);
        let id = self.tree.nodes.len();
        self.tree.nodes.push(Node {
            parent: Some(parent),
            children: Vec::new(),
            kind,
        });
        self.tree.nodes[parent].children.push(id);
        id
    }

    fn text(&mut self, content: String) {
        let parent = *self.open.last().unwrap_or(&Tree::DOCUMENT);
        if let Some(&last) = self.tree.nodes[parent].children.last()
            && let Kind::Text(text) = &mut self.tree.nodes[last].kind
        {
            text.push_str(&content);
            return;
        }
        self.push(Kind::Text(content));
    }

    fn start(&mut self, start: &BytesStart<'_>) -> Result<(), String> {
        // The declarations first: the element's name and attributes are resolved with them.
        let mut declarations = Vec::new();
        for attribute in start.attributes().with_checks(true) {
            let attribute = attribute.map_err(|error| error.to_string())?;
            let key = attribute.key.0;
            let prefix = if key == "xmlns" {
                ""
            } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                prefix
            } else {
                continue;
            };
            let value = normalise_attribute(&attribute.value)?;
            if value.is_empty() && !prefix.is_empty() {
                return Err(format!("the namespace prefix {prefix} is undeclared"));
            }
            declarations.push((prefix.to_owned(), Rc::from(value)));
        }
        let qname = start.name().0;
        let id = self.push(Kind::Element(Element {
            qname: qname.to_owned(),
            ns: None,
            declarations,
            attributes: Vec::new(),
        }));
        self.open.push(id);
        let ns = self.resolve(id, split(qname).0, true)?;
        let mut attributes: Vec<Attribute> = Vec::new();
        for attribute in start.attributes().with_checks(true) {
            let attribute = attribute.map_err(|error| error.to_string())?;
            let qname = attribute.key.0;
            if qname == "xmlns" || qname.starts_with("xmlns:") {
                continue;
            }
            let (prefix, local) = split(qname);
            let ns = if prefix.is_empty() {
                None
            } else {
                self.resolve(id, prefix, false)?
            };
            if ns.is_some()
                && attributes
                    .iter()
                    .any(|other| other.local() == local && other.ns == ns)
            {
                return Err(format!("the attribute {qname} is given twice"));
            }
            attributes.push(Attribute {
                qname: qname.to_owned(),
                ns,
                value: normalise_attribute(&attribute.value)?,
            });
        }
        if let Kind::Element(element) = &mut self.tree.nodes[id].kind {
            element.ns = ns;
            element.attributes = attributes;
        }
        Ok(())
    }

    fn resolve(&self, id: NodeId, prefix: &str, element: bool) -> Result<Option<Rc<str>>, String> {
        if prefix == "xml" {
            return Ok(Some(Rc::from(XML_NS)));
        }
        match self.tree.declared(id, prefix) {
            Some(uri) => Ok(Some(Rc::clone(uri))),
            None if prefix.is_empty() && element => Ok(None),
            None => Err(format!("the namespace prefix {prefix} is not declared")),
        }
    }
}

/// `\r\n` and a lone `\r` become `\n`, as an XML processor reads them.
fn normalise_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// An attribute value as XML reads it: line ends normalised, each literal whitespace character
/// a space, references resolved (a referenced whitespace character stays what it is).
fn normalise_attribute(raw: &str) -> Result<String, String> {
    let mut value = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find(['&', '\r', '\n', '\t']) {
        value.push_str(&rest[..at]);
        let c = rest.as_bytes()[at];
        rest = &rest[at + 1..];
        match c {
            b'&' => {
                let end = rest.find(';').ok_or("an attribute holds a bare '&'")?;
                let reference = BytesRef::new(&rest[..end]);
                value.push(resolve_reference(&reference).ok_or("a reference names no character")?);
                rest = &rest[end + 1..];
            }
            b'\r' => {
                value.push(' ');
                rest = rest.strip_prefix('\n').unwrap_or(rest);
            }
            _ => value.push(' '),
        }
    }
    value.push_str(rest);
    Ok(value)
}
