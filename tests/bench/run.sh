#!/usr/bin/env bash
# `make bench`: every benchmark, each next to its peer tool in the same run.
# Usage: tests/bench/run.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/crosscheck-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "== full-size phantom"
/usr/bin/time -f "phantom --size full: %e s wall, %M KiB peak RSS" "$build/bin/crosscheck-cli" phantom "$work/phantom" --size full 2>&1 | grep -v '%' || true

echo "== viewer: cursor drag (Xvfb 1920x1080)"
xvfb-run -a -s "-screen 0 1920x1080x24" "$build/bin/cursor_drag_bench" "$work/phantom" 2>&1 | grep -v XDG_RUNTIME

for extra in "$here"/*/run.sh; do
  [ -x "$extra" ] && "$extra" "$build" "$work"
done
