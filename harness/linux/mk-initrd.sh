#!/usr/bin/env bash
# harness/linux/mk-initrd.sh ARCH B ROOTFS_CPIO INIT: write B/linux/initrd.cpio,
# the test rootfs followed by a second cpio newc archive holding /tdiff/init
# (the guest init) and /tdiff/strace (Linux reads concatenated archives).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

arch=${1:?usage: mk-initrd.sh ARCH B ROOTFS_CPIO INIT}
b=${2:?}; rootfs=${3:?}; init=${4:?}
strace=$b/strace/bin/strace
[ -f "$rootfs" ] || linux_fail "initrd $arch: $rootfs is missing: run 'make testcases ARCH=$arch'"
[ -f "$init" ] || linux_fail "initrd $arch: guest init $init is missing: run 'make linux ARCH=$arch'"
[ -f "$strace" ] || linux_fail "initrd $arch: $strace is missing: run 'make linux ARCH=$arch'"
stage=$b/linux/initrd.stage
rm -rf "$stage" && mkdir -p "$stage/tdiff"
cp "$init" "$stage/tdiff/init"
cp "$strace" "$stage/tdiff/strace"
chmod 0755 "$stage/tdiff" "$stage/tdiff/init" "$stage/tdiff/strace"
( cd "$stage" && find tdiff | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet ) >"$b/linux/tdiff.cpio.tmp"
cat "$rootfs" "$b/linux/tdiff.cpio.tmp" >"$b/linux/initrd.cpio.tmp"
rm -rf "$stage" "$b/linux/tdiff.cpio.tmp"
mv "$b/linux/initrd.cpio.tmp" "$b/linux/initrd.cpio"
