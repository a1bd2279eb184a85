//! The fuzz target for `cases/inspect.rs`.
#![no_main]

#[path = "../cases/inspect.rs"]
mod case;

libfuzzer_sys::fuzz_target!(|data: &[u8]| case::run(data));
