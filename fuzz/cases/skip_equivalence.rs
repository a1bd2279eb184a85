//! Bytes into the metadata parser twice: skipped elements stepped over by the byte scan, and
//! read event by event. Both must give the same entities or the same error.
//!
//! Shared by the fuzz target of the same name and by tests/fuzz_replay.rs, which replays the
//! committed regressions and any local corpus through it.

use mimecast_sso::metadata::{Skipping, parse_with};

pub fn run(data: &[u8]) {
    // Without an entity ID only the Signature and RoleDescriptors are skipped; with one that
    // matches nothing, every entity of an aggregate is.
    for only in [None, Some("\u{0}")] {
        assert_eq!(
            parse_with(data, only, Skipping::Scan),
            parse_with(data, only, Skipping::Events)
        );
    }
}
