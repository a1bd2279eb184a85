//! The fuzz target for `cases/observe.rs`.
#![no_main]

#[path = "../cases/observe.rs"]
mod case;

libfuzzer_sys::fuzz_target!(|data: &[u8]| case::run(data));
