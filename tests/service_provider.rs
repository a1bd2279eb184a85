//! The Entra half of the setup: every Mimecast region's values, malformed account codes, and the
//! SP metadata round trip, plus real SP and IdP documents read as SP metadata.

use std::path::Path;

use mimecast_sso::service_provider::{REGIONS, read_service_provider, region, service_provider};

/// Every region with the values an admin pastes into Entra's Basic SAML Configuration.
const EXPECTED: &[(&str, &str, &str, &str)] = &[
    // (code, name, Identifier for account code CABC123, Reply URL = Sign-on URL)
    (
        "eu",
        "Europe",
        "https://eu-api.mimecast.com/sso/CABC123",
        "https://eu-api.mimecast.com/login/saml",
    ),
    (
        "de",
        "Germany",
        "https://de-api.mimecast.com/sso/CABC123",
        "https://de-api.mimecast.com/login/saml",
    ),
    (
        "us",
        "United States",
        "https://us-api.mimecast.com/sso/CABC123",
        "https://us-api.mimecast.com/login/saml",
    ),
    (
        "usb",
        "United States B",
        "https://usb-api.mimecast.com/sso/CABC123",
        "https://usb-api.mimecast.com/login/saml",
    ),
    (
        "uspcom",
        "United States public sector",
        "https://uspcom-api.mimecast-pscom-us.com/sso/CABC123",
        "https://uspcom-api.mimecast-pscom-us.com/login/saml",
    ),
    (
        "ca",
        "Canada",
        "https://ca-api.mimecast.com/sso/CABC123",
        "https://ca-api.mimecast.com/login/saml",
    ),
    (
        "za",
        "South Africa",
        "https://za-api.mimecast.com/sso/CABC123",
        "https://za-api.mimecast.com/login/saml",
    ),
    (
        "au",
        "Australia",
        "https://au-api.mimecast.com/sso/CABC123",
        "https://au-api.mimecast.com/login/saml",
    ),
    (
        "jer",
        "Offshore",
        "https://jer-api.mimecast.com/sso/CABC123",
        "https://jer-api.mimecast.com/login/saml",
    ),
];

#[test]
fn every_region_gives_its_identifier_reply_and_sign_on_url() {
    assert_eq!(
        REGIONS.len(),
        EXPECTED.len(),
        "a region without expected values"
    );
    for &(code, name, identifier, reply_url) in EXPECTED {
        let region = region(code).unwrap_or_else(|| panic!("region {code}"));
        assert_eq!(region.name, name);
        let sp = service_provider(code, "cabc123").expect(code);
        assert_eq!(sp.region, code);
        assert_eq!(sp.account_code.as_str(), "CABC123");
        assert_eq!(sp.identifier, identifier);
        assert_eq!(sp.reply_url, reply_url);
        assert_eq!(sp.sign_on_url, reply_url);
    }
}

#[test]
fn every_region_round_trips_through_its_sp_metadata() {
    for &(code, _, identifier, reply_url) in EXPECTED {
        let sp = service_provider(code, "CABC123").unwrap();
        let read = read_service_provider(sp.metadata_xml.as_bytes()).expect(code);
        assert_eq!(read.identifier, identifier);
        assert_eq!(read.reply_url, reply_url);
        assert_eq!(read.region, Some(code));
        assert_eq!(
            read.account_code.as_ref().map(|c| c.as_str()),
            Some("CABC123")
        );

        // As a file would be saved on Windows: BOM and CRLF.
        let windows = format!("\u{FEFF}{}", sp.metadata_xml.replace('\n', "\r\n"));
        assert_eq!(read_service_provider(windows.as_bytes()).unwrap(), read);
    }
}

#[test]
fn the_metadata_is_what_entra_upload_reads() {
    let sp = service_provider("de", "CDE1A2").unwrap();
    let xml = &sp.metadata_xml;
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert!(xml.contains("entityID=\"https://de-api.mimecast.com/sso/CDE1A2\""));
    assert!(xml.contains(
        "<md:SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
    ));
    assert!(xml.contains(
        "Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://de-api.mimecast.com/login/saml\""
    ));
    assert!(!xml.contains("IDPSSODescriptor"));
}

#[test]
fn malformed_account_codes_get_one_clear_sentence() {
    let malformed = [
        "",
        "  ",
        "C",
        "CU",
        "CUK 12A34",
        "CUK-12A34",
        "CUK_12A34",
        "CUK12A34;",
        "\"CUK12A34\"",
        "CÜK12A34",
        "CUK12A34\u{200B}",
        "https://eu-api.mimecast.com/sso/CUK12A34",
        "eu-api.mimecast.com",
        "CUK12A34/",
        "C0123456789012345678901234567890123",
    ];
    for typed in malformed {
        for &(code, ..) in EXPECTED {
            let error = service_provider(code, typed).expect_err(typed);
            assert!(
                matches!(
                    error.code(),
                    "account-code-empty" | "account-code-malformed"
                ),
                "{typed:?}: {}",
                error.code()
            );
            let message = error.to_string();
            assert!(
                message.ends_with('.') && !message.contains(". "),
                "one sentence: {message}"
            );
            assert!(
                message.contains("Account > Settings"),
                "says where to look: {message}"
            );
        }
    }
}

#[test]
fn an_unknown_region_is_refused() {
    let error = service_provider("mars", "CUK12A34").unwrap_err();
    assert_eq!(error.code(), "unknown-region");
    assert!(error.to_string().contains("mars"));
}

#[test]
fn account_codes_of_another_region_warn_but_still_give_values() {
    let sp = service_provider("us", "CUK12A34").unwrap();
    assert_eq!(sp.identifier, "https://us-api.mimecast.com/sso/CUK12A34");
    assert_eq!(sp.warnings.len(), 1);
    assert!(sp.warnings[0].contains("Europe"), "{:?}", sp.warnings);
}

/// A document of the reference corpus.
fn corpus(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus/metadata")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

#[test]
fn real_sp_metadata_is_read() {
    let python3saml = read_service_provider(&corpus("neg-python3saml-sp-only.xml")).unwrap();
    assert_eq!(
        python3saml.identifier,
        "http://stuff.com/endpoints/metadata.php"
    );
    assert_eq!(
        python3saml.reply_url,
        "http://stuff.com/endpoints/endpoints/acs.php"
    );
    assert_eq!(python3saml.region, None);

    let microsoft =
        read_service_provider(&corpus("neg-microsoftonline-sp-identitymodel.xml")).unwrap();
    assert_eq!(microsoft.identifier, "urn:federation:MicrosoftOnline");
    assert_eq!(
        microsoft.reply_url,
        "https://login.microsoftonline.com/login.srf"
    );

    // ADFS publishes an SP and an IdP role in one entity: the SP role is read.
    let adfs = read_service_provider(&corpus("adfs-v2-identitymodel.xml")).unwrap();
    assert_eq!(
        adfs.identifier,
        "http://fs.msidlab7.com/adfs/services/trust"
    );
    assert_eq!(adfs.reply_url, "https://fs.msidlab7.com/adfs/ls/");
}

#[test]
fn entra_idp_metadata_is_not_taken_for_sp_metadata() {
    for name in [
        "azure-app-mathivanan-bom-crlf.xml",
        "azure-tenant-rubysaml-multicerts.xml",
    ] {
        let error = read_service_provider(&corpus(name)).unwrap_err();
        assert_eq!(error.code(), "idp-metadata", "{name}");
    }
}

#[test]
fn hostile_or_broken_input_is_an_error_not_a_panic() {
    let sp = service_provider("eu", "CUK1A2").unwrap();
    let xml = sp.metadata_xml.as_bytes();
    for cut in 0..xml.len() {
        let _ = read_service_provider(&xml[..cut]);
    }
    let inputs: [&[u8]; 6] = [
        b"\xEF\xBB\xBF",
        b"\xFF\xFE\x00",
        b"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>",
        b"<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"&bogus;\"><md:SPSSODescriptor/></md:EntityDescriptor>",
        b"<a:b:c/>",
        b"\x00\x01\x02",
    ];
    for input in inputs {
        assert!(read_service_provider(input).is_err(), "{input:?}");
    }
}
