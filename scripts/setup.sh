#!/usr/bin/env bash
# Installs what `make run`, `make test` and `make build` need, and nothing else.
# Idempotent and quick when everything is there: each step checks before it acts,
# prints one line when it installs something, and any failure stops the script.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: FAILED: %s\n' "$*" >&2; exit 1; }

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

command -v rustup >/dev/null || die "rustup is missing (this machine kind ships rustup with stable Rust)"
command -v cargo >/dev/null || die "cargo is missing"
command -v node >/dev/null || die "node is missing (this machine kind ships Node.js 20 and npm)"
command -v npm >/dev/null || die "npm is missing"

# --- Rust target and components ----------------------------------------------
installed_targets=$(rustup target list --installed)
if ! grep -qx 'wasm32-unknown-unknown' <<<"$installed_targets"; then
  say "installing Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown >/dev/null 2>&1 \
    || die "rustup target add wasm32-unknown-unknown"
fi
installed_components=$(rustup component list --installed)
for comp in rustfmt clippy; do
  if ! grep -q "^$comp" <<<"$installed_components"; then
    say "installing Rust component $comp"
    rustup component add "$comp" >/dev/null 2>&1 || die "rustup component add $comp"
  fi
done

# --- wasm-bindgen CLI ---------------------------------------------------------
# The CLI (and wasm-bindgen-test-runner, from the same package) must equal the
# wasm-bindgen crate version in Cargo.lock exactly, or the generated glue breaks.
wb_version=$(node scripts/cargo-info.mjs dependency-version wasm-bindgen)
if [[ -z "$wb_version" ]]; then
  # Until the core depends on wasm-bindgen there is nothing to match.
  say "no wasm-bindgen in Cargo.lock yet: skipping wasm-bindgen-cli"
else
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  have_runner=$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)
  if [[ "$have" != "$wb_version" || "$have_runner" != "$wb_version" ]]; then
    say "installing wasm-bindgen-cli $wb_version (a few minutes)"
    # No --locked: one of the CLI's locked dependencies is not served by the registry here.
    log=$(mktemp)
    if ! cargo install wasm-bindgen-cli --version "$wb_version" --force >"$log" 2>&1; then
      tail -n 30 "$log" >&2
      die "cargo install wasm-bindgen-cli --version $wb_version"
    fi
    rm -f "$log"
    have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
    # Another wasm-bindgen earlier on PATH would shadow the one just installed.
    [[ "$have" == "$wb_version" ]] || die "wasm-bindgen on PATH ($(command -v wasm-bindgen)) is ${have:-missing}, not $wb_version"
  fi
fi

# --- Debian packages: Chromium and its driver (tests), zip (the store zips), xmlsec1 (the reference signature checker) ---
missing=()
# firefox-esr: the Firefox build's end-to-end test (with geckodriver, below).
for pkg in chromium chromium-driver zip firefox-esr xmlsec1; do
  if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  say "installing Debian ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  log=$(mktemp)
  if ! { apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "apt-get install ${missing[*]}"
  fi
  rm -f "$log"
fi
# geckodriver drives Firefox for the Firefox build's test; npm's geckodriver package downloads
# a binary, which cannot work here.
if ! command -v geckodriver >/dev/null; then
  say "installing geckodriver (a minute or two)"
  log=$(mktemp)
  if ! cargo install geckodriver --locked >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "cargo install geckodriver"
  fi
  rm -f "$log"
fi
# Never Debian's binaryen: its wasm-opt (108) emits modules that throw at
# instantiation. The build uses node_modules/.bin/wasm-opt from npm.

# --- npm packages (playwright-core, binaryen, web-ext) --------------------------
# A stamp of package.json + package-lock.json inside node_modules tells whether
# the tree is current; `npm install` itself takes seconds even when it has nothing to do.
stamp_file=node_modules/.setup-stamp
want_stamp=$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1)
if [[ ! -f "$stamp_file" || "$(cat "$stamp_file")" != "$want_stamp" ]]; then
  say "installing npm packages"
  log=$(mktemp)
  # Test tools must not download browsers: there is no network but the registries.
  if ! PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "npm install"
  fi
  rm -f "$log"
  # npm may rewrite the lock file: stamp what is there now.
  cat package.json package-lock.json | sha256sum | cut -d' ' -f1 >"$stamp_file"
fi
[[ -x node_modules/.bin/wasm-opt ]] || die "node_modules/.bin/wasm-opt is missing after npm install"
