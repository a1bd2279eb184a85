//! Pasted text into `classify`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mimecast_sso::classify;

fuzz_target!(|data: &[u8]| {
    let _ = classify(&String::from_utf8_lossy(data));
});
