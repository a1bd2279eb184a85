//! The metadata document's own signature (Entra signs its federation metadata): whether the
//! enveloped `ds:Signature` of the root element verifies with the certificate in its KeyInfo.
//! A document changed after signing (a hand edit, a proxy rewriting it) does not.
//!
//! Only documents up to [`MAX_VERIFIED_BYTES`] are verified, which is every Entra document many
//! times over; a larger aggregate is reported as signed but not checked.

use crate::pem::decode_base64;
use crate::xml_signature::{self, DSIG_NS};
use crate::xml_tree::{NodeId, Tree};
use serde::Serialize;

/// The largest document whose signature is verified.
pub const MAX_VERIFIED_BYTES: usize = 1 << 20;

/// What the metadata's own signature says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetadataSignature {
    /// `None` when the document is too large to be checked.
    pub valid: Option<bool>,
    /// Why it does not verify, or why it was not checked.
    pub problem: Option<String>,
    /// SHA-1 of the KeyInfo certificate it was verified with, upper-case hex.
    pub certificate_sha1: Option<String>,
}

/// The verdict on the root's signature; `None` when the root has no signature.
pub fn verify(xml: &[u8]) -> Option<MetadataSignature> {
    // No signature element at all: nothing to build a DOM for.
    memchr::memmem::find(xml, DSIG_NS.as_bytes())?;
    let text = std::str::from_utf8(xml).ok()?;
    let tree = Tree::parse(text).ok()?;
    let root = tree.document_element()?;
    let signatures = xml_signature::signature_nodes(&tree);
    let index = signatures
        .iter()
        .position(|&node| tree.parent(node) == Some(root))?;
    if xml.len() > MAX_VERIFIED_BYTES {
        return Some(MetadataSignature {
            valid: None,
            problem: Some(format!(
                "the document is larger than {} MB, so its signature was not checked",
                MAX_VERIFIED_BYTES >> 20
            )),
            certificate_sha1: None,
        });
    }
    let certificate = keyinfo_certificate(&tree, signatures[index]);
    let sha1 = certificate
        .as_deref()
        .map(|der| crate::hex::upper(&<sha1::Sha1 as sha1::Digest>::digest(der)));
    let checks = match xml_signature::verify_tree(&tree, &|at| {
        if at == index {
            certificate.clone()
        } else {
            None
        }
    }) {
        Ok(checks) => checks,
        Err(error) => {
            return Some(MetadataSignature {
                valid: Some(false),
                problem: Some(error.to_string().trim_end_matches('.').to_string()),
                certificate_sha1: sha1,
            });
        }
    };
    let check = checks.get(index)?;
    Some(MetadataSignature {
        valid: Some(check.valid),
        problem: check.problem.clone(),
        certificate_sha1: sha1,
    })
}

fn keyinfo_certificate(tree: &Tree, signature: NodeId) -> Option<Vec<u8>> {
    let node = tree.subtree(signature).find(|&node| {
        tree.element(node)
            .is_some_and(|element| element.is(DSIG_NS, "X509Certificate"))
    })?;
    decode_base64(&tree.text_of(node)).ok()
}
