#!/usr/bin/env bash
# Runs the DICOM loader fuzzer: tests/fuzz/run.sh BUILD_DIR [SECONDS]
# Seeds: every file of python3-pydicom's test data (copied, so libFuzzer may add to it).
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-600}
corpus="$build/fuzz-corpus"
mkdir -p "$corpus"
if [ -z "$(ls -A "$corpus")" ]; then
  find /usr/lib/python3/dist-packages/pydicom/data/test_files -type f -size -200k -exec cp -t "$corpus" {} + 2>/dev/null || true
  # Earlier findings (kept as regression tests) and the repository's small corpus
  # (tests/fuzz/corpus: a Siemens mosaic with its CSA header, palette and 4:2:2 colour)
  # seed the paths the pydicom files do not reach.
  cp "$(dirname "$0")"/../core/dicom/data/fuzz-* "$(dirname "$0")"/corpus/* "$corpus"/ 2>/dev/null || true
fi
mkdir -p "$build/fuzz-findings"
# max_allocation_size_mb: DCMTK allocates an element's declared length before it reads
# it; a fuzzed length over a GiB made ASan fill the allocation for 20 s (a time-out, not a
# bug: a normal build refuses such a file in 0.1 s). Capped, new(nothrow) returns null and
# DCMTK refuses the file at once (tests/core/dicom/data/fuzz-huge-element-length.bin).
ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1:max_allocation_size_mb=1024 UBSAN_OPTIONS=print_stacktrace=1 \
  "$build/bin/dicom_load_fuzzer" "$corpus" -max_total_time="$seconds" -max_len=262144 -rss_limit_mb=4096 \
  -timeout=20 -artifact_prefix="$build/fuzz-findings/" -print_final_stats=1
