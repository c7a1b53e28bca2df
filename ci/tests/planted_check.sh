#!/usr/bin/env bash
# planted_check.sh: `make check` must catch a planted kernel bug and name the
# syscall and the task.  In a throwaway clone sharing this tree's cached
# Debian builds, plant one bug at a time in the kernel and run
# `make kernel-check ARCH=x86_64 TEST="sys_getpid <test> bb_echo"`: it must
# fail, and the test's TAP line must name the syscall, the task and the class
# given below.  The test runs between two others, in one batch boot with warm
# restarts (harness/PROTOCOL.md, "Batches"): the verdict must be the one its
# boot alone gives, which the harness re-runs it for.
# PLANTS=glob runs only the plants whose test matches (all by default).
set -euo pipefail
main=$(git rev-parse --show-toplevel)
tmp=$main/build/planted-check
fail() { echo "planted_check: FAIL: $*" >&2; exit 1; }

. "$main/ci/tests/lib.sh"
repo=$(throwaway_clone "$main" "$tmp")

# plant FILE SED TEST WANT: apply SED to FILE, run the check on TEST, expect WANT in its TAP line.
plant() {
	local file=$1 sed=$2 test=$3 want=$4 out=$tmp/$3.out line
	# shellcheck disable=SC2254
	case $test in ${PLANTS:-*}) ;; *) return 0 ;; esac
	git -C "$repo" checkout -q -- kernel
	sed -i "$sed" "$repo/$file"
	git -C "$repo" diff --quiet -- "$file" && fail "the plant in $file did not apply: update this test"
	if make -C "$repo" --no-print-directory kernel-check ARCH=x86_64 TEST="sys_getpid $test bb_echo" \
		>"$out" 2>&1; then
		cat "$out"
		fail "make check passed with the bug planted in $file"
	fi
	line=$(grep "^not ok .* x86_64 $test:" "$out") || { cat "$out"; fail "no 'not ok' line for $test"; }
	grep -q "in one boot" "$out" || { cat "$out"; fail "no test of '$test' ran in a batch boot"; }
	case $line in
	*"$want"*) echo "planted_check: ok: $line" ;;
	*) fail "the line does not name '$want': $line" ;;
	esac
}

# wait4 reports the raw exit code instead of Linux's encoding (code << 8)
plant kernel/core/exit.c 's/int st = c->exit_status, cpid = c->pid;/int st = c->exit_status >> 8, cpid = c->pid;/' \
	fork "arg in wait4 (task 1)"
# clone3 starts the child at `stack` instead of stack + stack_size (seed 001)
plant kernel/core/clone.c 's/req.stack = a.stack ? a.stack + a.stack_size : 0;/req.stack = a.stack ? a.stack : 0;/' \
	clone3_vm_stack "signal in SIGSEGV (task 1.1)"
# issue 10, class 1: a call's result outranks its arguments
# clone3 rejects a valid call (CLONE_VM): not "argument stack differs"
plant kernel/core/clone.c 's/if (a.flags \& CLONE_INTO_CGROUP)/if (a.flags \& (CLONE_INTO_CGROUP | CLONE_VM))/' \
	clone3_vm_stack "result in clone3 (task 1)"
# wait4's row gone: ENOSYS, its arguments printed raw (not "argument pid differs")
plant kernel/core/syscall.c 's/|| !syscall_table\[nr\].fn)/|| !syscall_table[nr].fn || nr == __NR_wait4)/' \
	fork "enosys in wait4 (task 1)"
# issue 10, class 6: the creating call outranks the created task
# clone3 accepts exit_signal 65: the clone3 line, not the extra child
plant kernel/core/clone.c 's/|| a->exit_signal > NSIG)/|| a->exit_signal > NSIG + 1)/' \
	clone3_einval "result in clone3 (task 1)"
# issue 10, class 5: signals carry their siginfo
# every fault says SEGV_MAPERR: the SIGSEGV line, not the write of the test's message
plant kernel/core/vm.c 's/^\t\*code = SEGV_ACCERR;/\t*code = SEGV_MAPERR;/' \
	robust_signals "signal in SIGSEGV (task 1)"
# issue 10, class 2: address relations are compared
# mmap's gap search overlaps the mapping above by a page: the mmap, not a fault later
plant kernel/core/vm.c 's/best = gap_end - len;/best = gap_end - len + PAGE_SIZE;/' \
	robust_oom "retval in mmap (task 1.1)"
# issue 10, class 7: a panic names the call and task it happened in
# uname writes to the user pointer with memcpy: robust_garbage's uname(0x1) faults in the kernel
plant kernel/core/sys_misc.c 's/return copy_to_user(buf, &u, sizeof(u));/memcpy((void *)buf, \&u, sizeof(u)); return 0;/' \
	robust_garbage "panic in uname (task 1)"
# ... and its backtrace starts at the faulting frame (memcpy), then the caller
case ${PLANTS:-*} in *robust_garbage*|'*')
	grep -q '#0 0x[0-9a-f]* memcpy+' "$repo/build/reports/x86_64/robust_garbage.txt" &&
		grep -q '#1 0x[0-9a-f]* do_sys_uname+' "$repo/build/reports/x86_64/robust_garbage.txt" ||
		{ cat "$repo/build/reports/x86_64/robust_garbage.txt"; fail "the panic's backtrace does not start at memcpy, do_sys_uname"; }
	echo "planted_check: ok: the panic's backtrace starts at memcpy, then do_sys_uname" ;;
esac
rm -rf "$tmp"
