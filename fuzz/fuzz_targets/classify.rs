//! The fuzz target for `cases/classify.rs`.
#![no_main]

#[path = "../cases/classify.rs"]
mod case;

libfuzzer_sys::fuzz_target!(|data: &[u8]| case::run(data));
