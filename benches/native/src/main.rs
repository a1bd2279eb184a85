//! Times `mimecast_sso::inspect` and measures its peak heap, one TSV line per input.
//!
//! ```text
//! mimecast-sso-bench [--runs N] [--small-runs M] LABEL=INPUT ...
//!   M runs (at least N) for inputs under 1 MB
//!   INPUT: PATH             a file, inspected without an entity ID
//!          PATH#ENTITY_ID   a file, inspected with that entity ID
//!          @whitespace:BYTES               BYTES of spaces
//!          @nesting:BYTES                  '<a>' repeated: not metadata
//!          @nesting-in-aggregate:BYTES     '<a>' repeated inside an EntitiesDescriptor (skipped)
//! ```
//!
//! Output columns: label, input bytes, runs, median ms, min ms, peak heap bytes above the input
//! during one inspect, the number of allocations it made, the outcome (the entity ID, or the
//! error's code).

use mimecast_sso::datetime::parse_rfc3339;
use mimecast_sso::{InspectOptions, inspect};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};
use std::time::Instant;

/// Counts live heap bytes and their high-water mark while `COUNTING` is on: the timed runs
/// leave it off, so that the atomics do not weigh on the times.
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
// Signed: a block allocated before counting and freed during it would take LIVE below zero.
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        let live = LIVE.fetch_add(bytes as isize, Ordering::Relaxed) + bytes as isize;
        PEAK.fetch_max(live, Ordering::Relaxed);
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

fn shrank(bytes: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        LIVE.fetch_sub(bytes as isize, Ordering::Relaxed);
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            grew(layout.size());
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc_zeroed(layout) };
        if !pointer.is_null() {
            grew(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                shrank(layout.size() - new_size);
            }
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn input(spec: &str) -> (Vec<u8>, Option<String>) {
    let synthetic = |kind: &str, bytes: usize| -> Vec<u8> {
        match kind {
            "whitespace" => vec![b' '; bytes],
            "nesting" => b"<a>".repeat(bytes / 3),
            "nesting-in-aggregate" => {
                let mut xml =
                    b"<EntitiesDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\">".to_vec();
                xml.extend(b"<a>".repeat(bytes / 3));
                xml
            }
            _ => panic!("unknown synthetic input {kind}"),
        }
    };
    if let Some(rest) = spec.strip_prefix('@') {
        let (kind, bytes) = rest.split_once(':').expect("@KIND:BYTES");
        return (synthetic(kind, bytes.parse().expect("BYTES")), None);
    }
    let (path, entity_id) = match spec.split_once('#') {
        Some((path, entity_id)) => (path, Some(entity_id.to_string())),
        None => (spec, None),
    };
    let bytes = std::fs::read(path).unwrap_or_else(|error| panic!("{path}: {error}"));
    (bytes, entity_id)
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 20usize;
    let mut small_runs = 20usize;
    while let Some(flag) = args.first().cloned() {
        match flag.as_str() {
            "--runs" => runs = args[1].parse().expect("--runs N"),
            "--small-runs" => small_runs = args[1].parse().expect("--small-runs N"),
            _ => break,
        }
        args.drain(..2);
    }
    let now = parse_rfc3339("2026-11-23T12:00:00Z").unwrap();
    for arg in args {
        let (label, spec) = arg.split_once('=').expect("LABEL=INPUT");
        // "+signature": the metadata's own signature verified too. Without it, inspect reads what
        // python3-saml's parser reads, which checks no signature.
        let (spec, verify_signature) = match spec.strip_suffix("+signature") {
            Some(spec) => (spec, true),
            None => (spec, false),
        };
        let (bytes, entity_id) = input(spec);
        // Inputs under 1 MB take microseconds: more runs steady their median.
        let runs = if bytes.len() < 1 << 20 {
            small_runs.max(runs)
        } else {
            runs
        };
        let options = InspectOptions {
            entity_id,
            verify_signature,
            ..InspectOptions::at(now)
        };

        // A few unmeasured runs (lazy statics, caches), then the heap, then `runs` timed ones.
        for _ in 0..runs.min(3) {
            std::hint::black_box(inspect(std::hint::black_box(&bytes), &options).ok());
        }
        // Peak heap above the input buffer (and whatever else is live), over one inspect: counted
        // from zero, since only what inspect allocates is seen while counting.
        LIVE.store(0, Ordering::Relaxed);
        PEAK.store(0, Ordering::Relaxed);
        ALLOCATIONS.store(0, Ordering::Relaxed);
        COUNTING.store(true, Ordering::Relaxed);
        let result = inspect(&bytes, &options);
        COUNTING.store(false, Ordering::Relaxed);
        let peak_above = PEAK.load(Ordering::Relaxed).max(0);
        let allocations = ALLOCATIONS.load(Ordering::Relaxed);
        let outcome = match &result {
            Ok(inspection) => inspection.entity_id.clone().unwrap_or_default(),
            Err(error) => error.code().to_string(),
        };
        drop(result);

        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let started = Instant::now();
                let result = inspect(std::hint::black_box(&bytes), &options);
                let elapsed = started.elapsed().as_secs_f64() * 1e3;
                std::hint::black_box(result.ok());
                elapsed
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let median = if runs % 2 == 1 {
            times[runs / 2]
        } else {
            (times[runs / 2 - 1] + times[runs / 2]) / 2.0
        };
        println!(
            "{label}\t{}\t{runs}\t{median:.4}\t{:.4}\t{peak_above}\t{allocations}\t{outcome}",
            bytes.len(),
            times[0]
        );
    }
}
