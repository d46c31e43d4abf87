#!/usr/bin/env bash
# PACS and study database benchmark (issue 18), each figure next to its peer or goal in one
# run:
#  1. C-GET of the full-size phantom CT series from a private Orthanc on loopback
#     (tests/pacs/orthanc.sh): `crosscheck-cli pacs get` and DCMTK's `getscu` (same node,
#     same series, a fresh output folder each time, both with their defaults), ROUNDS
#     alternating rounds, medians of the whole process's wall time. Goal: Crosscheck at most
#     1.2 x getscu. getscu runs twice a round: as installed (Debian's DCMTK leaves Nagle's
#     algorithm on: ~45 ms a instance waiting for delayed ACKs) and with TCP_NODELAY=1 in
#     its environment (Nagle off, as Crosscheck sets it). PACS_BENCH_BASELINE_CLI=<an
#     older crosscheck-cli> times that one too in the same rounds (before/after).
#  2. StudyDatabase::listSeries() on 10,000 synthetic series (db_list_bench, 100 instances
#     each), and `crosscheck-cli db list --json`'s own "ms" on that database. Goal <= 50 ms.
#  3. Opening one study of a folder of ten (the full phantom + `phantom --patients 9`): from
#     the database's file list (loadIndexedStudy) against scanning the whole folder.
#
# Usage: tests/bench/pacs/run.sh BUILD_DIR [WORK_DIR]   (called by tests/bench/run.sh)
#   A full-size phantom in WORK_DIR/phantom is used as it is; otherwise one is made.
#   PACS_BENCH_ROUNDS (default 5), PACS_BENCH_OTHERS_SIZE (small|full, default full).
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
orthanc="$here/../../pacs/orthanc.sh"
cli="$build/bin/crosscheck-cli"
[ -x "$cli" ] || { echo "bench: $cli not built" >&2; exit 1; }
rounds=${PACS_BENCH_ROUNDS:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/crosscheck-pacs-bench.XXXXXX")
cleanup() { bash "$orthanc" stop "$work/orthanc" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

if [ -n "${2:-}" ] && [ -f "$2/phantom/ground_truth.json" ]; then
    phantom=$(cd "$2/phantom" && pwd)
else
    phantom="$work/phantom"
    "$cli" phantom "$phantom" --size full >/dev/null 2>&1
fi
now() { date +%s.%N; }

echo "== PACS: C-GET of the full-size phantom CT from a local Orthanc, $rounds alternating rounds"
mkdir -p "$work/orthanc"
eval "$(bash "$orthanc" start "$work/orthanc")"
node="$ORTHANC_AET@127.0.0.1:$ORTHANC_DICOM_PORT"
"$cli" pacs store --node "$node" "$phantom"/CT/* >/dev/null
read -r study series files bytes < <("$cli" scan "$phantom/CT" --json | /usr/bin/python3 -c '
import json, os, sys
s = json.load(sys.stdin)["series"][0]
files = [os.path.join(sys.argv[1], f) for f in os.listdir(sys.argv[1])]
print(s["study_instance_uid"], s["series_instance_uid"], len(files), sum(os.path.getsize(f) for f in files))
' "$phantom/CT")
contestants=(crosscheck getscu getscu-nodelay)
[ -z "${PACS_BENCH_BASELINE_CLI:-}" ] || contestants+=(baseline)
get() {  # $1: contestant, $2: output folder; prints the wall time and the processor time in s
    local t0 t1 timed=(/usr/bin/time -o "$work/cpu.txt" -f "%U %S")
    t0=$(now)
    case "$1" in
        crosscheck) "${timed[@]}" "$cli" pacs get --node "$node" --study-uid "$study" \
                        --series-uid "$series" --out "$2" >/dev/null;;
        baseline) "${timed[@]}" "$PACS_BENCH_BASELINE_CLI" pacs get --node "$node" \
                      --study-uid "$study" --series-uid "$series" --out "$2" >/dev/null;;
        getscu|getscu-nodelay)
            mkdir -p "$2"
            local nodelay=(); [ "$1" = getscu ] || nodelay=(env TCP_NODELAY=1)
            "${timed[@]}" ${nodelay[@]+"${nodelay[@]}"} getscu -S -aet CROSSCHECK \
                -aec "$ORTHANC_AET" -k QueryRetrieveLevel=SERIES -k StudyInstanceUID="$study" \
                -k SeriesInstanceUID="$series" -od "$2" 127.0.0.1 "$ORTHANC_DICOM_PORT";;
    esac
    t1=$(now)
    local got; got=$(find "$2" -type f ! -name '.*' | wc -l)
    [ "$got" = "$files" ] || { echo "bench: $1 retrieved $got of $files files" >&2; exit 1; }
    awk -v t0="$t0" -v t1="$t1" -v cpu="$(tail -1 "$work/cpu.txt")" \
        'BEGIN{split(cpu, c, " "); print t1 - t0, c[1] + c[2]}'
}
get getscu "$work/warm" >/dev/null; rm -rf "$work/warm"  # Orthanc's cache warm for all
for r in $(seq 1 "$rounds"); do
    for c in "${contestants[@]}"; do
        echo "$c $(get "$c" "$work/get-$c-$r")" >> "$work/get-times.txt"
        rm -rf "$work/get-$c-$r"
    done
done
/usr/bin/python3 - "$work/get-times.txt" "$files" "$bytes" <<'PY'
import statistics, sys
times = {}
cpu = {}
for line in open(sys.argv[1]):
    name, s, c = line.split()
    times.setdefault(name, []).append(float(s))
    cpu.setdefault(name, []).append(float(c))
files, mib = int(sys.argv[2]), int(sys.argv[3]) / 2**20
med = {k: statistics.median(v) for k, v in times.items()}
for k, v in times.items():
    print(f"{k:10s} median {med[k]:6.3f} s ({files / med[k]:5.0f} instances/s, {mib / med[k]:5.0f} MiB/s), "
          f"rounds {' '.join(f'{x:.3f}' for x in v)}; its own processor time (user + sys) "
          f"median {statistics.median(cpu[k]):.3f} s")
ratio = med["crosscheck"] / med["getscu"]
print(f"C-GET of {files} instances ({mib:.0f} MiB): crosscheck-cli pacs get / getscu = {ratio:.2f} "
      f"(goal <= 1.2: {'met' if ratio <= 1.2 else 'MISSED'}); processor time ratio "
      f"{statistics.median(cpu['crosscheck']) / statistics.median(cpu['getscu']):.2f}")
print(f"crosscheck-cli pacs get / getscu with TCP_NODELAY=1 (Nagle off, as Crosscheck runs) = "
      f"{med['crosscheck'] / med['getscu-nodelay']:.2f}")
if "baseline" in med:
    print(f"baseline / getscu = {med['baseline'] / med['getscu']:.2f}; "
          f"this build / baseline = {med['crosscheck'] / med['baseline']:.2f}")
PY
bash "$orthanc" stop "$work/orthanc"

echo "== study database: listing 10,000 indexed series (100 instances each)"
"$build/bin/db_list_bench" "$work/list.sqlite" 10000 100 7 > "$work/list.json"
"$cli" db list --db "$work/list.sqlite" --json > "$work/cli-list.json"
/usr/bin/python3 - "$work/list.json" "$work/cli-list.json" <<'PY'
import json, sys
b, c = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print(f"listSeries(): {b['series']} series in {b['list_ms_median']:.1f} ms median, {b['list_ms_best']:.1f} ms best "
      f"(goal <= 50 ms: {'met' if b['list_ms_median'] <= 50 else 'MISSED'}); the first call of a fresh process "
      f"{b['list_ms_first']:.1f} ms; opening the database {b['open_ms']:.1f} ms; filling it {b['fill_ms'] / 1000:.1f} s")
print(f"before (schema 2's query, counts aggregated over all {b['series'] * b['instances_each']} instances, "
      f"same file): {b['schema2_query_ms_best']:.1f} ms best")
print(f"crosscheck-cli db list --json: {len(c['series'])} series, its own ms {c['ms']:.1f} (a fresh process's first call)")
PY

echo "== study database: opening one study of a folder of ten, indexed or by scanning the folder"
mkdir -p "$work/ten"
cp -al "$phantom" "$work/ten/phantom"  # hard links: the scan skips symlinked folders
"$cli" phantom "$work/ten/others" --patients 9 --size "${PACS_BENCH_OTHERS_SIZE:-full}" >/dev/null 2>&1
cat "$work"/ten/others/*/*/* "$phantom"/*/* > /dev/null  # a warm page cache for both ways
"$build/bin/indexed_study_bench" "$work/ten" "$study" 3 > "$work/open.json"
/usr/bin/python3 - "$work/open.json" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
print(f"open the phantom study ({o['study_files']} files) among {o['folder_files']} files: "
      f"from the database {o['indexed_ms'] / 1000:.2f} s, scanning the folder {o['folder_ms'] / 1000:.2f} s "
      f"= {o['folder_ms'] / o['indexed_ms']:.1f} x; same voxels: {o['same_voxels']}; "
      f"(importing the folder once: {o['import_ms'] / 1000:.1f} s)")
PY
