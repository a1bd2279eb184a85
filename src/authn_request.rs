//! The AuthnRequest that Mimecast sends to Entra (HTTP-Redirect: deflated, base64, in
//! `SAMLRequest=`), read with the metadata reader's hardening: its Issuer, where the response is
//! to go, and the RequestedAuthnContext that Mimecast's two Context boxes put in it.

use crate::error::InputError;
use crate::metadata::{
    MAX_DEPTH, XML_SPACE, attributes, check_chars, outside_root, resolve_reference, syntax_error,
    undefined_reference,
};
use crate::response_error::ResponseError;
use crate::saml_response::{ASSERTION_NS, PROTOCOL_NS};
use quick_xml::Reader;
use quick_xml::events::Event;
use quick_xml::name::{Namespace, NamespaceResolver, ResolveResult};
use serde::Serialize;

/// An AuthnRequest, read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuthnRequest {
    pub id: Option<String>,
    pub issuer: Option<String>,
    pub destination: Option<String>,
    pub assertion_consumer_service_url: Option<String>,
    pub issue_instant: Option<String>,
    /// The RequestedAuthnContext, when there is one.
    pub requested_authn_context: Option<RequestedAuthnContext>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RequestedAuthnContext {
    pub comparison: Option<String>,
    pub class_refs: Vec<String>,
}

/// Reads an AuthnRequest; the root must be `samlp:AuthnRequest`.
pub fn read(xml: &[u8]) -> Result<AuthnRequest, ResponseError> {
    let mut reader = Reader::from_reader(xml);
    let mut namespaces = NamespaceResolver::default();
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_end_names = true;

    let mut request = AuthnRequest::default();
    let mut stack: Vec<(bool, String)> = Vec::new();
    let mut root_seen = false;
    let mut collecting: Option<(usize, String)> = None;
    loop {
        let position = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|error| {
            syntax_error(xml, reader.error_position() as usize, &error.to_string())
        })?;
        match event {
            Event::Start(ref element) | Event::Empty(ref element) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(InputError::TooDeep { limit: MAX_DEPTH }.into());
                }
                if stack.is_empty() && root_seen {
                    return Err(syntax_error(
                        xml,
                        position,
                        "a second root element follows the first",
                    )
                    .into());
                }
                namespaces
                    .push(element)
                    .map_err(|error| syntax_error(xml, position, &error.to_string()))?;
                let uri = match namespaces.resolve_element(element.name()).0 {
                    ResolveResult::Bound(Namespace(uri)) => uri.to_string(),
                    _ => String::new(),
                };
                let saml = uri == PROTOCOL_NS || uri == ASSERTION_NS;
                let local = element.local_name().as_ref().to_string();
                let depth = stack.len();
                if depth == 0 {
                    root_seen = true;
                    if !(uri == PROTOCOL_NS && local == "AuthnRequest") {
                        return Err(ResponseError::NotSamlMessage {
                            root: element.name().as_ref().to_string(),
                        });
                    }
                    let [id, destination, acs, instant] = attributes(
                        element,
                        [
                            "ID",
                            "Destination",
                            "AssertionConsumerServiceURL",
                            "IssueInstant",
                        ],
                        xml,
                        position,
                    )?;
                    request.id = id;
                    request.destination = destination;
                    request.assertion_consumer_service_url = acs;
                    request.issue_instant = instant;
                } else if saml {
                    let parent = stack.last().map(|(_, name)| name.as_str());
                    match (depth, parent, local.as_str()) {
                        (1, _, "Issuer") => collecting = Some((depth, String::new())),
                        (1, _, "RequestedAuthnContext") => {
                            let [comparison] = attributes(element, ["Comparison"], xml, position)?;
                            request.requested_authn_context = Some(RequestedAuthnContext {
                                comparison,
                                class_refs: Vec::new(),
                            });
                        }
                        (2, Some("RequestedAuthnContext"), "AuthnContextClassRef") => {
                            collecting = Some((depth, String::new()));
                        }
                        _ => {}
                    }
                }
                if matches!(event, Event::Empty(_)) {
                    namespaces.pop();
                } else {
                    stack.push((saml, local));
                }
            }
            Event::End(_) => {
                namespaces.pop();
                let closed = stack.pop();
                let depth = stack.len();
                if let Some((_, text)) = collecting.take_if(|(at, _)| *at == depth) {
                    let text = text.trim_matches(XML_SPACE).to_string();
                    match closed.as_ref().map(|(_, name)| name.as_str()) {
                        Some("Issuer") => request.issuer = Some(text),
                        Some(_) => {
                            if let Some(context) = request.requested_authn_context.as_mut() {
                                context.class_refs.push(text);
                            }
                        }
                        None => {}
                    }
                }
            }
            Event::Text(text) => {
                let content = text.into_inner();
                if stack.is_empty() && !content.trim_matches(XML_SPACE).is_empty() {
                    return Err(outside_root(xml, position, root_seen).into());
                }
                check_chars(&content, xml, position)?;
                if let Some((_, collected)) = collecting.as_mut() {
                    collected.push_str(&content);
                }
            }
            Event::CData(data) => {
                if stack.is_empty() {
                    return Err(outside_root(xml, position, root_seen).into());
                }
                if let Some((_, collected)) = collecting.as_mut() {
                    collected.push_str(&data.into_inner());
                }
            }
            Event::GeneralRef(reference) => {
                if stack.is_empty() {
                    return Err(outside_root(xml, position, root_seen).into());
                }
                let resolved = resolve_reference(&reference)
                    .ok_or_else(|| undefined_reference(xml, position, &reference))?;
                if let Some((_, collected)) = collecting.as_mut() {
                    collected.push(resolved);
                }
            }
            Event::DocType(_) => return Err(InputError::DtdRefused.into()),
            Event::Eof => {
                if !stack.is_empty() {
                    return Err(syntax_error(
                        xml,
                        xml.len(),
                        "the document ends before its elements are closed",
                    )
                    .into());
                }
                if !root_seen {
                    return Err(syntax_error(xml, xml.len(), "there is no root element").into());
                }
                break;
            }
            Event::Decl(_) if position != 0 => {
                return Err(syntax_error(
                    xml,
                    position,
                    "an XML declaration may only start the document",
                )
                .into());
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    Ok(request)
}
