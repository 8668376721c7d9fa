#!/usr/bin/env bash
# Installs what Tabula needs, builds it, and opens the demo database in it.
#   bash scripts/run-demo.sh [DATABASE]   # a SQLite file or a URL instead of the demo
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD="${TABULA_BUILD_DIR:-$ROOT/build}"

bash scripts/install-deps.sh
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD" --target tabula

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    echo "No display: starting Tabula on a virtual one (xvfb-run). Close it with Ctrl+C." >&2
    exec xvfb-run -a "$BUILD/app/tabula" "$@"
fi
exec "$BUILD/app/tabula" "$@"
