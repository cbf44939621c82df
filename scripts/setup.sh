#!/usr/bin/env bash
# Installs everything SEND Casebook needs to build and test, skipping whatever is already there.
# Safe to run again and again: each step checks first. Nothing here downloads from outside the
# package registries (crates.io, npm, Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

TRUNK_VERSION=0.21.14
log() { printf '[setup] %s\n' "$*"; }

# The wasm-bindgen CLI must be exactly the version Cargo.lock pins.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# Only the two tool installs get the faster, less optimised profile (see TOOLCHAIN notes).
fast_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 cargo install "$@"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v trunk >/dev/null || ! trunk --version | grep -q "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (a few minutes)"
  fast_install trunk --version "$TRUNK_VERSION" --locked
fi

[ -f Cargo.lock ] || cargo generate-lockfile
WB_VERSION=$(wasm_bindgen_version)
if ! command -v wasm-bindgen >/dev/null || ! wasm-bindgen --version | grep -q " $WB_VERSION"; then
  log "installing wasm-bindgen-cli $WB_VERSION (a few minutes)"
  # Without --locked on purpose: with it, a yanked dependency cannot be found.
  fast_install wasm-bindgen-cli --version "$WB_VERSION"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -d node_modules/lighthouse ]; then
  log "installing npm packages (wasm-opt from binaryen, playwright-core, axe-core, lighthouse)"
  npm ci --no-audit --no-fund
fi

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need_apt+=(nginx)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing from Debian: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

log "fetching crates so that the offline build has them"
cargo fetch --quiet
log "ready"
