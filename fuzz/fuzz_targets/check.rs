//! The fuzz target for `cases/check.rs`.
#![no_main]

#[path = "../cases/check.rs"]
mod case;

libfuzzer_sys::fuzz_target!(|data: &[u8]| case::run(data));
