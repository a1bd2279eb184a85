//! The metadata document's own signature, as `inspect` reports it: the corpus's signed
//! documents get xmlsec1's verdict (recorded here, and checked live when xmlsec1 is installed),
//! and a one-byte edit inside a signed element fails.

mod common;

use mimecast_sso::inspect;

/// xmlsec1 1.2.37's verdict on each signed IdP document of the corpus, verified with the
/// certificate in the signature's KeyInfo:
/// `xmlsec1 --verify --enabled-key-data key-name --pubkey-cert-pem KEYINFO.pem --id-attr:ID …EntityDescriptor FILE`.
const XMLSEC1: &[(&str, bool)] = &[
    ("adfs-javasaml", true),
    ("adfs-passport-saml-metadata", false),
    ("adfs-sustainsys", false),
    ("adfs-v2-identitymodel", true),
    ("adfs-v3-identitymodel", true),
    ("adfs-v4-identitymodel", true),
    ("azure-app-mathivanan-bom-crlf", false),
    ("azure-common-identitymodel", true),
    ("azure-tenant-identitymodel-pretty", false),
    ("azure-tenant-rubysaml-multicerts", false),
];

fn keyinfo_pem(xml: &str) -> Option<String> {
    let signature = xml.find("Signature")?;
    let start = xml[signature..].find("X509Certificate>")? + signature + "X509Certificate>".len();
    let end = xml[start..].find('<')? + start;
    let body: String = xml[start..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let lines: Vec<String> = body
        .as_bytes()
        .chunks(64)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect();
    Some(format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        lines.join("\n")
    ))
}

fn xmlsec1_live(name: &str) -> Option<bool> {
    let path = common::corpus_dir().join(format!("metadata/{name}.xml"));
    let text = String::from_utf8_lossy(&common::corpus(name)).into_owned();
    let pem = std::env::temp_dir().join(format!("mimecast-sso-{name}-{}.pem", std::process::id()));
    std::fs::write(&pem, keyinfo_pem(&text)?).ok()?;
    let verdict = common::xmlsec1_verifies(
        &pem,
        &["urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor"],
        &path,
    );
    let _ = std::fs::remove_file(&pem);
    verdict
}

#[test]
fn signed_corpus_documents_get_xmlsec1s_verdict() {
    for (name, verifies) in XMLSEC1 {
        let inspection = inspect(&common::corpus(name), &common::options(None)).unwrap();
        let signature = inspection
            .metadata_signature
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: no signature found"));
        assert_eq!(
            signature.valid,
            Some(*verifies),
            "{name}: {:?}",
            signature.problem
        );
        if let Some(live) = xmlsec1_live(name) {
            assert_eq!(live, *verifies, "{name}: live xmlsec1");
        }
        let flagged = common::finding_codes(&inspection).contains(&"metadata-signature-invalid");
        assert_eq!(flagged, !verifies, "{name}");
    }
}

#[test]
fn a_one_byte_edit_inside_a_signed_element_fails() {
    let original = common::corpus("azure-common-identitymodel");
    let text = String::from_utf8(original.clone()).unwrap();
    let at = text.find("https://login.microsoftonline.com/").unwrap() + "https://".len();
    let mut edited = original.clone();
    edited[at] = b'L';
    let inspection = inspect(&edited, &common::options(None)).unwrap();
    let signature = inspection.metadata_signature.clone().unwrap();
    assert_eq!(signature.valid, Some(false));
    assert!(signature.problem.unwrap().contains("changed after signing"));
    common::assert_finds(&inspection, "metadata-signature-invalid");
}

#[test]
fn unsigned_documents_report_no_signature() {
    let inspection = inspect(
        &common::corpus("okta-crewjam-md-prefix"),
        &common::options(None),
    )
    .unwrap();
    assert!(inspection.metadata_signature.is_none());
}
