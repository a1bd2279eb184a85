#!/usr/bin/env bash
# Builds the wasm modules:
#   the core (package mimecast-sso)  -> target/pkg/core/mimecast_sso{.js,_bg.wasm}
#   the web page crate (www/), if any -> target/pkg/www/mimecast_sso_www{.js,_bg.wasm}
# cargo -> wasm-bindgen --target web -> wasm-opt -Oz (npm binaryen), then checks that
# each module still instantiates in Node and prints its size.
# wasm-bindgen and wasm-opt are skipped when the cargo output did not change.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TARGET=wasm32-unknown-unknown
WASM_OPT=node_modules/.bin/wasm-opt
# Never a wasm-opt from PATH: Debian's binaryen 108 emits modules that throw at init.
[[ -x "$WASM_OPT" ]] || { echo "build-wasm: $WASM_OPT missing: run scripts/setup.sh" >&2; exit 1; }

# A dedicated profile, when Cargo.toml has one, keeps opt-level "z" off the native CLI.
if grep -q '^\[profile\.wasm-release\]' Cargo.toml; then
  profile_flag=(--profile wasm-release); profile_dir=wasm-release
else
  profile_flag=(--release); profile_dir=release
fi

# Package name and cdylib file stem of the crate whose manifest is $1 (empty if it
# is not a workspace member).
crate_info() { node scripts/cargo-info.mjs cdylib "$1"; }

read -r core_pkg core_stem <<<"$(crate_info Cargo.toml)" || true
[[ -n "${core_pkg:-}" ]] || { echo "build-wasm: Cargo.toml has no cdylib lib target (needs crate-type = [\"cdylib\", \"rlib\"])" >&2; exit 1; }
www_pkg=""
if [[ -f www/Cargo.toml ]]; then
  read -r www_pkg www_stem <<<"$(crate_info www/Cargo.toml)" || true
  [[ -n "${www_pkg:-}" ]] \
    || echo "build-wasm: warning: www/Cargo.toml is not a workspace member with a cdylib: skipping it" >&2
fi

# Two cargo runs, not one with two -p: in one run cargo unifies the core's features,
# and the page (which links the core without its "bindings" feature) would carry the
# core's JavaScript exports too. The dependencies are built once and shared all the same.
cargo build "${profile_flag[@]}" --lib --target "$TARGET" -p "$core_pkg"
if [[ -n "$www_pkg" ]]; then
  cargo build "${profile_flag[@]}" --lib --target "$TARGET" -p "$www_pkg"
fi

wb_version=$(wasm-bindgen --version | awk '{print $2}')
wasm_opt_version=$("$WASM_OPT" --version | awk '{print $3}')
script_hash=$(cat "$0" scripts/wasm-features.mjs | sha256sum | cut -c1-16)

# The features the module was compiled with, as wasm-opt flags (scripts/wasm-features.mjs).
feature_flags() { node scripts/wasm-features.mjs "$1"; }

kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

# build_module NAME STEM OUTDIR OUTNAME GZ_TARGET_KB [extra wasm-bindgen flags...]
build_module() {
  local name=$1 stem=$2 outdir=$3 outname=$4 gz_target=$5; shift 5
  local input="target/$TARGET/$profile_dir/$stem.wasm"
  local output="$outdir/${outname}_bg.wasm"
  local stamp="$outdir/.build-stamp"
  # What the output depends on besides the input: tool versions, and this script (its flags).
  local want
  want="$(sha256sum "$input" | cut -d' ' -f1) wasm-bindgen=$wb_version wasm-opt=$wasm_opt_version script=$script_hash $*"
  if [[ -f "$output" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    echo "build-wasm: $name wasm unchanged"
  else
    rm -rf "$outdir"; mkdir -p "$outdir"
    wasm-bindgen --target web --out-dir "$outdir" --out-name "$outname" "$@" "$input"
    local feats
    feats=$(feature_flags "$output")
    # shellcheck disable=SC2086 # $feats is a list of flags
    # The producers and target_features sections serve no purpose at run time.
    "$WASM_OPT" -Oz $feats --strip-producers --strip-target-features "$output" -o "$output.opt"
    mv "$output.opt" "$output"
    # wasm-opt output that V8 cannot compile (wrong features) only shows at init: check now.
    node scripts/check-wasm-instantiates.mjs "$outdir/$outname.js" "$output" \
      || { echo "build-wasm: $output does not instantiate in Node" >&2; rm -f "$stamp"; exit 1; }
    echo "$want" >"$stamp"
  fi
  local raw gz
  raw=$(stat -c %s "$output")
  gz=$(gzip -9c "$output" | wc -c)
  # KB = 1024 bytes, one decimal: the gzipped size sits close to its target.
  printf '%s wasm: %s KB raw, %s KB gzipped%s\n' "$name" "$(kb "$raw")" "$(kb "$gz")" \
    "${gz_target:+ (target <= $gz_target KB)}"
  if [[ -n "$gz_target" ]] && ((gz > gz_target * 1024)); then
    echo "build-wasm: warning: $name wasm is over its size target" >&2
  fi
}

# --experimental-reset-state-function adds the export __wbg_reset_state(): the
# extension's worker calls it after a trap (RuntimeError) to get a fresh instance.
build_module core "$core_stem" target/pkg/core mimecast_sso 180 --experimental-reset-state-function
if [[ -n "$www_pkg" ]]; then
  build_module www "$www_stem" target/pkg/www mimecast_sso_www ""
fi
