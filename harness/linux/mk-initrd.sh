#!/usr/bin/env bash
# harness/linux/mk-initrd.sh ARCH B ROOTFS_CPIO INIT: write B/linux/initrd.cpio,
# the test rootfs followed by a second cpio newc archive holding /tdiff/init
# (the guest init) and /tdiff/strace (Linux reads concatenated archives),
# compressed with lz4's legacy format (Linux's RD_LZ4): uncompressed, the
# cpio with every glibc build (90 MiB on x86_64) and its unpacked copy no
# longer fit in golden's 256 MiB ("Initramfs unpacking failed: write error").
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
command -v lz4 >/dev/null || linux_fail "initrd $arch: lz4 not found: run 'make deps'"
cat "$rootfs" "$b/linux/tdiff.cpio.tmp" | lz4 -l -q -1 - "$b/linux/initrd.cpio.tmp"
rm -rf "$stage" "$b/linux/tdiff.cpio.tmp"
mv "$b/linux/initrd.cpio.tmp" "$b/linux/initrd.cpio"
