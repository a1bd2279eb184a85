//! The fuzz target for `cases/metadata_url.rs`.
#![no_main]

#[path = "../cases/metadata_url.rs"]
mod case;

libfuzzer_sys::fuzz_target!(|data: &[u8]| case::run(data));
