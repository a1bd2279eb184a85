//! The core against 39 real metadata documents, and against what python3-saml 1.16.0 and
//! openssl 3.0 say about each (tests/fixtures/corpus/expected, see its README and PROVENANCE).
//!
//! python3-saml is a reference, not an authority: where the corpus README shows it is wrong
//! (first entity only, no binding fallback, certificates unchecked, the metadata-namespace
//! X509Certificate missed, no de-duplication), the expectation is what an admin needs instead.

use mimecast_sso::{Certificate, InputError, Inspection, inspect};
use serde_json::Value;
use std::collections::BTreeSet;

mod common;
use common::{corpus, corpus_dir, corpus_names, options, sha1s};

const REDIRECT: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const POST: &str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

fn expected(name: &str) -> Value {
    let text = std::fs::read_to_string(corpus_dir().join(format!("expected/{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The entity IDs of a file's identity providers, from the independent structural walk.
fn idp_entity_ids(expected: &Value) -> Vec<&str> {
    expected["structure"]["idp_entity_ids"]
        .as_array()
        .map(|ids| ids.iter().map(|id| id.as_str().unwrap()).collect())
        .unwrap_or_default()
}

/// The structural walk of one entity (the walk of large aggregates is truncated: then `None`).
fn structural_entity<'a>(expected: &'a Value, entity_id: &str) -> Option<&'a Value> {
    expected["structure"]["entities"]
        .as_array()?
        .iter()
        .find(|entity| entity["entityID"] == entity_id)
}

/// The certificates (by SHA-1) that openssl could read, at IDPSSODescriptor key descriptors of
/// the entity whose `use` is one of `uses`.
fn expected_certificates(expected: &Value, entity_id: &str, uses: &[&str]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for certificate in expected["certs"].as_array().unwrap() {
        if certificate.get("error").is_some() {
            continue;
        }
        let at_role = certificate["locations"].as_array().unwrap().iter().any(|location| {
            let location = location.as_str().unwrap();
            uses.iter().any(|key_use| {
                location == format!("EntityDescriptor[{entity_id}]/IDPSSODescriptor/KeyDescriptor[use={key_use}]")
            })
        });
        if at_role {
            found.insert(certificate["sha1_thumbprint"].as_str().unwrap().to_string());
        }
    }
    found
}

fn sha1_set(certificates: &[Certificate]) -> BTreeSet<String> {
    sha1s(certificates).into_iter().collect()
}

/// The first endpoint location for a binding, from the structural walk.
fn structural_endpoint(entity: &Value, kind: &str, binding: &str) -> Option<String> {
    entity["idpsso"][kind]
        .as_array()?
        .iter()
        .find_map(|endpoint| {
            (endpoint["binding"] == binding)
                .then(|| endpoint["location"].as_str().unwrap().to_string())
        })
}

/// python3-saml's call with the default bindings, for one entity.
fn python3_saml_idp<'a>(
    expected: &'a Value,
    entity_id: &str,
    single_idp: bool,
) -> Option<&'a Value> {
    let by_entity = &expected["python3_saml"]["by_entity_id"][entity_id]["idp"];
    if by_entity.is_object() {
        return Some(by_entity);
    }
    let default = &expected["python3_saml"]["default"]["idp"];
    (single_idp && default["entityId"] == entity_id).then_some(default)
}

#[test]
fn every_identity_provider_agrees_with_python3_saml_and_the_structure() {
    let mut checked = 0;
    for name in corpus_names() {
        let expected = expected(&name);
        let entity_ids = idp_entity_ids(&expected);
        let bytes = corpus(&name);
        for &entity_id in &entity_ids {
            let inspection = inspect(&bytes, &options(Some(entity_id)))
                .unwrap_or_else(|error| panic!("{name} [{entity_id}]: {error}"));
            let context = format!("{name} [{entity_id}]");
            assert_eq!(
                inspection.entity_id.as_deref(),
                Some(entity_id),
                "{context}"
            );

            // Login URL: HTTP-Redirect, else HTTP-POST (python3-saml has no fallback: README 5).
            if let Some(entity) = structural_entity(&expected, entity_id) {
                let login = structural_endpoint(entity, "sso", REDIRECT)
                    .or_else(|| structural_endpoint(entity, "sso", POST));
                assert_eq!(inspection.mimecast.login_url, login, "{context}: login");
                let logout = structural_endpoint(entity, "slo", REDIRECT)
                    .or_else(|| structural_endpoint(entity, "slo", POST));
                assert_eq!(inspection.mimecast.logout_url, logout, "{context}: logout");
            }

            if let Some(peer) = python3_saml_idp(&expected, entity_id, entity_ids.len() == 1) {
                assert_eq!(peer["entityId"], entity_id, "{context}");
                if let Some(url) = peer["singleSignOnService"]["url"].as_str() {
                    assert_eq!(
                        inspection.mimecast.login_url.as_deref(),
                        Some(url),
                        "{context}: python3-saml SSO"
                    );
                }
                if let Some(url) = peer["singleLogoutService"]["url"].as_str() {
                    assert_eq!(
                        inspection.mimecast.logout_url.as_deref(),
                        Some(url),
                        "{context}: python3-saml SLO"
                    );
                }
                assert_signing_order_matches_python3_saml(peer, &inspection, &context);
            }

            // Signing certificates: every readable one at the IdP role, de-duplicated, nothing else.
            assert_eq!(
                sha1_set(&inspection.signing_certificates),
                expected_certificates(&expected, entity_id, &["signing", "-"]),
                "{context}: signing certificates"
            );
            assert_eq!(
                sha1_set(&inspection.encryption_certificates),
                expected_certificates(&expected, entity_id, &["encryption", "-"]),
                "{context}: encryption certificates"
            );
            assert_eq!(
                inspection.signing_certificates.len(),
                sha1_set(&inspection.signing_certificates).len(),
                "{context}: duplicates"
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 70,
        "only {checked} identity providers were checked"
    );
}

/// python3-saml lists signing certificates in document order without de-duplication and without
/// reading them; ours is the same order once that is done.
fn assert_signing_order_matches_python3_saml(peer: &Value, inspection: &Inspection, context: &str) {
    let listed: Vec<String> = match (&peer["x509cert"], &peer["x509certMulti"]["signing"]) {
        (Value::String(one), _) => vec![one.clone()],
        (_, Value::Array(many)) => many
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect(),
        _ => Vec::new(),
    };
    let mut readable: Vec<String> = Vec::new();
    for text in listed {
        let Ok(certificate) = inspect(text.as_bytes(), &options(None)) else {
            continue; // unreadable: README 3
        };
        let sha1 = certificate.signing_certificates[0].sha1.clone();
        if !readable.contains(&sha1) {
            readable.push(sha1);
        }
    }
    if readable.is_empty() {
        return; // README 4: python3-saml missed them; the set comparison covers ours
    }
    let ours = sha1s(&inspection.signing_certificates);
    assert_eq!(ours, readable, "{context}: order of signing certificates");
}

#[test]
fn without_an_entity_id_one_identity_provider_is_taken_and_several_are_listed() {
    for name in corpus_names() {
        let expected = expected(&name);
        let idps = idp_entity_ids(&expected);
        let result = inspect(&corpus(&name), &options(None));
        match idps.len() {
            0 => assert!(
                matches!(result, Err(InputError::NoIdentityProvider { .. })),
                "{name}: {result:?}"
            ),
            1 => assert_eq!(
                result.unwrap().entity_id.as_deref(),
                Some(idps[0]),
                "{name}"
            ),
            count => {
                let error = result.unwrap_err();
                assert!(
                    matches!(error, InputError::SeveralIdentityProviders { count: c, .. } if c == count),
                    "{name}: {error}"
                );
                assert!(error.to_string().contains(idps[0]), "{name}: {error}");
            }
        }
    }
}

#[test]
fn every_certificate_agrees_with_openssl() {
    use base64::Engine;
    let now = options(None).now;
    let mut compared = 0;
    for name in corpus_names() {
        for expected in expected(&name)["certs"].as_array().unwrap() {
            let text = expected
                .get("inner_base64")
                .or_else(|| expected.get("base64"))
                .and_then(Value::as_str)
                .unwrap();
            let der = base64::engine::general_purpose::STANDARD
                .decode(text.split_whitespace().collect::<String>())
                .unwrap();
            let read = Certificate::from_der(&der, now);
            if expected.get("error").is_some() {
                assert!(
                    read.is_err(),
                    "{name}: openssl refused a certificate that was read"
                );
                continue;
            }
            let certificate = read.unwrap_or_else(|error| panic!("{name}: {error}"));
            let context = format!("{name} {}", certificate.sha1);
            assert_eq!(certificate.sha1, expected["sha1_thumbprint"], "{context}");
            assert_eq!(
                certificate.sha256,
                expected["sha256_hex"].as_str().unwrap().to_uppercase(),
                "{context}"
            );
            assert_eq!(
                certificate.subject, expected["subject_rfc2253"],
                "{context}"
            );
            assert_eq!(certificate.issuer, expected["issuer_rfc2253"], "{context}");
            assert_eq!(certificate.serial, expected["serial_hex"], "{context}");
            let iso = |key: &str| expected[key].as_str().unwrap().replace(' ', "T");
            assert_eq!(certificate.not_before, iso("notBefore_iso"), "{context}");
            assert_eq!(certificate.not_after, iso("notAfter_iso"), "{context}");
            assert_eq!(
                certificate.key_bits.map(u64::from),
                expected["public_key_bits"].as_u64(),
                "{context}"
            );
            let algorithm = match expected["public_key_algorithm"].as_str().unwrap() {
                "rsaEncryption" => "RSA",
                "id-ecPublicKey" => "EC",
                other => other,
            };
            assert_eq!(certificate.key_algorithm, algorithm, "{context}");
            assert_eq!(
                certificate.signature_algorithm, expected["signature_algorithm"],
                "{context}"
            );
            compared += 1;
        }
    }
    assert!(compared >= 230, "only {compared} certificates compared");
}

/// The cases of python3-saml's own IdP metadata parser suite (PEER_TESTS.md, section 1), read
/// as what they check: endpoints per binding, entity ID, and the certificates.
#[test]
fn python3_saml_parser_suite() {
    let cases: Value = serde_json::from_str(
        &std::fs::read_to_string(corpus_dir().join("peer_tests/peer_cases.json")).unwrap(),
    )
    .unwrap();
    let cases = cases["python3-saml"].as_array().unwrap();
    assert_eq!(cases.len(), 15);
    for case in cases {
        let name = case["corpus_file"]
            .as_str()
            .unwrap()
            .trim_start_matches("metadata/")
            .trim_end_matches(".xml");
        let context = format!("{} ({name})", case["test"]);
        let entity_id = case["kwargs"]["entity_id"].as_str();
        let expected = &case["expected"]["idp"];
        let bytes = corpus(name);
        let result = inspect(&bytes, &options(entity_id));
        if !expected.is_object() {
            assert!(
                matches!(result, Err(InputError::NoIdentityProvider { .. })),
                "{context}: {result:?}"
            );
            continue;
        }
        // python3-saml without entity_id reads the first entity; we ask for it by name (README 1).
        let inspection = match result {
            Ok(inspection) => inspection,
            Err(InputError::SeveralIdentityProviders { .. }) => {
                inspect(&bytes, &options(expected["entityId"].as_str())).unwrap()
            }
            Err(error) => panic!("{context}: {error}"),
        };
        assert_eq!(
            inspection.entity_id.as_deref(),
            expected["entityId"].as_str(),
            "{context}"
        );
        let sso_binding = binding(&case["kwargs"], "required_sso_binding");
        let slo_binding = binding(&case["kwargs"], "required_slo_binding");
        let first = |endpoints: &[mimecast_sso::Endpoint], binding: &str| {
            endpoints
                .iter()
                .find(|e| e.binding == binding)
                .map(|e| e.location.clone())
        };
        for (service, ours, binding, theirs) in [
            (
                "SSO",
                &inspection.single_sign_on,
                &sso_binding,
                "singleSignOnService",
            ),
            (
                "SLO",
                &inspection.single_logout,
                &slo_binding,
                "singleLogoutService",
            ),
        ] {
            assert_eq!(
                first(ours, binding),
                expected[theirs]["url"].as_str().map(str::to_string),
                "{context}: {service} for {binding}"
            );
        }
        let (signing, encryption) = peer_certificates(expected);
        assert_eq!(
            sha1s(&inspection.signing_certificates),
            signing,
            "{context}: signing"
        );
        let ours = sha1s(&inspection.encryption_certificates);
        match encryption {
            Some(encryption) => assert_eq!(ours, encryption, "{context}: encryption"),
            // `x509cert` folds a `use`-less key into one value: it may serve encryption too.
            None => assert!(
                ours.iter().all(|sha1| signing.contains(sha1)),
                "{context}: encryption"
            ),
        }
    }
}

fn binding(kwargs: &Value, key: &str) -> String {
    kwargs[key]
        .as_str()
        .map_or(REDIRECT.to_string(), |binding| {
            if binding.starts_with("urn:") {
                binding.to_string()
            } else {
                format!("urn:oasis:names:tc:SAML:2.0:bindings:{binding}")
            }
        })
}

/// python3-saml's certificate lists as thumbprints, read, unwrapped (base64 of PEM) and
/// de-duplicated in order: what it means, without its three blind spots.
fn peer_certificates(idp: &Value) -> (Vec<String>, Option<Vec<String>>) {
    let thumbprints = |texts: Vec<&str>| {
        let mut out: Vec<String> = Vec::new();
        for text in texts {
            let sha1 = inspect(text.as_bytes(), &options(None))
                .unwrap()
                .signing_certificates[0]
                .sha1
                .clone();
            if !out.contains(&sha1) {
                out.push(sha1);
            }
        }
        out
    };
    match (&idp["x509cert"], &idp["x509certMulti"]) {
        // One certificate serves signing and, in python3-saml's model, encryption when `use` is absent.
        (Value::String(one), _) => (thumbprints(vec![one]), None),
        (_, Value::Object(multi)) => {
            let list = |key: &str| {
                multi
                    .get(key)
                    .and_then(Value::as_array)
                    .map(|texts| texts.iter().map(|t| t.as_str().unwrap()).collect())
                    .unwrap_or_default()
            };
            (
                thumbprints(list("signing")),
                Some(thumbprints(list("encryption"))),
            )
        }
        _ => (Vec::new(), Some(Vec::new())),
    }
}

/// passport-saml-metadata's MetadataReader cases (PEER_TESTS.md, section 2) that concern values
/// the Mimecast form takes.
#[test]
fn passport_saml_metadata_reader_cases() {
    let cases: Value = serde_json::from_str(
        &std::fs::read_to_string(corpus_dir().join("peer_tests/peer_cases.json")).unwrap(),
    )
    .unwrap();
    for case in cases["passport-saml-metadata"].as_array().unwrap() {
        let name = case["corpus_file"]
            .as_str()
            .unwrap()
            .trim_start_matches("metadata/")
            .trim_end_matches(".xml");
        let inspection = inspect(&corpus(name), &options(None)).unwrap();
        let binding = match case["options"].as_str() {
            Some(options) if options.contains("HTTP-POST") => POST.to_string(),
            Some(options) if options.contains("HTTP-Artifact") => {
                "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact".to_string()
            }
            _ => REDIRECT.to_string(),
        };
        let pick = |endpoints: &[mimecast_sso::Endpoint]| {
            endpoints
                .iter()
                .find(|e| e.binding == binding)
                .or(endpoints.first())
                .map(|e| e.location.clone())
        };
        let context = format!("{} {} ({name})", case["describe"], case["property"]);
        let expected = case["expected"].as_str().unwrap();
        match case["property"].as_str().unwrap() {
            "identityProviderUrl" => assert_eq!(
                pick(&inspection.single_sign_on).as_deref(),
                Some(expected),
                "{context}"
            ),
            "logoutUrl" => assert_eq!(
                pick(&inspection.single_logout).as_deref(),
                Some(expected),
                "{context}"
            ),
            "entityId" => assert_eq!(inspection.entity_id.as_deref(), Some(expected), "{context}"),
            "signingCert" | "encryptionCert" | "query" => {
                let list = if case["property"] == "signingCert" {
                    &inspection.signing_certificates
                } else {
                    &inspection.encryption_certificates
                };
                match list.first() {
                    Some(first) => assert_eq!(first.base64, expected, "{context}"),
                    // The truncated fixture: unreadable, said so, never passed on.
                    None => assert!(
                        inspection
                            .findings
                            .iter()
                            .any(|f| f.code.as_str() == "certificate-unreadable"),
                        "{context}"
                    ),
                }
            }
            // NameID format is not part of Mimecast's form.
            "identifierFormat" => {}
            other => panic!("{context}: unknown property {other}"),
        }
    }
}
