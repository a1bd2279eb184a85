#!/usr/bin/env bash
# `make build`: the wasm modules (target/pkg/), then the extension (dist/extension/)
# and the web page (dist/www/) from them.
# Incremental: cargo is, and build-wasm.sh skips wasm-bindgen/wasm-opt when the
# cargo output did not change.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build-wasm.sh
scripts/build-extension.sh
scripts/build-www.sh
