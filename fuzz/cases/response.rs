//! Anything pasted on the Test SSO step into `check_response`: a result or a named error, never a
//! panic.
//!
//! Shared by the fuzz target of the same name and by tests/fuzz_replay.rs, which replays the
//! committed regressions and any local corpus through it.

use mimecast_sso::datetime::parse_rfc3339;
use mimecast_sso::{ResponseOptions, check_response};

pub fn run(data: &[u8]) {
    let now = parse_rfc3339("2026-11-23T09:31:00Z").unwrap();
    let options = ResponseOptions::at(now);
    match check_response(data, &options) {
        Ok(report) => {
            for finding in &report.findings {
                assert!(finding.message.ends_with('.'));
            }
            if report.signature.signatures.is_empty() {
                assert_eq!(report.signature.valid, None);
            }
        }
        Err(error) => assert!(!error.code().is_empty()),
    }
}
