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
//!
//! The tree borrows from the document it was read from: names, and every value and text that
//! normalising leaves as written, are slices of it (an indented CRLF document's line break and
//! indentation too: only its CR goes). The children, attributes and namespace declarations of
//! all nodes sit in three arrays of the tree, each node's in one run, so that reading a node
//! allocates nothing of its own: it is the cost of verifying a signature that this saves.

use std::borrow::Cow;
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::attributes::Attributes;
use quick_xml::events::{BytesRef, Event};

use crate::xml_reader::resolve_reference;

/// The namespace the prefix `xml` is bound to, always.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

pub type NodeId = usize;

/// A document: node 0 is the document itself, its children are the root element and any
/// processing instructions around it. Nodes are numbered in document order.
#[derive(Debug, Default)]
pub struct Tree<'a> {
    nodes: Vec<Node<'a>>,
    /// Every node's children, node after node: a node's are `children[node.children]`.
    children: Vec<NodeId>,
    /// Every element's attributes other than namespace declarations, element after element.
    attributes: Vec<Attribute<'a>>,
    /// Every element's namespace declarations, element after element.
    declarations: Vec<Declaration<'a>>,
}

#[derive(Debug)]
pub struct Node<'a> {
    pub parent: Option<NodeId>,
    /// Where its children are in the tree's `children`.
    children: Range<usize>,
    /// The node after its last descendant.
    end: NodeId,
    pub kind: Kind<'a>,
}

#[derive(Debug)]
pub enum Kind<'a> {
    Document,
    Element(Element<'a>),
    /// Character data (text, CDATA sections and references, merged), line ends normalised.
    Text(Cow<'a, str>),
    /// A processing instruction: its target and its data (without the space after the target).
    Pi(&'a str, Cow<'a, str>),
}

#[derive(Debug)]
pub struct Element<'a> {
    /// The name as written, `prefix:local` or `local`.
    pub qname: &'a str,
    /// The name's local part, found once (the prefix is what comes before it and its colon).
    local: &'a str,
    /// The namespace URI the name is in (`None`: no namespace).
    pub ns: Option<Cow<'a, str>>,
    /// How many bytes of the document it was read from, start tag to end tag: about the length
    /// of its canonical form.
    pub source_len: usize,
    /// Where its namespace declarations are in the tree's `declarations`.
    declarations: Range<usize>,
    /// Where its attributes are in the tree's `attributes`.
    attributes: Range<usize>,
}

#[derive(Debug)]
pub struct Attribute<'a> {
    pub qname: &'a str,
    local: &'a str,
    pub ns: Option<Cow<'a, str>>,
    /// The normalised value.
    pub value: Cow<'a, str>,
}

/// A namespace declaration: the prefix (`""` for the default namespace) and the URI, an empty
/// one undeclaring the default namespace.
#[derive(Debug)]
struct Declaration<'a> {
    prefix: &'a str,
    uri: Cow<'a, str>,
}

/// `prefix:local` as (prefix, local); `""` for no prefix.
fn split(qname: &str) -> (&str, &str) {
    qname.split_once(':').unwrap_or(("", qname))
}

/// The prefix of `qname`, whose local part (a suffix of it) is `local`.
fn prefix<'a>(qname: &'a str, local: &str) -> &'a str {
    qname
        .get(..qname.len().saturating_sub(local.len() + 1))
        .unwrap_or_default()
}

impl<'a> Attribute<'a> {
    pub fn prefix(&self) -> &'a str {
        prefix(self.qname, self.local)
    }

    pub fn local(&self) -> &'a str {
        self.local
    }
}

impl<'a> Element<'a> {
    pub fn prefix(&self) -> &'a str {
        prefix(self.qname, self.local)
    }

    pub fn local(&self) -> &'a str {
        self.local
    }

    /// Whether this element is `local` in namespace `ns`.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.local() == local && self.ns.as_deref() == Some(ns)
    }
}

impl<'a> Tree<'a> {
    pub const DOCUMENT: NodeId = 0;

    /// Reads a document. The error is a few words on why it is not readable.
    pub fn parse(xml: &'a str) -> Result<Tree<'a>, String> {
        Builder::new(xml).run()
    }

    pub fn node(&self, id: NodeId) -> &Node<'a> {
        &self.nodes[id]
    }

    pub fn element(&self, id: NodeId) -> Option<&Element<'a>> {
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
            .and_then(|node| self.children.get(node.children.clone()))
            .unwrap_or_default()
    }

    /// Node `id` and every node inside it, in document order.
    pub fn subtree(&self, id: NodeId) -> Range<NodeId> {
        self.nodes.get(id).map_or(id..id, |node| id..node.end)
    }

    /// The attributes of element `id` other than namespace declarations, in document order.
    pub fn attributes(&self, id: NodeId) -> &[Attribute<'a>] {
        self.element(id)
            .and_then(|element| self.attributes.get(element.attributes.clone()))
            .unwrap_or_default()
    }

    /// The first attribute of element `id` with this local name, whatever its prefix.
    pub fn attribute(&self, id: NodeId, local: &str) -> Option<&str> {
        self.attributes(id)
            .iter()
            .find(|attribute| attribute.local() == local)
            .map(|attribute| &*attribute.value)
    }

    fn declarations(&self, id: NodeId) -> &[Declaration<'a>] {
        self.element(id)
            .and_then(|element| self.declarations.get(element.declarations.clone()))
            .unwrap_or_default()
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
    fn declared(&self, id: NodeId, prefix: &str) -> Option<&Cow<'a, str>> {
        let mut at = Some(id);
        while let Some(node) = at {
            if let Some(declaration) = self
                .declarations(node)
                .iter()
                .find(|declaration| declaration.prefix == prefix)
            {
                return (!declaration.uri.is_empty()).then_some(&declaration.uri);
            }
            at = self.parent(node);
        }
        None
    }

    /// Adds to `prefixes` every prefix declared on the element or its ancestors (`""` for the
    /// default namespace) that it does not hold yet.
    pub fn prefixes_in_scope<'t>(&'t self, id: NodeId, prefixes: &mut Vec<&'t str>) {
        let mut at = Some(id);
        while let Some(node) = at {
            for declaration in self.declarations(node) {
                if !prefixes.contains(&declaration.prefix) {
                    prefixes.push(declaration.prefix);
                }
            }
            at = self.parent(node);
        }
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

struct Builder<'a> {
    xml: &'a str,
    tree: Tree<'a>,
    /// The open elements, innermost last (the document first), each with where it starts.
    open: Vec<(NodeId, usize)>,
    /// The current start tag's attributes other than declarations: (name, value as written).
    pending: Vec<(&'a str, &'a str)>,
}

impl<'a> Builder<'a> {
    fn new(xml: &'a str) -> Self {
        // Room for what the document holds, so that the arrays never grow: each '<' starts at
        // most one node, and ends at most one text; each attribute has its '='.
        let count = |byte| memchr::memchr_iter(byte, xml.as_bytes()).count();
        Builder {
            xml,
            tree: Tree {
                nodes: Vec::with_capacity(count(b'<') * 2 + 1),
                children: Vec::new(),
                attributes: Vec::with_capacity(count(b'=')),
                declarations: Vec::new(),
            },
            open: Vec::with_capacity(16),
            pending: Vec::new(),
        }
    }

    fn run(mut self) -> Result<Tree<'a>, String> {
        self.tree.nodes.push(Node {
            parent: None,
            children: 0..0,
            end: 1,
            kind: Kind::Document,
        });
        self.open.push((Tree::DOCUMENT, 0));
        let mut reader = Reader::from_str(self.xml);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = true;
        loop {
            match reader.read_event().map_err(|error| error.to_string())? {
                Event::Start(start) => {
                    let content = self.slice_of(&start)?;
                    self.start(content, start.name().0.len())?;
                }
                Event::End(_) => self.end(reader.buffer_position()),
                Event::Empty(start) => {
                    let content = self.slice_of(&start)?;
                    self.start(content, start.name().0.len())?;
                    self.end(reader.buffer_position());
                }
                Event::Text(text) => {
                    if self.open.len() > 1 {
                        let text = self.slice_of(&text)?;
                        self.text(normalise_line_ends(text));
                    }
                }
                Event::CData(data) => {
                    let data = self.slice_of(&data)?;
                    self.text(normalise_line_ends(data));
                }
                Event::GeneralRef(reference) => {
                    let resolved =
                        resolve_reference(&reference).ok_or("a reference names no character")?;
                    self.text(Cow::Owned(resolved.to_string()));
                }
                Event::PI(pi) => {
                    let content = self.slice_of(&pi)?;
                    let (target, data) = content
                        .split_at_checked(pi.target().len())
                        .ok_or("a processing instruction is cut short")?;
                    let data = data.trim_start_matches([' ', '\t', '\r', '\n']);
                    self.push(Kind::Pi(target, normalise_line_ends(data)));
                }
                Event::DocType(_) => return Err("the document has a DTD".to_owned()),
                Event::Decl(_) | Event::Comment(_) => {}
                Event::Eof => break,
            }
        }
        if self.open.len() != 1 {
            return Err("the document is incomplete".to_owned());
        }
        let mut tree = self.tree;
        tree.nodes[Tree::DOCUMENT].end = tree.nodes.len();
        tree.link_children();
        if tree.document_element().is_none() {
            return Err("the document is incomplete".to_owned());
        }
        Ok(tree)
    }

    /// The part of the document an event holds: quick-xml's events over a `&str` are slices of
    /// it, which the tree keeps instead of copies.
    fn slice_of(&self, part: &str) -> Result<&'a str, String> {
        let offset = (part.as_ptr() as usize).wrapping_sub(self.xml.as_ptr() as usize);
        match self.xml.get(offset..offset.wrapping_add(part.len())) {
            Some(slice) if std::ptr::eq(slice.as_ptr(), part.as_ptr()) => Ok(slice),
            _ => Err("the reader gave a part that is not in the document".to_owned()),
        }
    }

    /// Where a part of the document (from [`Builder::slice_of`]) starts in it.
    fn offset_of(&self, part: &'a str) -> usize {
        (part.as_ptr() as usize).saturating_sub(self.xml.as_ptr() as usize)
    }

    /// Adds a node under the innermost open element. Its parent counts it in `children.end`
    /// until [`Tree::link_children`] places the children.
    fn push(&mut self, kind: Kind<'a>) -> NodeId {
        let parent = self.open.last().map_or(Tree::DOCUMENT, |&(id, _)| id);
        let id = self.tree.nodes.len();
        self.tree.nodes.push(Node {
            parent: Some(parent),
            children: 0..0,
            end: id + 1,
            kind,
        });
        self.tree.nodes[parent].children.end += 1;
        id
    }

    fn end(&mut self, position: u64) {
        let next = self.tree.nodes.len();
        if let Some((id, start)) = self.open.pop()
            && let Some(node) = self.tree.nodes.get_mut(id)
        {
            node.end = next;
            if let Kind::Element(element) = &mut node.kind {
                element.source_len =
                    usize::try_from(position).map_or(0, |end| end - start.min(end));
            }
        }
    }

    fn text(&mut self, content: Cow<'a, str>) {
        let parent = self.open.last().map_or(Tree::DOCUMENT, |&(id, _)| id);
        // Nodes come in document order: the parent's last child, if text, is the last node.
        if let Some(last) = self.tree.nodes.last_mut()
            && last.parent == Some(parent)
            && let Kind::Text(text) = &mut last.kind
        {
            text.to_mut().push_str(&content);
            return;
        }
        self.push(Kind::Text(content));
    }

    /// An element from its start tag's `content` (`name attributes`), whose name is the first
    /// `name_len` bytes.
    fn start(&mut self, content: &'a str, name_len: usize) -> Result<(), String> {
        // The declarations first: the element's name and attributes are resolved with them.
        let declarations_start = self.tree.declarations.len();
        self.pending.clear();
        for attribute in Attributes::new(content, name_len).with_checks(true) {
            let attribute = attribute.map_err(|error| error.to_string())?;
            let key = attribute.key.0;
            let raw = match attribute.value {
                Cow::Borrowed(raw) => raw,
                Cow::Owned(_) => return Err("an attribute value is not in the document".into()),
            };
            let prefix = if key == "xmlns" {
                ""
            } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                prefix
            } else {
                self.pending.push((key, raw));
                continue;
            };
            let uri = normalise_attribute(raw)?;
            if uri.is_empty() && !prefix.is_empty() {
                return Err(format!("the namespace prefix {prefix} is undeclared"));
            }
            self.tree.declarations.push(Declaration { prefix, uri });
        }
        let qname = content.get(..name_len).ok_or("a start tag is cut short")?;
        // The start tag's '<' is the byte before its content.
        let start = self.offset_of(content).saturating_sub(1);
        let attributes_start = self.tree.attributes.len();
        let (prefix, local) = split(qname);
        let id = self.push(Kind::Element(Element {
            qname,
            local,
            ns: None,
            source_len: 0,
            declarations: declarations_start..self.tree.declarations.len(),
            attributes: attributes_start..attributes_start,
        }));
        self.open.push((id, start));
        let ns = self.resolve(id, prefix, true)?;
        for at in 0..self.pending.len() {
            let (qname, raw) = self.pending[at];
            let (prefix, local) = split(qname);
            let ns = if prefix.is_empty() {
                None
            } else {
                self.resolve(id, prefix, false)?
            };
            if ns.is_some()
                && self.tree.attributes[attributes_start..]
                    .iter()
                    .any(|other| other.local() == local && other.ns == ns)
            {
                return Err(format!("the attribute {qname} is given twice"));
            }
            self.tree.attributes.push(Attribute {
                qname,
                local,
                ns,
                value: normalise_attribute(raw)?,
            });
        }
        let attributes_end = self.tree.attributes.len();
        if let Kind::Element(element) = &mut self.tree.nodes[id].kind {
            element.ns = ns;
            element.attributes = attributes_start..attributes_end;
        }
        Ok(())
    }

    fn resolve(
        &self,
        id: NodeId,
        prefix: &str,
        element: bool,
    ) -> Result<Option<Cow<'a, str>>, String> {
        if prefix == "xml" {
            return Ok(Some(Cow::Borrowed(XML_NS)));
        }
        match self.tree.declared(id, prefix) {
            Some(uri) => Ok(Some(uri.clone())),
            None if prefix.is_empty() && element => Ok(None),
            None => Err(format!("the namespace prefix {prefix} is not declared")),
        }
    }
}

impl Tree<'_> {
    /// Places every node's children in `children`, in document order, once all nodes are read
    /// (each parent has counted its children in `children.end`).
    fn link_children(&mut self) {
        let mut next = 0;
        for node in &mut self.nodes {
            let count = node.children.end;
            node.children = next..next;
            next += count;
        }
        self.children = vec![Tree::DOCUMENT; next];
        for id in 1..self.nodes.len() {
            if let Some(parent) = self.nodes[id].parent
                && let Some(slot) = self.children.get_mut(self.nodes[parent].children.end)
            {
                *slot = id;
                self.nodes[parent].children.end += 1;
            }
        }
    }
}

/// `\r\n` and a lone `\r` become `\n`, as an XML processor reads them. Text that has no CR, or
/// only the CR of a leading CR LF (the indentation of a CRLF document), stays a slice of it.
fn normalise_line_ends(text: &str) -> Cow<'_, str> {
    let cr = |text: &str| memchr::memchr(b'\r', text.as_bytes());
    match cr(text) {
        None => Cow::Borrowed(text),
        Some(0) if text[1..].starts_with('\n') && cr(&text[1..]).is_none() => {
            Cow::Borrowed(&text[1..])
        }
        Some(_) => Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n")),
    }
}

/// An attribute value as XML reads it: line ends normalised, each literal whitespace character
/// a space, references resolved (a referenced whitespace character stays what it is).
fn normalise_attribute(raw: &str) -> Result<Cow<'_, str>, String> {
    // A byte scan: each of these is one byte in UTF-8, never part of another character.
    let special = |text: &str| {
        text.bytes()
            .position(|byte| matches!(byte, b'&' | b'\r' | b'\n' | b'\t'))
    };
    let Some(first) = special(raw) else {
        return Ok(Cow::Borrowed(raw));
    };
    let mut value = String::with_capacity(raw.len());
    value.push_str(&raw[..first]);
    let mut rest = &raw[first..];
    while let Some(at) = special(rest) {
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
    Ok(Cow::Owned(value))
}
