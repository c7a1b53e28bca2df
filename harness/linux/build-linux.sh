#!/usr/bin/env bash
# harness/linux/build-linux.sh ARCH BUILD [JOBS]: build Linux for ARCH from
# Debian's source package: `make tinyconfig`, then config/common.config and
# config/ARCH.config merged with scripts/kconfig/merge_config.sh, out of tree.
#   BUILD/ARCH/linux/obj/     the object tree (kept, so rebuilds are incremental)
#   BUILD/ARCH/linux/kernel/  the result: image, config, version, stamp
# kernel/ is written as kernel.tmp/ and renamed at the end, so a failed build
# never looks complete.  Nothing is done when kernel/stamp matches the hash of
# the source version, the fragments, this script and the compiler version.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

linux_build_setup linux "$@"
out=$build/$arch/linux
frags=("$here/config/common.config" "$here/config/$arch.config")
for f in "${frags[@]}"; do [ -f "$f" ] || linux_fail "kernel $arch: config fragment $f is missing"; done

stamp=$(linux_stamp "${frags[@]}" "$here/build-linux.sh")
if [ -f "$out/kernel/stamp" ] && [ "$(cat "$out/kernel/stamp")" = "$stamp" ]; then
  exit 0
fi

linux_step "kernel $arch: building $(basename "$src") into $out (tinyconfig + ${frags[*]##*/})"
rm -rf "$out/kernel" "$out/kernel.tmp"
mkdir -p "$out/obj" "$out/kernel.tmp"
log=$out/build.log
kmake() { make -C "$src" O="$out/obj" ARCH="$KARCH" CROSS_COMPILE="$CROSS" "$@"; }
t0=$(date +%s)
{
  kmake tinyconfig &&
  "$src/scripts/kconfig/merge_config.sh" -m -O "$out/obj" "$out/obj/.config" "${frags[@]}" &&
  kmake olddefconfig
} >"$log" 2>&1 || linux_fail "kernel $arch: configuring failed (see $log)"

# every option of the fragments must have survived olddefconfig (a symbol
# that was renamed or whose dependency is missing silently drops out)
missing=0
for f in "${frags[@]}"; do
  while IFS= read -r line; do
    case "$line" in CONFIG_*=*) ;; *) continue ;; esac
    if ! grep -qxF "$line" "$out/obj/.config"; then
      printf 'linux: kernel %s: %s (from %s) is not in the final .config\n' "$arch" "$line" "${f##*/}" >&2
      missing=1
    fi
  done <"$f"
done
[ $missing = 0 ] || linux_fail "kernel $arch: the config fragment asks for options Kconfig did not keep: fix harness/linux/config/"

kmake -j"$jobs" "${KIMAGE##*/}" >>"$log" 2>&1 ||
  linux_fail "kernel $arch: build failed (last lines of $log below)$(printf '\n'; tail -n 20 "$log")"
t1=$(date +%s)

cp "$out/obj/$KIMAGE" "$out/kernel.tmp/${KIMAGE##*/}"
cp "$out/obj/.config" "$out/kernel.tmp/config"
kmake -s kernelrelease >"$out/kernel.tmp/release" 2>/dev/null
echo "$(basename "$src")" >"$out/kernel.tmp/source"
linux_hash "$out/kernel.tmp/config" >"$out/kernel.tmp/config-hash"
echo "$((t1 - t0))" >"$out/kernel.tmp/build-seconds"
echo "$stamp" >"$out/kernel.tmp/stamp"
mv "$out/kernel.tmp" "$out/kernel"
linux_step "kernel $arch: $out/kernel/${KIMAGE##*/} ($(cat "$out/kernel/release"), built in $((t1 - t0)) s)"
