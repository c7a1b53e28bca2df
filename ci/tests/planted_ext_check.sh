#!/usr/bin/env bash
# planted_ext_check.sh: a kernel bug planted in our kernel is caught through
# the external tracer alone (make kernel-ext-check: tracer off, syscalls
# read through QEMU's gdbstub, compared with golden at the raw level).  In a
# throwaway clone sharing this tree's cached builds, plant the bug in the
# kernel and run the check on one test (PLANT_ARCHES, both by default): it
# must fail, and its TAP line must name the syscall, the task and the class.
# The plant is never committed.
set -euo pipefail
main=$(git rev-parse --show-toplevel)
tmp=$main/build/planted-ext-check
fail() { echo "planted_ext_check: FAIL: $*" >&2; exit 1; }

. "$main/ci/tests/lib.sh"
repo=$(throwaway_clone "$main" "$tmp")

# plant FILE SED TEST WANT ARCH: apply SED to FILE, check TEST on ARCH, expect WANT in its TAP line.
plant() {
	local file=$1 sed=$2 test=$3 want=$4 arch=$5 out=$tmp/$3.$5.out line
	git -C "$repo" checkout -q -- kernel
	sed -i "$sed" "$repo/$file"
	git -C "$repo" diff --quiet -- "$file" && fail "the plant in $file did not apply: update this test"
	line=$(ext_named "$repo" "$test" "$arch" "$want" "$out") || fail "the bug planted in $file: see above"
	echo "planted_ext_check: ok: $line"
}

# clone3 rejects a valid call (CLONE_VM): its result, seen in a0/rax at the return
for arch in ${PLANT_ARCHES:-x86_64 riscv64}; do
	plant kernel/core/clone.c 's/if (a.flags \& CLONE_INTO_CGROUP)/if (a.flags \& (CLONE_INTO_CGROUP | CLONE_VM))/' \
		clone3_vm_stack "result in clone3 (task 1)" "$arch"
done
rm -rf "$tmp"
