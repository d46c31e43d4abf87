#!/usr/bin/env bash
# Builds the cursor-drag benchmark of an earlier commit, so that `make bench` can time the
# old and the new viewer in one run (`make bench BENCH_BASELINE=<git ref>`). The baseline
# is checked out as a detached worktree and gets today's CursorDragBench.cpp, so both
# binaries measure the same steps; only the viewer under them differs. The bench uses only
# MainWindow calls that have existed since the baseline of [architecture] (1cc34f8).
#
# Usage: tests/bench/viewer/baseline.sh REF OUT_DIR   -> OUT_DIR/build/bin/cursor_drag_bench
set -euo pipefail
ref=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
if [ ! -d "$out/src" ]; then
  git -C "$root" worktree add --detach "$out/src" "$ref" >&2
fi
git -C "$out/src" checkout -q --detach "$ref"
cp "$here/CursorDragBench.cpp" "$out/src/tests/bench/viewer/CursorDragBench.cpp"
cmake -S "$out/src" -B "$out/build" -DCMAKE_BUILD_TYPE=Release -DCROSSCHECK_BUILD_BENCH=ON \
  -DCROSSCHECK_BUILD_TESTS=OFF >/dev/null
cmake --build "$out/build" -j "$(nproc)" --target cursor_drag_bench >&2
echo "$out/build/bin/cursor_drag_bench"
