#!/usr/bin/env bash
# Cohort benchmark (issue 19): the published cohort's size, 105 small phantom patients,
# measured by `crosscheck-cli cohort run --jobs 2` (two cores) and summarized (CSV, JSON
# and the PDF), as a user would run them. Generating the phantoms is not counted. Goal: run
# + summarize (csv, json) <= 2 minutes. Reports patients per minute and where a patient's
# time goes (load, registration, analysis, measurement: `timings_ms` of each result file).
#
# Usage: tests/bench/cohort/run.sh BUILD_DIR [WORK_DIR]   (called by tests/bench/run.sh)
#   COHORT_BENCH_PATIENTS=N changes the cohort's size (default 105); COHORT_BENCH_PDF=FILE
#   keeps a copy of the cohort PDF.
# JSON summary on stdout, a line per figure on stderr.
set -euo pipefail
build=${1:-build}
cli="$build/bin/crosscheck-cli"
[ -x "$cli" ] || { echo "bench: $cli not built" >&2; exit 1; }
patients=${COHORT_BENCH_PATIENTS:-105}
work=$(mktemp -d "${TMPDIR:-/tmp}/crosscheck-cohort-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "== cohort: $patients small phantom patients, cohort run --jobs 2 and summarize" >&2
"$cli" phantom "$work/studies" --patients "$patients" --size small >/dev/null 2>&1
cat "$work"/studies/*/CT/* "$work"/studies/*/sCT/* >/dev/null  # a warm page cache, as after copying

now() { date +%s.%N; }
load=$(cut -d' ' -f1 /proc/loadavg)  # the machine may be shared: say how busy it was
t0=$(now)
/usr/bin/time -f "%U %S" -o "$work/cpu.txt" \
    "$cli" cohort run "$work/studies" --out "$work/out" --jobs 2 --json >"$work/run.json" 2>"$work/run.log"
t1=$(now)
"$cli" cohort summarize "$work/out" --json >"$work/summary.json" 2>>"$work/run.log"
t2=$(now)
pdf_s=none
if "$cli" cohort summarize "$work/out" --formats pdf >/dev/null 2>>"$work/run.log"; then
    pdf_s=$(awk "BEGIN{print $(now) - $t2}")
    [ -z "${COHORT_BENCH_PDF:-}" ] || cp "$work/out/cohort.pdf" "$COHORT_BENCH_PDF"
fi

/usr/bin/python3 - "$work" "$(awk "BEGIN{print $t1 - $t0}")" "$(awk "BEGIN{print $t2 - $t1}")" "$pdf_s" "$load" <<'PY'
import json, pathlib, statistics, sys
work, run_s, sum_s, pdf_s = pathlib.Path(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
load = float(sys.argv[5])
cpu_s = sum(float(x) for x in (work / "cpu.txt").read_text().split()[-2:])
counts = json.loads((work / "run.json").read_text())
results = [json.loads(p.read_text()) for p in sorted((work / "out/patients").glob("*.json"))]
parts = ["load", "registration", "analysis", "measurement"]
timings = {k: [r.get("timings_ms", {}).get(k, 0.0) for r in results] for k in parts}
per_patient = [r["ms"] for r in results]
total_s = run_s + sum_s
result = {
    "patients": len(results), "done": counts["done"], "failed": counts["failed"], "jobs": 2,
    "run_s": round(run_s, 2), "summarize_s": round(sum_s, 2), "total_s": round(total_s, 2),
    "pdf_s": None if pdf_s == "none" else round(float(pdf_s), 2),
    "patients_per_minute": round(len(results) / (run_s / 60.0), 1),
    "goal_s": 120, "goal_met": total_s <= 120,
    "run_cpu_s": round(cpu_s, 1), "load_average_at_start": load,
    "per_patient_ms": {"mean": round(statistics.mean(per_patient), 1),
                       "median": round(statistics.median(per_patient), 1),
                       "max": round(max(per_patient), 1)},
    "parts_mean_ms": {k: round(statistics.mean(v), 1) for k, v in timings.items()},
}
result["parts_mean_ms"]["other"] = round(result["per_patient_ms"]["mean"] - sum(result["parts_mean_ms"].values()), 1)
print(json.dumps(result, indent=2))
parts_text = ", ".join(f"{k} {v:.0f} ms" for k, v in result["parts_mean_ms"].items())
print(f"cohort run --jobs 2: {len(results)} patients in {run_s:.1f} s ({result['patients_per_minute']} patients/min), "
      f"summarize {sum_s:.2f} s, total {total_s:.1f} s (goal <= 120 s: {'met' if result['goal_met'] else 'MISSED'})",
      file=sys.stderr)
print(f"cohort run used {cpu_s:.0f} CPU s (user + sys; {cpu_s / 2:.0f} s on two idle cores); "
      f"load average {load} at the start (a shared machine makes the wall time longer)", file=sys.stderr)
print(f"per patient (one job): mean {result['per_patient_ms']['mean']:.0f} ms = {parts_text}", file=sys.stderr)
if result["pdf_s"] is not None:
    print(f"summarize --formats pdf (not in the goal): {result['pdf_s']:.1f} s", file=sys.stderr)
PY
