//! DER bytes into `Certificate::from_der`.
//!
//! Shared by the fuzz target of the same name and by tests/fuzz_replay.rs, which replays the
//! committed regressions and any local corpus through it.

use mimecast_sso::Certificate;
use mimecast_sso::datetime::parse_rfc3339;

pub fn run(data: &[u8]) {
    let now = parse_rfc3339("2026-11-23T12:00:00Z").unwrap();
    if let Ok(certificate) = Certificate::from_der(data, now) {
        assert_eq!(certificate.sha1.len(), 40);
        assert_eq!(certificate.sha256.len(), 64);
        let _ = certificate.wrapped_base64();
    }
}
