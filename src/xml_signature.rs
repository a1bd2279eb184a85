//! XML-DSig verification of enveloped signatures, as SAML uses them: same-document references
//! (`""` or `#ID`), the enveloped-signature transform, exclusive (or inclusive) canonicalisation,
//! SHA-1/SHA-2 digests and RSA PKCS#1 v1.5 signatures.
//!
//! The canonicalisation is bergshamra's (`bergshamra-c14n`, checked against the xmlsec
//! interoperability suite), over its DOM (`uppsala`). The signature processing around it is
//! narrow on purpose: anything outside this profile (XPath or XSLT transforms, external
//! references, HMAC, Manifests) is reported as unsupported, never guessed at. A reference must
//! select the element the signature sits in (or the whole document): a moved signature that
//! still points at the original element is not accepted. Duplicate IDs refuse the document.
//!
//! The caller has already read the document with the hardened reader (no DTD, bounded depth),
//! so the DOM is only ever built for documents that passed it.

use crate::certificate::rsa_public_key;
use bergshamra_c14n::C14nMode;
use bergshamra_xml::nodeset::NodeSet;
use rsa::{BigUint, Pkcs1v15Sign, RsaPublicKey};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};
use std::collections::HashMap;
use thiserror::Error;
use uppsala::{Document, NodeId, NodeKind};

pub const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
pub const RSA_SHA1: &str = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
pub const SHA1_DIGEST: &str = "http://www.w3.org/2000/09/xmldsig#sha1";
const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const ID_ATTRIBUTES: [&str; 4] = ["ID", "Id", "id", "AssertionID"];

/// Why a whole document's signatures could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SignatureError {
    #[error("The signed XML could not be read for verification: {detail}.")]
    Unreadable { detail: String },
    #[error(
        "The ID '{id}' is given to more than one element, so no signature in the document can be trusted (signature wrapping)."
    )]
    DuplicateId { id: String },
}

/// The verdict on one `ds:Signature`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureCheck {
    pub valid: bool,
    /// Why it does not verify, in a few words.
    pub problem: Option<String>,
    /// The ID of each element its references select (`None` for the whole document).
    pub targets: Vec<Option<String>>,
}

impl SignatureCheck {
    fn invalid(problem: impl Into<String>) -> Self {
        SignatureCheck {
            valid: false,
            problem: Some(problem.into()),
            targets: Vec::new(),
        }
    }
}

/// Every top-level `ds:Signature` of the document (none nested in another), in document order.
pub fn signature_nodes(doc: &Document<'_>) -> Vec<NodeId> {
    let mut found = Vec::new();
    let mut pending: Vec<NodeId> = doc.children(doc.root()).into_iter().rev().collect();
    while let Some(node) = pending.pop() {
        if is_dsig(doc, node, "Signature") {
            found.push(node);
            continue;
        }
        pending.extend(doc.children(node).into_iter().rev());
    }
    found
}

/// Verifies each signature with the certificate (DER) given for it; `None`: no key, invalid.
pub fn verify_all(
    xml: &str,
    certificate_for: &dyn Fn(usize) -> Option<Vec<u8>>,
) -> Result<Vec<SignatureCheck>, SignatureError> {
    let doc = uppsala::parse(xml).map_err(|error| SignatureError::Unreadable {
        detail: error.to_string(),
    })?;
    let ids = id_map(&doc)?;
    Ok(signature_nodes(&doc)
        .into_iter()
        .enumerate()
        .map(|(index, node)| match certificate_for(index) {
            None => SignatureCheck::invalid("there is no certificate to verify it with"),
            Some(der) => verify_one(&doc, &ids, node, &der),
        })
        .collect())
}

fn is_dsig(doc: &Document<'_>, node: NodeId, local: &str) -> bool {
    doc.element(node)
        .is_some_and(|element| element.name.matches(Some(DSIG_NS), local))
}

fn dsig_child(doc: &Document<'_>, parent: NodeId, local: &str) -> Option<NodeId> {
    doc.children(parent)
        .into_iter()
        .find(|&child| is_dsig(doc, child, local))
}

fn dsig_children(doc: &Document<'_>, parent: NodeId, local: &str) -> Vec<NodeId> {
    doc.children(parent)
        .into_iter()
        .filter(|&child| is_dsig(doc, child, local))
        .collect()
}

fn algorithm<'d>(doc: &'d Document<'_>, node: NodeId) -> Option<&'d str> {
    doc.get_attribute(node, "Algorithm")
}

/// All text inside an element, concatenated (base64 values may be split by character references).
fn text_of(doc: &Document<'_>, node: NodeId) -> String {
    let mut text = String::new();
    for child in doc.children(node) {
        match doc.node_kind(child) {
            Some(NodeKind::Text(t)) | Some(NodeKind::CData(t)) => text.push_str(t),
            _ => {}
        }
    }
    text
}

fn id_map(doc: &Document<'_>) -> Result<HashMap<String, NodeId>, SignatureError> {
    let mut ids = HashMap::new();
    let mut pending = vec![doc.root()];
    while let Some(node) = pending.pop() {
        if let Some(element) = doc.element(node) {
            for attribute in &element.attributes {
                if attribute.name.prefix.is_none()
                    && ID_ATTRIBUTES.contains(&attribute.name.local_name.as_ref())
                    && ids
                        .insert(attribute.value.to_string(), node)
                        .is_some_and(|other| other != node)
                {
                    return Err(SignatureError::DuplicateId {
                        id: attribute.value.to_string(),
                    });
                }
            }
        }
        pending.extend(doc.children(node));
    }
    Ok(ids)
}

fn decode(text: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .ok()
}

#[derive(Clone, Copy)]
enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn of_digest_uri(uri: &str) -> Option<Hash> {
        match uri {
            SHA1_DIGEST => Some(Hash::Sha1),
            "http://www.w3.org/2001/04/xmlenc#sha256" => Some(Hash::Sha256),
            "http://www.w3.org/2001/04/xmldsig-more#sha384" => Some(Hash::Sha384),
            "http://www.w3.org/2001/04/xmlenc#sha512" => Some(Hash::Sha512),
            _ => None,
        }
    }

    fn of_signature_uri(uri: &str) -> Option<Hash> {
        match uri {
            RSA_SHA1 => Some(Hash::Sha1),
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" => Some(Hash::Sha256),
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384" => Some(Hash::Sha384),
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" => Some(Hash::Sha512),
            _ => None,
        }
    }

    fn digest(self, bytes: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha1 => Sha1::digest(bytes).to_vec(),
            Hash::Sha256 => Sha256::digest(bytes).to_vec(),
            Hash::Sha384 => Sha384::digest(bytes).to_vec(),
            Hash::Sha512 => Sha512::digest(bytes).to_vec(),
        }
    }

    /// PKCS#1 v1.5's DigestInfo prefix for this hash.
    fn pkcs1(self) -> Pkcs1v15Sign {
        let (prefix, len): (&[u8], usize) = match self {
            Hash::Sha1 => (
                &[
                    0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00,
                    0x04, 0x14,
                ],
                20,
            ),
            Hash::Sha256 => (
                &[
                    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04,
                    0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
                ],
                32,
            ),
            Hash::Sha384 => (
                &[
                    0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04,
                    0x02, 0x02, 0x05, 0x00, 0x04, 0x30,
                ],
                48,
            ),
            Hash::Sha512 => (
                &[
                    0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04,
                    0x02, 0x03, 0x05, 0x00, 0x04, 0x40,
                ],
                64,
            ),
        };
        Pkcs1v15Sign {
            hash_len: Some(len),
            prefix: prefix.into(),
        }
    }
}

fn c14n_mode(uri: &str) -> Option<C14nMode> {
    C14nMode::from_uri(uri)
}

fn inclusive_prefixes(doc: &Document<'_>, node: NodeId) -> Vec<String> {
    doc.children(node)
        .into_iter()
        .filter_map(|child| doc.element(child))
        .find(|element| element.name.local_name.as_ref() == "InclusiveNamespaces")
        .and_then(|element| element.get_attribute("PrefixList"))
        .map(|list| list.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

fn remove_subtree(doc: &Document<'_>, node: NodeId, set: &mut NodeSet) {
    let mut pending = vec![node];
    while let Some(node) = pending.pop() {
        set.remove_id(node);
        pending.extend(doc.children(node));
    }
}

fn verify_one(
    doc: &Document<'_>,
    ids: &HashMap<String, NodeId>,
    signature: NodeId,
    certificate: &[u8],
) -> SignatureCheck {
    match check(doc, ids, signature, certificate) {
        Ok(targets) => SignatureCheck {
            valid: true,
            problem: None,
            targets,
        },
        Err(problem) => SignatureCheck::invalid(problem),
    }
}

fn check(
    doc: &Document<'_>,
    ids: &HashMap<String, NodeId>,
    signature: NodeId,
    certificate: &[u8],
) -> Result<Vec<Option<String>>, String> {
    let signed_info = dsig_child(doc, signature, "SignedInfo").ok_or("it has no SignedInfo")?;
    let c14n_node = dsig_child(doc, signed_info, "CanonicalizationMethod")
        .ok_or("its SignedInfo has no CanonicalizationMethod")?;
    let c14n_uri = algorithm(doc, c14n_node).unwrap_or_default();
    let mode = c14n_mode(c14n_uri)
        .ok_or_else(|| format!("its canonicalisation {c14n_uri} is not supported"))?;
    let method_node = dsig_child(doc, signed_info, "SignatureMethod")
        .ok_or("its SignedInfo has no SignatureMethod")?;
    let method_uri = algorithm(doc, method_node).unwrap_or_default();
    let hash = Hash::of_signature_uri(method_uri)
        .ok_or_else(|| format!("its signature method {method_uri} is not supported"))?;
    let references = dsig_children(doc, signed_info, "Reference");
    if references.is_empty() {
        return Err("its SignedInfo has no Reference".to_string());
    }
    let parent = doc.parent(signature);
    let document_element = doc.document_element();
    let mut targets = Vec::new();
    for reference in references {
        let uri = doc.get_attribute(reference, "URI").unwrap_or_default();
        let (mut set, target) = if uri.is_empty() {
            (NodeSet::all_without_comments(doc), None)
        } else if let Some(id) = uri.strip_prefix('#') {
            let node = *ids
                .get(id)
                .ok_or_else(|| format!("its Reference {uri} names no element"))?;
            (NodeSet::tree_without_comments(node, doc), Some(node))
        } else {
            return Err(format!("its Reference {uri} is outside the document"));
        };
        // The signed element must be the one the signature is in (or the whole document).
        if let Some(node) = target
            && Some(node) != parent
            && Some(node) != document_element
        {
            return Err(format!(
                "its Reference {uri} selects an element the signature is not in (a moved signature)"
            ));
        }
        let mut reference_mode = C14nMode::Inclusive;
        let mut prefixes = Vec::new();
        let mut saw_c14n = false;
        if let Some(transforms) = dsig_child(doc, reference, "Transforms") {
            for transform in dsig_children(doc, transforms, "Transform") {
                let uri = algorithm(doc, transform).unwrap_or_default();
                if uri == ENVELOPED && !saw_c14n {
                    remove_subtree(doc, signature, &mut set);
                } else if let Some(mode) = c14n_mode(uri).filter(|_| !saw_c14n) {
                    reference_mode = mode;
                    prefixes = inclusive_prefixes(doc, transform);
                    saw_c14n = true;
                } else {
                    return Err(format!("its transform {uri} is not supported"));
                }
            }
        }
        let digest_node =
            dsig_child(doc, reference, "DigestMethod").ok_or("a Reference has no DigestMethod")?;
        let digest_uri = algorithm(doc, digest_node).unwrap_or_default();
        let digest_hash = Hash::of_digest_uri(digest_uri)
            .ok_or_else(|| format!("its digest method {digest_uri} is not supported"))?;
        let expected = dsig_child(doc, reference, "DigestValue")
            .and_then(|node| decode(&text_of(doc, node)))
            .ok_or("a DigestValue is missing or not base64")?;
        let canonical =
            bergshamra_c14n::canonicalize_doc(doc, reference_mode, Some(&set), &prefixes)
                .map_err(|error| format!("its content could not be canonicalised ({error})"))?;
        if digest_hash.digest(&canonical) != expected {
            return Err(format!(
                "the content of Reference {} changed after signing (its digest does not match)",
                if uri.is_empty() { "\"\"" } else { uri }
            ));
        }
        targets.push(target.and_then(|node| {
            ID_ATTRIBUTES
                .iter()
                .find_map(|name| doc.get_attribute(node, name))
                .map(str::to_owned)
        }));
    }
    let signed_info_prefixes = inclusive_prefixes(doc, c14n_node);
    let canonical_signed_info = bergshamra_c14n::canonicalize_doc(
        doc,
        mode,
        Some(&NodeSet::tree_without_comments(signed_info, doc)),
        &signed_info_prefixes,
    )
    .map_err(|error| format!("its SignedInfo could not be canonicalised ({error})"))?;
    let value = dsig_child(doc, signature, "SignatureValue")
        .and_then(|node| decode(&text_of(doc, node)))
        .ok_or("its SignatureValue is missing or not base64")?;
    let (modulus, exponent) =
        rsa_public_key(certificate).ok_or("the certificate holds no RSA public key")?;
    let key = RsaPublicKey::new(
        BigUint::from_bytes_be(&modulus),
        BigUint::from_bytes_be(&exponent),
    )
    .map_err(|error| format!("the certificate's RSA key is not usable ({error})"))?;
    key.verify(hash.pkcs1(), &hash.digest(&canonical_signed_info), &value)
        .map_err(|_| "its SignatureValue does not verify with the certificate".to_string())?;
    Ok(targets)
}
