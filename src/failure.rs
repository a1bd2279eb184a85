//! How a `mimecast-sso` subcommand fails: a stable code, one sentence, and the exit code
//! (1: unusable input, 2: usage). Every subcommand ends in `finish` (or `Failure::report`): one
//! line on stderr and, with `--json`, `{"error": {"code", "message"}}` on stdout. Reading the
//! input file is here too, since its failure is the one every subcommand shares.

use std::io::{Read, Write};
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

/// The bytes of a file, or of standard input for `-` or no path; `what` names the file in the
/// sentence ("file", "certificate"). A failure is `cannot-read`, with the I/O error in words.
pub fn read_path_or_stdin(path: Option<&str>, what: &str) -> Result<Vec<u8>, Failure> {
    match path {
        None | Some("-") => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|error| {
                Failure::input(
                    "cannot-read",
                    format!(
                        "Standard input could not be read: {}.",
                        plain_io_error(&error)
                    ),
                )
            })?;
            Ok(bytes)
        }
        Some(path) => std::fs::read(path).map_err(|error| {
            Failure::input(
                "cannot-read",
                format!(
                    "The {what} '{path}' could not be read: {}.",
                    plain_io_error(&error)
                ),
            )
        }),
    }
}

/// An I/O error in words, without the "(os error 2)" of its Display.
fn plain_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "there is no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission was denied".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a folder, not a file".to_string(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
        }
    }
}
