//! The fuzz target for `cases/skip_equivalence.rs`.
#![no_main]

#[path = "../cases/skip_equivalence.rs"]
mod case;

libfuzzer_sys::fuzz_target!(|data: &[u8]| case::run(data));
