//! Anything pasted on the Test SSO step into `check_response`: a result or a named error, never a
//! panic. The response is judged both with a configured certificate and without one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mimecast_sso::datetime::parse_rfc3339;
use mimecast_sso::{ResponseOptions, check_response};

fuzz_target!(|data: &[u8]| {
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
});
