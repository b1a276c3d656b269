#!/usr/bin/env bash
# README's "test" command (and CI's): install what is missing, then run every suite.
# Each stage prints its time; browser benchmarks are scripts/bench.sh, outside this command.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
stage_start=$start
stage() {
  local now; now=$(date +%s)
  if [ -n "${STAGE:-}" ]; then echo "   (${STAGE}: $(( now - stage_start )) s)"; fi
  STAGE="$1"; stage_start=$now
  echo "== $1"
}

stage "setup: install what is missing"
scripts/setup.sh
source scripts/env.sh

stage "lint: rustfmt and clippy (native and wasm, warnings are errors)"
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown --lib --bins -- -D warnings

stage "native: cargo test (model, schema, link codec, charts on SVG, CLI, lesson, claims; dev profile: no LTO)"
cargo test --locked

stage "browser: wasm-bindgen-test in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown --test web

stage "release build"
scripts/build.sh

stage "end-to-end: Playwright (playwright-core + /usr/bin/chromium), served from a sub-path"
node --test --test-concurrency=1 tests/e2e/

stage "done"
echo "== all suites passed in $(( $(date +%s) - start )) s"
