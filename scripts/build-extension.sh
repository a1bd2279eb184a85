#!/usr/bin/env bash
# Assembles the browser extension from extension/ and the wasm core:
#   content.js                the content script: extension/src/content/main.js and the modules it
#                             imports, bundled by esbuild into one classic script (IIFE)
#   dist/extension/           Chrome and Edge, unpacked (loaded as is by the e2e tests)
#   dist/extension-firefox/   Firefox, unpacked
#   dist/sso-autofill-mimecast-{chrome,firefox}.zip   store uploads
# Each manifest is extension/manifest.base.json + extension/platform/<browser>.json.
# Then `web-ext lint` checks the Firefox build and fails the build on errors.
set -euo pipefail
cd "$(dirname "$0")/.."

PKG=target/pkg/core
for file in mimecast_sso.js mimecast_sso_bg.wasm; do
  [[ -f "$PKG/$file" ]] || { echo "build-extension: $PKG/$file missing: run scripts/build-wasm.sh first" >&2; exit 1; }
done

# The type check (`make lint`) reads the core's declarations from extension/pkg/: they must be
# the ones wasm-bindgen wrote from src/bindings.rs.
if ! cmp -s "$PKG/mimecast_sso.d.ts" extension/pkg/mimecast_sso.d.ts; then
  echo "build-extension: extension/pkg/mimecast_sso.d.ts differs from the core's bindings: cp $PKG/mimecast_sso.d.ts extension/pkg/" >&2
  exit 1
fi

version=$(node scripts/cargo-info.mjs version)
[[ -n "$version" ]] || { echo "build-extension: no version in Cargo.toml" >&2; exit 1; }

# The content script: one file, since a manifest's content scripts cannot import modules.
# No minifying: a store reviewer reads it as written.
bundle=$(mktemp -d)
trap 'rm -rf "$bundle"' EXIT
npx --no-install esbuild extension/src/content/main.js --bundle --format=iife \
  --target=chrome110,firefox140 --charset=utf8 --log-level=warning --outfile="$bundle/content.js"
# What the bundle must never hold: code from strings, or a network request of its own.
if grep -nE '\beval\(|new Function\b|\bfetch\(|XMLHttpRequest|WebSocket|\bimport\(' "$bundle/content.js" >&2; then
  echo "build-extension: the content script bundle evaluates code or reaches the network" >&2
  exit 1
fi

# assemble BROWSER OUTDIR
assemble() {
  local browser=$1 out=$2
  rm -rf "$out"
  mkdir -p "$out/pkg" "$out/icons"
  # The popup and the worker load their modules as they are; the content modules are in content.js.
  cp -R extension/src "$out/src"
  rm -r "$out/src/content"
  rm "$out/src/ui/types.js" # JSDoc typedefs only: nothing loads it
  cp "$bundle/content.js" "$out/content.js"
  cp extension/icons/icon-*.png "$out/icons/"
  cp "$PKG/mimecast_sso.js" "$PKG/mimecast_sso_bg.wasm" "$out/pkg/"
  node extension/tools/assemble-manifest.mjs "$browser" "$version" "$out/manifest.json"
}

# zip_dir DIR ZIP: reproducible (sorted, no extra attributes, fixed times).
zip_dir() {
  local dir=$1 zip=$2
  rm -f "$zip"
  (cd "$dir" && find . -type f -exec touch -d '2020-01-01T00:00:00Z' {} + \
    && find . -type f -printf '%P\n' | LC_ALL=C sort | zip -q -X -D -9 "$OLDPWD/$zip" -@)
}

mkdir -p dist
assemble chrome dist/extension
assemble firefox dist/extension-firefox
zip_dir dist/extension dist/sso-autofill-mimecast-chrome.zip
zip_dir dist/extension-firefox dist/sso-autofill-mimecast-firefox.zip

# Offline, ~2 s. Warnings are printed; errors fail the build.
lint_log=$(mktemp)
if ! npx --no-install web-ext lint --source-dir dist/extension-firefox --no-config-discovery >"$lint_log" 2>&1; then
  cat "$lint_log" >&2
  rm -f "$lint_log"
  echo "build-extension: web-ext lint found errors in dist/extension-firefox" >&2
  exit 1
fi
summary=$(grep -E '^(errors|notices|warnings) ' "$lint_log" | awk '{print $2, $1}' | paste -sd, - | sed 's/,/, /g' || true)
rm -f "$lint_log"

printf 'extension %s: dist/extension/, dist/extension-firefox/, %s, %s (web-ext lint: %s)\n' "$version" \
  "dist/sso-autofill-mimecast-chrome.zip ($(($(stat -c %s dist/sso-autofill-mimecast-chrome.zip) / 1024)) KB)" \
  "dist/sso-autofill-mimecast-firefox.zip ($(($(stat -c %s dist/sso-autofill-mimecast-firefox.zip) / 1024)) KB)" \
  "${summary:-ok}"
