#!/usr/bin/env bash
# harness/linux/build-planted.sh ARCH BUILD [JOBS]: the golden Linux with the
# planted bugs of harness/linux/plant/*.patch (the target
# linux-ftrace-planted; the end-to-end test ci/tests/linux_planted.sh).
#   BUILD/ARCH/linux-planted/obj/     a copy of BUILD/ARCH/linux/obj/
#   BUILD/ARCH/linux-planted/kernel/  the result, as build-linux.sh writes it
# Incremental: the object tree is copied from the golden build, and each file
# a patch touches is copied from the shared source tree into the object tree
# and patched there (make finds a source in the object tree before the source
# tree), so only those files and the link are redone; the source tree, shared
# with the golden build, is never written.  Nothing is done when the stamp
# (the golden kernel's stamp, the patches, this script) matches.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

linux_build_setup linux "$@"
gold=$build/$arch/linux
out=$build/$arch/linux-planted
[ -f "$gold/kernel/stamp" ] || linux_fail "planted $arch: no golden kernel in $gold: run 'make linux ARCH=$arch' first"
mapfile -t patches < <(ls "$here"/plant/*.patch 2>/dev/null)
[ ${#patches[@]} -gt 0 ] || linux_fail "planted $arch: no patch in $here/plant/"
stamp=$(linux_stamp "$gold/kernel/stamp" "${patches[@]}" "$here/build-planted.sh")
if [ -f "$out/kernel/stamp" ] && [ "$(cat "$out/kernel/stamp")" = "$stamp" ]; then
  exit 0
fi

linux_step "planted $arch: $gold + ${patches[*]##*/} into $out"
t0=$(date +%s)
rm -rf "$out"
mkdir -p "$out/kernel.tmp"
cp -a "$gold/obj" "$out/obj"
# the host tools (x86's objtool) record their commands with the object
# tree's absolute path: moved to the copy's, they stay up to date (else
# objtool relinks, and every object it checked is redone)
find "$out/obj/tools" -name '.*.cmd' -exec sed -i "s|$gold/obj/|$out/obj/|g" {} + 2>/dev/null || true
for p in "${patches[@]}"; do
  # the files the patch changes ("+++ b/<path>"), copied out of the source tree
  while read -r f; do
    [ -f "$src/$f" ] || linux_fail "planted $arch: ${p##*/} changes $f, which is not in $src"
    mkdir -p "$out/obj/$(dirname "$f")"
    rm -f "$out/obj/$f" && cp "$src/$f" "$out/obj/$f"
  done < <(sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' "$p")
  patch -s -p1 -d "$out/obj" <"$p" >"$out/patch.log" 2>&1 ||
    linux_fail "planted $arch: ${p##*/} does not apply to $(basename "$src") (see $out/patch.log)"
done
log=$out/build.log
make -C "$src" O="$out/obj" ARCH="$KARCH" CROSS_COMPILE="$CROSS" -j"$jobs" "${KIMAGE##*/}" >"$log" 2>&1 ||
  linux_fail "planted $arch: build failed (last lines of $log below)$(printf '\n'; tail -n 20 "$log")"
t1=$(date +%s)
rebuilt=$(grep -c '^  CC ' "$log" || true)
cp "$out/obj/$KIMAGE" "$out/kernel.tmp/${KIMAGE##*/}"
cp "$out/obj/.config" "$out/kernel.tmp/config"
cp "$gold/kernel/release" "$gold/kernel/source" "$out/kernel.tmp/"
echo "$((t1 - t0))" >"$out/kernel.tmp/build-seconds"
echo "$stamp" >"$out/kernel.tmp/stamp"
mv "$out/kernel.tmp" "$out/kernel"
linux_step "planted $arch: $out/kernel/${KIMAGE##*/} in $((t1 - t0)) s (copy + $rebuilt file(s) compiled + link)"
