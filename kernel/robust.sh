#!/bin/sh
# kernel/robust.sh ARCH OUT FILE.c...: boot each robustness test with the test
# rootfs (build/ARCH/rootfs.cpio), run files in OUT/runs; a test passes when
# the run ended (no panic, no hang, exit as @exit says, default 0) and its
# output has every @expect line.
# Exit status: the number of failed tests (0 = all passed).
set -u
arch=$1 out=$2
shift 2
top=$(cd "$(dirname "$0")/.." && pwd)
fail=0
for c in "$@"; do
	t=$(basename "$c" .c)
	timeout=$(sed -n 's|^// @timeout: *||p' "$c" | head -n 1)
	want_exit=$(sed -n 's|^// @exit: *||p' "$c" | head -n 1)
	sh "$top/kernel/run.sh" "$arch" "$t" "$out/runs" "${timeout:-30}" || exit 2
	meta=$out/runs/$t.meta
	result=$(sed -n 's/^result: //p' "$meta")
	exitst=$(sed -n 's/^exit: //p' "$meta")
	wall=$(sed -n 's/^wall: //p' "$meta")
	why=
	[ "$result" = ok ] || why="result $result"
	[ "$exitst" = "exited ${want_exit:-0}" ] || why="${why:+$why, }exit '$exitst'"
	sed -n 's|^// @expect: *||p' "$c" > "$out/runs/$t.expect"
	while IFS= read -r line; do
		grep -qF -- "$line" "$out/runs/$t.out" || why="${why:+$why, }missing '$line'"
	done < "$out/runs/$t.expect"
	if [ -z "$why" ]; then
		printf 'ok      %-20s %ss\n' "$t" "$wall"
	else
		printf 'FAIL    %-20s %s (see %s)\n' "$t" "$why" "$out/runs/$t.trace"
		fail=$((fail + 1))
	fi
done
exit $fail
