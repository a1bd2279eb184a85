# The project's interface. Every target installs what it needs first (scripts/setup.sh is idempotent).
SHELL := /bin/bash
.DEFAULT_GOAL := help
CARGO ?= cargo

.PHONY: help setup run build test test-rust test-wasm test-e2e lint bench fuzz clean

help:
	@echo "make run    build everything and open the product on an embedded Entra sample"
	@echo "make test   run every test (Rust, wasm boundary, end-to-end in Chromium)"
	@echo "make build  write dist/extension/, dist/www/ and the store zips"
	@echo "make bench  print the performance tables beside the peers"
	@echo "make fuzz   run the cargo-fuzz targets for a while"

setup:
	@scripts/setup.sh

build: setup
	@scripts/build.sh

run: build
	@scripts/run.sh

lint: setup
	npx --no-install biome check .
	npx --no-install tsc -p jsconfig.json
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) clippy --lib --test wasm_boundary --target wasm32-unknown-unknown -- -D warnings
	$(CARGO) clippy -p mimecast-sso-www --lib --target wasm32-unknown-unknown -- -D warnings

test-rust: setup
	$(CARGO) test --workspace --all-targets

test-wasm: setup
	$(CARGO) test --target wasm32-unknown-unknown --test wasm_boundary

test-e2e: build
	node --test --test-concurrency=1 tests/e2e/

test: lint test-rust test-wasm test-e2e

bench: build
	@scripts/bench.sh

fuzz: setup
	@scripts/fuzz.sh

clean:
	rm -rf target dist node_modules
