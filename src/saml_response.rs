//! A SAML 2.0 Response, read in one streaming pass with the hardened reader (`xml_reader`: no
//! DTDs, bounded nesting, checked characters, only the predefined entities): the status, the
//! Response's own values, the assertion a service provider reads (the first `Assertion` child
//! of the Response), and what each `ds:Signature` says it covers. Signatures are verified
//! elsewhere (`xml_signature`); this module only reads.

use crate::error::InputError;
use crate::response_error::ResponseError;
use crate::xml_reader::{HardenedReader, Node, XML_SPACE};
use quick_xml::events::BytesStart;
use quick_xml::name::{Namespace, ResolveResult};
use serde::Serialize;
use std::collections::BTreeMap;

pub const PROTOCOL_NS: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
pub const ASSERTION_NS: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
pub const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
pub const STATUS_SUCCESS: &str = "urn:oasis:names:tc:SAML:2.0:status:Success";

/// The Response's Status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Status {
    pub code: Option<String>,
    pub second_level: Option<String>,
    pub message: Option<String>,
    /// The AADSTS code in the StatusMessage, as `AADSTS50011`.
    pub aadsts: Option<String>,
}

impl Status {
    pub fn is_success(&self) -> bool {
        self.code.as_deref() == Some(STATUS_SUCCESS)
    }
}

/// The assertion that is read: the first `Assertion` child of the Response.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Assertion {
    #[serde(skip)]
    pub id: Option<String>,
    pub issuer: Option<String>,
    pub name_id: Option<String>,
    pub name_id_format: Option<String>,
    pub audiences: Vec<String>,
    /// The first SubjectConfirmationData's Recipient.
    pub recipient: Option<String>,
    /// The first SubjectConfirmationData's NotOnOrAfter.
    pub subject_not_on_or_after: Option<String>,
    /// Conditions NotBefore.
    pub not_before: Option<String>,
    /// Conditions NotOnOrAfter.
    pub not_on_or_after: Option<String>,
    pub attributes: BTreeMap<String, Vec<String>>,
    pub authn_context_class_ref: Option<String>,
}

/// Where a `ds:Signature` sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignedPlace {
    /// A child of the Response (the root).
    Response,
    /// A child of the assertion that is read.
    Assertion,
    /// Anywhere else: inside another assertion, an Extensions element, deeper.
    Elsewhere,
}

/// What one `ds:Signature` says about itself (not whether it verifies).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureInfo {
    pub place: SignedPlace,
    /// The ID of the element the signature sits in.
    pub parent_id: Option<String>,
    pub canonicalization: Option<String>,
    pub signature_method: Option<String>,
    pub references: Vec<String>,
    pub digest_methods: Vec<String>,
    /// The first X509Certificate of its KeyInfo, still base64.
    #[serde(skip)]
    pub certificate: Option<String>,
}

/// A Response, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Response {
    pub id: Option<String>,
    pub issuer: Option<String>,
    pub destination: Option<String>,
    pub in_response_to: Option<String>,
    pub issue_instant: Option<String>,
    pub status: Status,
    pub assertion: Option<Assertion>,
    /// Every `Assertion` element, wherever it is (more than one is signature wrapping).
    pub assertion_count: usize,
    pub encrypted_assertion_count: usize,
    pub signatures: Vec<SignatureInfo>,
    /// IDs given to more than one element.
    pub duplicate_ids: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    Protocol,
    Assertion,
    Dsig,
    Other,
}

/// What text is being collected, and for what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Text {
    ResponseIssuer,
    StatusMessage,
    AssertionIssuer,
    NameId,
    Audience,
    AttributeValue,
    AuthnContextClassRef,
    Certificate,
}

/// Reads a Response. The root must be `samlp:Response`.
pub fn read(xml: &[u8]) -> Result<Response, ResponseError> {
    let mut reader = HardenedReader::new(xml);
    let mut response = Response::default();
    // (namespace, local name) of each open element.
    let mut stack: Vec<(Ns, String)> = Vec::new();
    let mut assertion_depth: Option<usize> = None;
    let mut assertion_done = false;
    let mut signature_depth: Option<usize> = None;
    let mut attribute_name: Option<String> = None;
    let mut collecting: Option<(Text, usize, String)> = None;
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();

    loop {
        let (element, empty) = match reader.next()? {
            Node::Open(element) => (element, false),
            Node::Empty(element) => (element, true),
            Node::Close => {
                stack.pop();
                close(
                    &mut response,
                    stack.len(),
                    &mut assertion_depth,
                    &mut signature_depth,
                    &mut collecting,
                    &attribute_name,
                );
                continue;
            }
            Node::Text(content) => {
                if let Some((_, _, collected)) = collecting.as_mut() {
                    collected.push_str(&content);
                }
                continue;
            }
            Node::End => break,
        };
        let ns = match reader.namespace(&element) {
            ResolveResult::Bound(Namespace(uri)) if uri == PROTOCOL_NS => Ns::Protocol,
            ResolveResult::Bound(Namespace(uri)) if uri == ASSERTION_NS => Ns::Assertion,
            ResolveResult::Bound(Namespace(uri)) if uri == DSIG_NS => Ns::Dsig,
            _ => Ns::Other,
        };
        let local = element.local_name().as_ref().to_string();
        let [id_upper, id_mixed, id_lower, assertion_id] =
            reader.attributes(&element, ["ID", "Id", "id", "AssertionID"])?;
        let element_id = id_upper.or(id_mixed).or(id_lower).or(assertion_id);
        if let Some(id) = &element_id {
            *ids.entry(id.clone()).or_default() += 1;
        }
        let depth = stack.len();
        open(
            &mut OpenContext {
                response: &mut response,
                stack: &stack,
                assertion_depth: &mut assertion_depth,
                assertion_done: &mut assertion_done,
                signature_depth: &mut signature_depth,
                attribute_name: &mut attribute_name,
                collecting: &mut collecting,
            },
            (ns, local.as_str()),
            &element,
            element_id,
            depth,
            &reader,
        )?;
        if empty {
            close(
                &mut response,
                depth,
                &mut assertion_depth,
                &mut signature_depth,
                &mut collecting,
                &attribute_name,
            );
        } else {
            stack.push((ns, local));
        }
    }
    response.duplicate_ids = ids
        .into_iter()
        .filter(|(_, count)| *count > 1)
        .map(|(id, _)| id)
        .collect();
    Ok(response)
}

struct OpenContext<'r> {
    response: &'r mut Response,
    stack: &'r [(Ns, String)],
    assertion_depth: &'r mut Option<usize>,
    assertion_done: &'r mut bool,
    signature_depth: &'r mut Option<usize>,
    attribute_name: &'r mut Option<String>,
    collecting: &'r mut Option<(Text, usize, String)>,
}

/// The local names of the open elements from `from` on, for matching paths.
fn path_from(stack: &[(Ns, String)], from: usize) -> Vec<(Ns, &str)> {
    stack
        .iter()
        .skip(from)
        .map(|(ns, local)| (*ns, local.as_str()))
        .collect()
}

fn open(
    context: &mut OpenContext,
    (ns, local): (Ns, &str),
    element: &BytesStart,
    element_id: Option<String>,
    depth: usize,
    reader: &HardenedReader,
) -> Result<(), ResponseError> {
    let attribute = |name: &str| -> Result<Option<String>, InputError> {
        let [value] = reader.attributes(element, [name])?;
        Ok(value)
    };
    if depth == 0 {
        if (ns, local) != (Ns::Protocol, "Response") {
            return Err(ResponseError::NotSamlMessage {
                root: element.name().as_ref().to_string(),
            });
        }
        let [destination, in_response_to, issue_instant] =
            reader.attributes(element, ["Destination", "InResponseTo", "IssueInstant"])?;
        context.response.id = element_id;
        context.response.destination = destination;
        context.response.in_response_to = in_response_to;
        context.response.issue_instant = issue_instant;
        return Ok(());
    }
    if ns == Ns::Assertion && local == "Assertion" {
        context.response.assertion_count += 1;
    }
    if ns == Ns::Assertion && local == "EncryptedAssertion" {
        context.response.encrypted_assertion_count += 1;
    }
    let response = &mut *context.response;

    // Signatures, wherever they are.
    if ns == Ns::Dsig && local == "Signature" && context.signature_depth.is_none() {
        let place = if depth == 1 {
            SignedPlace::Response
        } else if *context.assertion_depth == Some(depth - 1) {
            SignedPlace::Assertion
        } else {
            SignedPlace::Elsewhere
        };
        let parent_id = match place {
            SignedPlace::Response => response.id.clone(),
            SignedPlace::Assertion => response.assertion.as_ref().and_then(|a| a.id.clone()),
            SignedPlace::Elsewhere => None,
        };
        response.signatures.push(SignatureInfo {
            place,
            parent_id,
            canonicalization: None,
            signature_method: None,
            references: Vec::new(),
            digest_methods: Vec::new(),
            certificate: None,
        });
        *context.signature_depth = Some(depth);
        return Ok(());
    }
    if let Some(signature_at) = *context.signature_depth {
        let path = path_from(context.stack, signature_at + 1);
        let Some(signature) = response.signatures.last_mut() else {
            return Ok(());
        };
        match (path.as_slice(), (ns, local)) {
            ([(Ns::Dsig, "SignedInfo")], (Ns::Dsig, "CanonicalizationMethod")) => {
                signature.canonicalization = attribute("Algorithm")?;
            }
            ([(Ns::Dsig, "SignedInfo")], (Ns::Dsig, "SignatureMethod")) => {
                signature.signature_method = attribute("Algorithm")?;
            }
            ([(Ns::Dsig, "SignedInfo")], (Ns::Dsig, "Reference")) => {
                signature
                    .references
                    .push(attribute("URI")?.unwrap_or_default());
            }
            ([(Ns::Dsig, "SignedInfo"), (Ns::Dsig, "Reference")], (Ns::Dsig, "DigestMethod")) => {
                if let Some(method) = attribute("Algorithm")? {
                    signature.digest_methods.push(method);
                }
            }
            ([(Ns::Dsig, "KeyInfo"), (Ns::Dsig, "X509Data")], (Ns::Dsig, "X509Certificate"))
                if signature.certificate.is_none() =>
            {
                *context.collecting = Some((Text::Certificate, depth, String::new()));
            }
            _ => {}
        }
        return Ok(());
    }

    // The Response's own children.
    if depth == 1 {
        match (ns, local) {
            (Ns::Assertion, "Issuer") => {
                *context.collecting = Some((Text::ResponseIssuer, depth, String::new()));
            }
            (Ns::Assertion, "Assertion") if !*context.assertion_done => {
                *context.assertion_depth = Some(depth);
                *context.assertion_done = true;
                response.assertion = Some(Assertion {
                    id: element_id,
                    ..Assertion::default()
                });
            }
            _ => {}
        }
        return Ok(());
    }
    let path = path_from(context.stack, 1);
    match (path.as_slice(), (ns, local)) {
        ([(Ns::Protocol, "Status")], (Ns::Protocol, "StatusCode")) => {
            response.status.code = attribute("Value")?;
            return Ok(());
        }
        (
            [(Ns::Protocol, "Status"), (Ns::Protocol, "StatusCode")],
            (Ns::Protocol, "StatusCode"),
        ) => {
            response.status.second_level = attribute("Value")?;
            return Ok(());
        }
        ([(Ns::Protocol, "Status")], (Ns::Protocol, "StatusMessage")) => {
            *context.collecting = Some((Text::StatusMessage, depth, String::new()));
            return Ok(());
        }
        _ => {}
    }

    // Inside the assertion that is read.
    let Some(assertion_at) = *context.assertion_depth else {
        return Ok(());
    };
    let Some(assertion) = response.assertion.as_mut() else {
        return Ok(());
    };
    let path = path_from(context.stack, assertion_at + 1);
    match (path.as_slice(), (ns, local)) {
        ([], (Ns::Assertion, "Issuer")) => {
            *context.collecting = Some((Text::AssertionIssuer, depth, String::new()));
        }
        ([(Ns::Assertion, "Subject")], (Ns::Assertion, "NameID")) => {
            assertion.name_id_format = attribute("Format")?;
            *context.collecting = Some((Text::NameId, depth, String::new()));
        }
        (
            [
                (Ns::Assertion, "Subject"),
                (Ns::Assertion, "SubjectConfirmation"),
            ],
            (Ns::Assertion, "SubjectConfirmationData"),
        ) => {
            let [recipient, not_on_or_after] =
                reader.attributes(element, ["Recipient", "NotOnOrAfter"])?;
            if assertion.recipient.is_none() && assertion.subject_not_on_or_after.is_none() {
                assertion.recipient = recipient;
                assertion.subject_not_on_or_after = not_on_or_after;
            }
        }
        ([], (Ns::Assertion, "Conditions")) => {
            let [not_before, not_on_or_after] =
                reader.attributes(element, ["NotBefore", "NotOnOrAfter"])?;
            assertion.not_before = not_before;
            assertion.not_on_or_after = not_on_or_after;
        }
        (
            [
                (Ns::Assertion, "Conditions"),
                (Ns::Assertion, "AudienceRestriction"),
            ],
            (Ns::Assertion, "Audience"),
        ) => {
            *context.collecting = Some((Text::Audience, depth, String::new()));
        }
        ([(Ns::Assertion, "AttributeStatement")], (Ns::Assertion, "Attribute")) => {
            let name = attribute("Name")?.unwrap_or_default();
            assertion.attributes.entry(name.clone()).or_default();
            *context.attribute_name = Some(name);
        }
        (
            [
                (Ns::Assertion, "AttributeStatement"),
                (Ns::Assertion, "Attribute"),
            ],
            (Ns::Assertion, "AttributeValue"),
        ) => {
            *context.collecting = Some((Text::AttributeValue, depth, String::new()));
        }
        (
            [
                (Ns::Assertion, "AuthnStatement"),
                (Ns::Assertion, "AuthnContext"),
            ],
            (Ns::Assertion, "AuthnContextClassRef"),
        ) => {
            *context.collecting = Some((Text::AuthnContextClassRef, depth, String::new()));
        }
        _ => {}
    }
    Ok(())
}

/// An element at `depth` closed: store what was collected in it.
fn close(
    response: &mut Response,
    depth: usize,
    assertion_depth: &mut Option<usize>,
    signature_depth: &mut Option<usize>,
    collecting: &mut Option<(Text, usize, String)>,
    attribute_name: &Option<String>,
) {
    if let Some((target, at, _)) = collecting.as_ref()
        && *at == depth
    {
        let target = *target;
        let text = collecting
            .take()
            .map(|(_, _, text)| text)
            .unwrap_or_default();
        let trimmed = text.trim_matches(XML_SPACE).to_string();
        let value = Some(trimmed.clone());
        match target {
            Text::ResponseIssuer => response.issuer = value,
            Text::StatusMessage => {
                response.status.aadsts =
                    crate::aadsts::find_code(&trimmed).map(|code| format!("AADSTS{code}"));
                response.status.message = value;
            }
            Text::Certificate => {
                if let Some(signature) = response.signatures.last_mut() {
                    signature.certificate = value;
                }
            }
            _ => {
                if let Some(assertion) = response.assertion.as_mut() {
                    match target {
                        Text::AssertionIssuer => assertion.issuer = value,
                        Text::NameId => assertion.name_id = value,
                        Text::Audience => assertion.audiences.push(trimmed),
                        Text::AttributeValue => {
                            if let Some(name) = attribute_name {
                                assertion
                                    .attributes
                                    .entry(name.clone())
                                    .or_default()
                                    .push(trimmed);
                            }
                        }
                        Text::AuthnContextClassRef => assertion.authn_context_class_ref = value,
                        _ => {}
                    }
                }
            }
        }
    }
    if *signature_depth == Some(depth) {
        *signature_depth = None;
    }
    if *assertion_depth == Some(depth) {
        *assertion_depth = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Destination="https://eu-api.mimecast.com/login/saml"><Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">https://sts.windows.net/t/</Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:RequestUnsupported"/></samlp:StatusCode><samlp:StatusMessage>AADSTS75011: Authentication method 'X509, MultiFactor' by which the user authenticated with the service doesn't match requested authentication method 'Password, ProtectedTransport'.</samlp:StatusMessage></samlp:Status></samlp:Response>"#;

    #[test]
    fn reads_an_error_response() {
        let response = read(MINIMAL.as_bytes()).unwrap();
        assert_eq!(response.id.as_deref(), Some("_r"));
        assert_eq!(
            response.issuer.as_deref(),
            Some("https://sts.windows.net/t/")
        );
        assert_eq!(
            response.status.second_level.as_deref(),
            Some("urn:oasis:names:tc:SAML:2.0:status:RequestUnsupported")
        );
        assert_eq!(response.status.aadsts.as_deref(), Some("AADSTS75011"));
        assert!(response.assertion.is_none());
        assert!(!response.status.is_success());
    }

    #[test]
    fn refuses_other_roots_and_dtds() {
        assert!(matches!(
            read(b"<a/>"),
            Err(ResponseError::NotSamlMessage { .. })
        ));
        assert_eq!(
            read(b"<!DOCTYPE x [<!ENTITY a 'b'>]><x/>"),
            Err(ResponseError::Xml(InputError::DtdRefused))
        );
    }
}
