//! Test SSO: the verdict on what the admin pasted after trying to sign in. A SAML Response is
//! read, its signatures verified (with Mimecast's configured certificate when given, as
//! Mimecast does), and judged against what Mimecast's profile and Entra's app should hold; an
//! AuthnRequest is read for its RequestedAuthnContext; Entra's error text gets its explanation.
//! Each problem is one finding with a stable code, naming the Mimecast or Entra field to change.

use crate::aadsts;
use crate::authn_request::{self, AuthnRequest};
use crate::certificate::Certificate;
use crate::datetime::parse_rfc3339;
use crate::pem::decode_base64;
use crate::response_error::ResponseError;
use crate::rules::{Code, Field, Finding};
use crate::saml_input::{self, SamlInput};
use crate::saml_response::{self, Response, SignatureInfo, SignedPlace, Status};
use crate::service_provider::{AccountCode, Region};
use crate::xml_signature::{self, RSA_SHA1, SHA1_DIGEST, SignatureCheck, SignatureError};
use serde::Serialize;
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// What Mimecast's profile holds, and the instant to judge at.
#[derive(Debug, Clone)]
pub struct ResponseOptions {
    pub now: OffsetDateTime,
    /// Mimecast's Issuer URL.
    pub issuer: Option<String>,
    /// Mimecast's Identity Provider Certificate, as DER.
    pub certificate: Option<Vec<u8>>,
    /// The Mimecast region and account code, for the Audience and the sign-in URLs.
    pub service_provider: Option<(&'static Region, AccountCode)>,
}

impl ResponseOptions {
    pub fn at(now: OffsetDateTime) -> Self {
        ResponseOptions {
            now,
            issuer: None,
            certificate: None,
            service_provider: None,
        }
    }
}

/// What the input was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MessageKind {
    Response,
    AuthnRequest,
    EntraError,
}

/// The assertion read, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssertionReport {
    pub issuer: Option<String>,
    pub name_id: Option<String>,
    pub name_id_format: Option<String>,
    pub audiences: Vec<String>,
    pub recipient: Option<String>,
    pub not_before: Option<String>,
    /// The Conditions value.
    pub not_on_or_after: Option<String>,
    pub attributes: BTreeMap<String, Vec<String>>,
    pub subject_not_on_or_after: Option<String>,
    pub authn_context_class_ref: Option<String>,
}

/// One signature, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureDetail {
    /// `response`, `assertion` or `elsewhere`.
    pub signs: SignedPlace,
    pub references: Vec<String>,
    pub canonicalization: Option<String>,
    pub signature_method: Option<String>,
    pub digest_methods: Vec<String>,
    pub valid: bool,
    /// Why it does not verify.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignatureReport {
    pub response_signed: bool,
    pub assertion_signed: bool,
    /// `None` when nothing is signed.
    pub valid: Option<bool>,
    /// The certificate in the signature's KeyInfo.
    pub certificate: Option<Certificate>,
    /// `configured` (Mimecast's certificate) or `key-info` (the response's own, when none is
    /// configured); `None` when nothing is signed.
    pub verified_with: Option<&'static str>,
    pub signatures: Vec<SignatureDetail>,
}

/// An AADSTS code explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntraErrorReport {
    pub code: String,
    /// Whether the code is in the table of codes a Mimecast setup meets.
    pub known: bool,
    pub explanation: String,
}

/// The verdict, as `mimecast-sso response --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseReport {
    pub kind: MessageKind,
    pub status: Status,
    pub issuer: Option<String>,
    pub destination: Option<String>,
    pub in_response_to: Option<String>,
    pub issue_instant: Option<String>,
    pub assertion: Option<AssertionReport>,
    pub signature: SignatureReport,
    pub request: Option<AuthnRequest>,
    pub entra_error: Option<EntraErrorReport>,
    pub findings: Vec<Finding>,
}

impl ResponseReport {
    fn empty(kind: MessageKind) -> Self {
        ResponseReport {
            kind,
            status: Status::default(),
            issuer: None,
            destination: None,
            in_response_to: None,
            issue_instant: None,
            assertion: None,
            signature: SignatureReport {
                response_signed: false,
                assertion_signed: false,
                valid: None,
                certificate: None,
                verified_with: None,
                signatures: Vec::new(),
            },
            request: None,
            entra_error: None,
            findings: Vec::new(),
        }
    }

    /// The verdict in one sentence, as every surface starts its answer.
    pub fn verdict(&self) -> String {
        let errors = self
            .findings
            .iter()
            .filter(|finding| finding.severity == crate::Severity::Error)
            .count();
        match self.kind {
            MessageKind::EntraError => "Sign-in fails: Entra refused it.".to_string(),
            MessageKind::AuthnRequest if self.findings.is_empty() => {
                "The AuthnRequest looks right.".to_string()
            }
            MessageKind::AuthnRequest => {
                "The AuthnRequest will make Entra refuse the sign-in.".to_string()
            }
            MessageKind::Response if errors == 0 => {
                "Sign-in should work: the SAML response passes every check.".to_string()
            }
            MessageKind::Response => format!(
                "Sign-in fails: {errors} problem{} in the SAML response.",
                if errors == 1 { "" } else { "s" }
            ),
        }
    }

    /// Whether sign-in would work, as far as the findings tell.
    pub fn passes(&self) -> bool {
        self.kind == MessageKind::Response
            && !self
                .findings
                .iter()
                .any(|finding| finding.severity == crate::Severity::Error)
    }
}

/// Reads whatever was pasted and gives the verdict.
pub fn check_response(
    bytes: &[u8],
    options: &ResponseOptions,
) -> Result<ResponseReport, ResponseError> {
    let (input, _form) = saml_input::detect(bytes)?;
    match input {
        SamlInput::Response(xml) => {
            let response = saml_response::read(&xml)?;
            Ok(judge_response(&xml, response, options))
        }
        SamlInput::Request(xml) => {
            let request = authn_request::read(&xml)?;
            Ok(judge_request(request, options))
        }
        SamlInput::EntraError(code) => Ok(judge_entra_error(code, options)),
    }
}

/// `https://{host}/login/saml`, `/login/sso/mpp` and `/login/sso/adcon`.
pub fn sign_in_urls(region: &Region) -> [String; 3] {
    ["/login/saml", "/login/sso/mpp", "/login/sso/adcon"]
        .map(|path| format!("https://{}{path}", region.api_host))
}

/// The AADSTS explanation with this setup's values put in where the table has placeholders.
fn explain(code: u32, options: &ResponseOptions) -> String {
    let mut text = aadsts::explain(code);
    if let Some((region, account)) = &options.service_provider {
        text = text
            .replace(
                "https://{region}-api.mimecast.com",
                &format!("https://{}", region.api_host),
            )
            .replace("{ACCOUNTCODE}", account.as_str());
    }
    text
}

fn judge_entra_error(code: u32, options: &ResponseOptions) -> ResponseReport {
    let mut report = ResponseReport::empty(MessageKind::EntraError);
    let explanation = explain(code, options);
    report.status.aadsts = Some(format!("AADSTS{code}"));
    report.findings.push(Finding::new(
        Code::EntraError,
        field_of_aadsts(code),
        format!("Entra refused the sign-in with {explanation}"),
    ));
    report.entra_error = Some(EntraErrorReport {
        code: format!("AADSTS{code}"),
        known: aadsts::lookup(code).is_some(),
        explanation,
    });
    report
}

fn field_of_aadsts(code: u32) -> Option<Field> {
    match code {
        50011 => Some(Field::EntraReplyUrl),
        700016 | 70001 => Some(Field::EntraIdentifier),
        75011 => Some(Field::PasswordContext),
        50105 => Some(Field::EntraAssignment),
        75008 | 750054 | 75005 => Some(Field::LoginUrl),
        501241 => Some(Field::EntraNameId),
        _ => None,
    }
}

fn judge_request(request: AuthnRequest, options: &ResponseOptions) -> ResponseReport {
    let mut report = ResponseReport::empty(MessageKind::AuthnRequest);
    report.issuer = request.issuer.clone();
    report.destination = request.destination.clone();
    report.issue_instant = request.issue_instant.clone();
    if let Some(context) = &request.requested_authn_context {
        report.findings.push(Finding::new(
            Code::RequestAuthnContext,
            Some(Field::PasswordContext),
            format!(
                "Mimecast's request asks Entra for the authentication context {}, which Entra refuses with AADSTS75011 when the user signed in another way: untick Use Password protected Context and Use Integrated Authentication Context in Mimecast's Authentication Profile.",
                if context.class_refs.is_empty() {
                    "(none named)".to_string()
                } else {
                    context.class_refs.join(", ")
                }
            ),
        ));
    }
    if let (Some((region, account)), Some(issuer)) = (&options.service_provider, &request.issuer) {
        let expected = region.identifier(account);
        if *issuer != expected {
            report.findings.push(
                Finding::new(
                    Code::AudienceMismatch,
                    Some(Field::EntraIdentifier),
                    format!(
                        "Mimecast's request names itself '{issuer}', not {expected}: check the region and account code, then set Entra's Identifier (Entity ID) to what Mimecast sends."
                    ),
                )
                .with_fix(issuer.clone()),
            );
        }
    }
    report.request = Some(request);
    report
}

fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.contains(char::is_whitespace)
        && !domain.contains('@')
}

fn short_status(uri: &str) -> &str {
    uri.rsplit(':').next().unwrap_or(uri)
}

fn judge_response(xml: &[u8], response: Response, options: &ResponseOptions) -> ResponseReport {
    let mut report = ResponseReport::empty(MessageKind::Response);
    let mut findings = Vec::new();

    // The status.
    if !response.status.is_success() {
        let status = response
            .status
            .code
            .as_deref()
            .map(short_status)
            .unwrap_or("missing");
        let second = response
            .status
            .second_level
            .as_deref()
            .map(|code| format!(" ({})", short_status(code)))
            .unwrap_or_default();
        let code = response
            .status
            .aadsts
            .as_deref()
            .and_then(aadsts::find_code);
        let message = match code {
            Some(code) => format!(
                "Entra answered with the status {status}{second} instead of Success: {}",
                explain(code, options)
            ),
            None => format!(
                "Entra answered with the status {status}{second} instead of Success{}: sign-in cannot complete until the cause in Entra's sign-in logs is fixed.",
                response
                    .status
                    .message
                    .as_deref()
                    .map(|message| format!(" (\"{}\")", message.trim_end_matches('.')))
                    .unwrap_or_default()
            ),
        };
        findings.push(Finding::new(
            Code::ResponseNotSuccess,
            code.and_then(field_of_aadsts),
            message,
        ));
    }

    // The signatures.
    report.signature = judge_signatures(xml, &response, options, &mut findings);

    // The issuer.
    let issuer = response
        .assertion
        .as_ref()
        .and_then(|assertion| assertion.issuer.clone())
        .or_else(|| response.issuer.clone());
    if let (Some(expected), Some(actual)) = (&options.issuer, &issuer)
        && expected.trim() != actual
    {
        let expected = expected.trim();
        let slash = expected.trim_end_matches('/') == actual.trim_end_matches('/');
        let message = if slash {
            format!(
                "Mimecast's Issuer URL '{expected}' differs from the response's Issuer '{actual}' only by the trailing slash, and Mimecast compares them exactly: set Issuer URL to {actual}."
            )
        } else {
            format!(
                "The response's Issuer is '{actual}', not Mimecast's Issuer URL '{expected}': set Issuer URL to Entra's Microsoft Entra Identifier, {actual}."
            )
        };
        findings.push(
            Finding::new(
                Code::ResponseIssuerMismatch,
                Some(Field::IssuerUrl),
                message,
            )
            .with_fix(actual.clone()),
        );
    }

    if let Some(assertion) = &response.assertion {
        // The audience and the recipient.
        if let Some((region, account)) = &options.service_provider {
            let identifier = region.identifier(account);
            if !assertion.audiences.contains(&identifier) {
                findings.push(
                    Finding::new(
                        Code::AudienceMismatch,
                        Some(Field::EntraIdentifier),
                        format!(
                            "The response's Audience is {}, not Mimecast's {identifier}: set Identifier (Entity ID) in Entra's Basic SAML Configuration to {identifier}.",
                            if assertion.audiences.is_empty() {
                                "missing".to_string()
                            } else {
                                assertion.audiences.join(", ")
                            }
                        ),
                    )
                    .with_fix(identifier),
                );
            }
        }
        // The validity window.
        let now = options.now;
        let at = |text: &Option<String>| text.as_deref().and_then(|t| parse_rfc3339(t).ok());
        let expired = [
            ("Conditions NotOnOrAfter", &assertion.not_on_or_after),
            (
                "SubjectConfirmationData NotOnOrAfter",
                &assertion.subject_not_on_or_after,
            ),
        ]
        .into_iter()
        .find(|(_, value)| at(value).is_some_and(|end| now >= end));
        if let Some((what, value)) = expired {
            findings.push(Finding::new(
                Code::ResponseExpired,
                None,
                format!(
                    "The response expired at {} ({what}), so Mimecast refuses it: sign in again for a fresh response, and check the clock if it keeps happening.",
                    value.as_deref().unwrap_or_default()
                ),
            ));
        }
        if let Some(start) = at(&assertion.not_before)
            && now < start
        {
            findings.push(Finding::new(
                Code::ResponseNotYetValid,
                None,
                format!(
                    "The response is valid only from {} (Conditions NotBefore), later than now, so a clock is wrong: correct the clock of this computer or compare the time with Entra's.",
                    assertion.not_before.as_deref().unwrap_or_default()
                ),
            ));
        }
        // The NameID.
        match &assertion.name_id {
            Some(name_id) if is_email(name_id) => {}
            name_id => findings.push(Finding::new(
                Code::NameIdNotEmail,
                Some(Field::EntraNameId),
                format!(
                    "The NameID is {}, not an e-mail address, but Mimecast finds users by their address: set Unique User Identifier (Name ID) in Entra's Attributes & Claims to user.mail (or user.userprincipalname when that is the address).",
                    match name_id {
                        Some(name_id) if !name_id.is_empty() => format!("'{name_id}'"),
                        _ => "empty".to_string(),
                    }
                ),
            )),
        }
    }
    // Where it was sent.
    if let Some((region, _)) = &options.service_provider {
        let accepted = sign_in_urls(region);
        let recipient = response
            .assertion
            .as_ref()
            .and_then(|assertion| assertion.recipient.as_ref());
        for (what, value) in [
            ("Destination", response.destination.as_ref()),
            ("Recipient", recipient),
        ] {
            if let Some(value) = value
                && !accepted.contains(value)
            {
                findings.push(
                    Finding::new(
                        Code::RecipientMismatch,
                        Some(Field::EntraReplyUrl),
                        format!(
                            "The response's {what} is {value}, not this region's Mimecast sign-in URL: set Reply URL (Assertion Consumer Service URL) in Entra's Basic SAML Configuration to {}.",
                            accepted[0]
                        ),
                    )
                    .with_fix(accepted[0].clone()),
                );
                break;
            }
        }
    }

    report.status = response.status.clone();
    report.issuer = response.issuer.clone();
    report.destination = response.destination.clone();
    report.in_response_to = response.in_response_to.clone();
    report.issue_instant = response.issue_instant.clone();
    report.assertion = response.assertion.map(|assertion| AssertionReport {
        issuer: assertion.issuer,
        name_id: assertion.name_id,
        name_id_format: assertion.name_id_format,
        audiences: assertion.audiences,
        recipient: assertion.recipient,
        not_before: assertion.not_before,
        not_on_or_after: assertion.not_on_or_after,
        attributes: assertion.attributes,
        subject_not_on_or_after: assertion.subject_not_on_or_after,
        authn_context_class_ref: assertion.authn_context_class_ref,
    });
    report.findings = findings;
    report
}

fn keyinfo_der(signature: &SignatureInfo) -> Option<Vec<u8>> {
    signature
        .certificate
        .as_deref()
        .and_then(|text| decode_base64(text).ok())
}

/// Whether a valid signature covers the assertion read (or, with none, the Response).
fn covers(signature: &SignatureInfo, check: &SignatureCheck, response: &Response) -> bool {
    if !check.valid {
        return false;
    }
    let names = |id: &Option<String>| {
        signature.references.iter().any(|reference| {
            reference.is_empty()
                || id
                    .as_deref()
                    .is_some_and(|id| reference.strip_prefix('#') == Some(id))
        })
    };
    match signature.place {
        SignedPlace::Response => names(&response.id),
        SignedPlace::Assertion => {
            response.assertion.is_some()
                && names(&response.assertion.as_ref().and_then(|a| a.id.clone()))
        }
        SignedPlace::Elsewhere => false,
    }
}

fn run_checks(
    xml: &str,
    signatures: &[SignatureInfo],
    key: &dyn Fn(usize) -> Option<Vec<u8>>,
) -> Result<Vec<SignatureCheck>, SignatureError> {
    let checks = xml_signature::verify_all(xml, key)?;
    // The DOM and the reader count top-level signatures alike; a mismatch is not trusted.
    if checks.len() != signatures.len() {
        return Err(SignatureError::Unreadable {
            detail: "the signatures could not be matched to the document".to_string(),
        });
    }
    Ok(checks)
}

fn judge_signatures(
    xml: &[u8],
    response: &Response,
    options: &ResponseOptions,
    findings: &mut Vec<Finding>,
) -> SignatureReport {
    let signatures = &response.signatures;
    let response_signed = signatures.iter().any(|s| s.place == SignedPlace::Response);
    let assertion_signed = signatures.iter().any(|s| s.place == SignedPlace::Assertion);
    let keyinfo = signatures.iter().find_map(keyinfo_der);
    let certificate = keyinfo
        .as_deref()
        .and_then(|der| Certificate::from_der(der, options.now).ok());
    let mut report = SignatureReport {
        response_signed,
        assertion_signed,
        valid: None,
        certificate,
        verified_with: None,
        signatures: Vec::new(),
    };
    if signatures.is_empty() {
        // An error response carries no assertion to protect: only its status matters then.
        if response.status.is_success() || response.assertion.is_some() {
            findings.push(Finding::new(
                Code::ResponseUnsigned,
                Some(Field::Certificate),
                if response.encrypted_assertion_count > 0 {
                    "The response is unsigned outside its encrypted assertion, and Mimecast neither decrypts nor accepts it: in Entra's SAML Certificates, set Signing Option to Sign SAML assertion and turn off token encryption."
                } else {
                    "Neither the Response nor the Assertion is signed, so Mimecast refuses it: in Entra's SAML Certificates, set Signing Option to Sign SAML assertion."
                },
            ));
        }
        return report;
    }
    let text = String::from_utf8_lossy(xml);
    let configured = options.certificate.clone();
    report.verified_with = Some(if configured.is_some() {
        "configured"
    } else {
        "key-info"
    });
    let key_for = |index: usize| -> Option<Vec<u8>> {
        configured
            .clone()
            .or_else(|| signatures.get(index).and_then(keyinfo_der))
    };
    let checks = run_checks(&text, signatures, &key_for);
    let checks = match checks {
        Ok(checks) => checks,
        Err(error) => {
            findings.push(Finding::new(
                Code::SignatureInvalid,
                Some(Field::Certificate),
                error.to_string(),
            ));
            report.valid = Some(false);
            report.signatures = details(signatures, None);
            return report;
        }
    };
    let covered = signatures
        .iter()
        .zip(&checks)
        .any(|(signature, check)| covers(signature, check, response));
    let all_valid = checks.iter().all(|check| check.valid);
    let wrapped = response.assertion_count > 1
        || signatures.iter().any(|s| s.place == SignedPlace::Elsewhere)
        || !response.duplicate_ids.is_empty();
    let valid = all_valid && covered && !wrapped;
    report.valid = Some(valid);
    report.signatures = details(signatures, Some(&checks));

    // With Mimecast's certificate failing, does the response's own certificate verify it?
    let keyinfo_verifies = configured.is_some()
        && !all_valid
        && run_checks(&text, signatures, &|index| {
            signatures.get(index).and_then(keyinfo_der)
        })
        .is_ok_and(|checks| checks.iter().all(|check| check.valid));
    let keyinfo_differs = match (&configured, &keyinfo) {
        (Some(configured), Some(keyinfo)) => configured != keyinfo,
        _ => false,
    };
    // A different KeyInfo certificate matters only when Mimecast's certificate does not verify:
    // KeyInfo is not signed, and Mimecast never reads it.
    if !all_valid && (keyinfo_verifies || keyinfo_differs) {
        let mut finding = Finding::new(
            Code::SigningCertNotConfigured,
            Some(Field::Certificate),
            match &report.certificate {
                Some(certificate) => format!(
                    "Entra signs with the certificate {} (SHA-1 {}), which is not the Identity Provider Certificate in Mimecast's profile: put Entra's current signing certificate into Mimecast, or make it the active one in Entra's SAML Certificates.",
                    certificate.subject, certificate.sha1
                ),
                None => "Entra signs with a certificate that is not the Identity Provider Certificate in Mimecast's profile: put Entra's current signing certificate into Mimecast.".to_string(),
            },
        );
        if let Some(certificate) = &report.certificate {
            finding = finding.with_fix(certificate.base64.clone());
        }
        findings.push(finding);
    }
    if !valid && !keyinfo_verifies {
        let why = if !response.duplicate_ids.is_empty() {
            format!(
                "the ID '{}' is given to more than one element (signature wrapping)",
                response.duplicate_ids[0]
            )
        } else if response.assertion_count > 1 {
            format!(
                "the response holds {} assertions where Entra sends one, so what is signed may not be what is read (signature wrapping)",
                response.assertion_count
            )
        } else if let Some(problem) = checks.iter().find_map(|check| check.problem.clone()) {
            format!("a signature does not verify: {problem}")
        } else {
            "no valid signature covers the assertion that is read (signature wrapping)".to_string()
        };
        findings.push(Finding::new(
            Code::SignatureInvalid,
            Some(Field::Certificate),
            format!("The response's signature is not valid, because {why}, so Mimecast refuses it: sign in again, and if it persists compare the signing certificate in Entra with Mimecast's."),
        ));
    }
    let weak = signatures.iter().any(|signature| {
        signature.signature_method.as_deref() == Some(RSA_SHA1)
            || signature.digest_methods.iter().any(|m| m == SHA1_DIGEST)
    });
    if weak {
        findings.push(Finding::new(
            Code::SignatureWeakAlgorithm,
            None,
            "The response is signed with SHA-1, which is weak: in Entra's SAML Certificates, set Signing Algorithm to SHA-256.",
        ));
    }
    report
}

fn details(
    signatures: &[SignatureInfo],
    checks: Option<&[SignatureCheck]>,
) -> Vec<SignatureDetail> {
    signatures
        .iter()
        .enumerate()
        .map(|(index, signature)| {
            let check = checks.and_then(|checks| checks.get(index));
            SignatureDetail {
                signs: signature.place,
                references: signature.references.clone(),
                canonicalization: signature.canonicalization.clone(),
                signature_method: signature.signature_method.clone(),
                digest_methods: signature.digest_methods.clone(),
                valid: check.is_some_and(|check| check.valid),
                problem: check
                    .and_then(|check| check.problem.clone())
                    .or_else(|| check.is_none().then(|| "not verified".to_string())),
            }
        })
        .collect()
}
