#!/usr/bin/env bash
# Extracts the one crosscheck_*.deb in DIR into a temporary root with dpkg -x and runs
# both executables from there without a display; checks that they print VERSION and that
# the package holds what a desktop and Debian need, and no static library.
set -euo pipefail
deb_dir=$1 version=$2
shopt -s nullglob
debs=("$deb_dir"/crosscheck_*.deb)
[ ${#debs[@]} -eq 1 ] || { echo "want one crosscheck_*.deb in $deb_dir, found ${#debs[@]}"; exit 1; }
deb=${debs[0]}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for program in crosscheck-cli crosscheck; do
  if ! out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM \
      "$root/usr/bin/$program" --version 2>&1); then
    fail "$program --version: $out"
    continue
  fi
  read -r name printed _ <<<"$out"
  echo "$program --version: $out"
  [ "$name" = "$program" ] && [ "$printed" = "$version" ] ||
    fail "$program --version printed '$out', want '$program $version (commit)'"
  env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/$program" --help \
    >/dev/null 2>&1 || fail "$program --help fails without a display"
done

id=org.crosscheck.Crosscheck
for file in \
  usr/share/applications/$id.desktop \
  usr/share/metainfo/$id.metainfo.xml \
  usr/share/icons/hicolor/scalable/apps/$id.svg \
  usr/share/icons/hicolor/16x16/apps/$id.png \
  usr/share/icons/hicolor/256x256/apps/$id.png \
  usr/share/doc/crosscheck/copyright \
  usr/share/doc/crosscheck/changelog.Debian.gz \
  usr/share/doc/crosscheck/README.md; do
  [ -s "$root/$file" ] || fail "missing from the package: /$file"
done
static=$(find "$root" -name '*.a')
[ -z "$static" ] || fail "static libraries in the package: $static"

depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
for lib in libc6 libqt6core6 libdcmtk17; do
  [[ "$depends" == *"$lib"* ]] || fail "Depends lacks $lib (dpkg-shlibdeps did not run?)"
done

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "ok: $(basename "$deb")"
