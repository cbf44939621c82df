#!/usr/bin/env bash
# Prints the benchmark figures: gzip size of every file of the release build, median times to
# first content on a first visit and on an offline reload, and "My records" with a casebook of
# 10,000 log entries and 1,000 notes (load, render, search keystroke, save), and the timeline of a
# case with about 2,000 items (first screen, all rows, longest task, filter, print to PDF), all in
# headless Chromium; then backups (export and import of that casebook, and the largest casebook
# that fits); then Lighthouse (simulated mobile) on three pages served by nginx.
# RUNS=... to change the number of runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh
trunk build --release
node tests/bench/bench.mjs
echo
node tests/bench/records.mjs
echo
node tests/bench/timeline.mjs
echo
node tests/bench/capacity.mjs
echo
RUNS="${LIGHTHOUSE_RUNS:-3}" node tests/bench/lighthouse.mjs
