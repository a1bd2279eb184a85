//! Pasted text into `classify`.
//!
//! Shared by the fuzz target of the same name and by tests/fuzz_replay.rs, which replays the
//! committed regressions and any local corpus through it.

use mimecast_sso::classify;

pub fn run(data: &[u8]) {
    let _ = classify(&String::from_utf8_lossy(data));
}
