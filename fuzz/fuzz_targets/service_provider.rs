//! SP metadata bytes into `service_provider::read_service_provider` (the web page's "read my SP
//! metadata back").
#![no_main]

use libfuzzer_sys::fuzz_target;
use mimecast_sso::service_provider::read_service_provider;

fuzz_target!(|data: &[u8]| {
    let _ = read_service_provider(data);
});
