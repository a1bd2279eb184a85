//! Arbitrary strings into the form's fields. The first byte says which fields are present and
//! how the two Context boxes are ticked; the rest is split at 0x1F (unit separator) into the
//! certificate, issuer, login, logout, metadata URL and provider, in that order.
//!
//! Shared by the fuzz target of the same name and by tests/fuzz_replay.rs, which replays the
//! committed regressions and any local corpus through it.

use mimecast_sso::datetime::parse_rfc3339;
use mimecast_sso::{FormValues, check};

pub fn run(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut fields = text.split('\u{1F}').map(str::to_string);
    let mut field = |bit: u8| {
        let value = fields.next();
        if flags & (1 << bit) != 0 { value } else { None }
    };
    let values = FormValues {
        certificate: field(0),
        issuer_url: field(1),
        login_url: field(2),
        logout_url: field(3),
        metadata_url: field(4),
        provider: field(5),
        password_context: (flags & 0x40 != 0).then_some(flags & 0x01 != 0),
        integrated_context: (flags & 0x80 != 0).then_some(flags & 0x02 != 0),
    };
    let now = parse_rfc3339("2026-11-23T12:00:00Z").unwrap();
    for finding in check(&values, now) {
        assert!(!finding.message.is_empty());
    }
}
