# Sourced by the other scripts: puts the project's tools first on PATH.
# wasm-opt comes from npm's binaryen (node_modules/.bin), cargo tools from ~/.cargo/bin.
PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$PROJECT_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROME_PATH=/usr/bin/chromium
