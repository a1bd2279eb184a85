//! The wasm boundary only (docs/contract.md, "wasm exports"): that each export takes the
//! JavaScript values the contract names, returns plain JSON-compatible objects and throws
//! `Error`s with a `code`. What the values are is tested natively (tests/*.rs).
//!
//! Run with `make test-wasm` (Node, through wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JSON, Object, Reflect, Uint8Array};
use mimecast_sso::bindings;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const TENANT: &str = "a15b04fc-6ff1-42a7-bb24-2e762259f5da";
const ISSUER: &str = "https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5da/";
const SAML2: &str = "https://login.microsoftonline.com/a15b04fc-6ff1-42a7-bb24-2e762259f5da/saml2";
/// Entra's "Microsoft Azure Federated SSO Certificate" for one app, 2022-03-22 to 2025-03-22
/// (tests/fixtures/corpus/metadata/azure-app-mathivanan-bom-crlf.xml).
const CERT: &str = "MIIC8DCCAdigAwIBAgIQYtqOnmqTp55JGx1ZbThIzzANBgkqhkiG9w0BAQsFADA0MTIwMAYDVQQDEylNaWNyb3NvZnQgQXp1cmUgRmVkZXJhdGVkIFNTTyBDZXJ0aWZpY2F0ZTAeFw0yMjAzMjIxMzEwMzNaFw0yNTAzMjIxMzEwMjhaMDQxMjAwBgNVBAMTKU1pY3Jvc29mdCBBenVyZSBGZWRlcmF0ZWQgU1NPIENlcnRpZmljYXRlMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAoIaWByohuzH+3XsxF1n5CEdTcPI6cFcNFDTLsTofffzqo/9iigdOo+j/ADZEBB1fatbqz2TUcJttn74vkm7cLtUItBq3N9R6NhSZtqRjARxhLwQ1zlp8cIgBTvQ/V+kZrWpGT+T8/zk4h2Qa/OAqaY01q/n4I3sj/ZLt1iqlnfGzLNxs5xiaUv4nUtVlJHVav1TyIfjy0CYMIy7Q46lEl9CkAOVojM+/PdPdx/tu/w0aRDu4XGvi5Mm3D8vvbp4grf6UVX5qx8JhTIzzMsaoeURGAs2XsQpxlGHw2MvI5ww3TaKo+tUEBgg0tWd6d+ndISFbFscvKQjb9d6MvMH2kQIDAQABMA0GCSqGSIb3DQEBCwUAA4IBAQCcRKDlrmNkyFcs18F//nb9BsQ7IBYv8PcmoV0weXmP9MRDvqPOnvKQ+WKHNRGhs5UF6YLO60g9xwlo/OvTA1W8cb4hvMI0SU7qsHX/7F15xpkR7C7Tux02nEQSjwFyEg8XO81UgaZwORgb3GqwSvTXVSOmjw0tzATowLV6ScGVkSsmPnZWWKP3n3j7CHCIR2fyPJjoheron2yPtAYSr/cZ3KN3FwerR5/f32t/EJtGBK1BQpwJpUb+8AmtLoWdoCmFoujqaIAFTUBhZdEUvB1kJMx+X7je2E8tl+OVbBUIb4+qwFbytCC1RSGE2ysRjshwJUAK0TC07vdmj9wVuA3P";
const CERT_SHA1: &str = "BEF6EE4FA1BB603AD3E04AC38987EBA36E6F1DF8";
/// 2024-06-01T00:00:00Z, when that certificate is valid.
const NOW: &str = "2024-06-01T00:00:00Z";
const NOW_MS: f64 = 1_717_200_000_000.0;

/// A small Entra app metadata document: the parts that count, none of the WS-Fed noise.
fn entra_metadata() -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<EntityDescriptor ID="_1" entityID="{ISSUER}" xmlns="urn:oasis:names:tc:SAML:2.0:metadata">
  <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <KeyDescriptor use="signing">
      <KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#">
        <X509Data><X509Certificate>{CERT}</X509Certificate></X509Data>
      </KeyInfo>
    </KeyDescriptor>
    <SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{SAML2}" />
    <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{SAML2}" />
    <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{SAML2}" />
  </IDPSSODescriptor>
</EntityDescriptor>
"#
    )
}

// --- helpers ---------------------------------------------------------------------------

/// A JS value from JSON text, as a surface would build it.
fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or_else(|_| panic!("no property {key}"))
}

fn string(value: &JsValue, key: &str) -> String {
    get(value, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is not a string: {:?}", get(value, key)))
}

/// A plain JS object (what JSON.parse would give), not a Map: the extension passes results
/// through chrome.runtime.sendMessage, which keeps only JSON.
fn assert_plain_object(value: &JsValue, what: &str) {
    assert!(value.is_object(), "{what} is not an object: {value:?}");
    assert!(
        !value.is_instance_of::<js_sys::Map>(),
        "{what} is a Map, not a plain object"
    );
    let object_prototype = Object::get_prototype_of(&Object::new());
    assert!(
        JsValue::from(Object::get_prototype_of(value)) == JsValue::from(object_prototype),
        "{what} is not a plain object"
    );
}

/// Every value inside is null, a boolean, a number, a string, an Array or a plain object:
/// what survives chrome.runtime.sendMessage unchanged (no Map, no undefined, no BigInt).
fn assert_json_compatible(value: &JsValue, what: &str) {
    if value.is_null() || value.as_bool().is_some() || value.as_f64().is_some() || value.is_string()
    {
        return;
    }
    assert!(!value.is_undefined(), "{what} is undefined (null expected)");
    if let Some(array) = value.dyn_ref::<Array>() {
        for (i, item) in array.iter().enumerate() {
            assert_json_compatible(&item, &format!("{what}[{i}]"));
        }
        return;
    }
    assert_plain_object(value, what);
    for key in Object::keys(value.unchecked_ref::<Object>()).iter() {
        let key = key.as_string().expect("a string key");
        assert_json_compatible(&get(value, &key), &format!("{what}.{key}"));
    }
}

/// The thrown value is a JS Error with a non-empty message and a kebab-case `code`.
fn assert_error(thrown: JsValue, what: &str) -> String {
    assert!(
        thrown.is_instance_of::<js_sys::Error>(),
        "{what}: threw a non-Error {thrown:?}"
    );
    let message = string(&thrown, "message");
    assert!(!message.is_empty(), "{what}: empty message");
    let code = string(&thrown, "code");
    assert!(
        !code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
        "{what}: code {code:?} is not a stable kebab-case code"
    );
    code
}

fn codes(findings: &JsValue) -> Vec<String> {
    let findings: Array = findings.clone().dyn_into().expect("findings is an Array");
    findings.iter().map(|f| string(&f, "code")).collect()
}

fn find(findings: &JsValue, code: &str) -> JsValue {
    let findings: Array = findings.clone().dyn_into().expect("findings is an Array");
    findings
        .iter()
        .find(|f| get(f, "code").as_string().as_deref() == Some(code))
        .unwrap_or_else(|| panic!("no finding {code} in {:?}", codes(&findings.into())))
}

// --- inspect ---------------------------------------------------------------------------

#[wasm_bindgen_test]
fn inspect_string_gives_mimecast_values_as_plain_objects() {
    let options = js(&format!(r#"{{"now": "{NOW}"}}"#));
    let inspection =
        bindings::inspect(JsValue::from_str(&entra_metadata()), options).expect("inspect");
    assert_plain_object(&inspection, "the inspection");
    assert_json_compatible(&inspection, "the inspection");

    let mimecast = get(&inspection, "mimecast");
    assert_plain_object(&mimecast, "mimecast");
    assert_eq!(string(&mimecast, "issuer_url"), ISSUER);
    assert_eq!(string(&mimecast, "login_url"), SAML2);
    assert_eq!(string(&mimecast, "logout_url"), SAML2);
    assert_eq!(string(&mimecast, "certificate"), CERT);
    assert!(
        get(&mimecast, "metadata_url").is_null(),
        "metadata_url should be null"
    );

    assert_eq!(string(&inspection, "input_kind"), "metadata");
    assert_eq!(string(&inspection, "tenant_id"), TENANT);

    let certificates: Array = get(&inspection, "signing_certificates")
        .dyn_into()
        .expect("an Array");
    assert_eq!(certificates.length(), 1);
    let certificate = certificates.get(0);
    assert_plain_object(&certificate, "a certificate");
    assert_eq!(string(&certificate, "sha1"), CERT_SHA1);
    assert_eq!(get(&certificate, "key_bits").as_f64(), Some(2048.0));
    let validity = get(&certificate, "validity");
    assert_plain_object(&validity, "validity");
    assert_eq!(string(&validity, "status"), "valid");
    assert_eq!(
        get(&inspection, "suggested_certificate").as_f64(),
        Some(0.0)
    );

    let findings = get(&inspection, "findings");
    assert!(
        findings.is_instance_of::<Array>(),
        "findings is not an Array"
    );
    for finding in Array::from(&findings).iter() {
        assert_plain_object(&finding, "a finding");
    }
}

#[wasm_bindgen_test]
fn inspect_takes_bytes_and_now_as_epoch_milliseconds() {
    // Entra's downloads start with a UTF-8 byte-order mark.
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(entra_metadata().replace('\n', "\r\n").as_bytes());
    let array = Uint8Array::from(bytes.as_slice());
    let by_string = bindings::inspect(
        JsValue::from_str(&entra_metadata()),
        js(&format!(r#"{{"now": "{NOW}"}}"#)),
    )
    .expect("inspect a string");

    for (what, input) in [
        ("a Uint8Array", JsValue::from(array.clone())),
        ("an ArrayBuffer", JsValue::from(array.buffer())),
    ] {
        let options = js(&format!(r#"{{"now": {NOW_MS}}}"#));
        let inspection =
            bindings::inspect(input, options).unwrap_or_else(|e| panic!("inspect {what}: {e:?}"));
        assert_json_compatible(&inspection, what);
        let mimecast = get(&inspection, "mimecast");
        assert_eq!(string(&mimecast, "issuer_url"), ISSUER, "{what}");
        // The same document, and the same instant as a number and as a string: the same result.
        assert_eq!(
            JSON::stringify(&inspection).unwrap().as_string(),
            JSON::stringify(&by_string).unwrap().as_string(),
            "{what}, now as epoch milliseconds"
        );
    }
}

/// The thrown error says whether the input is not metadata at all (the worker words a fetched
/// page by it), and lists the identity providers to choose from when there are several.
#[wasm_bindgen_test]
fn errors_say_not_metadata_and_list_identity_providers() {
    let options = js(&format!(r#"{{"now": "{NOW}"}}"#));
    let not_metadata = |thrown: &JsValue| get(thrown, "not_metadata").as_bool();
    let thrown = bindings::inspect(
        JsValue::from_str("<html><body>Sign in</body></html>"),
        options.clone(),
    )
    .expect_err("a web page");
    assert_eq!(not_metadata(&thrown), Some(true));

    let idp = |id: &str| {
        format!(
            r#"<EntityDescriptor entityID="{id}"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{id}sso"/></IDPSSODescriptor></EntityDescriptor>"#
        )
    };
    let aggregate = format!(
        r#"<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">{}{}</EntitiesDescriptor>"#,
        idp("https://one.example/"),
        idp("https://two.example/")
    );
    let thrown = bindings::inspect(JsValue::from_str(&aggregate), options).expect_err("two IdPs");
    assert_eq!(
        assert_error(thrown.clone(), "two IdPs"),
        "several-identity-providers"
    );
    assert_eq!(not_metadata(&thrown), Some(false));
    let ids: Vec<String> = Array::from(&get(&thrown, "entity_ids"))
        .iter()
        .filter_map(|id| id.as_string())
        .collect();
    assert_eq!(ids, ["https://one.example/", "https://two.example/"]);
}

#[wasm_bindgen_test]
fn inspect_of_garbage_throws_an_error_with_a_code() {
    let options = js(&format!(r#"{{"now": "{NOW}"}}"#));
    for garbage in [
        "<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\"><broken",
        "\u{1}\u{2}binary noise \u{7f}",
        "",
    ] {
        let thrown = bindings::inspect(JsValue::from_str(garbage), options.clone())
            .expect_err("garbage must throw");
        assert_error(thrown, &format!("inspect({garbage:?})"));
    }
}

#[wasm_bindgen_test]
fn inspect_with_a_bad_now_throws_invalid_time() {
    let thrown = bindings::inspect(
        JsValue::from_str(&entra_metadata()),
        js(r#"{"now": "yesterday"}"#),
    )
    .expect_err("a bad now must throw");
    assert_eq!(
        assert_error(thrown, "inspect with now=yesterday"),
        "invalid-time"
    );
}

#[wasm_bindgen_test]
fn inspect_chooses_the_certificate_by_thumbprint() {
    let options = js(&format!(
        r#"{{"now": "{NOW}", "certificate": "{CERT_SHA1}"}}"#
    ));
    let inspection = bindings::inspect(JsValue::from_str(&entra_metadata()), options)
        .expect("inspect with a chosen certificate");
    assert_eq!(get(&inspection, "chosen_certificate").as_f64(), Some(0.0));

    let options = js(&format!(
        r#"{{"now": "{NOW}", "certificate": "{}"}}"#,
        "0".repeat(40)
    ));
    let thrown = bindings::inspect(JsValue::from_str(&entra_metadata()), options)
        .expect_err("an unknown thumbprint must throw");
    assert_error(thrown, "inspect with an unknown certificate");
}

// --- check -----------------------------------------------------------------------------

#[wasm_bindgen_test]
fn check_returns_findings_as_plain_objects() {
    let issuer_without_slash = ISSUER.trim_end_matches('/');
    let values = js(&format!(
        r#"{{"issuer_url": "{issuer_without_slash}", "login_url": "{SAML2}", "logout_url": "{SAML2}",
            "provider": "Azure Active Directory", "password_context": true, "integrated_context": false}}"#
    ));
    let result = bindings::check(values, js(&format!(r#"{{"now": {NOW_MS}}}"#))).expect("check");
    assert_plain_object(&result, "the check result");
    assert_json_compatible(&result, "the check result");
    let findings = get(&result, "findings");
    let slash = find(&findings, "issuer-trailing-slash");
    assert_plain_object(&slash, "a finding");
    assert_eq!(string(&slash, "severity"), "error");
    assert_eq!(string(&slash, "field"), "issuer_url");
    assert_eq!(string(&slash, "fix"), ISSUER);
    find(&findings, "authn-context-checked");

    let clean = bindings::check(
        js(&format!(
            r#"{{"issuer_url": "{ISSUER}", "login_url": "{SAML2}", "logout_url": "{SAML2}"}}"#
        )),
        js(&format!(r#"{{"now": "{NOW}"}}"#)),
    )
    .expect("check clean values");
    assert!(
        codes(&get(&clean, "findings")).is_empty(),
        "clean values gave findings"
    );
}

#[wasm_bindgen_test]
fn check_with_a_bad_now_throws() {
    let thrown =
        bindings::check(js("{}"), js(r#"{"now": "soon"}"#)).expect_err("a bad now must throw");
    assert_eq!(assert_error(thrown, "check with now=soon"), "invalid-time");
}

// --- classify --------------------------------------------------------------------------

#[wasm_bindgen_test]
fn classify_names_each_kind_of_paste() {
    let pem = format!("-----BEGIN CERTIFICATE-----\n{CERT}\n-----END CERTIFICATE-----\n");
    let url = format!(
        "https://login.microsoftonline.com/{TENANT}/federationmetadata/2007-06/federationmetadata.xml?appid=0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
    );
    let key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
    for (text, kind) in [
        (entra_metadata(), "metadata"),
        (url, "metadata-url"),
        (pem, "certificate"),
        (key.to_owned(), "private-key"),
        ("hello, admin".to_owned(), "text"),
    ] {
        let got = JsValue::from(bindings::classify(&text));
        assert_eq!(
            got.as_string().as_deref(),
            Some(kind),
            "classify({:.40}…)",
            text
        );
    }
}

// --- metadataUrl -----------------------------------------------------------------------

#[wasm_bindgen_test]
fn metadata_url_splits_an_entra_url() {
    let app = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
    let url = format!(
        "https://login.microsoftonline.com/{TENANT}/federationmetadata/2007-06/federationmetadata.xml?appid={app}"
    );
    let parsed = bindings::metadata_url(&url).expect("metadataUrl");
    assert_plain_object(&parsed, "metadataUrl's result");
    assert_json_compatible(&parsed, "metadataUrl's result");
    assert_eq!(string(&parsed, "url"), url);
    assert_eq!(string(&parsed, "tenant_id"), TENANT);
    assert_eq!(string(&parsed, "app_id"), app);
    assert!(codes(&get(&parsed, "findings")).is_empty());

    let without_app = url.split('?').next().unwrap();
    let parsed = bindings::metadata_url(without_app).expect("metadataUrl without appid");
    assert!(get(&parsed, "app_id").is_null());
    find(&get(&parsed, "findings"), "metadata-url-without-appid");

    let over_http = url.replacen("https://", "http://", 1);
    for bad in ["https://portal.azure.com/", over_http.as_str(), "not a url"] {
        let thrown = bindings::metadata_url(bad)
            .expect_err("a URL that is not metadata over https must throw");
        assert_error(thrown, &format!("metadataUrl({bad:?})"));
    }
}

// --- version ---------------------------------------------------------------------------

#[wasm_bindgen_test]
fn fill_plan_takes_the_inspection_as_inspect_returned_it() {
    let options = js(&format!(r#"{{"now": "{NOW}"}}"#));
    let inspection =
        bindings::inspect(JsValue::from_str(&entra_metadata()), options).expect("inspect");
    let plan = bindings::fill_plan(inspection).expect("fillPlan");
    assert_plain_object(&plan, "the plan");
    assert_json_compatible(&plan, "the plan");

    let provider = get(&plan, "provider");
    assert_plain_object(&provider, "the provider choice");
    let words: Vec<String> = Array::from(&get(&provider, "words"))
        .iter()
        .filter_map(|word| word.as_string())
        .collect();
    assert_eq!(words, ["entra", "azure"]);

    let text: Vec<(String, String, bool)> = Array::from(&get(&plan, "text"))
        .iter()
        .map(|step| {
            assert_plain_object(&step, "a text step");
            (
                string(&step, "field"),
                string(&step, "value"),
                get(&step, "clear").as_bool().expect("clear is a boolean"),
            )
        })
        .collect();
    assert_eq!(
        text,
        [
            ("issuer_url".into(), ISSUER.into(), false),
            ("login_url".into(), SAML2.into(), false),
            ("logout_url".into(), SAML2.into(), false),
            ("certificate".into(), CERT.into(), false),
            ("metadata_url".into(), String::new(), true),
        ]
    );
    let boxes: Vec<(String, bool)> = Array::from(&get(&plan, "boxes"))
        .iter()
        .map(|step| {
            (
                string(&step, "field"),
                get(&step, "checked").as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        boxes,
        [
            ("enforce_saml".into(), true),
            ("allow_sso".into(), true),
            ("password_context".into(), false),
            ("integrated_context".into(), false),
        ]
    );
}

#[wasm_bindgen_test]
fn fill_plan_of_something_else_throws_invalid_argument() {
    let thrown = bindings::fill_plan(js(r#"{"input_kind": "poem"}"#)).expect_err("refused");
    assert_eq!(assert_error(thrown, "fillPlan"), "invalid-argument");
}

#[wasm_bindgen_test]
fn check_sections_takes_named_sections_and_returns_findings() {
    let other = "413504eb-8622-47d2-aa72-ddbba4584471";
    let sections = js(&format!(
        r#"[{{"name": "Administrators", "values": {{"issuer_url": "{ISSUER}"}}}},
            {{"name": "Mimecast Web Apps", "values": {{"issuer_url": "https://sts.windows.net/{other}/"}}}}]"#
    ));
    let result = bindings::check_sections(sections).expect("checkSections");
    assert_plain_object(&result, "the result");
    let findings = get(&result, "findings");
    assert_eq!(codes(&findings), ["sections-disagree"]);
    assert_eq!(
        string(&find(&findings, "sections-disagree"), "severity"),
        "warning"
    );
    let thrown = bindings::check_sections(js(r#"{"name": 1}"#)).expect_err("refused");
    assert_eq!(assert_error(thrown, "checkSections"), "invalid-argument");
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    let version = JsValue::from(bindings::version());
    assert_eq!(
        version.as_string().as_deref(),
        Some(env!("CARGO_PKG_VERSION"))
    );
}

// --- the URL rules across the boundary ---------------------------------------------------

#[path = "common/url_cases.rs"]
mod url_cases;

/// The findings of `check` for URL field values.
fn check_urls(values: &[(&str, &str)]) -> Vec<url_cases::Finding> {
    let object: serde_json::Map<String, serde_json::Value> = values
        .iter()
        .map(|(field, value)| (field.to_string(), serde_json::Value::from(*value)))
        .collect();
    let result = bindings::check(
        js(&serde_json::Value::Object(object).to_string()),
        js(&format!(r#"{{"now": "{NOW}"}}"#)),
    )
    .expect("check");
    let findings: Array = get(&result, "findings").dyn_into().unwrap();
    findings
        .iter()
        .map(|finding| {
            (
                string(&finding, "code"),
                string(&finding, "field"),
                get(&finding, "fix").as_string(),
            )
        })
        .collect()
}

#[wasm_bindgen_test]
fn check_finds_every_class_of_url_difference_with_its_fix() {
    url_cases::assert_every_case(check_urls);
}

#[wasm_bindgen_test]
fn inspect_reads_entras_set_up_block_and_names_a_web_page() {
    let block = format!(
        "Set up Mimecast\nLogin URL\n{SAML2}\nMicrosoft Entra Identifier\n{ISSUER}\nLogout URL\n{SAML2}\n"
    );
    let inspection = bindings::inspect(
        JsValue::from_str(&block),
        js(&format!(r#"{{"now": "{NOW}"}}"#)),
    )
    .expect("the Set-up block");
    assert_eq!(string(&inspection, "input_kind"), "entra-setup");
    assert_eq!(string(&get(&inspection, "mimecast"), "issuer_url"), ISSUER);
    assert!(codes(&get(&inspection, "findings")).is_empty());

    let thrown = bindings::inspect(
        JsValue::from_str("<!DOCTYPE html><html><head><title>Sign in to your account</title>"),
        js(&format!(r#"{{"now": "{NOW}"}}"#)),
    )
    .expect_err("a web page");
    assert_eq!(assert_error(thrown, "a saved sign-in page"), "web-page");
}

// --- response (Test SSO) ----------------------------------------------------------------

/// An Entra-shaped response signed by xmlsec1 (tests/fixtures/responses/entra/).
const SIGNED_RESPONSE: &str = include_str!("fixtures/responses/entra/valid.xml");
const SIGNING_CERT: &str = include_str!("fixtures/responses/entra/signing-cert.pem");

#[wasm_bindgen_test]
fn response_gives_the_verdict_as_plain_objects() {
    let options = js(&format!(
        r#"{{"now": "2026-11-23T09:31:00Z", "region": "eu", "account_code": "cusa123456", "certificate": {}}}"#,
        serde_json::to_string(SIGNING_CERT).unwrap()
    ));
    let report = bindings::response(JsValue::from_str(SIGNED_RESPONSE), options).expect("response");
    assert_plain_object(&report, "the report");
    assert_json_compatible(&report, "the report");
    assert_eq!(string(&report, "kind"), "response");
    let signature = get(&report, "signature");
    assert_eq!(get(&signature, "valid").as_bool(), Some(true));
    assert_eq!(
        get(&get(&report, "assertion"), "name_id")
            .as_string()
            .as_deref(),
        Some("alex.admin@contoso.example")
    );
    assert!(codes(&get(&report, "findings")).is_empty());

    // Bytes and epoch milliseconds; a wrong account code gives an audience finding.
    let options = js(r#"{"now": 1795426260000, "region": "eu", "account_code": "CUSA999999"}"#);
    let bytes = Uint8Array::from(SIGNED_RESPONSE.as_bytes());
    let report = bindings::response(bytes.into(), options).expect("response of bytes");
    assert_eq!(codes(&get(&report, "findings")), ["audience-mismatch"]);
}

#[wasm_bindgen_test]
fn response_of_garbage_throws_an_error_with_a_code() {
    let thrown = bindings::response(
        JsValue::from_str("no"),
        js(r#"{"now": "2026-11-23T09:31:00Z"}"#),
    )
    .expect_err("garbage");
    assert_eq!(assert_error(thrown, "garbage"), "not-saml-message");
}

#[wasm_bindgen_test]
fn observe_gives_the_verdict_on_a_sign_in_or_null() {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(SIGNED_RESPONSE);
    let body = format!(
        "SAMLResponse={}&RelayState=x",
        encoded
            .replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D")
    );
    let options = js(&format!(
        r#"{{"now": "2026-11-23T09:31:00Z", "account_code": "CUSA123456", "certificate": {}}}"#,
        serde_json::to_string(SIGNING_CERT).unwrap()
    ));
    // The body as text (formData re-encoded) and as bytes (raw).
    for body in [
        JsValue::from_str(&body),
        Uint8Array::from(body.as_bytes()).into(),
    ] {
        let request = Object::new();
        Reflect::set(
            &request,
            &"url".into(),
            &"https://eu-api.mimecast.com/login/saml".into(),
        )
        .unwrap();
        Reflect::set(&request, &"body".into(), &body).unwrap();
        let observation =
            bindings::observe(request.into(), options.clone()).expect("an observation");
        assert_plain_object(&observation, "the observation");
        assert_json_compatible(&observation, "the observation");
        assert_eq!(string(&observation, "endpoint"), "mimecast-sign-in");
        assert_eq!(string(&observation, "region"), "eu");
        let verdict = get(&observation, "verdict");
        assert_eq!(string(&verdict, "tone"), "pass");
        assert_eq!(string(&verdict, "badge"), "OK");
        assert!(codes(&get(&get(&observation, "report"), "findings")).is_empty());
    }
    // Not a sign-in: null, not an error.
    let other = js(r#"{"url": "https://www.example.com/login/saml", "body": "SAMLResponse=x"}"#);
    assert!(bindings::observe(other, options).unwrap().is_null());
}
