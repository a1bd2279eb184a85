#!/usr/bin/env bash
# `make build`: the wasm modules (target/pkg/), then the extension (dist/extension/)
# and the web page (dist/www/) from them. The two surface scripts are written by
# other engineers and may not exist yet: each runs only when present.
# Incremental: cargo is, and build-wasm.sh skips wasm-bindgen/wasm-opt when the
# cargo output did not change.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build-wasm.sh
for surface in extension www; do
  script=scripts/build-$surface.sh
  if [[ -f "$script" ]]; then
    bash "$script"
  else
    echo "build: $script not written yet: no dist/$surface/"
  fi
done
