#!/usr/bin/env bash
# Registration benchmark (issue 7): CT -> T1w of the phantom, by crosscheck-cli register
# (rigid Mattes MI, levels 4,2,1 mm) and by Debian's elastix (rigid Euler, Mattes MI, the
# same three levels), on the same pair in the same run. Reports wall time (each tool
# reads its own input: DICOM for crosscheck-cli, NIfTI written by crosscheck-cli convert
# for elastix) and the target registration error against the phantom's ground truth at
# the tumour centre and at the 8 corners of a 100 mm cube around it.
#
# Usage: tests/bench/registration/run.sh BUILD_DIR [WORK_DIR]
#   (called by tests/bench/run.sh, `make bench`). A full-size phantom already in
#   WORK_DIR/phantom is used as it is; otherwise one is made (REG_BENCH_SIZE=small|full,
#   REG_BENCH_SEED=N). The JSON summary goes to stdout, one line per tool to stderr.
# Installs elastix from cmake/debian-packages-bench.txt when missing; needs /usr/bin/python3
# with numpy (cmake/debian-packages.txt).
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
cli="$build/bin/crosscheck-cli"
[ -x "$cli" ] || { echo "bench: $cli not built" >&2; exit 1; }
bash "$here/../../../cmake/install-deps.sh" "$here/../../../cmake/debian-packages-bench.txt"
work=$(mktemp -d "${TMPDIR:-/tmp}/crosscheck-reg-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
threads=$(nproc)

if [ -n "${2:-}" ] && [ -f "$2/phantom/ground_truth.json" ] && [ -z "${REG_BENCH_SIZE:-}${REG_BENCH_SEED:-}" ]; then
    ln -s "$(cd "$2/phantom" && pwd)" "$work/study"
    size=full
    seed=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seed"])' "$work/study/ground_truth.json")
else
    size=${REG_BENCH_SIZE:-full}
    seed=${REG_BENCH_SEED:-1}
    "$cli" phantom "$work/study" --size "$size" --seed "$seed" >/dev/null 2>&1
fi
echo "== registration: CT -> T1w of the $size phantom (seed $seed), $threads threads, crosscheck-cli register vs elastix" >&2
"$cli" convert "$work/study/T1w" "$work/t1.nii" >/dev/null 2>&1
"$cli" convert "$work/study/CT" "$work/ct.nii" >/dev/null 2>&1
"$cli" info "$work/study/T1w" --json >"$work/t1-info.json" 2>/dev/null
"$cli" info "$work/study/CT" --json >"$work/ct-info.json" 2>/dev/null

now() { date +%s.%N; }

# crosscheck-cli register (DICOM in, transform file out).
t0=$(now)
"$cli" register --fixed "$work/study/T1w" --moving "$work/study/CT" --levels 4,2,1 --json \
    >"$work/crosscheck.json" 2>"$work/crosscheck.log"
t1=$(now)

# elastix: pyramid schedules in voxels for 4, 2, 1 mm from each image's spacing.
/usr/bin/python3 - "$work" "$here/elastix-rigid-mi.txt.in" <<'PY'
import json, sys
work, template = sys.argv[1], sys.argv[2]
def schedule(info):
    sp = json.load(open(info))["spacing_mm"]
    return " ".join(str(max(1, round(level / s))) for level in (4, 2, 1) for s in sp)
text = open(template).read()
text = text.replace("@FIXED_SCHEDULE@", schedule(f"{work}/t1-info.json"))
text = text.replace("@MOVING_SCHEDULE@", schedule(f"{work}/ct-info.json"))
for init in ("CenterOfGravity", "GeometricalCenter"):
    open(f"{work}/elastix-{init}.txt", "w").write(text.replace("@INIT_METHOD@", init))
PY

declare -A elx_seconds
for init in CenterOfGravity GeometricalCenter; do
    mkdir -p "$work/elx-$init"
    t2=$(now)
    elastix -f "$work/t1.nii" -m "$work/ct.nii" -p "$work/elastix-$init.txt" -out "$work/elx-$init" \
        -threads "$threads" >/dev/null 2>&1 || echo "bench: elastix ($init) failed" >&2
    t3=$(now)
    elx_seconds[$init]=$(awk "BEGIN{print $t3 - $t2}")
done

/usr/bin/python3 - "$work" "$(awk "BEGIN{print $t1 - $t0}")" "${elx_seconds[CenterOfGravity]}" \
    "${elx_seconds[GeometricalCenter]}" "$size" "$seed" <<'PY'
import json, os, re, subprocess, sys
import numpy as np
work, cc_s, elx_cog_s, elx_geo_s, size, seed = sys.argv[1:7]
gt = json.load(open(f"{work}/study/ground_truth.json"))
ct_to_mr = np.array(gt["ct_to_mr"], dtype=float)
centre = np.array(gt["tumor"]["center_mr_mm"], dtype=float)
points = [centre] + [centre + np.array([50.0 if (k >> a) & 1 else -50.0 for a in range(3)]) for k in range(8)]
truth_ct = [(np.linalg.inv(ct_to_mr) @ np.append(p, 1.0))[:3] for p in points]

def tre(mapped):
    errors = [float(np.linalg.norm(m - t)) for m, t in zip(mapped, truth_ct)]
    return {"tumour_mm": round(errors[0], 3), "max_mm": round(max(errors), 3)}

reg = json.load(open(f"{work}/crosscheck.json"))
m2f = np.array(reg["moving_to_fixed"], dtype=float)
results = {"phantom": {"size": size, "seed": int(seed)},
           "crosscheck": {"wall_s": round(float(cc_s), 3), "registration_ms": round(reg.get("registration_ms", 0)),
                          "iterations": reg["iterations"], "metric": reg["metric"],
                          "tre": tre([(np.linalg.inv(m2f) @ np.append(p, 1.0))[:3] for p in points])}}

with open(f"{work}/points.txt", "w") as f:
    f.write("point\n%d\n" % len(points))
    for p in points:
        f.write("%.6f %.6f %.6f\n" % tuple(p))
for init, seconds in (("CenterOfGravity", elx_cog_s), ("GeometricalCenter", elx_geo_s)):
    out = f"{work}/elx-{init}"
    tp = f"{out}/TransformParameters.0.txt"
    entry = {"wall_s": round(float(seconds), 3), "init": init}
    if os.path.exists(tp):
        subprocess.run(["transformix", "-def", f"{work}/points.txt", "-tp", tp, "-out", out],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        mapped = []
        for line in open(f"{out}/outputpoints.txt"):
            found = re.search(r"OutputPoint = \[\s*([-\d.e+]+)\s+([-\d.e+]+)\s+([-\d.e+]+)\s*\]", line)
            mapped.append(np.array([float(v) for v in found.groups()]))
        entry["tre"] = tre(mapped)
        log = open(f"{out}/elastix.log").read()
        entry["iterations"] = 250 * 3
        metric = re.findall(r"Final metric value\s*=\s*([-\d.e+]+)", log)
        if metric:
            entry["metric"] = float(metric[-1])
    else:
        entry["error"] = "elastix produced no transform"
    results[f"elastix_{init}"] = entry
print(json.dumps(results, indent=2))
cc = results["crosscheck"]
print(f"crosscheck-cli register: {cc['wall_s']:.2f} s wall ({cc['registration_ms']} ms registering), "
      f"TRE tumour {cc['tre']['tumour_mm']} mm, max {cc['tre']['max_mm']} mm, {cc['iterations']} iterations",
      file=sys.stderr)
for key in ("elastix_CenterOfGravity", "elastix_GeometricalCenter"):
    e = results[key]
    if "tre" in e:
        print(f"elastix ({e['init']}): {e['wall_s']:.2f} s wall, TRE tumour {e['tre']['tumour_mm']} mm, "
              f"max {e['tre']['max_mm']} mm", file=sys.stderr)
    else:
        print(f"elastix ({e['init']}): failed after {e['wall_s']:.2f} s", file=sys.stderr)
PY
