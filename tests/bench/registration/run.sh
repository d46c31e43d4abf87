#!/usr/bin/env bash
# Registration benchmark (issues 7 and 22): crosscheck-cli register against Debian's
# elastix (rigid Euler, Mattes MI, 32 bins, the same three levels 4, 2, 1 mm) on the same
# inputs in the same run, timed as wall time of each tool reading its own input (DICOM for
# crosscheck-cli, NIfTI written by crosscheck-cli convert for elastix):
#   (a) phantom: the full-size phantom's CT onto its T1w (the MRI frame is a rigid copy);
#       TRE at the tumour centre and the 8 corners of a 100 mm cube around it.
#   (b) posture: the full-size phantom with `--posture 8` (each vertebra of the MRI turned
#       differently), CT onto T1w at level 2 (off-centre); crosscheck-cli with --region
#       (the level's body centre, 40 mm), elastix with the same sphere as fixed-image mask;
#       crosscheck-cli without a region for reference. TRE against that level's own truth
#       at the body centre and 6 points 20 mm from it.
#   (c) mr-like: an MR-like series made from the phantom CT (mr_like.py: non-monotonic
#       intensity map, texture, bias, Rician noise, 3 mm voxels, moved by a known rigid
#       transform) as fixed, the CT as moving; TRE as in (a).
# With REG_BENCH_BASELINE_CLI=/path/to/older/crosscheck-cli, that binary runs the same
# cases in the same run ("before"; without --region, which it may not have).
#
# Usage: tests/bench/registration/run.sh BUILD_DIR [WORK_DIR]
#   (called by tests/bench/run.sh, `make bench`). A full-size phantom already in
#   WORK_DIR/phantom is used for (a) and (c); otherwise one is made (REG_BENCH_SIZE=small|full,
#   REG_BENCH_SEED=N). The JSON summary goes to stdout, a table to stderr.
# Installs elastix from cmake/debian-packages-bench.txt when missing; needs /usr/bin/python3
# with numpy, scipy and pydicom (cmake/debian-packages.txt).
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
cli="$build/bin/crosscheck-cli"
baseline=${REG_BENCH_BASELINE_CLI:-}
[ -x "$cli" ] || { echo "bench: $cli not built" >&2; exit 1; }
bash "$here/../../../cmake/install-deps.sh" "$here/../../../cmake/debian-packages-bench.txt"
work=$(mktemp -d "${TMPDIR:-/tmp}/crosscheck-reg-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
threads=$(nproc)
py=/usr/bin/python3
now() { date +%s.%N; }

if [ -n "${2:-}" ] && [ -f "$2/phantom/ground_truth.json" ] && [ -z "${REG_BENCH_SIZE:-}${REG_BENCH_SEED:-}" ]; then
    ln -s "$(cd "$2/phantom" && pwd)" "$work/study"
    size=full
    seed=$($py -c 'import json,sys; print(json.load(open(sys.argv[1]))["seed"])' "$work/study/ground_truth.json")
else
    size=${REG_BENCH_SIZE:-full}
    seed=${REG_BENCH_SEED:-1}
    "$cli" phantom "$work/study" --size "$size" --seed "$seed" >/dev/null 2>&1
fi
"$cli" phantom "$work/posture" --size "$size" --seed "$seed" --posture 8 >/dev/null 2>&1
echo "== registration: $size phantom (seed $seed), $threads threads, crosscheck-cli register vs elastix" >&2
echo "   making the MR-like series from the CT (case c)" >&2
$py "$here/mr_like.py" "$work/study/CT" "$work/mrlike" "$work/mrlike-truth.json"

for s in study/T1w study/CT posture/T1w posture/CT mrlike; do
    name=${s//\//-}
    "$cli" convert "$work/$s" "$work/$name.nii" >/dev/null 2>&1
    "$cli" info "$work/$s" --json >"$work/$name-info.json" 2>/dev/null
done

# Case (b): the off-centre level 2, its body centre in the MRI, radius 40 mm.
region=$($py -c 'import json,sys
g = json.load(open(sys.argv[1])); l = [x for x in g["levels"] if x["level"] == 2][0]
print(",".join("%.2f" % v for v in l["center_mr_mm"]) + ",40")' "$work/posture/ground_truth.json")
$py "$here/sphere_mask.py" "$work/posture-T1w.nii" "$work/posture-mask.nii" "$region"

# elastix parameter files: pyramid schedules in voxels for 4, 2, 1 mm from each spacing.
params() {  # FIXED_INFO MOVING_INFO PREFIX
    $py - "$1" "$2" "$3" "$here/elastix-rigid-mi.txt.in" <<'PY'
import json, sys
fixed, moving, prefix, template = sys.argv[1:5]
def schedule(info):
    sp = json.load(open(info))["spacing_mm"]
    return " ".join(str(max(1, round(level / s))) for level in (4, 2, 1) for s in sp)
text = open(template).read()
text = text.replace("@FIXED_SCHEDULE@", schedule(fixed)).replace("@MOVING_SCHEDULE@", schedule(moving))
for init in ("CenterOfGravity", "GeometricalCenter"):
    open(f"{prefix}-{init}.txt", "w").write(text.replace("@INIT_METHOD@", init))
PY
}

: >"$work/runs.tsv"
run_cc() {  # CASE TOOL BINARY OUT.json ARGS...
    local case=$1 tool=$2 bin=$3 out=$4
    shift 4
    local t0 t1
    t0=$(now)
    if "$bin" register "$@" --levels 4,2,1 --json >"$out" 2>"$out.log"; then
        t1=$(now)
        printf '%s\t%s\tcrosscheck\t%s\t%s\n' "$case" "$tool" "$(awk "BEGIN{print $t1 - $t0}")" "$out" >>"$work/runs.tsv"
    else
        echo "bench: $tool ($case) failed: $(tail -1 "$out.log")" >&2
    fi
}
run_elx() {  # CASE FIXED.nii MOVING.nii PARAM_PREFIX [MASK.nii]
    local case=$1 fixed=$2 moving=$3 prefix=$4 mask=${5:-}
    for init in CenterOfGravity GeometricalCenter; do
        local out="$work/elx-$case-$init" t0 t1
        mkdir -p "$out"
        t0=$(now)
        elastix -f "$fixed" -m "$moving" -p "$prefix-$init.txt" -out "$out" -threads "$threads" \
            ${mask:+-fMask "$mask"} >/dev/null 2>&1 || echo "bench: elastix ($case, $init) failed" >&2
        t1=$(now)
        printf '%s\telastix_%s\telastix\t%s\t%s\n' "$case" "$init" "$(awk "BEGIN{print $t1 - $t0}")" "$out" >>"$work/runs.tsv"
    done
}

echo "   (a) phantom" >&2
run_cc phantom crosscheck "$cli" "$work/a-cc.json" --fixed "$work/study/T1w" --moving "$work/study/CT"
[ -n "$baseline" ] && run_cc phantom crosscheck_baseline "$baseline" "$work/a-base.json" --fixed "$work/study/T1w" --moving "$work/study/CT"
params "$work/study-T1w-info.json" "$work/study-CT-info.json" "$work/elx-a"
run_elx phantom "$work/study-T1w.nii" "$work/study-CT.nii" "$work/elx-a"

echo "   (b) posture, region $region" >&2
run_cc posture crosscheck_region "$cli" "$work/b-cc.json" --fixed "$work/posture/T1w" --moving "$work/posture/CT" --region "$region"
run_cc posture crosscheck_whole_image "$cli" "$work/b-whole.json" --fixed "$work/posture/T1w" --moving "$work/posture/CT"
[ -n "$baseline" ] && run_cc posture crosscheck_baseline_whole_image "$baseline" "$work/b-base.json" --fixed "$work/posture/T1w" --moving "$work/posture/CT"
params "$work/posture-T1w-info.json" "$work/posture-CT-info.json" "$work/elx-b"
run_elx posture "$work/posture-T1w.nii" "$work/posture-CT.nii" "$work/elx-b" "$work/posture-mask.nii"

echo "   (c) MR-like from CT" >&2
run_cc mr_like crosscheck "$cli" "$work/c-cc.json" --fixed "$work/mrlike" --moving "$work/study/CT"
[ -n "$baseline" ] && run_cc mr_like crosscheck_baseline "$baseline" "$work/c-base.json" --fixed "$work/mrlike" --moving "$work/study/CT"
params "$work/mrlike-info.json" "$work/study-CT-info.json" "$work/elx-c"
run_elx mr_like "$work/mrlike.nii" "$work/study-CT.nii" "$work/elx-c"

# Truth and TRE points (fixed mm) of each case, then the runs.
$py - "$work" "$size" "$seed" <<'PY' >"$work/cases.json"
import json, sys
import numpy as np
work, size, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
def cube(centre, half=50.0):
    return [list(centre)] + [list(np.array(centre) + np.array([half if (k >> a) & 1 else -half for a in range(3)])) for k in range(8)]
study = json.load(open(f"{work}/study/ground_truth.json"))
posture = json.load(open(f"{work}/posture/ground_truth.json"))
level = [x for x in posture["levels"] if x["level"] == 2][0]
mrlike = json.load(open(f"{work}/mrlike-truth.json"))
tumour_ct = np.array(study["tumor"]["center_ct_mm"])
ct_to_mrlike = np.array(mrlike["ct_to_mr"])
cases = [
    {"case": "phantom", "truth_moving_to_fixed": study["ct_to_mr"], "points_fixed_mm": cube(study["tumor"]["center_mr_mm"])},
    {"case": "posture", "truth_moving_to_fixed": level["ct_to_mr"],
     "points_fixed_mm": [level["center_mr_mm"]] + [list(np.array(level["center_mr_mm"]) + 20.0 * np.array(d))
                          for d in ([1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1])]},
    {"case": "mr_like", "truth_moving_to_fixed": mrlike["ct_to_mr"],
     "points_fixed_mm": cube((ct_to_mrlike @ np.append(tumour_ct, 1.0))[:3])},
]
runs = [line.rstrip("\n").split("\t") for line in open(f"{work}/runs.tsv")]
for c in cases:
    c["runs"] = [{"tool": r[1], "kind": r[2], "wall_s": float(r[3]), "path": r[4]} for r in runs if r[0] == c["case"]]
print(json.dumps(cases))
PY
$py "$here/evaluate.py" "$work" "$work/cases.json"
