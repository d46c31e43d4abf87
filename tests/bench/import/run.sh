#!/usr/bin/env bash
# Import benchmark (issue 21): a 100-label NIfTI label map on the full-size phantom CT,
# imported and every structure measured in the four series (CT, sCT, T1w, T2w) by
# crosscheck-cli measure --labels, for two layouts: "spheres" (100 spheres of 10 mm, lesion
# sized) and "blocks" (the body's centre cut into 5 x 5 x 4 organ-sized blocks). The
# series are loaded first and not counted: the figure is the CLI's own "ms" (import +
# measure) of its JSON and its processor time (cpu_ms: the wall time of a shared machine
# grows with the others' load); goal at most 2 s. The sCT agreement table is timed separately.
# With IMPORT_BENCH_BASELINE_CLI=<an older crosscheck-cli>, both are timed in turn on the same
# label maps and their measurements compared.
#
# Usage: tests/bench/import/run.sh BUILD_DIR [WORK_DIR]
#   (called by tests/bench/run.sh, `make bench`). A full-size phantom already in
#   WORK_DIR/phantom is used as it is; otherwise one is made. The MR series are measured
#   through the phantom's ground-truth CT -> MR transform, written here as a transform file.
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
# Layout "blocks": the body's centre (half the columns and rows, every slice) cut into
# 5 x 5 x 4 blocks, one structure each: 100 organ-sized structures, a quarter of the CT.
labels = np.zeros(ct.hu.shape, dtype=np.uint8)
i0, i1, j0, j1 = ni // 4, 3 * ni // 4, nj // 4, 3 * nj // 4
bi = (np.arange(ni) - i0) * 5 // (i1 - i0)
bj = (np.arange(nj) - j0) * 5 // (j1 - j0)
bk = np.arange(nk) * 4 // nk
block = 1 + bk[:, None, None] * 25 + bj[None, :, None] * 5 + bi[None, None, :]
inside = np.zeros(ct.hu.shape, dtype=bool)
inside[:, j0:j1, i0:i1] = True
labels[inside] = block[inside]
s.write_nifti1(f"{work}/blocks.nii.gz", labels, ct.index_to_lps(), dtype=np.uint8)
print(f"blocks: {len(np.unique(labels)) - 1} labels, {int(inside.sum())} labelled voxels", file=sys.stderr)
# Layout "spheres": 100 spheres of 10 mm diameter on a 5 x 5 x 4 lattice in the same box
# (lesion- or lymph-node-sized structures).
m = ct.index_to_lps()
labels[:] = 0
kk, jj, ii = np.meshgrid(np.arange(nk), np.arange(nj), np.arange(ni), indexing="ij", sparse=True)
label = 1
for a in range(4):
    for b in range(5):
        for c in range(5):
            ci = i0 + (c + 0.5) * (i1 - i0) / 5
            cj = j0 + (b + 0.5) * (j1 - j0) / 5
            ck = (a + 0.5) * nk / 4
            d2 = ((ii - ci) * m[0, 0]) ** 2 + ((jj - cj) * m[1, 1]) ** 2 + ((kk - ck) * m[2, 2]) ** 2
            labels[d2 <= 25.0] = label
            label += 1
s.write_nifti1(f"{work}/spheres.nii.gz", labels, ct.index_to_lps(), dtype=np.uint8)
print(f"spheres: {len(np.unique(labels)) - 1} labels, {int((labels > 0).sum())} labelled voxels", file=sys.stderr)
PY

run() {
    local layout=$1; shift
    local tool=${RUN_CLI:-$cli}
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$tool" measure "$work/study" --labels "$work/$layout.nii.gz" \
        --transform "$work/ct_from_mr.json" --json "$@" >"$work/out.json" 2>"$work/err.txt" || {
        cat "$work/err.txt" >&2; exit 1; }
    /usr/bin/python3 - "$work" "$layout" "${RUN_NAME:-}" <<'PY'
import json, sys
work, layout, name = sys.argv[1:4]
if name:
    layout = f"{layout} ({name})"
out = json.load(open(f"{work}/out.json"))
wall, user, system, rss = open(f"{work}/time.txt").read().split()
ms = out["ms"]
rows = out["measurements"]
summary = {"layout": layout, "structures": len(out["structures"]), "measurements": len(rows),
           "with_numbers": sum(1 for r in rows if r["count"]),
           "import_ms": round(ms["import"]), "measure_ms": round(ms["measure"]),
           "agreement_ms": round(ms["agreement"]),
           "import_and_measure_s": round((ms["import"] + ms["measure"]) / 1000, 3), "goal_s": 2.0,
           "import_and_measure_cpu_s": round((out["cpu_ms"]["import"] + out["cpu_ms"]["measure"]) / 1000, 3),
           "process_wall_s": float(wall), "process_cpu_s": round(float(user) + float(system), 2),
           "peak_rss_kib": int(rss)}
print(json.dumps(summary))
print(f"{layout}: import of {summary['structures']} labels + measuring them in 4 series: "
      f"{summary['import_and_measure_s']:.2f} s (import {ms['import'] / 1000:.2f} s, measure "
      f"{ms['measure'] / 1000:.2f} s; goal 2 s; processor time {summary['import_and_measure_cpu_s']:.2f} s); whole process incl. loading: {wall} s wall, "
      f"{summary['process_cpu_s']} s CPU" +
      (f"; sCT agreement table {ms['agreement'] / 1000:.2f} s" if ms["agreement"] > 1 else ""),
      file=sys.stderr)
PY
}
if [ -n "${IMPORT_BENCH_BASELINE_CLI:-}" ]; then
    # An older crosscheck-cli and this one in turn on the same files, so that both see the
    # same machine; the measurements must be the same to the last digit.
    for layout in spheres blocks; do
        RUN_CLI=$IMPORT_BENCH_BASELINE_CLI RUN_NAME=baseline run "$layout" --no-agreement
        cp "$work/out.json" "$work/baseline.json"
        RUN_NAME="this build" run "$layout" --no-agreement
        /usr/bin/python3 - "$work" "$layout" <<'PY'
import json, sys
work, layout = sys.argv[1:3]
old = json.load(open(f"{work}/baseline.json"))["measurements"]
new = json.load(open(f"{work}/out.json"))["measurements"]
print(f"{layout}: {len(new)} measurements, " +
      ("the same as the baseline's" if old == new else "DIFFERENT from the baseline's"), file=sys.stderr)
PY
    done
else
    run spheres --no-agreement
    run spheres
    run blocks --no-agreement
fi
