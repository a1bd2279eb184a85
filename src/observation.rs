//! Test SSO as the extension sees it: the sign-in traffic that passes by in the browser. A SAML
//! response POSTed to one of Mimecast's sign-in endpoints is judged against the profile, with
//! the region of the API host it was sent to; an AuthnRequest on its way to Entra's SAML
//! endpoint (HTTP-Redirect in the URL, or HTTP-POST in the body) is read, and Mimecast's
//! Identifier in its Issuer gives the account code, and so the Audience the response needs.
//! Anything else (another service's sign-in, any other page) is not observed at all.

use crate::authn_request::AuthnRequest;
use crate::entra::{EntraUrl, entra_url};
use crate::response_check::{ResponseOptions, ResponseReport, Verdict, check_response};
use crate::response_error::ResponseError;
use crate::saml_input::form_value;
use crate::service_provider::{AccountCode, Region, parse_identifier, sign_in_region};
use serde::Serialize;
use time::OffsetDateTime;

/// What the profile holds (the values last filled or read on the console), and what an earlier
/// AuthnRequest taught.
#[derive(Debug, Clone)]
pub struct ObserveOptions {
    pub now: OffsetDateTime,
    /// Mimecast's Issuer URL.
    pub issuer: Option<String>,
    /// Mimecast's Identity Provider Certificate, as DER.
    pub certificate: Option<Vec<u8>>,
    /// The account code of the Identifier in the AuthnRequest that came before.
    pub account_code: Option<AccountCode>,
}

/// Where the observed request went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Endpoint {
    /// `https://{region}-api.mimecast.com/login/saml`, `/login/sso/mpp` or `/login/sso/adcon`.
    MimecastSignIn,
    /// `https://login.microsoftonline.com/{tenant}/saml2`.
    EntraSignIn,
}

/// An error of the core, as the wasm functions throw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorReport {
    pub code: &'static str,
    pub message: String,
}

/// One observed message and its verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation {
    pub endpoint: Endpoint,
    /// The region: of the API host a response was posted to, or of the Identifier in an
    /// AuthnRequest's Issuer.
    pub region: Option<&'static str>,
    /// The account code in an AuthnRequest's Issuer, or the one the response was judged with.
    pub account_code: Option<AccountCode>,
    /// The verdict on the message; `None` when it could not be read (then `error` says why).
    pub report: Option<ResponseReport>,
    pub error: Option<ErrorReport>,
    pub verdict: Verdict,
}

/// The verdict on a request the browser is sending, or `None` when it is not a Mimecast sign-in.
/// `url` is the request's URL; `body` its URL-encoded form body, when it has one.
pub fn observe(url: &str, body: Option<&[u8]>, options: &ObserveOptions) -> Option<Observation> {
    let body = body.map(String::from_utf8_lossy);
    if let Some(region) = sign_in_region(url) {
        let body = body.filter(|body| form_value(body, "SAMLResponse").is_some())?;
        return Some(observe_response(region, body.as_bytes(), options));
    }
    if !matches!(entra_url(url), Some(EntraUrl::SamlEndpoint { .. })) || !url.starts_with("https:")
    {
        return None;
    }
    // HTTP-Redirect carries the request in the URL, HTTP-POST in the body.
    let input = if form_value(url, "SAMLRequest").is_some() {
        url
    } else {
        body.as_deref()
            .filter(|body| form_value(body, "SAMLRequest").is_some())?
    };
    observe_request(input.as_bytes(), options)
}

fn observe_response(region: &'static Region, body: &[u8], options: &ObserveOptions) -> Observation {
    let judged = ResponseOptions {
        now: options.now,
        issuer: options.issuer.clone(),
        certificate: options.certificate.clone(),
        service_provider: options
            .account_code
            .clone()
            .map(|account_code| (region, account_code)),
    };
    let (report, error, verdict) = match check_response(body, &judged) {
        Ok(report) => {
            let verdict = report.verdict.clone();
            (Some(report), None, verdict)
        }
        Err(error) => (
            None,
            Some(error_report(&error)),
            Verdict::unreadable(&error),
        ),
    };
    Observation {
        endpoint: Endpoint::MimecastSignIn,
        region: Some(region.code),
        account_code: options.account_code.clone(),
        report,
        error,
        verdict,
    }
}

/// An AuthnRequest that is not Mimecast's (its Issuer is no Mimecast Identifier and it asks for
/// no Mimecast sign-in URL) is another service's: not observed.
fn observe_request(input: &[u8], options: &ObserveOptions) -> Option<Observation> {
    let report = check_response(input, &ResponseOptions::at(options.now)).ok()?;
    let request: &AuthnRequest = report.request.as_ref()?;
    let identified = request.issuer.as_deref().and_then(parse_identifier);
    let consumer = request
        .assertion_consumer_service_url
        .as_deref()
        .and_then(sign_in_region);
    let region = identified
        .as_ref()
        .map(|(region, _)| *region)
        .or(consumer)?;
    Some(Observation {
        endpoint: Endpoint::EntraSignIn,
        region: Some(region.code),
        account_code: identified.map(|(_, account_code)| account_code),
        verdict: report.verdict.clone(),
        report: Some(report),
        error: None,
    })
}

fn error_report(error: &ResponseError) -> ErrorReport {
    ErrorReport {
        code: error.code(),
        message: error.to_string(),
    }
}
