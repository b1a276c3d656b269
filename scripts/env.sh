# Sourced by the other scripts: the environment every build and test runs in.
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"   # npm's wasm-opt (binaryen 132) first
export TRUNK_SKIP_VERSION_CHECK=true
export TRUNK_OFFLINE=true
export CHROMEDRIVER=/usr/bin/chromedriver
export CHROMIUM=/usr/bin/chromium
