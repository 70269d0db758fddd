# whosaid: `make serve` builds and serves the page, `make test` runs every test.
# Both do their own set-up on a fresh machine (wasm target, wasm-bindgen CLI, npm packages).

SHELL := /bin/bash
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CARGO_BIN):$(PATH)

WASM_TARGET := wasm32-unknown-unknown
WASM := target/$(WASM_TARGET)/wasm/whosaid.wasm
PKG := www/pkg
# The CLI must match the wasm-bindgen crate exactly; read the version from Cargo.lock.
WB_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)
SHARED := ../shared
PORT ?= 8000

.PHONY: serve test test-native test-wasm test-e2e wasm dist setup-wasm setup-node eval bench clean fuzz-smoke \
	test-limits deny

serve: wasm
	@echo "Serving whosaid at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

test: test-native test-wasm test-e2e

test-native:
	cargo test --locked

setup-wasm:
	@rustup target list --installed 2>/dev/null | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WB_VERSION)" ]; then \
	  echo "Installing wasm-bindgen-cli $(WB_VERSION) (takes a few minutes once)"; \
	  cargo install wasm-bindgen-cli --version $(WB_VERSION) --no-default-features; \
	fi

# The release wasm, size-optimised (profile `wasm`), bound for `--target web` into www/pkg.
wasm: setup-wasm
	cargo build --locked --lib --profile wasm --target $(WASM_TARGET)
	wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
	  --out-dir $(PKG) $(WASM)

# The boundary tests run in Node. They use the dev profile: with `--profile wasm` (panic = abort)
# cargo builds the lib twice, unwinding for the test harness and aborting for the CLI binary,
# and on wasm32 both copies get the same unhashed file name (libwhosaid.rlib), so the build races.
test-wasm: setup-wasm
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --locked --target $(WASM_TARGET) --test web

setup-node:
	@[ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] || npm ci --no-audit --no-fund

# dist/site/ (the static page to host) and dist/whosaid.html (one file, works from file://).
dist: wasm
	node scripts/dist.mjs

# Browser tests (headless Chromium via playwright-core); screenshots go to target/screenshots/.
test-e2e: dist setup-node
	node --test --test-concurrency=1 e2e/

# Scores on the open dev sets in ../shared (skipped with a message when it is absent).
eval:
	@bash scripts/eval.sh

bench:
	@bash scripts/bench.sh

clean:
	cargo clean
	rm -rf $(PKG) dist

# Coverage-guided fuzzing (cargo-fuzz, nightly). FUZZ_SECONDS per target; skipped with a message
# when the fuzz toolchain is missing. Findings land in fuzz/artifacts/.
FUZZ_SECONDS ?= 30
fuzz-smoke:
	@if cargo +nightly fuzz --version >/dev/null 2>&1; then \
	  for t in analyze segment; do \
	    mkdir -p fuzz/corpus/$$t; \
	    (cd fuzz && cargo +nightly fuzz run $$t corpus/$$t seeds -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10) || exit 1; \
	  done; \
	else echo "fuzz-smoke: skipped (needs a nightly toolchain and cargo-fuzz: cargo install cargo-fuzz)"; fi

# The pathological inputs of issue 8 at their full sizes (a 5 MB sentence, a million periods, ...),
# in release because a debug build takes minutes on them. `make test` runs smaller sizes.
test-limits:
	cargo test --locked --release --test pathological -- --ignored full_size --nocapture

# Licences, bans, sources and (when the advisory database can be fetched) advisories of every
# dependency, per deny.toml. Skipped with a message when cargo-deny is missing.
deny:
	@if cargo deny --version >/dev/null 2>&1; then \
	  cargo deny --all-features check licenses bans sources || exit 1; \
	  if cargo deny fetch db >/dev/null 2>&1; then cargo deny --all-features check advisories || exit 1; \
	  else echo "deny: advisories not checked (the advisory database could not be fetched; offline?)"; fi; \
	else echo "deny: skipped (cargo install cargo-deny --locked)"; fi
