#!/usr/bin/env bash
# lintian on the one crosscheck_*.deb in DIR: fails on errors, prints every tag.
# Exits 77 (ctest: skipped) when lintian is not installed.
set -euo pipefail
command -v lintian >/dev/null || { echo "lintian is not installed: skipped"; exit 77; }
shopt -s nullglob
debs=("$1"/crosscheck_*.deb)
[ ${#debs[@]} -eq 1 ] || { echo "want one crosscheck_*.deb in $1, found ${#debs[@]}"; exit 1; }
exec lintian --fail-on error --tag-display-limit 0 "${debs[0]}"
