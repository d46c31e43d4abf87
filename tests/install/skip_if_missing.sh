#!/usr/bin/env bash
# Runs TOOL ARGS...; exits 77 (ctest: skipped) when TOOL is not installed.
command -v "$1" >/dev/null || { echo "$1 is not installed: skipped"; exit 77; }
exec "$@"
