#!/usr/bin/env bash
# Prints the benchmark figures: gzip size of every file of the release build, and median times
# to first content on a first visit and on an offline reload (headless Chromium). RUNS=... to change.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh
trunk build --release
node tests/bench/bench.mjs
