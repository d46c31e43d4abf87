#!/usr/bin/env bash
# Discrepancy-analysis benchmark (issue 9): CT vs sCT of the full-size phantom, by
# `crosscheck-cli analyze` and by Debian's plastimatch doing the same core work on the
# same DICOM files in the same run: warp the sCT into the CT grid with the known
# transform (trilinear), subtract, threshold (|CT - sCT| >= 150 HU, CT >= 200 HU,
# sCT < 100 HU). crosscheck-cli does more on top (body mask, metrics with SSIM,
# connected regions, MR visibility). Both get the ground-truth CT -> MR transform (the
# sCT is in the MR frame): crosscheck-cli as a --transform file, plastimatch as an ITK
# affine. Also times a threshold change (analysis_threshold_bench: extractRegions on the
# kept difference volume; goal <= 30 ms) next to plastimatch's three thresholds, and
# "measure this finding" (analyze --measure: ROIs fitted to every flag in two planes,
# measured in the four series; goal <= 100 ms), which no peer does.
#
# Usage: tests/bench/analysis/run.sh BUILD_DIR [WORK_DIR]
#   (called by tests/bench/run.sh, `make bench`). A phantom in WORK_DIR/phantom is used
#   as it is; otherwise a full-size one is made. JSON summary on stdout, a line per tool
#   on stderr. Installs plastimatch from cmake/debian-packages-bench.txt when missing.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
cli="$build/bin/crosscheck-cli"
bench="$build/bin/analysis_threshold_bench"
[ -x "$cli" ] || { echo "bench: $cli not built" >&2; exit 1; }
bash "$here/../../../cmake/install-deps.sh" "$here/../../../cmake/debian-packages-bench.txt"
work=$(mktemp -d "${TMPDIR:-/tmp}/crosscheck-analysis-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ -n "${2:-}" ] && [ -f "$2/phantom/ground_truth.json" ]; then
    ln -s "$(cd "$2/phantom" && pwd)" "$work/study"
else
    "$cli" phantom "$work/study" --size full >/dev/null 2>&1
fi
echo "== analysis: CT vs sCT of the phantom, crosscheck-cli analyze vs plastimatch (warp, diff, threshold)" >&2

# The ground truth as a transform file (moving CT -> fixed MR) and as an ITK affine that
# maps output (CT) points to input (sCT) points, which is what plastimatch warp expects.
/usr/bin/python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
gt = json.load(open(f"{work}/study/ground_truth.json"))
m = gt["ct_to_mr"]
json.dump({"moving_to_fixed": m, "moving_frame_uid": gt["ct_frame_uid"], "fixed_frame_uid": gt["mr_frame_uid"],
           "method": "ground-truth", "metric": 0, "iterations": 0, "ms": 0}, open(f"{work}/ct_to_mr.json", "w"))
params = [m[r][c] for r in range(3) for c in range(3)] + [m[r][3] for r in range(3)]
with open(f"{work}/ct_to_sct.tfm", "w") as f:
    f.write("#Insight Transform File V1.0\n#Transform 0\nTransform: AffineTransform_double_3_3\n")
    f.write("Parameters: " + " ".join(repr(float(p)) for p in params) + "\nFixedParameters: 0 0 0\n")
PY

now() { date +%s.%N; }

# Warm the page cache for both tools alike.
cat "$work/study/CT/"* "$work/study/sCT/"* >/dev/null

t0=$(now)
"$cli" analyze --ct "$work/study/CT" --sct "$work/study/sCT" --transform "$work/ct_to_mr.json" \
    --t1w "$work/study/T1w" --t2w "$work/study/T2w" --measure --json >"$work/crosscheck.json" 2>"$work/crosscheck.log"
t1=$(now)

p0=$(now)
plastimatch convert --input "$work/study/CT" --output-img "$work/ct.nii" >"$work/pm.log" 2>&1
plastimatch warp --input "$work/study/sCT" --xf "$work/ct_to_sct.tfm" --fixed "$work/ct.nii" \
    --interpolation linear --default-value -1024 --output-img "$work/sct_on_ct.nii" >>"$work/pm.log" 2>&1
plastimatch diff "$work/ct.nii" "$work/sct_on_ct.nii" "$work/diff.nii" >>"$work/pm.log" 2>&1
p1=$(now)
plastimatch threshold --input "$work/diff.nii" --output "$work/large.nii" --range "-5000,-150,150,5000" >>"$work/pm.log" 2>&1
plastimatch threshold --input "$work/ct.nii" --output "$work/ct_dense.nii" --above 200 >>"$work/pm.log" 2>&1
plastimatch threshold --input "$work/sct_on_ct.nii" --output "$work/sct_not_dense.nii" --below 100 >>"$work/pm.log" 2>&1
p2=$(now)

thresholds="{}"
if [ -x "$bench" ]; then
    thresholds=$("$bench" "$work/study" 7 2>>"$work/crosscheck.log")
else
    echo "bench: $bench not built (configure with -DCROSSCHECK_BUILD_BENCH=ON)" >&2
fi

/usr/bin/python3 - "$work" "$(awk "BEGIN{print $t1 - $t0}")" "$(awk "BEGIN{print $p1 - $p0}")" \
    "$(awk "BEGIN{print $p2 - $p1}")" "$thresholds" <<'PY'
import json, sys
import numpy as np
work, cc_s, pm_warp_s, pm_thr_s, thresholds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), json.loads(sys.argv[5])

def nifti(path):
    raw = open(path, "rb").read()
    dims = np.frombuffer(raw[40:56], dtype="<i2")[1:4]
    dtype = {2: "u1", 4: "<i2", 8: "<i4", 16: "<f4", 64: "<f8", 256: "i1", 512: "<u2"}[int(np.frombuffer(raw[70:72], "<i2")[0])]
    offset = int(np.frombuffer(raw[108:112], "<f4")[0])
    slope, inter = np.frombuffer(raw[112:120], "<f4")
    data = np.frombuffer(raw[offset:], dtype=dtype)[: int(np.prod(dims))].astype(np.float64)
    if slope not in (0.0, 1.0) or inter != 0.0:
        data = data * (slope if slope else 1.0) + inter
    return data.reshape(dims[::-1])

gt = json.load(open(f"{work}/study/ground_truth.json"))
cc = json.load(open(f"{work}/crosscheck.json"))
result = {"crosscheck": {"wall_s": round(cc_s, 3), "analysis_ms": round(cc["timings_ms"]["analysis"]),
                         "flags": len(cc["flags"]), "timings_ms": {k: round(v, 1) for k, v in cc["timings_ms"].items()}},
          "plastimatch": {"warp_diff_s": round(pm_warp_s, 3), "threshold_s": round(pm_thr_s, 3),
                          "wall_s": round(pm_warp_s + pm_thr_s, 3)}}
result["speedup"] = round((pm_warp_s + pm_thr_s) / cc_s, 2)
result["threshold_change"] = thresholds
if cc["flags"]:
    top = cc["flags"][0]
    centre = np.array(gt["tumor"]["center_ct_mm"])
    d = gt["tumor"]["diameters_mm"]
    result["crosscheck"]["top_flag"] = {"kind": top["kind"], "centroid_error_mm": round(float(np.linalg.norm(np.array(top["centroid_mm"]) - centre)), 3),
                                        "volume_mm3": round(top["volume_mm3"], 1),
                                        "volume_ratio_to_ellipsoid": round(top["volume_mm3"] / (np.pi / 6 * d[0] * d[1] * d[2]), 4),
                                        "visible_on_mr": top.get("visible_on_mr")}
# Peer check: plastimatch's dense-on-CT, not-on-sCT voxels inside the flag's box.
try:
    ct_dense = nifti(f"{work}/ct_dense.nii") > 0
    sct_soft = nifti(f"{work}/sct_not_dense.nii") > 0
    result["plastimatch"]["ct_dense_sct_not_voxels"] = int(np.count_nonzero(ct_dense & sct_soft))
except Exception as e:  # a reader problem must not hide the timings
    result["plastimatch"]["check_error"] = str(e)
print(json.dumps(result, indent=2))
print(f"crosscheck-cli analyze: {cc_s:.2f} s wall (analysis {cc['timings_ms']['analysis']:.0f} ms), "
      f"{len(cc['flags'])} flag(s)", file=sys.stderr)
measured = cc.get("measured", [])
print(f"measure this finding: {cc['timings_ms']['measure']:.1f} ms for {len(measured)} ROI(s) "
      f"in {len(measured[0]['measurements']) if measured else 0} series (goal <= 100 ms)", file=sys.stderr)
print(f"plastimatch convert+warp+diff: {pm_warp_s:.2f} s, 3 thresholds: {pm_thr_s:.2f} s, "
      f"total {pm_warp_s + pm_thr_s:.2f} s; crosscheck is {result['speedup']}x faster", file=sys.stderr)
if thresholds:
    print(f"threshold change (extractRegions, median of 7): default {thresholds['cases']['default']['median_ms']:.1f} ms, "
          f"worst within the candidate floor {thresholds['worst_median_ms_within_floor']:.1f} ms", file=sys.stderr)
PY
