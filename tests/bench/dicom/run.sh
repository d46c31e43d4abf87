#!/usr/bin/env bash
# DICOM load benchmark: tests/bench/dicom/run.sh BUILD_DIR WORK_DIR
# One run, warm page cache, best of 3 wall times: `cat` of the files (the floor), the header
# scan, `crosscheck-cli info` (full load + hash), dcm2niix, then the same series as JPEG-LS.
set -euo pipefail
build=${1:-build}
work=${2:-$(mktemp -d /tmp/crosscheck-bench.XXXXXX)}
cli="$build/bin/crosscheck-cli"
slices=${BENCH_SLICES:-300}
series="$work/ct512"
jls="$work/ct512-jls"
cores=$(nproc)

echo "== DICOM load: 512 x 512 x $slices CT, $cores cores"
[ -d "$series" ] || "$build/bin/make_bench_series" "$series" "$slices"
voxel_mib=$(( 512 * 512 * slices * 2 / 1048576 ))

# best WALL USER SYS RSS_KIB of 3 runs of a command (stdout discarded)
best() {
  local best_line="" best_wall=999999
  for _ in 1 2 3; do
    local line
    /usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" "$@" > /dev/null 2> /dev/null
    line=$(tail -1 "$work/time.txt")
    local wall=${line%% *}
    if awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall=$wall; best_line=$line; fi
  done
  echo "$best_line"
}
catall() { find "$series" -type f -exec cat {} + ; }
export -f catall; export series
cat "$series"/* > /dev/null  # warm the cache

read -r cat_wall _ _ _ <<< "$(best bash -c catall)"
read -r scan_wall _ _ _ <<< "$(best "$cli" scan "$series" --json)"
read -r info_wall info_user info_sys info_rss <<< "$(best "$cli" info "$series" --json)"
# load_ms inside info: scan + load into the volume, without process start and hashing
load_s=$(for _ in 1 2 3; do "$cli" info "$series" --json 2>/dev/null | /usr/bin/python3 -c "import json,sys;print(json.load(sys.stdin)['load_ms']/1000)"; done | sort -g | head -1)
d2n_out="$work/d2n"; mkdir -p "$d2n_out"
read -r d2n_wall _ _ d2n_rss <<< "$(best dcm2niix -b n -z n -w 1 -o "$d2n_out" -f bench "$series")"

if [ ! -d "$jls" ]; then
  mkdir -p "$jls"
  ls "$series" | xargs -P "$cores" -I{} dcmcjpls "$series/{}" "$jls/{}"
fi
cat "$jls"/* > /dev/null
read -r jls_wall jls_user jls_sys jls_rss <<< "$(best "$cli" info "$jls" --json)"
jls_load_s=$(for _ in 1 2 3; do "$cli" info "$jls" --json 2>/dev/null | /usr/bin/python3 -c "import json,sys;print(json.load(sys.stdin)['load_ms']/1000)"; done | sort -g | head -1)
jls_dump="$work/jls-info.json"
"$cli" info "$jls" --json > "$jls_dump"
"$cli" info "$series" --json > "$work/raw-info.json"
same=$(/usr/bin/python3 -c "import json;a=json.load(open('$jls_dump'));b=json.load(open('$work/raw-info.json'));print('same' if a['sha256']==b['sha256'] else 'DIFFERENT')")

awk -v cat="$cat_wall" -v scan="$scan_wall" -v info="$info_wall" -v load="$load_s" -v d2n="$d2n_wall" \
    -v rss="$info_rss" -v d2nrss="$d2n_rss" -v vox="$voxel_mib" -v jw="$jls_wall" -v jl="$jls_load_s" \
    -v ju="$jls_user" -v js="$jls_sys" -v jrss="$jls_rss" -v cores="$cores" -v same="$same" 'BEGIN {
  goal = 1.15 * vox + 40
  printf "cat of the files             %6.3f s (the floor)\n", cat
  printf "scan --json (whole process)  %6.3f s = %.2f x cat (goal <= 1.0)\n", scan, scan / cat
  printf "load inside info (load_ms)   %6.3f s = %.2f x cat (goal <= 2.0)\n", load, load / cat
  printf "info --json (whole process)  %6.3f s = %.2f x cat (adds process start, min/max/mean, sha256)\n", info, info / cat
  printf "info peak RSS                %6d MiB = %.2f x goal (1.15 x %d MiB voxels + 40 = %d MiB)\n", rss / 1024, rss / 1024 / goal, vox, goal
  printf "dcm2niix -b n -z n -w 1      %6.3f s = %.2f x cat, peak RSS %d MiB\n", d2n, d2n / cat, d2nrss / 1024
  printf "JPEG-LS copy: load_ms        %6.3f s; info whole process %.3f s using %.2f of %d cores; RSS %d MiB; voxels %s as the raw series\n", jl, jw, (ju + js) / jw, cores, jrss / 1024, same
}'

# First image in a running window (the viewer's open request to the first slice painted).
if [ -x "$build/bin/first_image_bench" ]; then
  echo "== viewer: first image of the 512 x 512 x $slices CT (Xvfb 1920x1080)"
  xvfb-run -a -s "-screen 0 1920x1080x24" "$build/bin/first_image_bench" "$series" 5 2>&1 | grep -v XDG_RUNTIME
fi

# A large series: 2,000 slices of 512 x 512 (1,000 MiB of voxels). Peak memory of a full
# load (`info`) against its goal, next to dcm2niix on the same files; one run each.
large=${BENCH_LARGE_SLICES:-2000}
if [ "$large" -gt 0 ]; then
  big="$work/ct512x$large"
  echo "== DICOM load, large series: 512 x 512 x $large CT"
  [ -d "$big" ] || "$build/bin/make_bench_series" "$big" "$large"
  big_mib=$(( 512 * 512 * large * 2 / 1048576 ))
  /usr/bin/time -o "$work/big-time.txt" -f "%e %M" "$cli" info "$big" --json > /dev/null 2>&1
  read -r big_wall big_rss < "$work/big-time.txt"
  big_d2n="$work/d2n-big"; mkdir -p "$big_d2n"
  /usr/bin/time -o "$work/big-d2n.txt" -f "%e %M" dcm2niix -b n -z n -w 1 -o "$big_d2n" -f big "$big" > /dev/null 2>&1
  read -r d2n_big_wall d2n_big_rss < "$work/big-d2n.txt"
  awk -v rss="$big_rss" -v vox="$big_mib" -v wall="$big_wall" -v drss="$d2n_big_rss" -v dwall="$d2n_big_wall" 'BEGIN {
    goal = 1.15 * vox + 40
    printf "info peak RSS                %6d MiB = %.2f x goal (1.15 x %d MiB voxels + 40 = %d MiB), %.1f s\n", rss / 1024, rss / 1024 / goal, vox, goal, wall
    printf "dcm2niix peak RSS            %6d MiB = %.2f x voxel bytes, %.1f s\n", drss / 1024, drss / 1024 / vox, dwall
  }'
  rm -rf "$big" "$big_d2n"
fi
