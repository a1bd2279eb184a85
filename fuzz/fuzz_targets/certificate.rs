//! The fuzz target for `cases/certificate.rs`.
#![no_main]

#[path = "../cases/certificate.rs"]
mod case;

libfuzzer_sys::fuzz_target!(|data: &[u8]| case::run(data));
