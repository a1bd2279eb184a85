//! XML-DSig verification of enveloped signatures, as SAML uses them: same-document references
//! (`""` or `#ID`), the enveloped-signature transform, exclusive (or inclusive) canonicalisation,
//! SHA-1/SHA-2 digests and RSA PKCS#1 v1.5 signatures.
//!
//! The document is read into `xml_tree`'s tree (over quick-xml), canonicalised by `c14n` and
//! the signature checked by `rsa_verify`: each written for this core instead of taken from a
//! crate, for the size of the wasm module (their opening comments say why, and the README's
//! "How signatures are verified"). The signature processing around them is narrow on purpose: anything outside this profile (XPath or XSLT transforms, external
//! references, HMAC, Manifests) is reported as unsupported, never guessed at. A reference must
//! select the element the signature sits in (or the whole document): a moved signature that
//! still points at the original element is not accepted. Duplicate IDs refuse the document.
//!
//! The caller has already read the document with the hardened reader (no DTD, bounded depth),
//! so the tree is only ever built for documents that passed it.

use crate::c14n::{self, Mode};
use crate::certificate::rsa_public_key;
use crate::rsa_verify::PublicKey;
use crate::xml_tree::{NodeId, Tree};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};
use std::collections::BTreeMap;
use thiserror::Error;

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
pub fn signature_nodes(tree: &Tree) -> Vec<NodeId> {
    let mut found = Vec::new();
    let mut nodes = tree.subtree(Tree::DOCUMENT);
    while let Some(node) = nodes.next() {
        if is_dsig(tree, node, "Signature") {
            found.push(node);
            // Past the nodes inside it.
            nodes.start = tree.subtree(node).end;
        }
    }
    found
}

/// Verifies each signature with the certificate (DER) given for it; `None`: no key, invalid.
pub fn verify_all(
    xml: &str,
    certificate_for: &dyn Fn(usize) -> Option<Vec<u8>>,
) -> Result<Vec<SignatureCheck>, SignatureError> {
    let tree = Tree::parse(xml).map_err(|detail| SignatureError::Unreadable { detail })?;
    verify_tree(&tree, certificate_for)
}

/// As [`verify_all`], on a document already read.
pub fn verify_tree(
    tree: &Tree,
    certificate_for: &dyn Fn(usize) -> Option<Vec<u8>>,
) -> Result<Vec<SignatureCheck>, SignatureError> {
    let ids = id_map(tree)?;
    Ok(signature_nodes(tree)
        .into_iter()
        .enumerate()
        .map(|(index, node)| match certificate_for(index) {
            None => SignatureCheck::invalid("there is no certificate to verify it with"),
            Some(der) => verify_one(tree, &ids, node, &der),
        })
        .collect())
}

fn is_dsig(tree: &Tree, node: NodeId, local: &str) -> bool {
    tree.element(node)
        .is_some_and(|element| element.is(DSIG_NS, local))
}

fn dsig_child(tree: &Tree, parent: NodeId, local: &str) -> Option<NodeId> {
    tree.children(parent)
        .iter()
        .copied()
        .find(|&child| is_dsig(tree, child, local))
}

fn dsig_children(tree: &Tree, parent: NodeId, local: &str) -> Vec<NodeId> {
    tree.children(parent)
        .iter()
        .copied()
        .filter(|&child| is_dsig(tree, child, local))
        .collect()
}

fn attribute<'t>(tree: &'t Tree<'_>, node: NodeId, local: &str) -> Option<&'t str> {
    tree.attribute(node, local)
}

fn algorithm<'t>(tree: &'t Tree<'_>, node: NodeId) -> Option<&'t str> {
    attribute(tree, node, "Algorithm")
}

fn id_map(tree: &Tree) -> Result<BTreeMap<String, NodeId>, SignatureError> {
    let mut ids = BTreeMap::new();
    let mut pending = vec![Tree::DOCUMENT];
    while let Some(node) = pending.pop() {
        for attribute in tree.attributes(node) {
            if attribute.prefix().is_empty()
                && ID_ATTRIBUTES.contains(&attribute.local())
                && ids
                    .insert(attribute.value.to_string(), node)
                    .is_some_and(|other| other != node)
            {
                return Err(SignatureError::DuplicateId {
                    id: attribute.value.to_string(),
                });
            }
        }
        pending.extend(tree.children(node));
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
    fn pkcs1_prefix(self) -> &'static [u8] {
        match self {
            Hash::Sha1 => &[
                0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04,
                0x14,
            ],
            Hash::Sha256 => &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x01, 0x05, 0x00, 0x04, 0x20,
            ],
            Hash::Sha384 => &[
                0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x02, 0x05, 0x00, 0x04, 0x30,
            ],
            Hash::Sha512 => &[
                0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x03, 0x05, 0x00, 0x04, 0x40,
            ],
        }
    }
}

fn inclusive_prefixes(tree: &Tree, node: NodeId) -> Vec<String> {
    tree.children(node)
        .iter()
        .copied()
        .find(|&child| {
            tree.element(child)
                .is_some_and(|element| element.local() == "InclusiveNamespaces")
        })
        .and_then(|child| tree.attribute(child, "PrefixList"))
        .map(|list| list.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

fn verify_one(
    tree: &Tree,
    ids: &BTreeMap<String, NodeId>,
    signature: NodeId,
    certificate: &[u8],
) -> SignatureCheck {
    match check(tree, ids, signature, certificate) {
        Ok(targets) => SignatureCheck {
            valid: true,
            problem: None,
            targets,
        },
        Err(problem) => SignatureCheck::invalid(problem),
    }
}

fn check(
    tree: &Tree,
    ids: &BTreeMap<String, NodeId>,
    signature: NodeId,
    certificate: &[u8],
) -> Result<Vec<Option<String>>, String> {
    let signed_info = dsig_child(tree, signature, "SignedInfo").ok_or("it has no SignedInfo")?;
    let c14n_node = dsig_child(tree, signed_info, "CanonicalizationMethod")
        .ok_or("its SignedInfo has no CanonicalizationMethod")?;
    let c14n_uri = algorithm(tree, c14n_node).unwrap_or_default();
    let mode = Mode::from_uri(c14n_uri)
        .ok_or_else(|| format!("its canonicalisation {c14n_uri} is not supported"))?;
    let method_node = dsig_child(tree, signed_info, "SignatureMethod")
        .ok_or("its SignedInfo has no SignatureMethod")?;
    let method_uri = algorithm(tree, method_node).unwrap_or_default();
    let hash = Hash::of_signature_uri(method_uri)
        .ok_or_else(|| format!("its signature method {method_uri} is not supported"))?;
    let references = dsig_children(tree, signed_info, "Reference");
    if references.is_empty() {
        return Err("its SignedInfo has no Reference".to_string());
    }
    let parent = tree.parent(signature);
    let document_element = tree.document_element();
    let mut targets = Vec::new();
    for reference in references {
        let uri = attribute(tree, reference, "URI").unwrap_or_default();
        let target = if uri.is_empty() {
            None
        } else if let Some(id) = uri.strip_prefix('#') {
            let node = *ids
                .get(id)
                .ok_or_else(|| format!("its Reference {uri} names no element"))?;
            Some(node)
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
        let mut excluded = None;
        let mut reference_mode = Mode::Inclusive;
        let mut prefixes = Vec::new();
        let mut saw_c14n = false;
        if let Some(transforms) = dsig_child(tree, reference, "Transforms") {
            for transform in dsig_children(tree, transforms, "Transform") {
                let uri = algorithm(tree, transform).unwrap_or_default();
                if uri == ENVELOPED && !saw_c14n {
                    excluded = Some(signature);
                } else if let Some(mode) = Mode::from_uri(uri).filter(|_| !saw_c14n) {
                    reference_mode = mode;
                    prefixes = inclusive_prefixes(tree, transform);
                    saw_c14n = true;
                } else {
                    return Err(format!("its transform {uri} is not supported"));
                }
            }
        }
        let digest_node =
            dsig_child(tree, reference, "DigestMethod").ok_or("a Reference has no DigestMethod")?;
        let digest_uri = algorithm(tree, digest_node).unwrap_or_default();
        let digest_hash = Hash::of_digest_uri(digest_uri)
            .ok_or_else(|| format!("its digest method {digest_uri} is not supported"))?;
        let expected = dsig_child(tree, reference, "DigestValue")
            .and_then(|node| decode(&tree.text_of(node)))
            .ok_or("a DigestValue is missing or not base64")?;
        let canonical = c14n::canonicalize(tree, target, excluded, reference_mode, &prefixes)
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
                .find_map(|name| attribute(tree, node, name))
                .map(str::to_owned)
        }));
    }
    let signed_info_prefixes = inclusive_prefixes(tree, c14n_node);
    let canonical_signed_info =
        c14n::canonicalize(tree, Some(signed_info), None, mode, &signed_info_prefixes)
            .map_err(|error| format!("its SignedInfo could not be canonicalised ({error})"))?;
    let value = dsig_child(tree, signature, "SignatureValue")
        .and_then(|node| decode(&tree.text_of(node)))
        .ok_or("its SignatureValue is missing or not base64")?;
    let (modulus, exponent) =
        rsa_public_key(certificate).ok_or("the certificate holds no RSA public key")?;
    let key = PublicKey::new(&modulus, &exponent)
        .map_err(|error| format!("the certificate's RSA key is not usable ({error})"))?;
    if !key.verify(
        hash.pkcs1_prefix(),
        &hash.digest(&canonical_signed_info),
        &value,
    ) {
        return Err("its SignatureValue does not verify with the certificate".to_string());
    }
    Ok(targets)
}
