#!/usr/bin/env bash
# linux_dirty.sh: the golden recorder's guest init notices a test that
# changes the rootfs outside /tmp (its raw run saw a changed world: the boot
# must end there, "#tdiff raw-dirty <name>"), and only such a test.  Golden's
# Linux boots an initramfs whose test scripts are replaced by probes (a later
# cpio archive wins), each under the name of a real test so that `harness
# run` takes it:
#   one boot: probes that only use /tmp and only read, then sys_getpid: no
#     dirty line, every test ran and printed its raw_syscalls events
#     (tdiff.raw=ftrace, as golden boots);
#   a boot a change: one probe, then sys_getpid: "#tdiff raw-dirty <probe>"
#     and sys_getpid never started.
# The changes: write into a file, truncate, set times, make a directory in /,
# make a file in a subdirectory, rename.  ARCH=x86_64 (default) or riscv64.
# Run by `make linux-dirty-check`.
set -euo pipefail
main=$(git rev-parse --show-toplevel)
arch=${ARCH:-x86_64}
b=$main/build/$arch
out=$b/linux-dirty-check
fail() { echo "linux_dirty: $arch: FAIL: $*" >&2; exit 1; }

make -C "$main" --no-print-directory harness testcases linux-initrd ARCH="$arch" >/dev/null
rm -rf "$out" && mkdir -p "$out/stage/tests" "$out/b/strace/bin" "$out/b/linux"

# probe NAME SCRIPT: /tests/NAME.sh becomes SCRIPT, run by /bin/sh
probe() {
	printf '%s\n' "$2" >"$out/stage/tests/$1.sh"
	printf '/bin/sh\n/tests/%s.sh\n' "$1" >"$out/stage/tests/$1.argv"
	chmod 0755 "$out/stage/tests/$1.sh"
}
probe bb_true 'echo x > /tmp/a; mkdir /tmp/d; touch /tmp/d/e; mv /tmp/a /tmp/b; echo tmp only'
probe bb_false 'cat /data/hello.txt >/dev/null; ls -l / /bin /tests /data >/dev/null; echo reads only'
declare -A change=(
	[bb_echo]='echo x >> /data/hello.txt'
	[bb_cat]=': > /data/empty'
	[bb_cut]='touch -d 2001-01-01 /data/hello.txt'
	[bb_expr]='mkdir /newdir'
	[bb_grep]='touch /data/sub/new'
	[bb_ls]='mv /data/hello.txt /data/hello2.txt'
)
for t in "${!change[@]}"; do probe "$t" "${change[$t]}"; done
(cd "$out/stage" && find tests | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$out/probes.cpio"
# the initramfs as golden's is made (mk-initrd.sh: init and strace appended,
# lz4), from the test rootfs with the probes' archive after it
cat "$b/rootfs.cpio" "$out/probes.cpio" >"$out/rootfs-probes.cpio"
ln -s "$b/strace/bin/strace" "$out/b/strace/bin/strace"
bash "$main/harness/linux/mk-initrd.sh" "$arch" "$out/b" "$out/rootfs-probes.cpio" "$b/linux/init" ||
	fail "mk-initrd.sh could not make the probes' initramfs"
sed -e "s|{B}/linux/initrd.cpio|$out/b/linux/initrd.cpio|" -e 's/^name: linux$/name: linux-dirty-probes/' \
	"$main/harness/targets/linux.target" >"$out/probes.target"
grep -q "$out/b/linux/initrd.cpio" "$out/probes.target" || fail "could not point a copy of linux.target at the probes' initramfs"

# boot FIRST REST: one boot of FIRST then REST (a,b), raw runs on; prints
# the #tdiff start, raw-start and raw-dirty lines of its trace, one a line
boot() {
	rm -rf "$out/run"
	TDIFF_TOP=$main "$main/build/host/harness" run --target "$out/probes.target" --arch "$arch" \
		--out "$out/run" -j 1 --no-prepare --timeout-add 60 --cmdline "tdiff.raw=ftrace tdiff.batch=$2" "$1" \
		>"$out/run.log" 2>&1 || true
	[ -f "$out/run/$1.trace" ] || { cat "$out/run.log" >&2; fail "boot of $1,$2: no trace"; }
	grep -a -o '^#tdiff \(start\|raw-ftrace\|raw-start\|raw-dirty\) [a-z_0-9]*' "$out/run/$1.trace" || true
}

got=$(boot bb_true bb_false,sys_getpid)
want=$(printf '#tdiff %s\n' "start bb_true" "raw-ftrace bb_true" "start bb_false" "raw-ftrace bb_false" \
	"start sys_getpid" "raw-ftrace sys_getpid")
[ "$got" = "$want" ] || fail "tests that only use /tmp and read: got
$got
want
$want"
echo "linux_dirty: $arch: ok: /tmp only and reads only: no change seen, the boot went on"
for t in $(printf '%s\n' "${!change[@]}" | sort); do
	got=$(boot "$t" sys_getpid)
	want=$(printf '#tdiff %s\n' "start $t" "raw-ftrace $t" "raw-dirty $t")
	[ "$got" = "$want" ] || fail "'${change[$t]}': got
$got
want
$want"
	echo "linux_dirty: $arch: ok: '${change[$t]}': raw-dirty, the boot ended"
done
