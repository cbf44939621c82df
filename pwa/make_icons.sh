#!/usr/bin/env bash
# Renders the app icons from pwa/icon.svg and pwa/icon-maskable.svg with headless Chromium.
# Run by hand when the artwork changes; the PNGs are committed in public/icons.
set -euo pipefail
cd "$(dirname "$0")/.."
render() { # svg, size, output
  local html; html=$(mktemp --suffix=.html)
  printf '<html><body style="margin:0"><img src="file://%s" width="%s" height="%s"></body></html>' \
    "$PWD/$1" "$2" "$2" > "$html"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --default-background-color=00000000 --window-size="$2,$2" --screenshot="$PWD/$3" "file://$html" 2>/dev/null
  rm -f "$html"
}
render pwa/icon.svg 192 public/icons/icon-192.png
render pwa/icon.svg 512 public/icons/icon-512.png
render pwa/icon-maskable.svg 512 public/icons/icon-maskable-512.png
