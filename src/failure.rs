//! How a `mimecast-sso` subcommand fails: a stable code, one sentence, and the exit code
//! (1: unusable input, 2: usage). Every subcommand ends in `finish` (or `Failure::report`): one
//! line on stderr and, with `--json`, `{"error": {"code", "message"}}` on stdout.

use std::io::Write;
use std::process::ExitCode;

#[derive(Debug)]
pub struct Failure {
    pub code: &'static str,
    pub message: String,
    pub exit: u8,
}

impl Failure {
    /// A usage error (exit 2): an option value that is malformed, or nothing to work on.
    pub fn usage(code: &'static str, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
            exit: 2,
        }
    }

    /// Unusable input (exit 1).
    pub fn input(code: &'static str, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
            exit: 1,
        }
    }

    /// One line on stderr; with `json`, the error object on stdout too.
    pub fn report(&self, json: bool) -> ExitCode {
        if json {
            let body = serde_json::json!({"error": {"code": self.code, "message": self.message}});
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = writeln!(std::io::stdout().lock(), "{body:#}");
        }
        eprintln!("mimecast-sso: {}", self.message);
        ExitCode::from(self.exit)
    }
}

/// Ends a subcommand that prints its own result.
pub fn finish(result: Result<(), Failure>, json: bool) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(json),
    }
}
