#!/usr/bin/env bash
# Copies the reference corpus (real IdP metadata, with what python3-saml and openssl say of each
# file) into tests/fixtures/corpus, with its provenance. Run by hand when the corpus changes; the
# tests read only the copy.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-../shared/corpus}
dst=tests/fixtures/corpus
mkdir -p "$dst/metadata" "$dst/expected" "$dst/peer_tests"
cp "$src"/metadata/*.xml "$dst/metadata/"
cp "$src"/expected/*.json "$dst/expected/"
cp "$src"/peer_tests/peer_cases.json "$dst/peer_tests/"
cp "$src"/PROVENANCE.md "$src"/PEER_TESTS.md "$src"/README.md "$src"/SUMMARY.tsv "$src"/sources.json "$dst/"
chmod -R u+w "$dst"
echo "copied $(ls "$dst/metadata" | wc -l) metadata files into $dst"
