//! Replays fuzz inputs as regression tests, as x509-parser's `run_all_fuzz_files` does: every
//! file under `fuzz/replay/<target>/` (committed: minimised corpora and crash artifacts, see its
//! README), every file of a local `fuzz/corpus/<target>/` when `make fuzz` has left one, and the
//! corpus's metadata documents for the targets that read documents, each through the fuzz
//! target's own body (`fuzz/cases/<target>.rs`). A panic names the file.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

mod common;

#[path = "../fuzz/cases/certificate.rs"]
mod certificate;
#[path = "../fuzz/cases/check.rs"]
mod check;
#[path = "../fuzz/cases/classify.rs"]
mod classify;
#[path = "../fuzz/cases/inspect.rs"]
mod inspect;
#[path = "../fuzz/cases/metadata_url.rs"]
mod metadata_url;
#[path = "../fuzz/cases/observe.rs"]
mod observe;
#[path = "../fuzz/cases/response.rs"]
mod response;
#[path = "../fuzz/cases/service_provider.rs"]
mod service_provider;
#[path = "../fuzz/cases/skip_equivalence.rs"]
mod skip_equivalence;

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// One fuzz target: its name, whether it reads whole documents, and its body.
struct Target {
    name: &'static str,
    reads_documents: bool,
    run: fn(&[u8]),
}

/// Runs the target on every input it has; returns how many ran.
fn replay(
    &Target {
        name: target,
        reads_documents,
        run,
    }: &Target,
) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = files_in(&root.join("fuzz/replay").join(target));
    files.extend(files_in(&root.join("fuzz/corpus").join(target)));
    if reads_documents {
        files.extend(files_in(&common::corpus_dir().join("metadata")));
    }
    if target == "response" {
        // The responses the response suites read: python3-saml's and Entra-shaped ones.
        let responses = root.join("tests/fixtures/responses");
        for folder in std::fs::read_dir(&responses).unwrap() {
            files.extend(files_in(&folder.unwrap().path()));
        }
    }
    for file in &files {
        let data = std::fs::read(file).unwrap();
        if catch_unwind(AssertUnwindSafe(|| run(&data))).is_err() {
            panic!("fuzz target {target} fails on {}", file.display());
        }
    }
    files.len()
}

#[test]
fn every_fuzz_input_passes_its_target() {
    let target = |name, reads_documents, run| Target {
        name,
        reads_documents,
        run,
    };
    let targets = [
        target("certificate", false, certificate::run),
        target("check", false, check::run),
        target("classify", true, classify::run),
        target("inspect", true, inspect::run),
        target("metadata_url", false, metadata_url::run),
        target("response", false, response::run),
        target("observe", false, observe::run),
        target("service_provider", true, service_provider::run),
        target("skip_equivalence", true, skip_equivalence::run),
    ];
    for target in &targets {
        let count = replay(target);
        assert!(count > 0, "fuzz target {}: no input to replay", target.name);
    }
}
