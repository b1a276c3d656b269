#!/usr/bin/env bash
# Builds the release app under several profile settings and prints the gzipped wasm size and
# the first-chart time for each (docs/performance.md, "Release-size choices"). Slow: ~1 min a row.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
row() {
  local name="$1"; shift
  env "$@" trunk build --release --offline >/dev/null 2>&1
  local raw gz
  raw=$(stat -c %s dist/cascade-lab_bg.wasm)
  gz=$(gzip -9 -c dist/cascade-lab_bg.wasm | wc -c)
  local first
  first=$(node --test --test-name-pattern="first drawn chart" tests/bench/bench.test.mjs 2>&1 | grep -o 'drawn [0-9]* ms' | grep -o '[0-9]*')
  awk -v n="$name" -v r="$raw" -v g="$gz" -v f="$first" 'BEGIN { printf "| %-40s | %6.1f KB | %6.1f KB | %4s ms |\n", n, r / 1024, g / 1024, f }'
}
echo "| wasm-release settings (then wasm-opt) | wasm | gzip -9 | first chart |"
echo "|---|---|---|---|"
row 'opt z, lto, cu 1, panic abort (chosen)'
row 'opt s, lto, cu 1, panic abort' CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=s
row 'opt 3, lto, cu 1, panic abort' CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=3
row 'opt z, no lto, cu 16' CARGO_PROFILE_WASM_RELEASE_LTO=false CARGO_PROFILE_WASM_RELEASE_CODEGEN_UNITS=16
row 'opt z, lto, cu 1, panic unwind' CARGO_PROFILE_WASM_RELEASE_PANIC=unwind
# Restore the chosen build.
trunk build --release --offline >/dev/null 2>&1
