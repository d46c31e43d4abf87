#!/usr/bin/env bash
# `make bench`: every benchmark, each next to its peer tool in the same run. With
# BENCH_BASELINE=<git ref>, the cursor-drag bench of that commit runs next to this one.
# Usage: tests/bench/run.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/crosscheck-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "== full-size phantom"
/usr/bin/time -f "phantom --size full: %e s wall, %M KiB peak RSS" "$build/bin/crosscheck-cli" phantom "$work/phantom" --size full 2>&1 | grep -v '%' || true

drag() {
  xvfb-run -a -s "-screen 0 1920x1080x24" "$1" "$work/phantom" 2>&1 | grep -v XDG_RUNTIME
}
if [ -n "${BENCH_BASELINE:-}" ]; then
  # Old and new viewer in turn, twice each, so that both see the same machine.
  old=$(bash "$here/viewer/baseline.sh" "$BENCH_BASELINE" "$build-baseline")
  for round in 1 2; do
    echo "== viewer: cursor drag, baseline $BENCH_BASELINE (Xvfb 1920x1080), round $round"
    drag "$old"
    echo "== viewer: cursor drag, this build (Xvfb 1920x1080), round $round"
    drag "$build/bin/cursor_drag_bench"
  done
else
  echo "== viewer: cursor drag (Xvfb 1920x1080)"
  drag "$build/bin/cursor_drag_bench"
fi

echo "== viewer: 3D pane in 2x2-3d, rotation and cursor drag (Xvfb 1920x1080)"
drag "$build/bin/volume_pane_bench"

for extra in "$here"/*/run.sh; do
  [ -x "$extra" ] && "$extra" "$build" "$work"
done
