//! SP metadata bytes into `service_provider::read_service_provider` (the web page's "read my SP
//! metadata back").
//!
//! Shared by the fuzz target of the same name and by tests/fuzz_replay.rs, which replays the
//! committed regressions and any local corpus through it.

use mimecast_sso::service_provider::read_service_provider;

pub fn run(data: &[u8]) {
    let _ = read_service_provider(data);
}
