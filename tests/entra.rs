//! What an admin meets with Entra ID: its three metadata documents, its certificate downloads,
//! key rollover, and the mistakes that later surface as AADSTS errors.

use mimecast_sso::datetime::parse_rfc3339;
use mimecast_sso::{
    EntraDocument, EntraKind, InputError, InputKind, InspectOptions, Inspection, ValidityStatus,
    inspect,
};

mod common;
use common::{assert_finds, finding_codes, fixture};

const APP_TENANT: &str = "a15b04fc-6ff1-42a7-bb24-2e762259f5da";
const APP_CERT_SHA1: &str = "BEF6EE4FA1BB603AD3E04AC38987EBA36E6F1DF8";

fn at(now: &str) -> InspectOptions {
    InspectOptions::at(parse_rfc3339(now).unwrap())
}

#[test]
fn app_metadata_fills_every_field_and_is_clean_while_the_certificate_is_valid() {
    let inspection = inspect(
        &fixture("corpus/metadata/azure-app-mathivanan-bom-crlf.xml"),
        &at("2024-06-01T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(inspection.input_kind, InputKind::Metadata);
    assert_eq!(inspection.entra_document, Some(EntraDocument::App));
    assert_eq!(inspection.tenant_id.as_deref(), Some(APP_TENANT));
    let values = &inspection.mimecast;
    assert_eq!(
        values.issuer_url.as_deref(),
        Some(format!("https://sts.windows.net/{APP_TENANT}/").as_str())
    );
    let endpoint = format!("https://login.microsoftonline.com/{APP_TENANT}/saml2");
    assert_eq!(values.login_url.as_deref(), Some(endpoint.as_str()));
    assert_eq!(values.logout_url.as_deref(), Some(endpoint.as_str()));
    // The same certificate stands four times in the document; only the IdP role's counts, once.
    assert_eq!(inspection.signing_certificates.len(), 1);
    let certificate = &inspection.signing_certificates[0];
    assert_eq!(certificate.sha1, APP_CERT_SHA1);
    assert_eq!(certificate.entra_kind, Some(EntraKind::App));
    assert_eq!(
        values.certificate.as_deref(),
        Some(certificate.base64.as_str())
    );
    assert!(!certificate.base64.contains(char::is_whitespace));
    // This copy of the document was changed after Entra signed it (xmlsec1 agrees).
    assert_eq!(finding_codes(&inspection), ["metadata-signature-invalid"]);
}

#[test]
fn certificate_validity_is_judged_at_the_given_instant() {
    let xml = fixture("corpus/metadata/azure-app-mathivanan-bom-crlf.xml");
    let soon = inspect(&xml, &at("2025-02-01T00:00:00Z")).unwrap();
    assert_eq!(
        finding_codes(&soon),
        ["cert-expires-soon", "metadata-signature-invalid"]
    );
    assert_eq!(
        soon.signing_certificates[0].validity.status,
        ValidityStatus::ExpiresSoon
    );
    assert_eq!(soon.signing_certificates[0].validity.days_remaining, 49);

    let expired = inspect(&xml, &at("2026-11-23T00:00:00Z")).unwrap();
    assert_eq!(
        finding_codes(&expired),
        ["cert-expired", "metadata-signature-invalid"]
    );
    assert!(
        expired.findings[0]
            .message
            .contains("expired on 2025-03-22")
    );
    // Expired or not, the values are still given: the admin decides.
    assert!(expired.mimecast.certificate.is_some());

    let early = inspect(&xml, &at("2022-03-22T13:00:00Z")).unwrap();
    assert_eq!(
        finding_codes(&early),
        ["cert-not-yet-valid", "metadata-signature-invalid"]
    );
}

#[test]
fn tenant_wide_metadata_warns_that_it_carries_the_tenant_keys() {
    let inspection = inspect(
        &fixture("corpus/metadata/azure-tenant-identitymodel-pretty.xml"),
        &at("2018-06-01T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(inspection.entra_document, Some(EntraDocument::Tenant));
    assert_finds(&inspection, "tenant-keys-not-app-cert");
    assert_finds(&inspection, "multiple-signing-certs");
    assert!(
        inspection
            .signing_certificates
            .iter()
            .all(|c| c.entra_kind == Some(EntraKind::TenantKey))
    );
}

#[test]
fn tenant_independent_metadata_is_an_error() {
    let inspection = inspect(
        &fixture("corpus/metadata/azure-common-identitymodel.xml"),
        &at("2018-06-01T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(
        inspection.entra_document,
        Some(EntraDocument::TenantIndependent)
    );
    assert_eq!(inspection.tenant_id, None);
    assert_finds(&inspection, "tenant-independent-metadata");
}

/// During rollover Entra lists every signing certificate. The suggestion is the one valid now
/// that started last, whichever position it holds; the choice is the admin's.
#[test]
fn rollover_suggests_the_valid_certificate_that_started_last_and_lets_the_admin_choose() {
    let xml = fixture("corpus/metadata/azure-tenant-rubysaml-multicerts.xml");
    let older = "92B88C3DD981BF1EBCB244FCFA63C007706C79E0"; // 2014-01-01 .. 2016-01-01, listed first
    let newer = "3270BF5597004DF339A4E62224731B6BD82810A6"; // 2014-10-28 .. 2016-10-27, listed second
    let sha1_at = |inspection: &Inspection, index: Option<usize>| {
        inspection.signing_certificates[index.unwrap()].sha1.clone()
    };

    let both_valid = inspect(&xml, &at("2015-06-01T00:00:00Z")).unwrap();
    assert_eq!(both_valid.signing_certificates.len(), 2);
    assert_eq!(
        sha1_at(&both_valid, both_valid.suggested_certificate),
        newer
    );
    assert_finds(&both_valid, "multiple-signing-certs");
    let finding = both_valid
        .findings
        .iter()
        .find(|f| f.code.as_str() == "multiple-signing-certs")
        .unwrap();
    assert!(finding.message.contains(newer), "{}", finding.message);

    let none_valid = inspect(&xml, &at("2026-11-23T00:00:00Z")).unwrap();
    assert_eq!(
        sha1_at(&none_valid, none_valid.suggested_certificate),
        newer
    );
    let finding = none_valid
        .findings
        .iter()
        .find(|f| f.code.as_str() == "multiple-signing-certs")
        .unwrap();
    assert!(
        finding.message.contains("none is valid now"),
        "{}",
        finding.message
    );

    let only_older_valid = inspect(&xml, &at("2014-06-01T00:00:00Z")).unwrap();
    assert_eq!(
        sha1_at(&only_older_valid, only_older_valid.suggested_certificate),
        older
    );

    let mut choice = at("2015-06-01T00:00:00Z");
    choice.certificate = Some(older.to_lowercase());
    let chosen = inspect(&xml, &choice).unwrap();
    assert_eq!(sha1_at(&chosen, chosen.chosen_certificate), older);
    assert_eq!(sha1_at(&chosen, chosen.suggested_certificate), newer);
    assert_eq!(
        chosen.mimecast.certificate.as_deref(),
        Some(chosen.signing_certificates[0].base64.as_str())
    );

    choice.certificate = Some("00".repeat(20));
    assert_eq!(
        inspect(&xml, &choice).unwrap_err().code(),
        "certificate-not-found"
    );
}

#[test]
fn every_form_of_entra_certificate_download_reads_the_same() {
    for file in [
        "certificates/entra-app-base64-download-bom-crlf.cer",
        "certificates/entra-app-raw-download-der.cer",
        "certificates/entra-app-bare-base64-wrapped-76.txt",
        "certificates/entra-app-base64-of-pem.txt",
        "certificates/entra-app-pem-on-one-line.txt",
    ] {
        let inspection = inspect(&fixture(file), &at("2024-06-01T00:00:00Z"))
            .unwrap_or_else(|error| panic!("{file}: {error}"));
        assert_eq!(inspection.input_kind, InputKind::Certificate, "{file}");
        assert_eq!(inspection.signing_certificates.len(), 1, "{file}");
        assert_eq!(
            inspection.signing_certificates[0].sha1, APP_CERT_SHA1,
            "{file}"
        );
        assert_eq!(inspection.mimecast.issuer_url, None, "{file}");
        assert_eq!(finding_codes(&inspection), Vec::<&str>::new(), "{file}");
    }
}

#[test]
fn the_certificate_can_be_wrapped_at_64_columns() {
    let mut options = at("2024-06-01T00:00:00Z");
    options.wrap_certificate = true;
    let inspection = inspect(
        &fixture("certificates/entra-app-raw-download-der.cer"),
        &options,
    )
    .unwrap();
    let wrapped = inspection.mimecast.certificate.unwrap();
    assert!(wrapped.lines().all(|line| line.len() <= 64));
    assert_eq!(
        wrapped.replace('\n', ""),
        inspection.signing_certificates[0].base64
    );
    // Wrapping is a presentation the admin asked for, not a finding.
    assert_eq!(codes_of(&inspection.findings), Vec::<&str>::new());
}

fn codes_of(findings: &[mimecast_sso::Finding]) -> Vec<&'static str> {
    findings
        .iter()
        .map(|finding| finding.code.as_str())
        .collect()
}

#[test]
fn private_keys_are_refused_and_never_echoed() {
    for file in [
        "certificates/throwaway-private-key-pkcs8.pem",
        "certificates/throwaway-private-key-pkcs8.der",
        "certificates/pem-bundle-certificate-and-private-key.pem",
    ] {
        let error = inspect(&fixture(file), &at("2024-06-01T00:00:00Z")).unwrap_err();
        assert_eq!(error, InputError::PrivateKeyRefused, "{file}");
        assert_eq!(error.code(), "private-key-refused");
        assert!(!error.to_string().contains("MII"), "{file}");
    }
}

#[test]
fn metadata_without_logout_endpoint_says_so() {
    let inspection = inspect(
        &fixture("corpus/metadata/google-crewjam.xml"),
        &at("2024-06-01T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(inspection.mimecast.logout_url, None);
    assert_finds(&inspection, "no-logout-url");
    // Google offers HTTP-POST only: the fallback fills Login URL (python3-saml leaves it empty).
    assert_eq!(
        inspection.mimecast.login_url.as_deref(),
        Some("https://accounts.google.com/o/saml2/idp?idpid=C02dfl1r1")
    );
}

#[test]
fn a_weak_key_warns() {
    let inspection = inspect(
        &fixture("corpus/metadata/lib-rubysaml-slo-response-location.xml"),
        &at("2026-11-23T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(inspection.signing_certificates[0].key_bits, Some(1024));
    assert_finds(&inspection, "weak-key");
}

#[test]
fn the_metadata_url_adds_its_own_findings() {
    let xml = fixture("corpus/metadata/azure-app-mathivanan-bom-crlf.xml");
    let mut options = at("2024-06-01T00:00:00Z");
    options.metadata_url = Some(format!(
        "https://login.microsoftonline.com/{APP_TENANT}/federationmetadata/2007-06/federationmetadata.xml"
    ));
    let inspection = inspect(&xml, &options).unwrap();
    assert_eq!(inspection.mimecast.metadata_url, options.metadata_url);
    assert_eq!(
        finding_codes(&inspection),
        ["metadata-url-without-appid", "metadata-signature-invalid"]
    );

    options.metadata_url = Some("https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/federationmetadata/2007-06/federationmetadata.xml?appid=x".into());
    let inspection = inspect(&xml, &options).unwrap();
    assert_eq!(
        finding_codes(&inspection),
        ["tenant-mismatch", "metadata-signature-invalid"]
    );
}

#[test]
fn what_is_not_an_identity_providers_metadata_is_named() {
    let utf16: Vec<u8> =
        String::from_utf8(fixture("corpus/metadata/azure-app-mathivanan-bom-crlf.xml"))
            .unwrap()
            .trim_start_matches('\u{FEFF}')
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
    let read = inspect(&utf16, &at("2024-06-01T00:00:00Z")).expect("UTF-16 without a BOM");
    assert_eq!(
        read.tenant_id.as_deref(),
        Some("a15b04fc-6ff1-42a7-bb24-2e762259f5da")
    );

    let sp = inspect(
        &fixture("corpus/metadata/neg-microsoftonline-sp-identitymodel.xml"),
        &at("2024-06-01T00:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(sp.code(), "no-identity-provider");
    assert!(sp.to_string().contains("only a service provider"), "{sp}");

    let mut options = at("2024-06-01T00:00:00Z");
    options.entity_id = Some("https://nowhere.example/idp".into());
    let missing = inspect(
        &fixture("corpus/metadata/aggregate-shib-phpsaml.xml"),
        &options,
    )
    .unwrap_err();
    assert_eq!(missing.code(), "entity-not-found");
    assert!(
        missing
            .to_string()
            .contains("https://si-saai.ualg.pt/idp/shibboleth"),
        "{missing}"
    );

    for (input, code) in [
        (&b"<html><body>Sign in</body></html>"[..], "web-page"),
        (
            b"<!DOCTYPE html>\n<html dir=\"ltr\" lang=\"en\"><head><title>Sign in to your account</title>",
            "web-page",
        ),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'/>", "not-metadata"),
        (b"", "empty-input"),
        (b"hello, world", "unrecognised-input"),
        (b"https://login.microsoftonline.com/x/federationmetadata/2007-06/federationmetadata.xml", "url-not-fetched"),
        (b"<EntityDescriptor entityID='x'>", "xml-syntax"),
    ] {
        let error = inspect(input, &at("2024-06-01T00:00:00Z")).unwrap_err();
        assert_eq!(error.code(), code, "{error}");
        let message = error.to_string();
        assert!(message.ends_with('.') && message.matches(". ").count() == 0, "not one sentence: {message}");
    }
}
