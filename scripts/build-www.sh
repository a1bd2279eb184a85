#!/usr/bin/env bash
# Assembles the offline web page in dist/www/ from www/'s static files and the wasm module
# that scripts/build-wasm.sh wrote to target/pkg/www/. The result is servable as is by any
# static file server (it must serve .wasm as application/wasm).
set -euo pipefail
cd "$(dirname "$0")/.."

pkg=target/pkg/www
out=dist/www
for file in "$pkg/mimecast_sso_www.js" "$pkg/mimecast_sso_www_bg.wasm"; do
  [[ -f "$file" ]] || { echo "build-www: $file missing: run scripts/build-wasm.sh first" >&2; exit 1; }
done

# Into a fresh folder, then swapped in: a half-written dist/www is never served.
mkdir -p dist
tmp=$(mktemp -d dist/.www.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
mkdir -p "$tmp/pkg"
cp www/index.html www/style.css www/main.js "$tmp/"
cp "$pkg/mimecast_sso_www.js" "$pkg/mimecast_sso_www_bg.wasm" "$tmp/pkg/"

# The page must not reach outside its folder: no http(s) URL may be loaded by the markup.
if grep -Eo '(src|href)="[^"]*"' "$tmp/index.html" | grep -Eq '"(https?:)?//'; then
  echo "build-www: index.html loads something from another origin" >&2
  exit 1
fi

rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT
wasm=$(stat -c %s "$out/pkg/mimecast_sso_www_bg.wasm")
echo "build-www: $out/ ($(((wasm + 512) / 1024)) KB wasm)"
