//! A pasted URL into `metadata_url::read`.
//!
//! Shared by the fuzz target of the same name and by tests/fuzz_replay.rs, which replays the
//! committed regressions and any local corpus through it.

use mimecast_sso::metadata_url;

pub fn run(data: &[u8]) {
    if let Ok(read) = metadata_url::read(&String::from_utf8_lossy(data)) {
        assert!(read.url.starts_with("https://") || read.url.len() >= 8);
    }
}
