#!/usr/bin/env bash
# Import benchmark (issue 21): a 100-label NIfTI label map on the full-size phantom CT
# (5 x 5 x 4 blocks of the body's centre, each a structure), imported and every structure
# measured in the four series (CT, sCT, T1w, T2w) by crosscheck-cli measure --labels. The
# series are loaded first and not counted: the figure is the CLI's own "ms" (import +
# measure) of its JSON; goal at most 2 s. The sCT agreement table is timed separately.
#
# Usage: tests/bench/import/run.sh BUILD_DIR [WORK_DIR]
#   (called by tests/bench/run.sh, `make bench`). A full-size phantom already in
#   WORK_DIR/phantom is used as it is; otherwise one is made (--size full --same-frame is
#   not needed: the MR series are measured through the registration written here).
# Needs /usr/bin/python3 with pydicom and numpy (cmake/debian-packages.txt).
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
cli="$build/bin/crosscheck-cli"
[ -x "$cli" ] || { echo "bench: $cli not built" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/crosscheck-import-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ -n "${2:-}" ] && [ -f "$2/phantom/ground_truth.json" ]; then
    ln -s "$(cd "$2/phantom" && pwd)" "$work/study"
else
    "$cli" phantom "$work/study" --size "${IMPORT_BENCH_SIZE:-full}" >/dev/null 2>&1
fi
echo "== import: 100-label map on the ${IMPORT_BENCH_SIZE:-full} phantom CT, measured in 4 series" >&2

# The ground-truth CT -> MR link as a transform file, so T1w, T2w and sCT are measured too.
/usr/bin/python3 - "$work" "$here/../../import" <<'PY'
import json, sys
import numpy as np
work, support = sys.argv[1], sys.argv[2]
sys.path.insert(0, support)
import import_support as s
truth = json.load(open(f"{work}/study/ground_truth.json"))
json.dump({"moving_to_fixed": np.linalg.inv(np.array(truth["ct_to_mr"])).tolist(),
           "moving_frame_uid": truth["mr_frame_uid"], "fixed_frame_uid": truth["ct_frame_uid"],
           "method": "landmarks", "metric": 0, "iterations": 0, "ms": 0},
          open(f"{work}/ct_from_mr.json", "w"))
ct = s.Ct(f"{work}/study/CT")
nk, nj, ni = ct.hu.shape
labels = np.zeros(ct.hu.shape, dtype=np.uint8)
i0, i1, j0, j1 = ni // 4, 3 * ni // 4, nj // 4, 3 * nj // 4
bi = (np.arange(ni) - i0) * 5 // (i1 - i0)
bj = (np.arange(nj) - j0) * 5 // (j1 - j0)
bk = np.arange(nk) * 4 // nk
block = 1 + bk[:, None, None] * 25 + bj[None, :, None] * 5 + bi[None, None, :]
inside = np.zeros(ct.hu.shape, dtype=bool)
inside[:, j0:j1, i0:i1] = True
labels[inside] = block[inside]
s.write_nifti1(f"{work}/labels.nii.gz", labels, ct.index_to_lps(), dtype=np.uint8)
print(f"{len(np.unique(labels)) - 1} labels, {int(inside.sum())} labelled voxels", file=sys.stderr)
PY

run() {
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$cli" measure "$work/study" --labels "$work/labels.nii.gz" \
        --transform "$work/ct_from_mr.json" --json "$@" >"$work/out.json" 2>"$work/err.txt" || {
        cat "$work/err.txt" >&2; exit 1; }
}
run --no-agreement
/usr/bin/python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
out = json.load(open(f"{work}/out.json"))
wall, rss = open(f"{work}/time.txt").read().split()
ms = out["ms"]
rows = out["measurements"]
measured = sum(1 for r in rows if r["count"])
print(json.dumps({"structures": len(out["structures"]), "measurements": len(rows),
                  "with_numbers": measured, "import_ms": round(ms["import"]),
                  "measure_ms": round(ms["measure"]), "import_and_measure_s": round((ms["import"] + ms["measure"]) / 1000, 3),
                  "goal_s": 2.0, "wall_s_with_load": float(wall), "peak_rss_kib": int(rss)}, indent=2))
print(f"import of 100 labels + measuring them in 4 series: {(ms['import'] + ms['measure']) / 1000:.2f} s "
      f"(import {ms['import'] / 1000:.2f} s, measure {ms['measure'] / 1000:.2f} s; goal 2 s; "
      f"{wall} s wall with loading the study)", file=sys.stderr)
PY
run
/usr/bin/python3 -c "
import json, sys
ms = json.load(open('$work/out.json'))['ms']
print(f'sCT agreement per structure (100 structures, difference volume included): {ms[\"agreement\"] / 1000:.2f} s', file=sys.stderr)"
