//! The fuzz target for `cases/response.rs`.
#![no_main]

#[path = "../cases/response.rs"]
mod case;

libfuzzer_sys::fuzz_target!(|data: &[u8]| case::run(data));
