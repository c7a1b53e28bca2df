#!/usr/bin/env bash
# harness/linux/build-strace.sh ARCH BUILD [JOBS]: build a static strace for
# ARCH from Debian's strace source package (glibc static, the cross gcc).
#   BUILD/ARCH/strace/obj/  configure and object tree
#   BUILD/ARCH/strace/bin/  the result: strace, version, stamp
# bin/ is written as bin.tmp/ and renamed at the end; nothing is done when
# bin/stamp matches the source version, this script and the compiler version.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

linux_build_setup strace "$@"
out=$build/$arch/strace
stamp=$(linux_stamp "$here/build-strace.sh")
if [ -f "$out/bin/stamp" ] && [ "$(cat "$out/bin/stamp")" = "$stamp" ]; then
  exit 0
fi

linux_step "strace $arch: building $(basename "$src") statically into $out"
rm -rf "$out/bin" "$out/bin.tmp" "$out/obj"
mkdir -p "$out/obj" "$out/bin.tmp"
log=$out/build.log
t0=$(date +%s)
# no multiple personalities, no stack tracing, no optional libraries: one
# static binary that prints what Debian's strace prints for 64-bit tracees
( cd "$out/obj" &&
  "$src/configure" --host="$TRIPLET" --build="$(gcc -dumpmachine)" CC="${CROSS}gcc" \
    LDFLAGS=-static --enable-mpers=no --disable-gcc-Werror \
    --without-libdw --without-libunwind --without-libiberty --without-libselinux ) >"$log" 2>&1 ||
  linux_fail "strace $arch: configure failed (see $log; a missing static libc for $TRIPLET is fixed by 'make deps')"
make -C "$out/obj" -j"$jobs" >>"$log" 2>&1 ||
  linux_fail "strace $arch: build failed (last lines of $log below)$(printf '\n'; tail -n 20 "$log")"
t1=$(date +%s)

cp "$out/obj/src/strace" "$out/bin.tmp/strace"
"${CROSS}strip" "$out/bin.tmp/strace"
file "$out/bin.tmp/strace" | grep -q 'statically linked' ||
  linux_fail "strace $arch: $out/obj/src/strace is not statically linked (see $log)"
echo "$(basename "$src")" >"$out/bin.tmp/version"
echo "$((t1 - t0))" >"$out/bin.tmp/build-seconds"
echo "$stamp" >"$out/bin.tmp/stamp"
mv "$out/bin.tmp" "$out/bin"
linux_step "strace $arch: $out/bin/strace ($(basename "$src"), built in $((t1 - t0)) s)"
