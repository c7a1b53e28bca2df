#!/usr/bin/env bash
# smoke.sh ARCH B TESTMETA FILE...: run the testcases without any kernel of ours.
#   x86_64:  each test in a chroot of B/rootfs on this machine's Linux.
#   riscv64: every program in B/rootfs must be a static riscv64 ELF (file(1)),
#            and each test runs under qemu-riscv64-static.
#   Both run in a fresh copy of the rootfs, with no descriptor but 0-2.
#   FILE... are the testcases to run (all of them, or those make's TEST names). qemu-user is never a reference (it lacks clone3): tests
#            that need clone3 say `@smoke: x86_64` in their metadata.
# A test passes when it exits with its @exit status within its @timeout and
# prints the text of every @expect line (grep -F, as golden.sh and `harness run --meta`).  Output: one TAP line per test.
set -uo pipefail
arch=$1 B=$2 tm=$3
shift 3
root=$B/rootfs
[ -d "$root" ] || { echo "smoke: $root is missing: run 'make testcases ARCH=$arch'" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "smoke: chroot needs root" >&2; exit 2; }

chroot=$(PATH=$PATH:/usr/sbin:/sbin command -v chroot) || { echo "smoke: chroot not found (coreutils)" >&2; exit 2; }
# Each test runs in a session of its own, as on a target (golden's init leads it, our
# kernel's test runs in pid 1's): run from a pid namespace whose session leader
# is outside it (a CI sandbox), getsid(0) would otherwise return 0.
setsid=$(PATH=$PATH:/usr/sbin:/sbin command -v setsid) || { echo "smoke: setsid not found (util-linux)" >&2; exit 2; }
fail=0 n=0
runner=()
if [ "$arch" = riscv64 ]; then
	for f in "$root"/tests/* "$root/bin/busybox"; do
		case $f in *.argv|*.sh) continue ;; esac
		desc=$(file -b "$f")
		n=$((n + 1))
		case $desc in
		*"ELF 64-bit LSB executable, UCB RISC-V"*"statically linked"*)
			echo "ok $n - riscv64 file ${f#$root}: static riscv64 ELF" ;;
		*)
			echo "not ok $n - riscv64 file ${f#$root}: $desc"
			fail=1 ;;
		esac
	done
	qemu=$(command -v qemu-riscv64-static) ||
		{ echo "smoke: qemu-riscv64-static not found: run 'make deps'" >&2; exit 2; }
	runner=(/qemu-riscv64-static)
elif [ "$arch" != x86_64 ]; then
	echo "smoke: unknown arch $arch" >&2
	exit 2
fi

# Tests write into their world: each worker runs in a fresh copy of the
# rootfs of its own, never in build/<arch>/rootfs itself.  SMOKE_JOBS
# workers (default: the cores) take every Nth test; the TAP lines come out
# in the tests' order.
src_root=$root
jobs=${SMOKE_JOBS:-$(nproc 2>/dev/null || echo 1)}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || jobs=1
mapfile -t names < <("$tm" list --smoke --arch "$arch" "$@")
res=$(mktemp -d)
trap 'rm -rf "$res"' EXIT

# run_one I NAME ROOT: test NAME in ROOT; its verdict ("ok"/"not ok" and
# the comment lines) into $res/I.tap
run_one() {
	local i=$1 name=$2 root=$3 src= f timeout_s want_exit rc line out=$res/$1.out
	local -a argv missing=()
	for f in "${files[@]}"; do case $f in */"$name".c | */"$name".sh) src=$f ;; esac; done
	# a glibc build NAME.glibc: testmeta reads it as DIR/NAME.glibc
	for f in "${files[@]}"; do case $f in */"${name%.glibc}".c) [ "$name" != "${name%.glibc}" ] && src=${f%.c}.glibc ;; esac; done
	mapfile -t argv < <("$tm" argv "$src")
	timeout_s=$("$tm" get timeout "$src")
	want_exit=$("$tm" get exit "$src")
	# each test starts with an empty /tmp, as on a target (NAME and NAME.glibc both make /tmp/NAME)
	find "$root/tmp" -mindepth 1 -delete
	# The test inherits no descriptor but 0-2 (make's jobserver pipes, for one).
	(cd "$root" && for fd in /proc/$BASHPID/fd/*; do
		fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done
	 exec env -i HOME=/ PATH=/bin:/tests TERM=linux \
		"$setsid" -w timeout -k 2 "$timeout_s" "$chroot" . "${runner[@]}" "${argv[@]}") >"$out" 2>&1 </dev/null
	rc=$?
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		grep -qF -- "$line" "$out" || missing+=("$line")
	done < <("$tm" get expect "$src")
	{
		if [ "$rc" = "$want_exit" ] && [ ${#missing[@]} = 0 ]; then
			echo "ok"
		else
			echo "not ok"
			[ "$rc" = "$want_exit" ] || echo "  # exit status $rc, expected $want_exit$([ "$rc" = 124 ] && echo " (timed out after ${timeout_s}s)")"
			for m in "${missing[@]}"; do echo "  # missing line: $m"; done
			sed 's/^/  # output: /' "$out" | head -20
		fi
	} >"$res/$i.tap"
	rm -f "$out"
}

# worker W: its own copy of the rootfs, tests W, W+jobs, ...
worker() {
	local w=$1 root=$B/.smoke-root.$1 i
	rm -rf "$root"
	cp -a "$src_root" "$root"
	[ ${#runner[@]} = 0 ] || cp "$qemu" "$root/qemu-riscv64-static"
	for ((i = w; i < ${#names[@]}; i += jobs)); do
		run_one "$i" "${names[$i]}" "$root"
	done
	rm -rf "$root"
}

files=("$@")
for ((w = 0; w < jobs; w++)); do
	worker "$w" &
done
wait
for ((i = 0; i < ${#names[@]}; i++)); do
	n=$((n + 1))
	if [ ! -s "$res/$i.tap" ]; then
		fail=1
		echo "not ok $n - $arch ${names[$i]}"
		echo "  # no verdict (its worker died)"
		continue
	fi
	IFS= read -r verdict <"$res/$i.tap"
	[ "$verdict" = ok ] || fail=1
	echo "$verdict $n - $arch ${names[$i]}"
	tail -n +2 "$res/$i.tap"
done
echo "1..$n"
exit $fail
