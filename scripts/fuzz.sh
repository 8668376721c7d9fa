#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ with clang and the sanitizers, in a build folder of
# their own, and runs each for a bounded time from its seed corpus (fuzz/corpus/<target>/).
# Fails on any crash, sanitizer report, leak or hang; the input that did it is saved in the
# build folder's artifacts/.
#   bash scripts/fuzz.sh [seconds per target, default 60]
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION="${1:-60}"
BUILD="${TABULA_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"
targets=(fuzz_sqlguard fuzz_filterexpression fuzz_connectionspec)

CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTABULA_FUZZ=ON
cmake --build "$BUILD" -j "${TABULA_FUZZ_JOBS:-2}" --target "${targets[@]}"

mkdir -p "$BUILD/artifacts"
for target in "${targets[@]}"; do
    echo "== fuzzing $target for ${DURATION}s"
    # New inputs go to the build folder's corpus; the seeds in the tree stay as they are.
    mkdir -p "$BUILD/corpus/$target"
    "$BUILD/fuzz/$target" -max_total_time="$DURATION" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$target-" \
        "$BUILD/corpus/$target" "$ROOT/fuzz/corpus/$target"
done
echo "== fuzzing found nothing"
