#!/usr/bin/env bash
# Installs everything the build and the tests need; idempotent and pinned. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

# Cargo's bin directory and npm's tools on PATH, even where the shell profile did not add them.
source scripts/env.sh
TRUNK_VERSION=0.22.1
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust with rustup first" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: npm not found; install Node.js 20+ first" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)
[ -n "$WBG_VERSION" ] || { echo "setup: cannot read wasm-bindgen's version from Cargo.lock" >&2; exit 1; }
if ! grep -q "wasm_bindgen = \"$WBG_VERSION\"" Trunk.toml; then
  echo "setup: Trunk.toml pins a wasm_bindgen other than Cargo.lock's $WBG_VERSION" >&2; exit 1
fi

# The downloads (apt, npm, crates) run in the background while the two cargo installs compile:
# one waits on the network and dpkg, the other on the two cores. Each job's output is kept and
# shown if it fails.
JOBS=$(mktemp -d)
trap 'rm -rf "$JOBS"' EXIT
bg() { local name=$1; shift; ( "$@" >"$JOBS/$name.log" 2>&1; echo $? >"$JOBS/$name.rc" ) & }
wait_for() {
  local name=$1 rc
  wait "$2" || true
  rc=$(cat "$JOBS/$name.rc" 2>/dev/null || echo 1)
  if [ "$rc" != 0 ]; then echo "setup: $name failed:" >&2; cat "$JOBS/$name.log" >&2; exit 1; fi
}

# Programs the tests spawn: Chromium and chromedriver (e2e, wasm-bindgen-test), poppler's
# pdftotext/pdftoppm (print.test.mjs reads the printed PDF's text and pages), and a sans-serif
# font for `cascade render --format png` (tests/native/render.rs).
APT_NEEDED=()
[ -x /usr/bin/chromium ] || APT_NEEDED+=(chromium)
[ -x /usr/bin/chromedriver ] || APT_NEEDED+=(chromium-driver)
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || APT_NEEDED+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || APT_NEEDED+=(fonts-dejavu-core)
apt_install() {
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}
APT_PID=""
if [ ${#APT_NEEDED[@]} -gt 0 ]; then
  say "installing ${APT_NEEDED[*]} from apt (in the background)"
  bg apt apt_install "${APT_NEEDED[@]}"; APT_PID=$!
fi

# playwright-core, axe-core and binaryen's wasm-opt, exactly as package-lock.json says.
NPM_PID=""
if ! [ -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci (in the background)"
  bg npm npm ci --no-audit --no-fund --loglevel=error; NPM_PID=$!
fi

# The crates the project builds with (its builds run offline): fetched while the tools compile.
say "fetching crates (in the background)"
bg fetch cargo fetch --locked; FETCH_PID=$!

# The two tools compile side by side (each alone leaves a core idle through its serial crates
# and its link); without debug info they compile and link faster and run the same.
TOOL_PIDS=()
if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION"
  # A debug build: it compiles in half the time of a release build (4 vs 8 min on 2 cores) and
  # builds the same bytes (Trunk only drives cargo, wasm-bindgen and wasm-opt; checked by
  # comparing dist/ from both).
  bg trunk env CARGO_PROFILE_DEV_DEBUG=0 cargo install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version --debug
  TOOL_PIDS+=("trunk:$!")
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WBG_VERSION"; then
  say "installing wasm-bindgen-cli $WBG_VERSION"
  # Not --locked: one locked dependency is missing from the registry mirror.
  bg wasm-bindgen cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force
  TOOL_PIDS+=("wasm-bindgen:$!")
fi
for t in "${TOOL_PIDS[@]}"; do wait_for "${t%%:*}" "${t##*:}"; done
[ -n "$APT_PID" ] && wait_for apt "$APT_PID"
[ -n "$NPM_PID" ] && wait_for npm "$NPM_PID"
wait_for fetch "$FETCH_PID"
say "ready: trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $WBG_VERSION, $(node_modules/.bin/wasm-opt --version), $(/usr/bin/chromium --version 2>/dev/null | head -1), $(pdftotext -v 2>&1 | head -1)"
