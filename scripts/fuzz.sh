#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ for a while each (`make fuzz`).
#
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   which targets, space-separated (default: all of them)
#
# Installs cargo-fuzz when it is missing. cargo fuzz needs nightly flags (-Zsanitizer): the
# machine has stable Rust only, so RUSTC_BOOTSTRAP=1 lets stable accept them. Seed corpora come
# from tests/fixtures/corpus, copied into fuzz/corpus/<target> (git-ignored); libFuzzer adds what
# it finds there. A crash leaves its input in fuzz/artifacts/<target>/ and makes the script fail
# at the end; minimise it with `RUSTC_BOOTSTRAP=1 cargo fuzz tmin <target> <artifact>` (in fuzz/)
# and add it to fuzz/replay/<target>/ (see its README), which `cargo test` replays.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export RUSTC_BOOTSTRAP=1

seconds=${FUZZ_SECONDS:-60}
all_targets="inspect check classify metadata_url certificate service_provider skip_equivalence response observe"
targets=${FUZZ_TARGETS:-$all_targets}

say() { printf 'fuzz: %s\n' "$*"; }

if ! command -v cargo-fuzz >/dev/null; then
  say "installing cargo-fuzz (a few minutes)"
  cargo install cargo-fuzz >/dev/null 2>&1 || { say "FAILED: cargo install cargo-fuzz"; exit 1; }
fi

# --- Seed corpora ----------------------------------------------------------------------------
# Metadata files as they are; their certificates as text, PEM and DER; URLs from their
# endpoints and entity IDs, and Entra's metadata URL forms.
python3 scripts/fuzz-seeds.py "$root"

# --- Runs ------------------------------------------------------------------------------------
mkdir -p fuzz/artifacts
summary=()
failed=0
for target in $targets; do
  case $target in
    inspect|classify|service_provider|skip_equivalence) max_len=131072 ;;
    check) max_len=16384 ;;
    *) max_len=8192 ;;
  esac
  log="fuzz/artifacts/$target.log"
  say "$target for ${seconds}s (log: $log)"
  status=0
  (cd fuzz && cargo fuzz run -O "$target" "corpus/$target" -- \
      -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 \
      -dict=saml.dict -print_final_stats=1) >"$log" 2>&1 || status=$?
  runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1 || true)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  corpus=$(find "fuzz/corpus/$target" -type f | wc -l)
  if [[ $status -ne 0 ]]; then
    failed=1
    artifact=$(grep -oE 'artifacts/[^ ]+' "$log" | tail -1 || true)
    summary+=("$(printf '%-17s %12s runs  cov %-6s corpus %-5s CRASH %s' "$target" "${runs:-?}" "${cov:-?}" "$corpus" "fuzz/${artifact:-?}")")
    grep -E 'panicked at|ERROR: libFuzzer|SUMMARY' "$log" | head -5 | sed 's/^/    /' || true
  else
    summary+=("$(printf '%-17s %12s runs  cov %-6s corpus %-5s ok' "$target" "${runs:-?}" "${cov:-?}" "$corpus")")
  fi
done
printf '\n%s\n' "fuzz summary (${seconds}s per target):"
printf '  %s\n' "${summary[@]}"
exit $failed
