#!/usr/bin/env bash
# The benchmarks behind docs/performance.md: the native model (`cascade bench`) and the
# browser (tests/bench/bench.test.mjs on the release build: first chart, re-simulation in
# wasm, playback and slider-drag frame times, heap, sweep, lesson chapter changes). They print
# figures and assert nothing about speed; figures also go to tests/e2e/artifacts/bench.json.
# The last lines are the browser rows as a Markdown table: docs/performance.md quotes them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
echo "== native: cascade bench"
cargo run --release --locked --quiet --bin cascade -- bench
echo "== release build"
scripts/build.sh
echo "== browser: tests/bench/bench.test.mjs"
node --test --test-concurrency=1 tests/bench/ 2>&1 | grep -E "bench:|^# (pass|fail)"
