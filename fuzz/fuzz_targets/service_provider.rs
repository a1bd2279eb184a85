//! The fuzz target for `cases/service_provider.rs`.
#![no_main]

#[path = "../cases/service_provider.rs"]
mod case;

libfuzzer_sys::fuzz_target!(|data: &[u8]| case::run(data));
