#!/usr/bin/env bash
# Release build of the app into dist/ (Trunk, offline, with the pinned tools).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release --offline
