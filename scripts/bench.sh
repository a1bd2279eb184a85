#!/usr/bin/env bash
# The performance table of `make bench`: mimecast_sso::inspect (native, release) beside
# python3-saml's in-process parse of the same files, with the issue's targets. Printed, never
# asserted.
#
#   BENCH_RUNS=N        timed runs per input, the same for both (default 20)
#   BENCH_SMALL_RUNS=M  timed runs for inputs under 1 MB, which take microseconds (default 500)
#   BENCH_BIG=0         skip the 100 MB rows (a 15,000-entity aggregate, whitespace, '<a>' nesting)
#
# Inputs: Entra's tenant document (27.5 KB) and app document (15 KB) from the corpus, and a
# ~20 MB aggregate of 3,000 real entities with Entra's app entity last (scripts/make-aggregate.py,
# written into target/bench/, not committed), inspected with that entity's ID.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

runs=${BENCH_RUNS:-20}
small_runs=${BENCH_SMALL_RUNS:-500}
big=${BENCH_BIG:-1}
out=target/bench
mkdir -p "$out"
say() { printf 'bench: %s\n' "$*" >&2; }

corpus=tests/fixtures/corpus/metadata
target_id="https://sts.windows.net/a15b04fc-6ff1-42a7-bb24-2e762259f5da/"

# --- Inputs ------------------------------------------------------------------------------------
say "generating the aggregates (scripts/make-aggregate.py)"
python3 scripts/make-aggregate.py --entities 3000 --out "$out/aggregate-3000.xml" >&2
inputs=(
  "Entra tenant document=$corpus/azure-tenant-identitymodel-pretty.xml"
  "Entra app document=$corpus/azure-app-mathivanan-bom-crlf.xml"
  "aggregate, 3,000 entities, target last=$out/aggregate-3000.xml#$target_id"
)
if [[ $big == 1 ]]; then
  python3 scripts/make-aggregate.py --entities 15000 --out "$out/aggregate-15000.xml" >&2
  mb100=$((100 * 1024 * 1024))
  inputs+=(
    "aggregate, 15,000 entities, target last=$out/aggregate-15000.xml#$target_id"
    "100 MB of whitespace=@whitespace:$mb100"
    "100 MB of '<a>' at the root=@nesting:$mb100"
    "100 MB of '<a>' in an aggregate=@nesting-in-aggregate:$mb100"
  )
fi

# --- Native ------------------------------------------------------------------------------------
say "building benches/native (release)"
cargo build --quiet --release --manifest-path benches/native/Cargo.toml --target-dir target/bench-build
say "timing mimecast_sso::inspect ($runs runs each, $small_runs under 1 MB)"
target/bench-build/release/mimecast-sso-bench --runs "$runs" --small-runs "$small_runs" "${inputs[@]}" >"$out/native.tsv"

# --- python3-saml ------------------------------------------------------------------------------
peer=1
if ! python3 -c 'import onelogin.saml2' 2>/dev/null; then
  say "installing python3-saml"
  pip install --quiet python3-saml >/dev/null 2>&1 || true
  python3 -c 'import onelogin.saml2' 2>/dev/null || peer=0
fi
: >"$out/python.tsv"
if [[ $peer == 1 ]]; then
  say "timing python3-saml's OneLogin_Saml2_IdPMetadataParser.parse (the same runs)"
  python3 scripts/bench-peer-metadata.py "$runs" "$small_runs" "${inputs[@]}" >"$out/python.tsv"
fi

# --- The table ---------------------------------------------------------------------------------
wasm=target/pkg/core/mimecast_sso_bg.wasm
wasm_gz=""
if [[ -f $wasm ]]; then
  wasm_gz=$(gzip -9 -c "$wasm" | wc -c)
fi
python3 scripts/bench-table.py "$out/native.tsv" "$out/python.tsv" "$peer" "$wasm_gz" "$runs" "$small_runs"

# The extension's timings (issue #3): Fill form → last field written, paste → values shown with a
# warm and a cold worker, and the wasm core beside a DOMParser extraction, in Debian's Chromium
# with the built dist/extension/ (make bench builds it first).
say "timing the extension in Chromium (tests/e2e/bench-extension.mjs)"
node tests/e2e/bench-extension.mjs
