#!/usr/bin/env bash
# mkimages.sh B: the test world of B/rootfs (made by mkrootfs.sh) as two disk
# images without a partition table, each with /tdiff_testcode.sh at its root
# (testcases/lib/tdiff_testcode.sh: the fixed script a kernel that cannot
# read its command line runs) and /tdiff-launch (B/tdiff-launch, the same
# without busybox sh: testcases/lib/tdiff_launch.c):
#   B/rootfs.ext4   mke2fs -t ext4 -d (no root needed): the tree as it is,
#                   symlinks, modes and times included;
#   B/rootfs.fat32  mkfs.fat -F 32 + mcopy: FAT has no symlinks, modes or
#                   owners, so each /bin/<applet> symlink is a copy of busybox.
# Both are sparse, made reproducible (fixed UUIDs, volume id, times), built
# under temporary names and renamed at the end.
set -euo pipefail
B=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$B/rootfs
[ -d "$root" ] || { echo "mkimages: $root is missing (mkrootfs.sh makes it)" >&2; exit 1; }
export PATH=$PATH:/usr/sbin:/sbin
for tool in mke2fs mkfs.fat mcopy; do
	command -v $tool >/dev/null ||
		{ echo "mkimages: $tool not found: run 'make deps' (e2fsprogs, dosfstools, mtools)" >&2; exit 1; }
done

stage=$B/.image-stage
rm -rf "$stage"
trap 'rm -rf "$stage" "$stage.fat" "$B/.rootfs.ext4.tmp" "$B/.rootfs.fat32.tmp"' EXIT
cp -a "$root" "$stage"
install -m 0755 "$here/tdiff_testcode.sh" "$stage/tdiff_testcode.sh"
install -m 0755 "$B/tdiff-launch" "$stage/tdiff-launch"
touch -h -d @1700000000 "$stage/tdiff_testcode.sh" "$stage/tdiff-launch" "$stage"

# Both images get the size of the bigger tree (FAT's, with its copies of
# busybox) plus a quarter and 64 MiB of room for what tests write (/tmp);
# at least 128 MiB
fat=$stage.fat
rm -rf "$fat"
cp -rL --preserve=timestamps "$stage" "$fat"
size_mb=$(du -sm "$fat" | cut -f1)
size_mb=$((size_mb + size_mb / 4 + 64))
[ "$size_mb" -ge 128 ] || size_mb=128

# ext4: the tree itself, owned by root whoever builds it (and lost+found,
# which mke2fs makes and e2fsck wants)
rm -f "$B/.rootfs.ext4.tmp"
E2FSPROGS_FAKE_TIME=1700000000 mke2fs -q -F -t ext4 -b 4096 -L tdiff -d "$stage" \
	-U 7d1ff000-0000-4000-8000-000000000001 \
	-E root_owner=0:0,hash_seed=7d1ff000-0000-4000-8000-000000000002 \
	"$B/.rootfs.ext4.tmp" "${size_mb}M" >/dev/null

rm -f "$B/.rootfs.fat32.tmp"
mkfs.fat -F 32 -n TDIFF --invariant -C "$B/.rootfs.fat32.tmp" $((size_mb * 1024)) >/dev/null
MTOOLS_SKIP_CHECK=1 mcopy -s -m -Q -i "$B/.rootfs.fat32.tmp" "$fat"/* ::/
rm -rf "$fat"

mv "$B/.rootfs.ext4.tmp" "$B/rootfs.ext4"
mv "$B/.rootfs.fat32.tmp" "$B/rootfs.fat32"
