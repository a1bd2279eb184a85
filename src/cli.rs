//! The core on the command line.
//!
//! Exit codes: 0 when the input was understood (findings may still hold errors), 1 for unusable
//! input (one line on stderr says why), 2 for usage errors.

use clap::{Args, Parser, Subcommand, ValueEnum};
use mimecast_sso::certificate::Certificate;
use mimecast_sso::datetime::parse_rfc3339;
use mimecast_sso::{
    Finding, FormValues, InputError, InspectOptions, Inspection, Severity, ValidityStatus, check,
    inspect,
};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use time::OffsetDateTime;

use crate::common_args::CommonArgs;
use crate::failure::{Failure, finish, read_path_or_stdin};

/// Entra ID's app federation metadata, with a UTF-8 BOM and CRLF line ends as Entra serves it.
const SAMPLE: &[u8] = include_bytes!("../assets/entra-app-federation-metadata.xml");

#[derive(Parser)]
#[command(
    name = "mimecast-sso",
    version,
    about = "Turns Microsoft Entra ID federation metadata into Mimecast's SAML Authentication Profile values, and checks them."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read metadata XML or a certificate (PEM, base64 or DER) and print Mimecast's values.
    Inspect(InspectArgs),
    /// Check values as they stand in Mimecast's form.
    Check(CheckArgs),
    /// Inspect an embedded sample of Entra ID app metadata.
    Sample(SampleArgs),
    /// Test SSO: read the SAML response Entra posted to Mimecast (or an AuthnRequest, or
    /// Entra's error), verify its signature and say why sign-in fails.
    Response(crate::response_cli::ResponseArgs),
    /// List the rules and their stable codes.
    Rules {
        /// Print JSON (code, severity, when) instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct InspectArgs {
    /// Print JSON (the stable contract) instead of a summary.
    #[arg(long)]
    json: bool,
    /// The identity provider to take from an aggregate.
    #[arg(long, value_name = "ID")]
    entity_id: Option<String>,
    /// Judge certificates at this instant instead of the current time.
    #[arg(long, value_name = "RFC3339")]
    now: Option<String>,
    /// Choose the signing certificate with this SHA-1 thumbprint instead of the suggestion.
    #[arg(long, value_name = "SHA1")]
    thumbprint: Option<String>,
    /// The URL the metadata was downloaded from (adds its checks and fills Metadata URL).
    #[arg(long, value_name = "URL")]
    metadata_url: Option<String>,
    /// Wrap the certificate at 64 columns.
    #[arg(long)]
    wrap: bool,
    /// The metadata or certificate file; `-` or nothing reads standard input.
    #[arg(value_name = "PATH|-")]
    path: Option<String>,
}

#[derive(Args)]
#[command(mut_arg("now", |arg| arg.help(NOW_CERTIFICATE)))]
struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// The Issuer URL as it stands in the form.
    #[arg(long, value_name = "URL")]
    issuer: Option<String>,
    /// The Login URL as it stands in the form.
    #[arg(long, value_name = "URL")]
    login: Option<String>,
    /// The Logout URL as it stands in the form.
    #[arg(long, value_name = "URL")]
    logout: Option<String>,
    /// A file holding the certificate as pasted into the form; `-` reads standard input.
    #[arg(long, value_name = "PATH|-")]
    certificate: Option<String>,
    /// The Metadata URL as it stands in the form.
    #[arg(long, value_name = "URL")]
    metadata_url: Option<String>,
    /// The Provider as the form shows it, e.g. "Azure Active Directory".
    #[arg(long, value_name = "TEXT")]
    provider: Option<String>,
    /// Whether "Use Password protected Context" is ticked.
    #[arg(long, value_name = "on|off")]
    password_context: Option<Switch>,
    /// Whether "Use Integrated Authentication Context" is ticked.
    #[arg(long, value_name = "on|off")]
    integrated_context: Option<Switch>,
}

#[derive(Args)]
#[command(mut_arg("now", |arg| arg.help(NOW_CERTIFICATE)))]
struct SampleArgs {
    #[command(flatten)]
    common: CommonArgs,
}

/// What `--now` judges in `check` and `sample`.
const NOW_CERTIFICATE: &str = "Judge the certificate at this instant instead of the current time";

#[derive(Clone, Copy, ValueEnum)]
enum Switch {
    On,
    Off,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Inspect(args) => {
            let json = args.json;
            finish(run_inspect(args), json)
        }
        Command::Check(args) => {
            let json = args.common.json;
            finish(run_check(args), json)
        }
        Command::Sample(args) => {
            let json = args.common.json;
            finish(run_sample(args), json)
        }
        Command::Response(args) => crate::response_cli::run(args),
        Command::Rules { json } => {
            print_rules(json);
            ExitCode::SUCCESS
        }
    }
}

impl From<InputError> for Failure {
    /// The core's error, in the command line's words where the core's would not say how to act
    /// here.
    fn from(error: InputError) -> Self {
        let message = match &error {
            InputError::Empty => "The input is empty: give the path of Entra's Federation Metadata XML or certificate, or pipe it to standard input.".to_string(),
            InputError::SeveralIdentityProviders { count, listed, .. } => format!(
                "This metadata holds {count} identity providers: choose one with --entity-id, from {listed}."
            ),
            InputError::UrlNotFetched => "That is a URL, not a document: download it first (open it in a browser and save the page, or curl -o metadata.xml 'URL') and give that file.".to_string(),
            InputError::NothingToCheck => "There is nothing to check: every value is empty, so give at least one, such as --issuer URL or --certificate PATH.".to_string(),
            error => error.to_string(),
        };
        let exit = match error {
            InputError::InvalidTime { .. } | InputError::NothingToCheck => 2,
            _ => 1,
        };
        Failure {
            code: error.code(),
            message,
            exit,
        }
    }
}

fn now_from(text: Option<&str>) -> Result<OffsetDateTime, Failure> {
    match text {
        Some(text) => parse_rfc3339(text).map_err(|error| {
            let sentence = error.to_string();
            let rest = sentence.trim_start_matches(&format!("'{text}' "));
            Failure {
                message: format!("The value of --now, '{text}', {rest}"),
                ..Failure::from(error)
            }
        }),
        // The CLI, unlike the core, may read the clock.
        None => Ok(OffsetDateTime::now_utc()),
    }
}

fn read_input(path: Option<&str>) -> Result<Vec<u8>, Failure> {
    match path {
        // A URL is not fetched: the core's words for a pasted URL say how to get the document.
        Some(url) if looks_like_url(url) => Err(Failure::input(
            InputError::UrlNotFetched.code(),
            format!(
                "That is a URL, not a document: download it first (open it in a browser and save the page, or curl -o metadata.xml '{url}') and give that file."
            ),
        )),
        path => read_path_or_stdin(path, "file"),
    }
}

fn looks_like_url(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// A SHA-1 thumbprint as admins copy it (any case, with colons or spaces); anything else is a
/// usage error.
fn thumbprint_from(text: Option<String>) -> Result<Option<String>, Failure> {
    let Some(text) = text else {
        return Ok(None);
    };
    let hex: String = text
        .chars()
        .filter(|c| !matches!(c, ':' | ' ' | '-') && !mimecast_sso::text::is_invisible(*c))
        .collect();
    if hex.len() == 40 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(Some(hex))
    } else {
        Err(Failure::usage(
            "invalid-thumbprint",
            format!(
                "The value of --thumbprint, '{text}', is not a SHA-1 thumbprint (40 hex digits, as Entra shows it)."
            ),
        ))
    }
}

fn run_inspect(args: InspectArgs) -> Result<(), Failure> {
    let now = now_from(args.now.as_deref())?;
    let certificate = thumbprint_from(args.thumbprint)?;
    let bytes = read_input(args.path.as_deref())?;
    let options = InspectOptions {
        now,
        entity_id: args.entity_id,
        certificate,
        metadata_url: args.metadata_url,
        wrap_certificate: args.wrap,
        verify_signature: true,
    };
    let inspection = inspect(&bytes, &options)?;
    if args.json {
        print_json(&inspection)
    } else {
        print_summary(&inspection);
        Ok(())
    }
}

fn run_sample(args: SampleArgs) -> Result<(), Failure> {
    let now = now_from(args.common.now.as_deref())?;
    let inspection = inspect(SAMPLE, &InspectOptions::at(now))?;
    if args.common.json {
        return print_json(&inspection);
    }
    println!(
        "Sample: Entra ID app federation metadata (assets/entra-app-federation-metadata.xml)\n"
    );
    print_summary(&inspection);
    Ok(())
}

fn run_check(args: CheckArgs) -> Result<(), Failure> {
    let now = now_from(args.common.now.as_deref())?;
    let certificate = match args.certificate.as_deref() {
        None => None,
        Some(path) => {
            let bytes = read_input(Some(path))?;
            Some(match String::from_utf8(bytes) {
                Ok(text) => text,
                // DER: as base64, so the same rules read it.
                Err(error) if error.as_bytes().trim_ascii_start().first() == Some(&0x30) => {
                    use base64::Engine;
                    base64::engine::general_purpose::STANDARD.encode(error.into_bytes())
                }
                // Text with Windows-1252 bytes (a mail saved on Windows).
                Err(error) => mimecast_sso::text::from_mostly_utf8(error.as_bytes()),
            })
        }
    };
    let switch = |value: Option<Switch>| value.map(|value| matches!(value, Switch::On));
    let values = FormValues {
        issuer_url: args.issuer,
        login_url: args.login,
        logout_url: args.logout,
        certificate,
        metadata_url: args.metadata_url,
        provider: args.provider,
        password_context: switch(args.password_context),
        integrated_context: switch(args.integrated_context),
    };
    if values.is_blank() {
        return Err(InputError::NothingToCheck.into());
    }
    let findings = check(&values, now);
    if args.common.json {
        return print_json(&serde_json::json!({ "findings": findings }));
    }
    let style = Style::for_stdout();
    if findings.is_empty() {
        println!("{}", style.good("No findings: the values look right."));
    } else {
        print_findings(&findings, &style);
    }
    Ok(())
}

fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|error| {
        Failure::input("json", format!("The JSON could not be written: {error}."))
    })?;
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = writeln!(stdout, "{text}");
    Ok(())
}

/// ANSI colour when writing to a terminal, plain text otherwise.
struct Style {
    colour: bool,
}

impl Style {
    fn for_stdout() -> Self {
        Style {
            colour: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }
    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
    fn good(&self, text: &str) -> String {
        self.paint("32", text)
    }
    fn severity(&self, severity: Severity) -> String {
        match severity {
            Severity::Error => self.paint("1;31", "error  "),
            Severity::Warning => self.paint("1;33", "warning"),
            Severity::Info => self.paint("1;36", "info   "),
        }
    }
}

fn print_summary(inspection: &Inspection) {
    let style = Style::for_stdout();
    let values = &inspection.mimecast;
    let show = |value: &Option<String>| value.clone().unwrap_or_else(|| style.dim("(none)"));
    println!("{}", style.bold("Mimecast Authentication Profile"));
    println!("  Issuer URL    {}", show(&values.issuer_url));
    println!("  Login URL     {}", show(&values.login_url));
    println!("  Logout URL    {}", show(&values.logout_url));
    match &values.certificate {
        Some(certificate) if certificate.contains('\n') => {
            println!("  Certificate");
            for line in certificate.lines() {
                println!("    {line}");
            }
        }
        certificate => println!("  Certificate   {}", show(certificate)),
    }
    if let Some(url) = &values.metadata_url {
        println!("  Metadata URL  {url}");
    }
    if let Some(tenant) = &inspection.tenant_id {
        println!("  {}", style.dim(&format!("Entra tenant {tenant}")));
    }

    if !inspection.signing_certificates.is_empty() {
        println!("\n{}", style.bold("Signing certificates"));
        for (index, certificate) in inspection.signing_certificates.iter().enumerate() {
            let mut tags = Vec::new();
            if Some(index) == inspection.chosen_certificate {
                tags.push("in the form");
            }
            if Some(index) == inspection.suggested_certificate {
                tags.push("suggested");
            }
            let tags = if tags.is_empty() {
                String::new()
            } else {
                format!("  [{}]", tags.join(", "))
            };
            println!(
                "  {}. {}{}",
                index + 1,
                certificate.subject,
                style.bold(&tags)
            );
            println!("     SHA-1 {}", certificate.sha1);
            println!("     {}", validity_line(certificate, &style));
        }
    }

    println!("\n{}", style.bold("Findings"));
    if inspection.findings.is_empty() {
        println!(
            "  {}",
            style.good("none: the values are ready for Mimecast.")
        );
    } else {
        print_findings(&inspection.findings, &style);
    }
}

/// `2022-03-22 [###########|-----] 2025-03-22  Valid: 120 days left.`: `|` marks today.
fn validity_line(certificate: &Certificate, style: &Style) -> String {
    const WIDTH: usize = 24;
    let elapsed = (certificate.validity.elapsed * WIDTH as f64).round() as usize;
    let mut bar: String = "#".repeat(elapsed.min(WIDTH)) + &"-".repeat(WIDTH - elapsed.min(WIDTH));
    let sentence = &certificate.validity.sentence;
    let (status, before, after) = match certificate.validity.status {
        ValidityStatus::Valid => (style.good(sentence), "", ""),
        ValidityStatus::ExpiresSoon => (style.paint("33", sentence), "", ""),
        ValidityStatus::Expired => (style.paint("31", sentence), "", "|"),
        ValidityStatus::NotYetValid => (style.paint("31", sentence), "|", ""),
    };
    if before.is_empty() && after.is_empty() {
        let at = elapsed.min(WIDTH - 1);
        bar.replace_range(at..at + 1, "|");
    }
    format!(
        "{} {before}[{bar}]{after} {}  {status}",
        &certificate.not_before[..10.min(certificate.not_before.len())],
        &certificate.not_after[..10.min(certificate.not_after.len())],
    )
}

fn print_findings(findings: &[Finding], style: &Style) {
    for finding in findings {
        let field = finding
            .field
            .map(|field| field.label())
            .unwrap_or("document");
        println!(
            "  {} {} {}",
            style.severity(finding.severity),
            style.bold(finding.code.as_str()),
            style.dim(&format!("({field})"))
        );
        println!("          {}", finding.message);
        if let Some(fix) = &finding.fix {
            println!("          {} {fix}", style.dim("fix:"));
        }
    }
}

fn print_rules(json: bool) {
    let rules: Vec<_> = mimecast_sso::Code::ALL
        .iter()
        .map(|code| {
            serde_json::json!({"code": code.as_str(), "severity": code.severity(), "when": code.when()})
        })
        .collect();
    if json {
        let _ = print_json(&rules);
        return;
    }
    for code in mimecast_sso::Code::ALL {
        let severity = match code.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        println!("{:<28} {:<8} {}", code.as_str(), severity, code.when());
    }
}
