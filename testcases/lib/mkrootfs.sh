#!/usr/bin/env bash
# mkrootfs.sh ARCH B TESTMETA NAME...: assemble B/rootfs and B/rootfs.cpio
# from the built tests (B/tests/NAME, B/tests/NAME.glibc), the scripts (testcases/NAME.sh),
# busybox and testcases/data.  Both are built under temporary names and
# renamed at the end, so an interrupted run leaves the previous ones intact.
set -euo pipefail
arch=$1 B=$(cd "$2" && pwd) testmeta=$3
shift 3
here=$(cd "$(dirname "$0")/.." && pwd)
stage=$B/.rootfs-stage
rm -rf "$stage"
mkdir -p "$stage"/{bin,tests,data,tmp,dev,proc}

cp "$B/busybox/busybox" "$stage/bin/busybox"
run=""
[ "$arch" = x86_64 ] || run=qemu-$arch
applets=$($run "$stage/bin/busybox" --list) || { echo "mkrootfs: cannot run $arch busybox to list its applets" >&2; exit 1; }
for applet in $applets; do
	[ "$applet" = busybox ] || ln -s busybox "$stage/bin/$applet"
done

# The test programs go in stripped: what runs is byte for byte the same
# (strip drops only sections no segment loads), the symbols stay in
# B/tests/NAME for the differ (SIGSEGV at function:line), and the tree is a
# third smaller: golden's Linux unpacks it into RAM (256 MiB) and ran out
# ("Initramfs unpacking failed: write error") with the grown corpus.
strip=$arch-linux-gnu-strip
command -v "$strip" >/dev/null || { echo "mkrootfs: $strip not found: run 'make deps'" >&2; exit 1; }
for name in "$@"; do
	if [ -f "$here/$name.c" ]; then
		src=$here/$name.c
		"$strip" -o "$stage/tests/$name" "$B/tests/$name"
	elif [ "${name%.glibc}" != "$name" ]; then
		src=$here/$name		# the glibc build of NAME.c: testmeta knows the name
		"$strip" -o "$stage/tests/$name" "$B/tests/$name"
	else
		src=$here/$name.sh
		install -m 0644 "$src" "$stage/tests/$name.sh"
	fi
	"$testmeta" argv "$src" >"$stage/tests/$name.argv"
done
cp -r "$here/data/." "$stage/data/"

# Fixed modes and times: the two kernels must see the same tree.
find "$stage" -type d -exec chmod 0755 {} +
find "$stage/data" -type f -exec chmod 0644 {} +
find "$stage/tests" -type f ! -name '*.sh' ! -name '*.argv' -exec chmod 0755 {} +
find "$stage/tests" -name '*.argv' -exec chmod 0644 {} +
find "$stage" -exec touch -h -d @1700000000 {} +

rm -rf "$B/rootfs"
mv "$stage" "$B/rootfs"
(cd "$B/rootfs" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc -R 0:0 --reproducible >"$B/.rootfs.cpio.tmp")
mv "$B/.rootfs.cpio.tmp" "$B/rootfs.cpio"
