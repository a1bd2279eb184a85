#!/usr/bin/env bash
# `make run` (after `make build`): open the product on an embedded Entra sample.
# Once the web page is built (dist/www/index.html) it is served on loopback in the
# foreground until Ctrl-C; before that, the native CLI prints its inspection of the
# sample embedded in the binary.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -f dist/www/index.html ]]; then
  # First free port from $PORT (default 8000) on: a second `make run` must not fail.
  port=$(python3 scripts/free-port.py "${PORT:-8000}")
  # The CLI's view of the same sample first: the job the page does, on the command line.
  cargo run --release --quiet --bin mimecast-sso -- sample
  echo
  echo "SSO Autofill for Mimecast, with the Entra sample loaded: http://127.0.0.1:$port/#sample  (Ctrl-C to stop)"
  if [[ -f dist/extension/manifest.json ]]; then
    echo "The extension: chrome://extensions > Developer mode > Load unpacked > $PWD/dist/extension"
  fi
  # Loopback only: nothing here is meant for other machines. Python 3.11 serves
  # .wasm as application/wasm, which WebAssembly.instantiateStreaming requires.
  exec python3 -m http.server --bind 127.0.0.1 --directory dist/www "$port"
fi

exec cargo run --release --quiet --bin mimecast-sso -- sample
