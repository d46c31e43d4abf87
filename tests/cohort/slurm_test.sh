#!/usr/bin/env bash
# cohort run --slurm on a one-node Slurm cluster started here (slurm_cluster.sh, loopback,
# configuration in a temporary folder, stopped at the end): the 5-patient phantom of the
# `cohort_run` fixture, run as a job array, must give the same summary as the local run;
# so must the same studies imported into a study database and run with --from-db.
# Usage: slurm_test.sh CROSSCHECK_CLI WORKDIR
# Exit 77 (skipped) when not root or slurm-wlm/munge are not installed.
set -euo pipefail
cli=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" != 0 ] || ! dpkg -s slurm-wlm munge >/dev/null 2>&1; then
  echo "skipped: needs root and Debian's slurm-wlm and munge"
  exit 77
fi
cluster=$(mktemp -d /tmp/crosscheck-slurm.XXXXXX)
out=$work/slurm-out
cleanup() {
  SLURM_CONF=$cluster/slurm.conf "$here/slurm_cluster.sh" stop "$cluster" || true
  rm -rf "$cluster"
}
trap cleanup EXIT
export SLURM_CONF
SLURM_CONF=$("$here/slurm_cluster.sh" start "$cluster")
rm -rf "$out"
counts=$("$cli" cohort run "$work/studies" --out "$out" --slurm --partition debug --time 00:30:00 --json)
echo "$counts"
"$cli" cohort summarize "$out" >/dev/null
/usr/bin/python3 - "$counts" "$work/out/summary.json" "$out/summary.json" <<'PY'
import json, sys
counts = json.loads(sys.argv[1])
assert counts["done"] == 5 and counts["failed"] == 0 and counts["missing"] == 0, counts
assert counts["submitted"] == 5 and counts["job_id"], counts
local, slurm = (json.load(open(p)) for p in sys.argv[2:4])
assert local == slurm, "the Slurm run's summary differs from the local run's"
print("ok: 5 patients as a Slurm job array", counts["job_id"], "; same summary as the local run")
PY
# Resuming on Slurm submits nothing when every patient is done.
again=$("$cli" cohort run "$work/studies" --out "$out" --slurm --json)
/usr/bin/python3 -c 'import json,sys; c=json.loads(sys.argv[1]); assert c["submitted"] == 0 and c["skipped"] == 5, c; print("ok: rerun skipped all 5")' "$again"
# The same patients from the local study database: each task reads its study's indexed
# files (db:UID@FILE in the task list); the numbers equal the local folder run's.
rm -rf "$work/slurm-db"
"$cli" db import "$work/studies" --db "$work/slurm-db/studies.sqlite" >/dev/null 2>&1
counts=$("$cli" cohort run --from-db --db "$work/slurm-db/studies.sqlite" --out "$work/slurm-db/out" \
  --slurm --partition debug --time 00:30:00 --json)
"$cli" cohort summarize "$work/slurm-db/out" >/dev/null
/usr/bin/python3 - "$counts" "$work/out/summary.json" "$work/slurm-db/out/summary.json" <<'PY'
import json, math, sys
counts = json.loads(sys.argv[1])
assert counts["done"] == 5 and counts["failed"] == 0 and counts["missing"] == 0, counts
local, slurm = (json.load(open(p)) for p in sys.argv[2:4])
for s in (local, slurm):
    for m in s["measures"].values():
        m.pop("patients")  # folder names against StudyInstanceUIDs
def same(a, b):
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b
assert same(local, slurm), "the Slurm run of the database's studies differs from the local run"
print("ok: the database's 5 studies as a Slurm job array", counts["job_id"], "; same numbers")
PY
