//! The core for JavaScript: an adapter, nothing more. Every function takes and returns
//! JSON-compatible values (plain objects, never `Map`s, so they cross `chrome.runtime`
//! messaging as they are), and throws an `Error` whose `code` property names the problem.
//! The shapes are documented in docs/contract.md.

mod arguments;

use crate::datetime::{from_unix_millis, parse_rfc3339};
use crate::{InputError, InspectOptions};
use arguments::{Fields, Now, Refused};
use js_sys::{ArrayBuffer, Reflect, Uint8Array};
use serde::Serialize;
use time::OffsetDateTime;
use wasm_bindgen::prelude::*;

// The shapes of what the functions below take and return, as serde-wasm-bindgen's
// JSON-compatible serializer writes the core's types (`None` is `null`). Declared here, beside
// the signatures that name them; tests/typescript_shapes.rs holds them to the serialized values.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export type Now = string | number;
export type Severity = "error" | "warning" | "info";
export type Field = "issuer_url" | "login_url" | "logout_url" | "certificate" | "metadata_url" | "provider" | "password_context" | "integrated_context" | "entra_identifier" | "entra_reply_url" | "entra_name_id" | "entra_assignment";
export type TextKind = "metadata" | "metadata-url" | "certificate" | "private-key" | "text";
export type InputKind = "metadata" | "certificate" | "entra-setup";
export interface InspectOptions { now: Now; entity_id?: string; certificate?: string; metadata_url?: string; wrap?: boolean }
export interface NowOptions { now: Now }
export interface Finding { code: string; severity: Severity; field: Field | null; message: string; fix?: string }
export interface Findings { findings: Finding[]; labels: Labels }
/** Every form field's label, by its key: the words every surface shows for a field. */
export type Labels = Record<string, string>;
export interface FormValues { issuer_url?: string; login_url?: string; logout_url?: string; certificate?: string; metadata_url?: string; provider?: string; password_context?: boolean; integrated_context?: boolean }
export interface Section { name: string; values?: FormValues }
export interface MimecastValues { issuer_url: string | null; login_url: string | null; logout_url: string | null; certificate: string | null; metadata_url: string | null }
export interface Endpoint { binding: string; location: string }
export interface Validity { status: "valid" | "expires-soon" | "expired" | "not-yet-valid"; days_remaining: number; elapsed: number; percent: number; from: string; until: string; sentence: string; timeline: string }
export interface Certificate { base64: string; sha1: string; sha256: string; subject: string; issuer: string; serial: string; not_before: string; not_after: string; key_algorithm: string; key_bits: number | null; signature_algorithm: string; self_signed: boolean; entra_kind: "app" | "tenant-key" | null; validity: Validity }
export interface MetadataSignature { valid: boolean | null; problem: string | null; certificate_sha1: string | null }
export interface Inspection { input_kind: InputKind; entity_id: string | null; tenant_id: string | null; entra_document: "app" | "tenant" | "tenant-independent" | null; identity_providers: string[]; mimecast: MimecastValues; single_sign_on: Endpoint[]; single_logout: Endpoint[]; signing_certificates: Certificate[]; encryption_certificates: Certificate[]; suggested_certificate: number | null; chosen_certificate: number | null; findings: Finding[]; metadata_signature: MetadataSignature | null; labels: Labels }
export interface TextStep { field: Field; label: string; value: string; clear: boolean }
export interface BoxStep { field: "enforce_saml" | "allow_sso" | "password_context" | "integrated_context"; label: string; checked: boolean }
export interface ProviderChoice { words: string[]; name: string }
export interface FillPlan { provider: ProviderChoice; text: TextStep[]; boxes: BoxStep[] }
export interface MetadataUrl { url: string; tenant_id: string | null; app_id: string | null; findings: Finding[] }
export interface ResponseOptions { now: Now; issuer?: string; certificate?: string; region?: string; account_code?: string }
export interface Status { code: string | null; second_level: string | null; message: string | null; aadsts: string | null }
export interface AssertionReport { issuer: string | null; name_id: string | null; name_id_format: string | null; audiences: string[]; recipient: string | null; not_before: string | null; not_on_or_after: string | null; attributes: Record<string, string[]>; subject_not_on_or_after: string | null; authn_context_class_ref: string | null }
export interface SignatureDetail { signs: "response" | "assertion" | "elsewhere"; references: string[]; canonicalization: string | null; signature_method: string | null; digest_methods: string[]; valid: boolean; problem: string | null }
export interface SignatureReport { response_signed: boolean; assertion_signed: boolean; valid: boolean | null; certificate: Certificate | null; verified_with: "configured" | "key-info" | null; signatures: SignatureDetail[] }
export interface RequestedAuthnContext { comparison: string | null; class_refs: string[] }
export interface AuthnRequest { id: string | null; issuer: string | null; destination: string | null; assertion_consumer_service_url: string | null; issue_instant: string | null; requested_authn_context: RequestedAuthnContext | null }
export type Tone = "pass" | "fail" | "warning" | "info";
/** The verdict in the words every surface shows; `badge` is at most four characters. */
export interface Verdict { tone: Tone; sentence: string; badge: string }
export interface ObservedRequest { url: string; body?: string | Uint8Array | ArrayBuffer | null }
export interface ObserveOptions { now: Now; issuer?: string; certificate?: string; account_code?: string }
export interface ErrorReport { code: string; message: string }
export interface Observation { endpoint: "mimecast-sign-in" | "entra-sign-in"; region: string | null; account_code: string | null; report: ResponseReport | null; error: ErrorReport | null; verdict: Verdict }
export interface EntraErrorReport { code: string; known: boolean; explanation: string }
export interface ResponseReport { kind: "response" | "authn-request" | "entra-error"; status: Status; issuer: string | null; destination: string | null; in_response_to: string | null; issue_instant: string | null; assertion: AssertionReport | null; signature: SignatureReport; request: AuthnRequest | null; entra_error: EntraErrorReport | null; findings: Finding[]; verdict: Verdict }
/** What every function throws: an Error with the core's code; `not_metadata` when the input is not metadata at all, `entity_ids` when it names several identity providers. */
export interface CoreError extends Error { code: string; not_metadata?: boolean; entity_ids?: string[] }
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

impl From<Refused> for JsValue {
    fn from(Refused(message): Refused) -> JsValue {
        js_error("invalid-argument", &message)
    }
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

/// The `now` of an options object.
fn now(options: &Fields) -> Result<OffsetDateTime, JsValue> {
    options.now()?.instant()
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
#[wasm_bindgen(unchecked_return_type = "Inspection")]
pub fn inspect(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "InspectOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = Fields::of(&options, "inspect options")?;
    let options = InspectOptions {
        now: now(&options)?,
        entity_id: options.text("entity_id")?,
        certificate: options.text("certificate")?,
        metadata_url: options.text("metadata_url")?,
        wrap_certificate: options.flag("wrap")?.unwrap_or(false),
        verify_signature: true,
    };
    let inspection = crate::inspect(&input_bytes(&input)?, &options).map_err(input_error)?;
    to_js(&inspection)
}

/// Checks the values of the form: `{findings}`.
#[wasm_bindgen(unchecked_return_type = "Findings")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "FormValues")] values: JsValue,
    #[wasm_bindgen(unchecked_param_type = "NowOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let values = arguments::form_values(&values, "form values")?;
    let now = now(&Fields::of(&options, "check options")?)?;
    let findings = crate::check(&values, now);
    to_js(&CheckResult {
        findings,
        labels: crate::form_labels::form_labels(),
    })
}

/// What pasted text is: "metadata", "metadata-url", "certificate", "private-key" or "text".
#[wasm_bindgen(unchecked_return_type = "TextKind")]
pub fn classify(text: &str) -> String {
    crate::classify(text).as_str().to_string()
}

/// Reads a pasted metadata URL before it is fetched: `{url, tenant_id, app_id, findings}`.
#[wasm_bindgen(js_name = metadataUrl, unchecked_return_type = "MetadataUrl")]
pub fn metadata_url(text: &str) -> Result<JsValue, JsValue> {
    crate::metadata_url::read(text)
        .map_err(input_error)
        .and_then(|url| to_js(&url))
}

/// What Fill writes for an inspection: `{provider, text, boxes}` (docs/contract.md). Reads only
/// the inspection's `input_kind` and `mimecast`.
#[wasm_bindgen(js_name = fillPlan, unchecked_return_type = "FillPlan")]
pub fn fill_plan(
    #[wasm_bindgen(unchecked_param_type = "Pick<Inspection, \"input_kind\" | \"mimecast\">")]
    inspection: JsValue,
) -> Result<JsValue, JsValue> {
    let (input_kind, mimecast) = arguments::plan_inputs(&inspection)?;
    to_js(&crate::fill_plan::plan(input_kind, &mimecast))
}

/// The check across a profile's SAML sections: `[{name, values}]` -> `{findings}`.
#[wasm_bindgen(js_name = checkSections, unchecked_return_type = "Findings")]
pub fn check_sections(
    #[wasm_bindgen(unchecked_param_type = "Section[]")] sections: JsValue,
) -> Result<JsValue, JsValue> {
    let sections = arguments::sections(&sections)?;
    to_js(&CheckResult {
        findings: crate::sections::check_sections(&sections),
        labels: crate::form_labels::form_labels(),
    })
}

/// Test SSO: the verdict on a SAML response, an AuthnRequest or an Entra error; see
/// docs/contract.md for the result.
#[wasm_bindgen(unchecked_return_type = "ResponseReport")]
pub fn response(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ResponseOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = Fields::of(&options, "response options")?;
    // Mimecast's certificate: PEM or a base64 body.
    let certificate = configured_certificate(options.text("certificate")?.as_deref())?;
    let region = options.text("region")?;
    let account_code = options.text("account_code")?;
    let service_provider = match (region.as_deref(), account_code.as_deref()) {
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
        now: now(&options)?,
        issuer: options.text("issuer")?,
        certificate,
        service_provider,
    };
    let report = crate::check_response(&input_bytes(&input)?, &options)
        .map_err(|error| js_error(error.code(), &error.to_string()))?;
    to_js(&report)
}

/// The extension's Test SSO: the verdict on a request the browser sends (`{url, body?}`, the
/// body a URL-encoded form as text or bytes), or `null` when it is no Mimecast sign-in.
#[wasm_bindgen(unchecked_return_type = "Observation | null")]
pub fn observe(
    #[wasm_bindgen(unchecked_param_type = "ObservedRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ObserveOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let request = Fields::of(&request, "observed request")?;
    let body = match request.value("body") {
        Some(body) => Some(input_bytes(&body)?),
        None => None,
    };
    let url = request.required_text("url")?;
    let options = Fields::of(&options, "observe options")?;
    let options = crate::observation::ObserveOptions {
        now: now(&options)?,
        issuer: options
            .text("issuer")?
            .filter(|issuer| !issuer.trim().is_empty()),
        // A certificate in the profile that is no certificate verifies nothing, as in Mimecast:
        // the verdict then names the certificate Entra signs with.
        certificate: configured_certificate(options.text("certificate")?.as_deref())
            .unwrap_or_else(|_| Some(Vec::new())),
        // What an earlier AuthnRequest taught; anything else is not an account code.
        account_code: options
            .text("account_code")?
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
        Some(text) => Ok(crate::certificate_der::from_text(text)
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
    /// The form fields' labels, for the words about each finding's field.
    labels: crate::form_labels::Labels,
}
