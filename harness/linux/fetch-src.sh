#!/usr/bin/env bash
# harness/linux/fetch-src.sh PKG BUILD: download Debian's source package PKG
# (linux or strace) with `apt-get source`, unpack it once (with Debian's
# patches) into BUILD/src/PKG-<debian version>/, and print that directory.
# The choice is remembered in BUILD/src/PKG.dir, so later calls are offline
# and instant; delete that file to move to a newer Debian upload.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

pkg=${1:?usage: fetch-src.sh PKG BUILD}
build=${2:?usage: fetch-src.sh PKG BUILD}
mkdir -p "$build" && build=$(cd "$build" && pwd)  # absolute: make -C would read a relative O= from the source tree
src=$build/src
mkdir -p "$src"

if [ -f "$src/$pkg.dir" ]; then
  dir=$(cat "$src/$pkg.dir")
  if [ -f "$src/$dir/.tdiff-unpacked" ]; then
    echo "$src/$dir"
    exit 0
  fi
fi

command -v apt-get >/dev/null || linux_fail "source $pkg: apt-get not found: this needs Debian 12"
command -v dpkg-source >/dev/null || linux_fail "source $pkg: dpkg-source not found: run 'make deps' (package dpkg-dev)"
cd "$src"
# The newest upload may live only on the security mirror; when that one does
# not answer, take the newest in bookworm itself.
linux_step "source $pkg: apt-get source --download-only $pkg"
if ! apt-get source -qq --download-only "$pkg" >"$src/$pkg.fetch.log" 2>&1; then
  linux_step "source $pkg: newest upload not reachable, trying $pkg/bookworm"
  apt-get source -qq --download-only "$pkg/bookworm" >>"$src/$pkg.fetch.log" 2>&1 ||
    linux_fail "source $pkg: apt-get source failed (see $src/$pkg.fetch.log): run 'make deps' to enable deb-src, and check the network"
fi
# the .dsc just fetched: the newest one of this package
dsc=$(ls -t "$pkg"_*.dsc | head -n1)
[ -n "$dsc" ] || linux_fail "source $pkg: no .dsc after apt-get source (see $src/$pkg.fetch.log)"
ver=${dsc#"$pkg"_}; ver=${ver%.dsc}
dir=$pkg-$ver
if [ ! -f "$dir/.tdiff-unpacked" ]; then
  linux_step "source $pkg: unpacking $dsc into $src/$dir"
  rm -rf "$dir.tmp"
  dpkg-source -q -x "$dsc" "$dir.tmp" >"$src/$pkg.unpack.log" 2>&1 ||
    linux_fail "source $pkg: dpkg-source -x $dsc failed (see $src/$pkg.unpack.log)"
  echo "$ver" >"$dir.tmp/.tdiff-unpacked"
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
fi
echo "$dir" >"$src/$pkg.dir.tmp" && mv "$src/$pkg.dir.tmp" "$src/$pkg.dir"
echo "$src/$dir"
