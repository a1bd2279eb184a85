//! What the browser sends, into the extension's `observe`: the URL on the first line, the form
//! body after it. Nothing, or an observation whose verdict is in words; never a panic.
//!
//! Shared by the fuzz target of the same name and by tests/fuzz_replay.rs.

use mimecast_sso::datetime::parse_rfc3339;
use mimecast_sso::observation::{Endpoint, ObserveOptions, observe};
use mimecast_sso::service_provider::{AccountCode, sign_in_region};

pub fn run(data: &[u8]) {
    let (url, body) = match data.iter().position(|&byte| byte == b'\n') {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let url = String::from_utf8_lossy(url);
    let options = ObserveOptions {
        now: parse_rfc3339("2026-11-23T09:31:00Z").unwrap(),
        issuer: Some("https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/".to_string()),
        certificate: Some(Vec::new()),
        account_code: AccountCode::parse("CUSA123456").ok(),
    };
    if let Some(observation) = observe(&url, body, &options) {
        assert!(observation.verdict.sentence.ends_with('.'));
        assert!(!observation.verdict.badge.is_empty() && observation.verdict.badge.len() <= 4);
        assert_eq!(observation.report.is_none(), observation.error.is_some());
        if observation.endpoint == Endpoint::MimecastSignIn {
            assert!(sign_in_region(&url).is_some());
        }
    }
}
