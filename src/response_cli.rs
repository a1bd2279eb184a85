//! `mimecast-sso response`: the Test SSO verdict on the command line.
//!
//! Exit codes: 0 when the input was understood (a Response, an AuthnRequest or an Entra error;
//! findings may still hold errors), 1 for unusable input, 2 for usage errors (malformed option
//! values included). With `--json`, a failure prints `{"error": {"code", "message"}}` on
//! standard output as well as one line on standard error.

use clap::Args;
use mimecast_sso::datetime::parse_rfc3339;
use mimecast_sso::input::{Decoded, decode};
use mimecast_sso::response_check::{MessageKind, ResponseOptions, ResponseReport, check_response};
use mimecast_sso::service_provider::{AccountCode, region};
use mimecast_sso::{Field, Finding, Severity};
use std::io::Write;
use std::process::ExitCode;

use crate::common_args::CommonArgs;
use crate::failure::{Failure, read_path_or_stdin};
use time::OffsetDateTime;

#[derive(Args)]
#[command(mut_arg("now", |arg| {
    arg.help("Judge the validity window at this instant instead of the current time")
}))]
pub struct ResponseArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Mimecast's Issuer URL.
    #[arg(long, value_name = "URL")]
    issuer: Option<String>,
    /// Mimecast's Identity Provider Certificate (PEM, base64 body or DER); `-` reads standard input.
    #[arg(long, value_name = "PATH|-")]
    certificate: Option<String>,
    /// The Mimecast region: eu, de, us, usb, uspcom, ca, za, au, jer.
    #[arg(long, value_name = "CODE", requires = "account_code")]
    region: Option<String>,
    /// The Mimecast account code (upper-cased).
    #[arg(long, value_name = "CODE", requires = "region")]
    account_code: Option<String>,
    /// The SAMLResponse (XML, base64, or the POST body); `-` or nothing reads standard input.
    #[arg(value_name = "PATH|-")]
    path: Option<String>,
}

pub fn run(args: ResponseArgs) -> ExitCode {
    let json = args.common.json;
    match verdict(args) {
        Ok(report) => {
            if json {
                let text = serde_json::to_string_pretty(&report).unwrap_or_default();
                let _ = writeln!(std::io::stdout().lock(), "{text}");
            } else {
                let _ = write!(std::io::stdout().lock(), "{}", summary(&report));
            }
            ExitCode::SUCCESS
        }
        Err(failure) => failure.report(json),
    }
}

fn verdict(args: ResponseArgs) -> Result<ResponseReport, Failure> {
    let now = match args.common.now.as_deref() {
        Some(text) => {
            parse_rfc3339(text).map_err(|error| Failure::usage(error.code(), error.to_string()))?
        }
        // The CLI, unlike the core, may read the clock.
        None => OffsetDateTime::now_utc(),
    };
    let service_provider = match (args.region.as_deref(), args.account_code.as_deref()) {
        (Some(code), Some(account)) => {
            let region = region(code).ok_or_else(|| {
                Failure::usage(
                    "unknown-region",
                    format!(
                        "'{}' is not a Mimecast region: use one of eu, de, us, usb, uspcom, ca, za, au, jer.",
                        code.trim()
                    ),
                )
            })?;
            let account = AccountCode::parse(account)
                .map_err(|error| Failure::usage("invalid-account-code", error.to_string()))?;
            Some((region, account))
        }
        _ => None,
    };
    if args.certificate.as_deref() == Some("-") && args.path.as_deref().is_none_or(|p| p == "-") {
        return Err(Failure::usage(
            "usage",
            "Standard input cannot hold both the certificate and the response: give one of them as a file.",
        ));
    }
    let certificate = match args.certificate.as_deref() {
        None => None,
        Some(path) => {
            let bytes = read_path_or_stdin(Some(path), "certificate")?;
            match decode(&bytes) {
                Ok(Decoded::Certificates(mut ders)) if !ders.is_empty() => {
                    Some(ders.swap_remove(0))
                }
                Ok(_) => {
                    return Err(Failure::input(
                        "certificate-unreadable",
                        "The --certificate file is not a certificate (PEM, base64 or DER): give Mimecast's Identity Provider Certificate.",
                    ));
                }
                Err(error) => return Err(Failure::input(error.code(), error.to_string())),
            }
        }
    };
    let bytes = read_path_or_stdin(args.path.as_deref(), "response")?;
    let options = ResponseOptions {
        now,
        issuer: args.issuer,
        certificate,
        service_provider,
    };
    check_response(&bytes, &options)
        .map_err(|error| Failure::input(error.code(), error.to_string()))
}

fn is_entra(field: Option<Field>) -> bool {
    matches!(
        field,
        Some(
            Field::EntraIdentifier
                | Field::EntraReplyUrl
                | Field::EntraNameId
                | Field::EntraAssignment
        )
    )
}

fn is_mimecast(field: Option<Field>) -> bool {
    field.is_some() && !is_entra(field)
}

fn finding_lines(out: &mut String, findings: &[&Finding]) {
    for finding in findings {
        let severity = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        out.push_str(&format!(
            "  {severity:<7} {} ({})\n          {}\n",
            finding.code.as_str(),
            finding
                .field
                .map(|field| field.label())
                .unwrap_or("the sign-in"),
            finding.message
        ));
        if let Some(fix) = &finding.fix {
            out.push_str(&format!("          fix: {fix}\n"));
        }
    }
}

/// The summary an admin reads at a glance: the verdict, then what to change in Mimecast, then in
/// Entra, then the rest.
pub fn summary(report: &ResponseReport) -> String {
    let mut out = String::new();
    out.push_str(&format!("{}\n", report.verdict.sentence));
    let mimecast: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| is_mimecast(f.field))
        .collect();
    let entra: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| is_entra(f.field))
        .collect();
    let other: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.field.is_none())
        .collect();
    if !mimecast.is_empty() {
        out.push_str("\nChange in Mimecast (Authentication Profile)\n");
        finding_lines(&mut out, &mimecast);
    }
    if !entra.is_empty() {
        out.push_str("\nChange in Entra (the enterprise app)\n");
        finding_lines(&mut out, &entra);
    }
    if !other.is_empty() {
        out.push_str("\nAlso\n");
        finding_lines(&mut out, &other);
    }
    out.push_str("\nRead\n");
    let show = |value: &Option<String>| value.clone().unwrap_or_else(|| "(none)".to_string());
    if let Some(code) = &report.status.code {
        out.push_str(&format!("  Status        {code}\n"));
    }
    if let Some(aadsts) = &report.status.aadsts {
        out.push_str(&format!("  Entra error   {aadsts}\n"));
    }
    if report.kind != MessageKind::EntraError {
        out.push_str(&format!("  Issuer        {}\n", show(&report.issuer)));
        out.push_str(&format!("  Destination   {}\n", show(&report.destination)));
    }
    if let Some(assertion) = &report.assertion {
        out.push_str(&format!("  NameID        {}\n", show(&assertion.name_id)));
        out.push_str(&format!(
            "  Audience      {}\n",
            assertion.audiences.join(", ")
        ));
        out.push_str(&format!("  Recipient     {}\n", show(&assertion.recipient)));
        out.push_str(&format!(
            "  Valid         {} to {}\n",
            show(&assertion.not_before),
            show(&assertion.not_on_or_after)
        ));
    }
    if let Some(request) = &report.request {
        out.push_str(&format!(
            "  Reply to      {}\n",
            show(&request.assertion_consumer_service_url)
        ));
    }
    if report.kind == MessageKind::Response {
        let signature = &report.signature;
        let signed = match (signature.response_signed, signature.assertion_signed) {
            (true, true) => "Response and Assertion signed",
            (true, false) => "Response signed",
            (false, true) => "Assertion signed",
            (false, false) => "unsigned",
        };
        let valid = match signature.valid {
            Some(true) => ", valid",
            Some(false) => ", NOT valid",
            None => "",
        };
        out.push_str(&format!("  Signature     {signed}{valid}\n"));
        if let Some(certificate) = &signature.certificate {
            out.push_str(&format!(
                "  Signed by     {} (SHA-1 {})\n",
                certificate.subject, certificate.sha1
            ));
        }
    }
    out
}
