#!/usr/bin/env bash
# Runs every test: formatting and lints, native unit and integration tests, then the release
# build and the end-to-end tests in headless Chromium (online, offline, print, accessibility).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy"
cargo clippy --all-targets --quiet -- -D warnings

step "native tests (cargo test)"
cargo test --quiet

step "browser tests (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
  cargo test --target wasm32-unknown-unknown --test web --test storage_web

step "release build (trunk)"
# Seen once here: Trunk's asset pipeline failed and a rerun passed. Retry once, saying so,
# rather than let a passing app fail CI; a second failure stops the run.
trunk build --release || { echo "trunk build failed; trying once more"; trunk build --release; }

step "end-to-end tests in headless Chromium"
node --test --test-concurrency=1 tests/e2e/*.test.mjs
