#!/usr/bin/env bash
# README's "run" command: install what is missing, build the release app, serve it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
PORT="${PORT:-8080}"
echo "Cascade Lab: http://127.0.0.1:${PORT}/"
exec node tests/e2e/serve.mjs dist "$PORT" /
