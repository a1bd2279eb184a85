//! SAML 2.0 metadata: one streaming pass over an EntityDescriptor or an EntitiesDescriptor
//! aggregate, keeping what the Mimecast form needs and nothing else.
//!
//! Elements of the metadata schema are matched by namespace (any prefix, or none at all);
//! `X509Certificate` is matched by local name anywhere inside a `KeyDescriptor`, because real
//! documents put it in the metadata namespace by mistake. Only the roles count: the document's
//! own `Signature` and WS-Federation `RoleDescriptor`s are skipped unread.

use crate::error::InputError;
use crate::xml_reader::{
    HardenedReader, MAX_DEPTH, Node, resolve_reference, syntax_error, undefined_reference,
};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use serde::Serialize;
use std::borrow::Cow;

const METADATA_NS: &str = "urn:oasis:names:tc:SAML:2.0:metadata";

/// A protocol endpoint, as the metadata lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    pub binding: String,
    pub location: String,
}

/// What a KeyDescriptor's `use` attribute says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyUse {
    Signing,
    Encryption,
    /// No `use`: the key serves both.
    Both,
}

/// The text of one X509Certificate element, still encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyCertificate<'a> {
    pub key_use: KeyUse,
    pub text: Cow<'a, str>,
}

/// The parts of one role (IDPSSODescriptor or SPSSODescriptor) that matter here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Role<'a> {
    pub single_sign_on: Vec<Endpoint>,
    pub single_logout: Vec<Endpoint>,
    pub assertion_consumers: Vec<Endpoint>,
    pub certificates: Vec<KeyCertificate<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity<'a> {
    pub entity_id: String,
    pub identity_provider: Option<Role<'a>>,
    pub service_provider: Option<Role<'a>>,
}

/// Where in a metadata document the reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Entities,
    Entity,
    IdentityProvider,
    ServiceProvider,
    KeyDescriptor(KeyUse),
    Certificate,
    /// Anything else inside a KeyDescriptor (KeyInfo, X509Data): descended into.
    KeyInfo,
    /// Anything else inside a role (Extensions, NameIDFormat, endpoints with children).
    Other,
}

/// Parses metadata. With `only_entity`, every other EntityDescriptor is skipped unread, which
/// keeps large aggregates fast.
pub fn parse<'a>(xml: &'a [u8], only_entity: Option<&str>) -> Result<Vec<Entity<'a>>, InputError> {
    parse_with(xml, only_entity, Skipping::Scan)
}

/// How skipped elements are stepped over: both ways must give the same result on any input,
/// which a test and the `skip_equivalence` fuzz target check.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skipping {
    /// One byte scan over plainly well-formed content, events otherwise.
    Scan,
    /// Event by event, always.
    Events,
}

#[doc(hidden)]
pub fn parse_with<'a>(
    xml: &'a [u8],
    only_entity: Option<&str>,
    skipping: Skipping,
) -> Result<Vec<Entity<'a>>, InputError> {
    // Our own namespace scopes (the hardened reader's): skipped elements then cost no namespace
    // bookkeeping at all (their scopes open and close with them).
    let mut reader = HardenedReader::new(xml);
    let mut entities: Vec<Entity<'a>> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut certificate_text: Option<Cow<'a, str>> = None;

    loop {
        match reader.next()? {
            Node::Open(element) => {
                let namespace = is_metadata_namespace(&reader.namespace(&element));
                let parent = stack.last().copied();
                let frame = match classify(parent, namespace, &element, &reader)? {
                    Opened::Frame(frame) => frame,
                    Opened::Entity(entity_id) => {
                        if only_entity.is_some_and(|wanted| wanted != entity_id) {
                            reader.skip_element(|raw, depth| skip(raw, depth, xml, skipping))?;
                            continue;
                        }
                        entities.push(Entity {
                            entity_id,
                            identity_provider: None,
                            service_provider: None,
                        });
                        Frame::Entity
                    }
                    Opened::Endpoint(kind, endpoint) => {
                        record_endpoint(&mut entities, parent, kind, endpoint);
                        Frame::Other
                    }
                    Opened::Skip => {
                        reader.skip_element(|raw, depth| skip(raw, depth, xml, skipping))?;
                        continue;
                    }
                };
                open_role(&mut entities, frame);
                if frame == Frame::Certificate {
                    certificate_text = Some(Cow::Borrowed(""));
                }
                stack.push(frame);
            }
            Node::Empty(element) => {
                let namespace = is_metadata_namespace(&reader.namespace(&element));
                let parent = stack.last().copied();
                match classify(parent, namespace, &element, &reader)? {
                    Opened::Entity(entity_id)
                        if only_entity.is_none_or(|wanted| wanted == entity_id) =>
                    {
                        entities.push(Entity {
                            entity_id,
                            identity_provider: None,
                            service_provider: None,
                        });
                    }
                    Opened::Endpoint(kind, endpoint) => {
                        record_endpoint(&mut entities, parent, kind, endpoint)
                    }
                    Opened::Frame(frame) => open_role(&mut entities, frame),
                    _ => {}
                }
            }
            Node::Close => {
                let closed = stack.pop();
                if closed == Some(Frame::Certificate) {
                    let text = certificate_text.take().unwrap_or_default();
                    let key_use = stack
                        .iter()
                        .rev()
                        .find_map(|frame| match frame {
                            Frame::KeyDescriptor(key_use) => Some(*key_use),
                            _ => None,
                        })
                        .unwrap_or(KeyUse::Both);
                    let role_frame = stack.iter().rev().find(|frame| {
                        matches!(frame, Frame::IdentityProvider | Frame::ServiceProvider)
                    });
                    if let (Some(role_frame), Some(entity)) = (role_frame, entities.last_mut()) {
                        let role = if *role_frame == Frame::IdentityProvider {
                            entity.identity_provider.as_mut()
                        } else {
                            entity.service_provider.as_mut()
                        };
                        if let Some(role) = role {
                            role.certificates.push(KeyCertificate { key_use, text });
                        }
                    }
                }
            }
            Node::Text(content) => {
                if let Some(collected) = certificate_text.as_mut() {
                    append(collected, content);
                }
            }
            Node::End => break,
        }
    }
    Ok(entities)
}

enum EndpointKind {
    SingleSignOn,
    SingleLogout,
    AssertionConsumer,
}

enum Opened {
    Frame(Frame),
    Entity(String),
    Endpoint(EndpointKind, Endpoint),
    Skip,
}

fn is_metadata_namespace(namespace: &ResolveResult) -> bool {
    match namespace {
        ResolveResult::Bound(Namespace(uri)) => *uri == METADATA_NS,
        // Metadata written without any namespace declaration is read as metadata all the same.
        ResolveResult::Unbound => true,
        ResolveResult::Unknown(_) => false,
    }
}

/// Decides what an opening element means, given where it is.
fn classify(
    parent: Option<Frame>,
    metadata: bool,
    element: &BytesStart,
    reader: &HardenedReader,
) -> Result<Opened, InputError> {
    let local = element.local_name();
    let local = local.as_ref();
    let opened = match (parent, metadata, local) {
        (None | Some(Frame::Entities), true, "EntitiesDescriptor") => {
            Opened::Frame(Frame::Entities)
        }
        (None | Some(Frame::Entities), true, "EntityDescriptor") => {
            let entity_id = attribute(element, "entityID", reader)?.unwrap_or_default();
            Opened::Entity(entity_id)
        }
        (None, _, _) => {
            return Err(InputError::NotMetadata {
                root: element.name().as_ref().to_string(),
            });
        }
        (Some(Frame::Entities), _, _) => Opened::Skip,
        (Some(Frame::Entity), true, "IDPSSODescriptor") => Opened::Frame(Frame::IdentityProvider),
        (Some(Frame::Entity), true, "SPSSODescriptor") => Opened::Frame(Frame::ServiceProvider),
        (Some(Frame::Entity), _, _) => Opened::Skip,
        (Some(Frame::IdentityProvider), true, "SingleSignOnService") => {
            Opened::Endpoint(EndpointKind::SingleSignOn, endpoint(element, reader)?)
        }
        (Some(Frame::IdentityProvider | Frame::ServiceProvider), true, "SingleLogoutService") => {
            Opened::Endpoint(EndpointKind::SingleLogout, endpoint(element, reader)?)
        }
        (Some(Frame::ServiceProvider), true, "AssertionConsumerService") => {
            Opened::Endpoint(EndpointKind::AssertionConsumer, endpoint(element, reader)?)
        }
        (Some(Frame::IdentityProvider | Frame::ServiceProvider), true, "KeyDescriptor") => {
            let key_use = match attribute(element, "use", reader)?.as_deref() {
                Some("signing") => KeyUse::Signing,
                Some("encryption") => KeyUse::Encryption,
                _ => KeyUse::Both,
            };
            Opened::Frame(Frame::KeyDescriptor(key_use))
        }
        (Some(Frame::IdentityProvider | Frame::ServiceProvider), _, _) => Opened::Skip,
        (Some(Frame::KeyDescriptor(_) | Frame::KeyInfo), _, "X509Certificate") => {
            Opened::Frame(Frame::Certificate)
        }
        (Some(Frame::KeyDescriptor(_) | Frame::KeyInfo), _, _) => Opened::Frame(Frame::KeyInfo),
        (Some(Frame::Certificate | Frame::Other), _, _) => Opened::Frame(Frame::Other),
    };
    Ok(opened)
}

/// An IDPSSODescriptor or SPSSODescriptor opened: the entity has that role (its parts follow).
fn open_role(entities: &mut [Entity], frame: Frame) {
    let Some(entity) = entities.last_mut() else {
        return;
    };
    match frame {
        Frame::IdentityProvider => {
            entity.identity_provider.get_or_insert_with(Role::default);
        }
        Frame::ServiceProvider => {
            entity.service_provider.get_or_insert_with(Role::default);
        }
        _ => {}
    }
}

fn record_endpoint(
    entities: &mut [Entity],
    parent: Option<Frame>,
    kind: EndpointKind,
    endpoint: Endpoint,
) {
    let Some(entity) = entities.last_mut() else {
        return;
    };
    let role = match parent {
        Some(Frame::IdentityProvider) => entity.identity_provider.as_mut(),
        Some(Frame::ServiceProvider) => entity.service_provider.as_mut(),
        _ => None,
    };
    if let Some(role) = role {
        match kind {
            EndpointKind::SingleSignOn => role.single_sign_on.push(endpoint),
            EndpointKind::SingleLogout => role.single_logout.push(endpoint),
            EndpointKind::AssertionConsumer => role.assertion_consumers.push(endpoint),
        }
    }
}

fn endpoint(element: &BytesStart, reader: &HardenedReader) -> Result<Endpoint, InputError> {
    let [binding, location] = reader.attributes(element, ["Binding", "Location"])?;
    Ok(Endpoint {
        binding: binding.unwrap_or_default(),
        location: location.unwrap_or_default(),
    })
}

/// An attribute's value with entities resolved and the ends trimmed; `None` when it is absent.
fn attribute(
    element: &BytesStart,
    name: &str,
    reader: &HardenedReader,
) -> Result<Option<String>, InputError> {
    let [value] = reader.attributes(element, [name])?;
    Ok(value)
}

/// Skips an element and everything in it, reading nothing but its structure. The nesting is
/// bounded here too: quick-xml's own `read_to_end` keeps every open name, so hostile nesting
/// inside a skipped element would cost memory in proportion to the input.
fn skip(
    reader: &mut Reader<&[u8]>,
    depth: usize,
    xml: &[u8],
    skipping: Skipping,
) -> Result<(), InputError> {
    // Well-formed content is stepped over in one scan, up to the element's own end tag, which
    // quick-xml then reads (and checks against its start). Anything the scan is unsure of is
    // left to the reader below, from the same place, so errors read the same either way.
    if skipping == Skipping::Scan {
        if let Some(length) = scan_content(reader.get_ref(), depth) {
            std::io::BufRead::consume(&mut reader.stream(), length);
        }
    }
    let mut open = 1usize;
    loop {
        let position = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(_)) => {
                open += 1;
                if depth + open > MAX_DEPTH {
                    return Err(InputError::TooDeep { limit: MAX_DEPTH });
                }
            }
            Ok(Event::End(_)) => {
                open -= 1;
                if open == 0 {
                    return Ok(());
                }
            }
            Ok(Event::GeneralRef(reference)) => {
                if resolve_reference(&reference).is_none() {
                    return Err(undefined_reference(xml, position, &reference));
                }
            }
            Ok(Event::DocType(_)) => return Err(InputError::DtdRefused),
            Ok(Event::Eof) => {
                return Err(syntax_error(
                    xml,
                    xml.len(),
                    "the document ends before its elements are closed",
                ));
            }
            Ok(_) => {}
            Err(error) => {
                return Err(syntax_error(
                    xml,
                    reader.error_position() as usize,
                    &error.to_string(),
                ));
            }
        }
    }
}

/// The length of an element's content, when it is plainly well-formed: `bytes` starts just
/// after the start tag, and the length ends at the `<` of the matching end tag. `None` whenever
/// quick-xml might see it otherwise (a reference other than the five named ones, a DTD, names
/// that do not match, nesting deeper than [`MAX_DEPTH`], text that is not UTF-8, the end of the
/// input), so that the event reader can take over and say exactly what is wrong.
fn scan_content(bytes: &[u8], depth: usize) -> Option<usize> {
    // Names of the elements open inside the skipped one; bounded by MAX_DEPTH.
    let mut open: Vec<&[u8]> = Vec::new();
    let mut at = 0usize;
    loop {
        at += memchr::memchr2(b'<', b'&', &bytes[at..])?;
        if bytes[at] == b'&' {
            let length = memchr::memchr3(b';', b'&', b'<', &bytes[at + 1..])?;
            if bytes[at + 1 + length] != b';'
                || !matches!(
                    &bytes[at + 1..at + 1 + length],
                    b"lt" | b"gt" | b"amp" | b"apos" | b"quot"
                )
            {
                return None;
            }
            at += length + 2;
            continue;
        }
        let markup = &bytes[at..];
        match *markup.get(1)? {
            b'!' => {
                let end = if markup.starts_with(b"<!--") {
                    // quick-xml ends a comment at the first "-->" after "<!--".
                    4 + ends_with_gt(&markup[4..], b"--")?
                } else if markup.starts_with(b"<![CDATA[") {
                    9 + ends_with_gt(&markup[9..], b"]]")?
                } else {
                    return None;
                };
                at += end;
            }
            b'?' => {
                if *markup.get(2)? == b'>' {
                    return None;
                }
                at += 2 + ends_with_gt(&markup[2..], b"?")?;
            }
            b'/' => {
                // End tags are short: one plain pass finds the '>' (and any quote, left to the
                // reader).
                let close = markup
                    .iter()
                    .position(|&b| matches!(b, b'>' | b'"' | b'\''))
                    .filter(|&index| markup[index] == b'>')?;
                let content = &markup[2..close];
                let name_end = content
                    .iter()
                    .rposition(|&b| !is_xml_space(b))
                    .map_or(0, |index| index + 1);
                let name = &content[..name_end];
                match open.pop() {
                    Some(expected) if expected == name => at += close + 1,
                    Some(_) => return None,
                    None => {
                        // The skipped element's own end tag: make sure the text was UTF-8.
                        return std::str::from_utf8(&bytes[..at]).is_ok().then_some(at);
                    }
                }
            }
            _ => {
                let close = tag_end(markup)?;
                let content = &markup[1..close];
                let empty = content.last() == Some(&b'/');
                let content = if empty {
                    &content[..content.len() - 1]
                } else {
                    content
                };
                let name_length = content
                    .iter()
                    .position(|&b| is_xml_space(b))
                    .unwrap_or(content.len());
                if name_length == 0 {
                    return None;
                }
                if !empty {
                    if depth + 1 + open.len() + 1 > MAX_DEPTH {
                        return None;
                    }
                    open.push(&content[..name_length]);
                }
                at += close + 1;
            }
        }
    }
}

fn is_xml_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

/// The length up to and with the first `>` that follows `before` (`-->`, `]]>`, `?>`).
fn ends_with_gt(bytes: &[u8], before: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'>', bytes)
        .find(|&index| bytes[..index].ends_with(before))
        .map(|index| index + 1)
}

/// Where a start tag's `>` is: the first one outside quoted attribute values.
fn tag_end(markup: &[u8]) -> Option<usize> {
    let mut quote = None;
    for index in memchr::memchr3_iter(b'>', b'"', b'\'', markup) {
        match (quote, markup[index]) {
            (None, b'>') => return Some(index),
            (None, mark) => quote = Some(mark),
            (Some(open), mark) if open == mark => quote = None,
            _ => {}
        }
    }
    None
}

fn append<'a>(collected: &mut Cow<'a, str>, piece: Cow<'a, str>) {
    if collected.is_empty() {
        *collected = piece;
    } else {
        collected.to_mut().push_str(&piece);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_prefixed_and_default_namespaces_alike() {
        let prefixed = br#"<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><md:IDPSSODescriptor><md:SingleSignOnService Binding="b" Location=" https://l "/></md:IDPSSODescriptor></md:EntityDescriptor>"#;
        let default = br#"<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><IDPSSODescriptor><SingleSignOnService Binding="b" Location="https://l"/></IDPSSODescriptor></EntityDescriptor>"#;
        for xml in [&prefixed[..], &default[..]] {
            let entities = parse(xml, None).unwrap();
            let idp = entities[0].identity_provider.as_ref().unwrap();
            assert_eq!(idp.single_sign_on[0].location, "https://l");
        }
    }

    #[test]
    fn ignores_elements_of_other_namespaces() {
        let xml = br#"<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:o="urn:other" entityID="x"><o:IDPSSODescriptor/></EntityDescriptor>"#;
        let entities = parse(xml, None).unwrap();
        assert!(entities[0].identity_provider.is_none());
    }

    #[test]
    fn refuses_a_dtd() {
        let xml = b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]><EntityDescriptor/>";
        assert_eq!(parse(xml, None).unwrap_err(), InputError::DtdRefused);
    }

    #[test]
    fn refuses_undefined_entities_with_position() {
        let xml = b"<EntityDescriptor entityID=\"x\">\n  &bomb;</EntityDescriptor>";
        let error = parse(xml, None).unwrap_err();
        assert!(
            matches!(
                error,
                InputError::XmlSyntax {
                    line: 2,
                    column: 3,
                    ..
                }
            ),
            "{error:?}"
        );
    }

    #[test]
    fn names_the_root_of_what_is_not_metadata() {
        let error = parse(b"<html><body/></html>", None).unwrap_err();
        assert_eq!(
            error,
            InputError::NotMetadata {
                root: "html".into()
            }
        );
    }

    #[test]
    fn reports_unclosed_documents() {
        let error =
            parse(b"<EntityDescriptor entityID=\"x\"><IDPSSODescriptor>", None).unwrap_err();
        assert_eq!(error.code(), "xml-syntax");
    }
}
