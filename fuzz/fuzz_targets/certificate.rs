//! DER bytes into `Certificate::from_der`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mimecast_sso::Certificate;
use mimecast_sso::datetime::parse_rfc3339;

fuzz_target!(|data: &[u8]| {
    let now = parse_rfc3339("2026-11-23T12:00:00Z").unwrap();
    if let Ok(certificate) = Certificate::from_der(data, now) {
        assert_eq!(certificate.sha1.len(), 40);
        assert_eq!(certificate.sha256.len(), 64);
        let _ = certificate.wrapped_base64();
    }
});
