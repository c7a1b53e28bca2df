#!/usr/bin/env bash
# linux_planted.sh: a bug planted in a kernel nobody here wrote is caught at
# raw level, with the syscall and the task named.  The golden Linux rebuilt
# with harness/linux/plant/*.patch (clone3 accepts a clone_args size below
# CLONE_ARGS_SIZE_VER0) runs the clone3 tests on the target
# linux-ftrace-planted (Linux's own raw_syscalls ftrace, no strace): the test
# that passes a short size (clone3_einval) must fail naming clone3 and task 1,
# and the clone3 tests the bug does not touch must still pass (the bug is
# caught by what it changes, not by the planted kernel looking different).
# ARCH=x86_64 (default) or riscv64.  Run by `make linux-planted-check`.
set -euo pipefail
main=$(git rev-parse --show-toplevel)
arch=${ARCH:-x86_64}
out=$main/build/$arch/linux-planted-check
fail() { echo "linux_planted: $arch: FAIL: $*" >&2; exit 1; }

caught=clone3_einval
untouched="clone3_fork clone3_vm_stack clone3_detached"
want="in clone3 (task 1)"

mkdir -p "$out"
make -C "$main" --no-print-directory harness tracediff >/dev/null
t0=$(date +%s)
make -C "$main" --no-print-directory linux-planted ARCH="$arch" >"$out/build.log" 2>&1 ||
	{ tail -n 20 "$out/build.log"; fail "make linux-planted failed (log: $out/build.log)"; }
t1=$(date +%s)
echo "linux_planted: $arch: planted kernel ready in $((t1 - t0)) s ($(cat "$main/build/$arch/linux-planted/kernel/build-seconds") s when last rebuilt)"

# shellcheck disable=SC2086
if TDIFF_TOP=$main "$main/build/host/harness" check --target linux-ftrace-planted --arch "$arch" \
	--reports "$out/reports" -j 2 $caught $untouched >"$out/check.log" 2>&1; then
	cat "$out/check.log"
	fail "harness check passed with the bug planted in clone3"
fi
line=$(grep "^not ok .* $arch $caught" "$out/check.log") || { cat "$out/check.log"; fail "no 'not ok' line for $caught"; }
case $line in
*"$want"*) echo "linux_planted: $arch: ok: $line" ;;
*) cat "$out/check.log"; fail "the line does not name '$want': $line" ;;
esac
for t in $untouched; do
	grep -q "^ok .* $arch $t" "$out/check.log" || { cat "$out/check.log"; fail "$t, which the plant does not touch, did not pass"; }
done
echo "linux_planted: $arch: ok: $untouched still match golden on the planted kernel"
