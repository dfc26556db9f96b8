# Sourced by the other scripts: tool paths and Trunk's offline settings.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/scripts/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk: never call the crates.io API at start-up, never download tools (Trunk.toml pins them).
export TRUNK_SKIP_VERSION_CHECK=true
export TRUNK_OFFLINE=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
cd "$ROOT"
