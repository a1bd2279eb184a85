//! A pasted URL into `metadata_url::read`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mimecast_sso::metadata_url;

fuzz_target!(|data: &[u8]| {
    if let Ok(read) = metadata_url::read(&String::from_utf8_lossy(data)) {
        assert!(read.url.starts_with("https://") || read.url.len() >= 8);
    }
});
