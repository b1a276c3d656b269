#!/usr/bin/env bash
# README's "test" command (and CI's): install what is missing, then run every suite.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
scripts/setup.sh
source scripts/env.sh

echo "== native: cargo test (model, schema, link codec, charts on SVG, CLI; dev profile: no LTO)"
cargo test --locked

echo "== native: simulation benchmark"
cargo run --release --locked --quiet --bin cascade -- bench

echo "== browser: wasm-bindgen-test in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown --test web

echo "== release build"
scripts/build.sh

echo "== end-to-end: Playwright (playwright-core + /usr/bin/chromium), served from a sub-path"
node --test --test-concurrency=1 tests/e2e/

echo "== all suites passed in $(( $(date +%s) - start )) s"
