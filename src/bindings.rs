//! The core for JavaScript: an adapter, nothing more. Every function takes and returns
//! JSON-compatible values (plain objects, never `Map`s, so they cross `chrome.runtime`
//! messaging as they are), and throws an `Error` whose `code` property names the problem.
//! The shapes are documented in docs/contract.md.

use crate::datetime::{from_unix_millis, parse_rfc3339};
use crate::{FormValues, InputError, InspectOptions};
use js_sys::{ArrayBuffer, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export type Now = string | number;
export interface InspectOptions { now: Now; entity_id?: string; certificate?: string; metadata_url?: string; wrap?: boolean }
export interface Finding { code: string; severity: "error" | "warning" | "info"; field: string | null; message: string; fix?: string }
export interface FormValues { issuer_url?: string; login_url?: string; logout_url?: string; certificate?: string; metadata_url?: string; provider?: string; password_context?: boolean; integrated_context?: boolean }
"#;

/// A JS `Error` with a `code` property.
fn js_error(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    // Setting a property on a fresh Error cannot fail.
    let _ = Reflect::set(&error, &"code".into(), &code.into());
    error.into()
}

/// The error's `code`, plus `not_metadata` (the input is not metadata at all) and, for several
/// identity providers, their `entity_ids` to choose from.
fn input_error(error: InputError) -> JsValue {
    let thrown = js_error(error.code(), &error.to_string());
    // Setting a property on a fresh Error cannot fail.
    let _ = Reflect::set(
        &thrown,
        &"not_metadata".into(),
        &error.is_not_metadata().into(),
    );
    if let InputError::SeveralIdentityProviders { entity_ids, .. } = &error {
        let ids: js_sys::Array = entity_ids.iter().map(|id| JsValue::from_str(id)).collect();
        let _ = Reflect::set(&thrown, &"entity_ids".into(), &ids);
    }
    thrown
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| js_error("internal", &error.to_string()))
}

fn from_js<T: for<'de> Deserialize<'de>>(value: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|error| {
        js_error(
            "invalid-argument",
            &format!("The {what} are not understood: {error}."),
        )
    })
}

/// `now` as JavaScript gives it: an RFC 3339 string or epoch milliseconds.
#[derive(Deserialize)]
#[serde(untagged)]
enum Now {
    Text(String),
    Millis(f64),
}

impl Now {
    fn instant(self) -> Result<OffsetDateTime, JsValue> {
        match self {
            Now::Text(text) => parse_rfc3339(&text),
            Now::Millis(millis) => from_unix_millis(millis),
        }
        .map_err(input_error)
    }
}

#[derive(Deserialize)]
struct InspectOptionsArgument {
    now: Now,
    entity_id: Option<String>,
    certificate: Option<String>,
    metadata_url: Option<String>,
    #[serde(default)]
    wrap: bool,
}

#[derive(Deserialize)]
struct NowArgument {
    now: Now,
}

/// Bytes from a string, a `Uint8Array` or an `ArrayBuffer`.
fn input_bytes(input: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = input.as_string() {
        return Ok(text.into_bytes());
    }
    if let Some(array) = input.dyn_ref::<Uint8Array>() {
        return Ok(array.to_vec());
    }
    if let Some(buffer) = input.dyn_ref::<ArrayBuffer>() {
        return Ok(Uint8Array::new(buffer).to_vec());
    }
    Err(js_error(
        "invalid-argument",
        "The input must be text, a Uint8Array or an ArrayBuffer.",
    ))
}

/// Inspects metadata or a certificate; see docs/contract.md for the result.
#[wasm_bindgen]
pub fn inspect(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options: InspectOptionsArgument = from_js(options, "inspect options")?;
    let options = InspectOptions {
        now: options.now.instant()?,
        entity_id: options.entity_id,
        certificate: options.certificate,
        metadata_url: options.metadata_url,
        wrap_certificate: options.wrap,
        verify_signature: true,
    };
    let inspection = crate::inspect(&input_bytes(&input)?, &options).map_err(input_error)?;
    to_js(&inspection)
}

/// Checks the values of the form: `{findings}`.
#[wasm_bindgen]
pub fn check(values: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let values: FormValues = from_js(values, "form values")?;
    let NowArgument { now } = from_js(options, "check options")?;
    let findings = crate::check(&values, now.instant()?);
    to_js(&CheckResult { findings })
}

/// What pasted text is: "metadata", "metadata-url", "certificate", "private-key" or "text".
#[wasm_bindgen]
pub fn classify(text: &str) -> String {
    crate::classify(text).as_str().to_string()
}

/// Reads a pasted metadata URL before it is fetched: `{url, tenant_id, app_id, findings}`.
#[wasm_bindgen(js_name = metadataUrl)]
pub fn metadata_url(text: &str) -> Result<JsValue, JsValue> {
    crate::metadata_url::read(text)
        .map_err(input_error)
        .and_then(|url| to_js(&url))
}

/// What Fill writes for an inspection: `{provider, text, boxes}` (docs/contract.md). Reads only
/// the inspection's `input_kind` and `mimecast`.
#[wasm_bindgen(js_name = fillPlan)]
pub fn fill_plan(inspection: JsValue) -> Result<JsValue, JsValue> {
    let PlanArgument {
        input_kind,
        mimecast,
    } = from_js(inspection, "inspection")?;
    to_js(&crate::fill_plan::plan(input_kind, &mimecast))
}

#[derive(Deserialize)]
struct PlanArgument {
    input_kind: crate::InputKind,
    mimecast: crate::MimecastValues,
}

/// The check across a profile's SAML sections: `[{name, values}]` -> `{findings}`.
#[wasm_bindgen(js_name = checkSections)]
pub fn check_sections(sections: JsValue) -> Result<JsValue, JsValue> {
    let sections: Vec<crate::sections::Section> = from_js(sections, "sections")?;
    to_js(&CheckResult {
        findings: crate::sections::check_sections(&sections),
    })
}

#[derive(Deserialize)]
struct ResponseOptionsArgument {
    now: Now,
    issuer: Option<String>,
    /// Mimecast's certificate: PEM or a base64 body.
    certificate: Option<String>,
    region: Option<String>,
    account_code: Option<String>,
}

/// Test SSO: the verdict on a SAML response, an AuthnRequest or an Entra error; see
/// docs/contract.md for the result.
#[wasm_bindgen]
pub fn response(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options: ResponseOptionsArgument = from_js(options, "response options")?;
    let certificate = configured_certificate(options.certificate.as_deref())?;
    let service_provider = match (options.region.as_deref(), options.account_code.as_deref()) {
        (Some(region), Some(account)) => {
            let region = crate::service_provider::region(region).ok_or_else(|| {
                js_error("unknown-region", "The region is not a Mimecast region.")
            })?;
            let account = crate::service_provider::AccountCode::parse(account)
                .map_err(|error| js_error("invalid-account-code", &error.to_string()))?;
            Some((region, account))
        }
        _ => None,
    };
    let options = crate::ResponseOptions {
        now: options.now.instant()?,
        issuer: options.issuer,
        certificate,
        service_provider,
    };
    let report = crate::check_response(&input_bytes(&input)?, &options)
        .map_err(|error| js_error(error.code(), &error.to_string()))?;
    to_js(&report)
}

#[derive(Deserialize)]
struct ObservedRequest {
    url: String,
}

#[derive(Deserialize)]
struct ObserveOptionsArgument {
    now: Now,
    issuer: Option<String>,
    /// Mimecast's certificate: PEM or a base64 body.
    certificate: Option<String>,
    account_code: Option<String>,
}

/// The extension's Test SSO: the verdict on a request the browser sends (`{url, body?}`, the
/// body a URL-encoded form as text or bytes), or `null` when it is no Mimecast sign-in.
#[wasm_bindgen]
pub fn observe(request: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let body = Reflect::get(&request, &"body".into()).unwrap_or(JsValue::UNDEFINED);
    let body = if body.is_null() || body.is_undefined() {
        None
    } else {
        Some(input_bytes(&body)?)
    };
    let ObservedRequest { url } = from_js(request, "observed request")?;
    let options: ObserveOptionsArgument = from_js(options, "observe options")?;
    let options = crate::observation::ObserveOptions {
        now: options.now.instant()?,
        issuer: options.issuer.filter(|issuer| !issuer.trim().is_empty()),
        // A certificate in the profile that is no certificate verifies nothing, as in Mimecast:
        // the verdict then names the certificate Entra signs with.
        certificate: configured_certificate(options.certificate.as_deref())
            .unwrap_or_else(|_| Some(Vec::new())),
        // What an earlier AuthnRequest taught; anything else is not an account code.
        account_code: options
            .account_code
            .and_then(|code| crate::service_provider::AccountCode::parse(&code).ok()),
    };
    match crate::observation::observe(&url, body.as_deref(), &options) {
        Some(observation) => to_js(&observation),
        None => Ok(JsValue::NULL),
    }
}

/// Mimecast's certificate as the profile holds it: PEM or a base64 body; empty is none.
fn configured_certificate(text: Option<&str>) -> Result<Option<Vec<u8>>, JsValue> {
    match text {
        None => Ok(None),
        Some(text) if text.trim().is_empty() => Ok(None),
        Some(text) => Ok(crate::input::certificates_from_text(text)
            .map_err(input_error)?
            .into_iter()
            .next()),
    }
}

/// The core's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[derive(Serialize)]
struct CheckResult {
    findings: Vec<crate::Finding>,
}
