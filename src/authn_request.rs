//! The AuthnRequest that Mimecast sends to Entra (HTTP-Redirect: deflated, base64, in
//! `SAMLRequest=`), read with the hardened reader (`xml_reader`): its Issuer, where the response is
//! to go, and the RequestedAuthnContext that Mimecast's two Context boxes put in it.

use crate::response_error::ResponseError;
use crate::saml_response::{ASSERTION_NS, PROTOCOL_NS};
use crate::xml_reader::{HardenedReader, Node, XML_SPACE};
use quick_xml::name::{Namespace, ResolveResult};
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
    let mut reader = HardenedReader::new(xml);
    let mut request = AuthnRequest::default();
    let mut stack: Vec<(bool, String)> = Vec::new();
    let mut collecting: Option<(usize, String)> = None;
    loop {
        let (element, empty) = match reader.next()? {
            Node::Open(element) => (element, false),
            Node::Empty(element) => (element, true),
            Node::Close => {
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
                continue;
            }
            Node::Text(content) => {
                if let Some((_, collected)) = collecting.as_mut() {
                    collected.push_str(&content);
                }
                continue;
            }
            Node::End => break,
        };
        let uri = match reader.namespace(&element) {
            ResolveResult::Bound(Namespace(uri)) => uri.to_string(),
            _ => String::new(),
        };
        let saml = uri == PROTOCOL_NS || uri == ASSERTION_NS;
        let local = element.local_name().as_ref().to_string();
        let depth = stack.len();
        if depth == 0 {
            if !(uri == PROTOCOL_NS && local == "AuthnRequest") {
                return Err(ResponseError::NotSamlMessage {
                    root: element.name().as_ref().to_string(),
                });
            }
            let [id, destination, acs, instant] = reader.attributes(
                &element,
                [
                    "ID",
                    "Destination",
                    "AssertionConsumerServiceURL",
                    "IssueInstant",
                ],
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
                    let [comparison] = reader.attributes(&element, ["Comparison"])?;
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
        if !empty {
            stack.push((saml, local));
        }
    }
    Ok(request)
}
