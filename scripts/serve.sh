#!/usr/bin/env bash
# Builds the release bundle and serves it at http://127.0.0.1:8080 (PORT=... to change).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh
trunk build --release
exec python3 scripts/serve.py --port "${PORT:-8080}" --dir dist
