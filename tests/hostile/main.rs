//! Hostile input: every case ends in a clear error (a stable code and a one-sentence message) or
//! in a result, never in a panic, a hang or a stack overflow.
//!
//! The inputs are built here from the real corpus (tests/fixtures/corpus/metadata), so no large
//! fixture is committed. Nothing is timed here: `make bench` measures how fast the big inputs are
//! read, in the release build.
//!
//! One module per kind of hostility: `xml` (entities, nesting, malformed documents), `der`,
//! `base64_text`, `keys` (private keys), `noise` (binary noise), `big` (100 MB inputs), `mutations`
//! (deterministic mutation of the corpus), `messages` (every message one sentence) and
//! `skip_scan` (the byte scan that steps over skipped elements, against the event reader).
//! `support` holds the helpers they share.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use mimecast_sso::pem::decode_base64;
use mimecast_sso::{
    Certificate, FormValues, InputError, InputKind, InspectOptions, Inspection, check, classify,
    inspect, metadata_url,
};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

#[path = "../common/mod.rs"]
mod common;
use common::{corpus, corpus_names, finding_codes, options};

#[path = "../common/url_cases.rs"]
mod url_cases;

mod support;

mod base64_text;
mod big;
mod der;
mod keys;
mod messages;
mod mutations;
mod noise;
mod skip_scan;
mod xml;
