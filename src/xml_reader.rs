//! The hardened XML reader that every SAML document here is read with: no DTD (so no entity
//! but the five predefined ones and character references), nesting bounded at [`MAX_DEPTH`],
//! characters checked against XML 1.0, one root and nothing but space and comments around it,
//! and every error named with its line and column. quick-xml tokenises and checks none of these;
//! roxmltree would check most of them, but it builds the whole tree and reads DTDs, where these
//! readers stream over large aggregates and skip what they do not need. The readers of
//! metadata, responses and AuthnRequests take its nodes.

use crate::error::InputError;
use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{NamespaceResolver, ResolveResult};
use std::borrow::Cow;

/// What the reader hands on: elements opening and closing, and text with its references
/// resolved and its characters checked.
#[derive(Debug)]
pub(crate) enum Node<'x> {
    /// An element opened; a `Close` follows it.
    Open(BytesStart<'x>),
    /// An element that closes where it opens (`<a/>`): no `Close` follows.
    Empty(BytesStart<'x>),
    Close,
    /// Text, CDATA, or one resolved reference, inside the root.
    Text(Cow<'x, str>),
    /// The end of a well-formed document.
    End,
}

/// quick-xml's reader over a whole document, with the checks it does not make.
pub(crate) struct HardenedReader<'x> {
    reader: Reader<&'x [u8]>,
    xml: &'x [u8],
    namespaces: NamespaceResolver,
    /// Elements open now.
    depth: usize,
    root_seen: bool,
    /// The scope of the last `Empty` element, closed at the next node.
    empty_scope: bool,
    /// Where the last node starts.
    position: usize,
}

impl<'x> HardenedReader<'x> {
    pub(crate) fn new(xml: &'x [u8]) -> Self {
        let mut reader = Reader::from_reader(xml);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        HardenedReader {
            reader,
            xml,
            namespaces: NamespaceResolver::default(),
            depth: 0,
            root_seen: false,
            empty_scope: false,
            position: 0,
        }
    }

    /// The namespace of an element the last node opened.
    pub(crate) fn namespace(&self, element: &BytesStart) -> ResolveResult<'_> {
        self.namespaces.resolve_element(element.name()).0
    }

    /// An error at the last node.
    pub(crate) fn error(&self, detail: &str) -> InputError {
        syntax_error(self.xml, self.position, detail)
    }

    /// Several attributes of an element the last node opened (see [`attributes`]).
    pub(crate) fn attributes<const N: usize>(
        &self,
        element: &BytesStart,
        names: [&str; N],
    ) -> Result<[Option<String>; N], InputError> {
        attributes(element, names, self.xml, self.position)
    }

    /// The next node, or the error that ends the reading.
    pub(crate) fn next(&mut self) -> Result<Node<'x>, InputError> {
        if std::mem::take(&mut self.empty_scope) {
            self.namespaces.pop();
        }
        loop {
            self.position = self.reader.buffer_position() as usize;
            let event = self.reader.read_event().map_err(|error| {
                syntax_error(self.xml, self.error_position(), &error.to_string())
            })?;
            match event {
                Event::Start(element) => {
                    self.open(&element)?;
                    self.depth += 1;
                    return Ok(Node::Open(element));
                }
                Event::Empty(element) => {
                    self.open(&element)?;
                    self.empty_scope = true;
                    return Ok(Node::Empty(element));
                }
                Event::End(_) => {
                    self.namespaces.pop();
                    self.depth -= 1;
                    return Ok(Node::Close);
                }
                Event::Text(text) => {
                    let content = text.into_inner();
                    if self.depth == 0 {
                        if content.trim_matches(XML_SPACE).is_empty() {
                            continue;
                        }
                        return Err(self.outside_root());
                    }
                    check_chars(&content, self.xml, self.position)?;
                    return Ok(Node::Text(content));
                }
                Event::CData(data) => {
                    if self.depth == 0 {
                        return Err(self.outside_root());
                    }
                    let content = data.into_inner();
                    check_chars(&content, self.xml, self.position)?;
                    return Ok(Node::Text(content));
                }
                Event::GeneralRef(reference) => {
                    if self.depth == 0 {
                        return Err(self.outside_root());
                    }
                    let resolved = resolve_reference(&reference)
                        .ok_or_else(|| undefined_reference(self.xml, self.position, &reference))?;
                    return Ok(Node::Text(Cow::Owned(resolved.to_string())));
                }
                Event::DocType(_) => return Err(InputError::DtdRefused),
                Event::Eof => {
                    if self.depth != 0 {
                        return Err(syntax_error(
                            self.xml,
                            self.xml.len(),
                            "the document ends before its elements are closed",
                        ));
                    }
                    if !self.root_seen {
                        return Err(syntax_error(
                            self.xml,
                            self.xml.len(),
                            "there is no root element",
                        ));
                    }
                    return Ok(Node::End);
                }
                Event::Decl(_) if self.position != 0 => {
                    return Err(self.error("an XML declaration may only start the document"));
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            }
        }
    }

    /// Steps over the element the last node opened, and everything in it, with `skip`: given
    /// quick-xml's reader just after the start tag, and the depth the element stands at.
    pub(crate) fn skip_element(
        &mut self,
        skip: impl FnOnce(&mut Reader<&'x [u8]>, usize) -> Result<(), InputError>,
    ) -> Result<(), InputError> {
        self.depth -= 1;
        skip(&mut self.reader, self.depth)?;
        self.namespaces.pop();
        Ok(())
    }

    fn open(&mut self, element: &BytesStart) -> Result<(), InputError> {
        if self.depth >= MAX_DEPTH {
            return Err(InputError::TooDeep { limit: MAX_DEPTH });
        }
        if self.depth == 0 {
            if self.root_seen {
                return Err(self.error("a second root element follows the first"));
            }
            self.root_seen = true;
        }
        self.namespaces
            .push(element)
            .map_err(|error| self.error(&error.to_string()))
    }

    fn error_position(&self) -> usize {
        self.reader.error_position() as usize
    }

    fn outside_root(&self) -> InputError {
        outside_root(self.xml, self.position, self.root_seen)
    }
}

/// No SAML metadata nests anywhere near this deep; hostile input does.
pub const MAX_DEPTH: usize = 256;

/// Several attributes' values, read in one pass over the element's attributes.
pub(crate) fn attributes<const N: usize>(
    element: &BytesStart,
    names: [&str; N],
    xml: &[u8],
    position: usize,
) -> Result<[Option<String>; N], InputError> {
    let mut found: [Option<String>; N] = std::array::from_fn(|_| None);
    // Every attribute is read, so that a second one of a wanted name is refused.
    for attribute in element.attributes().with_checks(false) {
        let attribute =
            attribute.map_err(|error| syntax_error(xml, position, &error.to_string()))?;
        if attribute.key.prefix().is_some() {
            continue;
        }
        let local = attribute.key.local_name();
        let Some(index) = names.iter().position(|name| local.as_ref() == *name) else {
            continue;
        };
        if found[index].is_some() {
            return Err(syntax_error(
                xml,
                position,
                &format!("the attribute {} is given twice", names[index]),
            ));
        }
        if attribute.value.contains('<') {
            return Err(syntax_error(
                xml,
                position,
                "an attribute value holds a '<'",
            ));
        }
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|error| syntax_error(xml, position, &error.to_string()))?;
        check_chars(&value, xml, position)?;
        let trimmed = value.trim();
        found[index] = Some(if trimmed.len() == value.len() {
            value.into_owned()
        } else {
            trimmed.to_string()
        });
    }
    Ok(found)
}

pub(crate) const XML_SPACE: &[char] = &[' ', '\t', '\r', '\n'];

fn outside_root(xml: &[u8], position: usize, root_seen: bool) -> InputError {
    syntax_error(
        xml,
        position,
        if root_seen {
            "content follows the root element"
        } else {
            "content precedes the root element"
        },
    )
}

/// Refuses characters outside XML 1.0's Char production (quick-xml does not check them).
fn check_chars(text: &str, xml: &[u8], position: usize) -> Result<(), InputError> {
    // A byte scan (vectorised) for the control characters; the two non-characters are rare.
    let control = text.bytes().fold(false, |seen, b| {
        seen | (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r')
    });
    if !control && !text.as_bytes().contains(&0xEF) {
        return Ok(());
    }
    let c = text
        .chars()
        .find(|&c| matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}'))
        .unwrap_or('\u{0}');
    Err(syntax_error(
        xml,
        position,
        &format!("the character U+{:04X} is not allowed in XML", c as u32),
    ))
}

pub(crate) fn undefined_reference(xml: &[u8], position: usize, reference: &BytesRef) -> InputError {
    syntax_error(
        xml,
        position,
        &format!(
            "the entity reference &{}; is not defined",
            reference_name(reference)
        ),
    )
}

fn reference_name(reference: &BytesRef) -> String {
    let name: &str = reference.as_ref();
    let cut: String = name
        .chars()
        .take_while(|c| !c.is_whitespace() && !c.is_control())
        .take(60)
        .collect();
    if cut.len() < name.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// The five predefined entities and character references; XML without a DTD has no others.
pub(crate) fn resolve_reference(reference: &BytesRef) -> Option<char> {
    if reference.is_char_ref() {
        return reference.resolve_char_ref().ok().flatten();
    }
    match reference.as_ref() {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

/// An XML error with its line and column (1-based, columns in characters).
pub(crate) fn syntax_error(xml: &[u8], position: usize, detail: &str) -> InputError {
    let position = position.min(xml.len());
    let before = &xml[..position];
    let line = before.iter().filter(|&&byte| byte == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |index| index + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    InputError::XmlSyntax {
        line,
        column,
        detail: one_line(detail.trim_end_matches('.')),
    }
}

/// quick-xml's messages quote the input between backticks, up to the next '>' (line breaks,
/// text, full stops and all): keep each quoted name to its first word, 60 characters at most,
/// and the whole detail on one line.
fn one_line(detail: &str) -> String {
    let mut out = String::new();
    for (index, part) in detail.split('`').enumerate() {
        if index > 0 {
            out.push('`');
        }
        if index % 2 == 1 {
            let cut: String = part
                .chars()
                .take_while(|c| !c.is_whitespace() && !c.is_control())
                .take(60)
                .collect();
            let shortened = cut.len() < part.len();
            out.push_str(&cut);
            if shortened {
                out.push('…');
            }
        } else {
            out.push_str(
                &part
                    .split(|c: char| c.is_whitespace() || c.is_control())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
    }
    out.chars().take(200).collect()
}
