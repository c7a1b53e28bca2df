#!/bin/bash
# ci/tests/disk_images.sh: the disk images of `make testcases` and the fixed
# script, end to end without a kernel of ours:
#   - build/<arch>/rootfs.ext4 and rootfs.fat32 pass e2fsck -fn / fsck.fat -n
#     and hold the test world of build/<arch>/rootfs (ext4: the same tree,
#     symlinks and modes; fat32: the same files, symlinks as copies) plus
#     /tdiff_testcode.sh;
#   - `harness run` on a target with `disk: ext4` (and fat32) and
#     `trace: console` whose "QEMU" boots the test's {disk} copy as a chroot
#     on this machine's Linux and runs /tdiff_testcode.sh in it: the console
#     has the markers, the .out is golden's for the test, the {disk} copy
#     holds /tdiff/test (with --keep) and is gone after a good run without.
# Usage: bash ci/tests/disk_images.sh [BUILD_DIR]   (from the checkout's top, as root)
set -u
B=${1:-build}
B=$(cd "$B" && pwd)
H=$B/host/harness
export PATH=$PATH:/usr/sbin:/sbin MTOOLS_SKIP_CHECK=1
tmp=$(mktemp -d /tmp/disk_images.XXXXXX)
fails=0 n=0
trap 'rm -rf "$tmp"' EXIT

ok()   { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "not ok $n - $1"; fails=$((fails + 1)); }
check() { local what=$1; shift; if "$@" >"$tmp/out" 2>&1; then ok "$what"; else fail "$what"; sed 's/^/  # /' "$tmp/out" | head -20; fi; }

[ -x "$H" ] || { echo "$0: build the harness first (make harness)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "$0: the fake boot chroots: run as root" >&2; exit 2; }

# tree_of DIR [m]: one line per path (type, link target, and with m the mode),
# then the content hash of every file; lost+found (mke2fs's) left out
tree_of() {
	(cd "$1" && find . -mindepth 1 -path ./lost+found -prune -o -printf "%p %y${2:+ %m} %l\n" |
		LC_ALL=C sort &&
		find . -path ./lost+found -prune -o -type f -exec sha256sum {} + | LC_ALL=C sort -k2)
}

# world ARCH [L]: the expected tree: rootfs plus the script (L: symlinks followed)
world() {
	rm -rf "$tmp/want"
	cp -a${2:+L} "$B/$1/rootfs" "$tmp/want"
	install -m 0755 testcases/lib/tdiff_testcode.sh "$tmp/want/tdiff_testcode.sh"
	install -m 0755 "$B/$1/tdiff-launch" "$tmp/want/tdiff-launch"
}

for arch in x86_64 riscv64; do
	img=$B/$arch/rootfs
	[ -f "$img.ext4" ] && [ -f "$img.fat32" ] ||
		{ fail "$arch: $img.ext4 and .fat32 exist (make testcases ARCH=$arch)"; continue; }
	check "$arch: rootfs.ext4 passes e2fsck -fn" e2fsck -fn "$img.ext4"
	check "$arch: rootfs.fat32 passes fsck.fat -n" fsck.fat -n "$img.fat32"

	world "$arch"
	rm -rf "$tmp/ext4" && mkdir "$tmp/ext4"
	debugfs -R "rdump / $tmp/ext4" "$img.ext4" >/dev/null 2>&1
	check "$arch: rootfs.ext4 holds the test world and /tdiff_testcode.sh (tree, links, modes)" \
		diff <(tree_of "$tmp/want" m) <(tree_of "$tmp/ext4" m)

	world "$arch" L
	rm -rf "$tmp/fat" && mkdir "$tmp/fat"
	mcopy -s -n -i "$img.fat32" '::/*' "$tmp/fat/" >/dev/null 2>&1
	check "$arch: rootfs.fat32 holds the test world and /tdiff_testcode.sh (files, links as copies)" \
		diff <(tree_of "$tmp/want") <(tree_of "$tmp/fat")
done

# The fake machine: the test's disk as a chroot, the script run from it; the
# kernel's own lines (#tdiff boot, poweroff) printed around it, decorated as a
# kernel's logger would, so that console-strip is exercised too.
cat >"$tmp/fakeboot" <<'EOF'
#!/bin/bash
fs=$1 disk=$2 console=$3 init=${4:-script} root=$(mktemp -d /tmp/fakeboot.XXXXXX)
trap 'rm -rf "$root"' EXIT
export MTOOLS_SKIP_CHECK=1 PATH=$PATH:/usr/sbin:/sbin
if [ "$fs" = ext4 ]; then debugfs -R "rdump / $root" "$disk" >/dev/null 2>&1
else mcopy -s -n -i "$disk" '::/*' "$root/" && chmod -R a+x "$root"; fi
{
	printf '\033[37m[  0.000100 0:1 fake::boot:1] \033[32m#tdiff boot fake x86_64 0.1\033[m\r\n'
	# fds 0-2 only, as a kernel's init gives them
	(for fd in /proc/$BASHPID/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done
	 if [ "$init" = launch ]; then exec env -i "$(command -v chroot)" "$root" /tdiff-launch
	 else exec env -i "$(command -v chroot)" "$root" /bin/busybox sh /tdiff_testcode.sh; fi) </dev/null 2>&1
	printf '\033[37m[  0.900000 0:1 fake::power:9] \033[32m#tdiff poweroff\033[m\r\n'
} >"$console"
EOF
chmod +x "$tmp/fakeboot"
for fs in ext4 fat32; do
	cat >"$tmp/fake-$fs.target" <<EOF
name: fake-$fs
trace: console
console-strip: \\[ *[0-9]+\\.[0-9]+ [0-9]+:[0-9]+ [^]]*\\][ ]
disk: $fs
qemu: $tmp/fakeboot $fs {disk} {console}
EOF
	out=$tmp/runs-$fs
	for t in fork busybox_echo; do
		"$H" run --target "$tmp/fake-$fs.target" --arch x86_64 --out "$out" --keep "$t" >"$tmp/run.log" 2>&1
		check "fake-$fs: $t ran ok" grep -q "^ok .*x86_64/$t: ok (exit: exited 0)" "$tmp/run.log"
		check "fake-$fs: $t console has the markers" \
			grep -q "#tdiff start $t .*#tdiff exit exited 0" <(tr -d '\r' <"$out/$t.console" | tr '\n' ' ')
		check "fake-$fs: $t .out is golden's" cmp "$out/$t.out" "golden/x86_64/$t.out"
		check "fake-$fs: $t .trace has the script's markers, the decoration gone" \
			diff <(printf '#tdiff boot fake x86_64 0.1\n#tdiff start %s\n#tdiff exit exited 0\n#tdiff poweroff\n' "$t") "$out/$t.trace"
	done
	if [ $fs = ext4 ]; then
		check "fake-ext4: the kept {disk} copy has /tdiff/test" \
			test "$(debugfs -R 'cat /tdiff/test' "$out/fork.ext4" 2>/dev/null)" = fork
	else
		check "fake-fat32: the kept {disk} copy has /tdiff/test" \
			test "$(mtype -i "$out/fork.fat32" ::/tdiff/test)" = fork
	fi
	"$H" run --target "$tmp/fake-$fs.target" --arch x86_64 --out "$out" fork >/dev/null 2>&1
	check "fake-$fs: without --keep a good run's {disk} copy is removed" test ! -e "$out/fork.$fs"

	# the same machine with /tdiff-launch as its init, in place of busybox
	# sh and the script: the same markers and output (bb_ash: its argv
	# file, and an exit status of 3 as @exit says)
	sed "s|^qemu: .*|& launch|; s|^name: .*|&-launch|" "$tmp/fake-$fs.target" >"$tmp/fake-$fs-launch.target"
	out=$tmp/runs-$fs-launch
	for t in fork segv_child bb_ash; do
		"$H" run --target "$tmp/fake-$fs-launch.target" --arch x86_64 --out "$out" --meta "$t" >"$tmp/run.log" 2>&1
		check "fake-$fs /tdiff-launch: $t ran ok" grep -q "^ok .*x86_64/$t: ok (exit: exited [03])" "$tmp/run.log"
		check "fake-$fs /tdiff-launch: $t .out is golden's" cmp "$out/$t.out" "golden/x86_64/$t.out"
		check "fake-$fs /tdiff-launch: $t .trace has the launcher's markers" \
			diff <(printf '#tdiff boot fake x86_64 0.1\n#tdiff start %s\n#tdiff exit exited %s\n#tdiff poweroff\n' \
				"$t" "$([ $t = bb_ash ] && echo 3 || echo 0)") "$out/$t.trace"
	done
done

# the launcher as built for each arch: one read-only PT_LOAD at a page
# boundary, no interpreter, no TLS (what a young kernel's ELF loader can do)
for arch in x86_64 riscv64; do
	l=$B/$arch/tdiff-launch
	check "$arch: tdiff-launch is one R E PT_LOAD, page aligned, no INTERP or TLS" \
		test "$(readelf -lW "$l" 2>/dev/null | awk '$1 ~ /^(LOAD|INTERP|TLS)$/ {print $1, $3 % 4096, $7, $8}' |
			tr '\n' ';')" = "LOAD 0 R E;"
done

echo "1..$n"
[ $fails = 0 ]
