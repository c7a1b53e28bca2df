#!/usr/bin/env bash
# record.sh: re-record the traces in compare/tests/data with the host's
# strace (6.1 on Debian 12).  Every trace comes from a real run of
# compare/tests/progs/tdprog.c (static, host gcc), whose behaviour is chosen
# by environment variables (see the top of tdprog.c); the "kernel" sides are
# made divergent with strace's fault injection or by those variables, never
# by editing text.  ppid-*.trace come from tests/progs/ppidprog.c,
# reuse-*.trace from tests/progs/reuseprog.c (as root: clone3's set_tid),
# prec-*.trace from tests/progs/precprog.c, condvar-*.trace from the
# testcase pthread_condvar (build/x86_64/tests, musl).
# Usage: record.sh PATH/TO/tdprog PATH/TO/ppidprog PATH/TO/reuseprog [NAME-GLOB
# [PATH/TO/precprog [PATH/TO/pthread_condvar]]] (make compare-fixtures); NAME-GLOB re-records only the
# matching traces.
set -euo pipefail

usage="usage: record.sh PATH/TO/tdprog PATH/TO/ppidprog PATH/TO/reuseprog [NAME-GLOB]"
prog=${1:?$usage}
pprog=${2:?$usage}
rprog=${3:?$usage}
only=${4:-*}
cprog=${5:-}
vprog=${6:-}
here=$(cd "$(dirname "$0")" && pwd)
data=$here/data
# a fixed path, so that execve's argument is the same in every recording
work=/tmp/tracediff-record
mkdir -p "$data" "$work"
cp "$prog" "$work/tdprog"
cp "$pprog" "$work/ppidprog"
cp "$rprog" "$work/reuseprog"

# run NAME [strace options...] -- [VAR=value...]: record one run.  Every run
# gets the same five variables (so envp has the same count, /* 5 vars */).
run() {
	local name=$1; shift
	# shellcheck disable=SC2254
	case $name in $only) ;; *) return 0 ;; esac
	local sopts=() envs=(TD_CRASH=0 TD_EXTRA=0 TD_EXIT=0 TD_MSG="child B" TD_HANG=0)
	while [ $# -gt 0 ] && [ "$1" != -- ]; do sopts+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	envs+=("$@")
	(cd "$work" && env -i "${envs[@]}" strace -f -s 4096 "${sopts[@]}" -o "$data/$name.trace" \
		./tdprog >"$data/$name.out" 2>&1) || true
	echo "record: $name.trace ($(wc -l <"$data/$name.trace") lines)"
}

run linux-a                                     # the golden run
run linux-b                                     # same program again: other pids, addresses, interleaving
run errno   -e inject=openat:error=EACCES       # openat ENOENT on Linux, EACCES here
run enosys  -e inject=clone3:error=ENOSYS       # clone3 "not implemented"
run extra   -- TD_EXTRA=1                       # task 1.1 makes one more call (getppid)
run segv    -- TD_CRASH=1                       # task 1.1 dies of SIGSEGV (NULL store)
run exit3   -- TD_EXIT=3                        # the parent exits with 3 instead of 0
run msg     -- TD_MSG="child X"                 # task 1.2 writes other text
run linux-s4 -s 4                               # strings cut at 4 bytes: traces agree ...
run msg-s4  -s 4 -- TD_MSG="child X"            # ... but the program output differs

# prun NAME SHELL-COMMAND: record ppidprog; the command runs in a bash that
# execs strace, so $$ in it is strace's pid: the root task's parent
prun() {
	local name=$1
	# shellcheck disable=SC2254
	case $name in $only) ;; *) return 0 ;; esac
	(cd "$work" && env -i bash -c "$2" >"$data/$name.out" 2>&1) || true
	echo "record: $name.trace ($(wc -l <"$data/$name.trace") lines)"
}

prun ppid-a "exec strace -f -o $data/ppid-a.trace ./ppidprog"       # root's parent: strace
prun ppid-b "exec strace -f -o $data/ppid-b.trace ./ppidprog"       # again: another strace pid
prun ppid-d "exec strace -D -f -o $data/ppid-d.trace ./ppidprog"    # -D: root's parent is the shell
# the child's second getppid answers the root's parent instead of the root
prun ppid-child "exec strace -f -e inject=getppid:retval=\$\$:when=2 -o $data/ppid-child.trace ./ppidprog"

# rrun NAME SAME: record reuseprog; SAME=1 gives its second child the
# first's pid (reused after reaping), 0 another pid
rrun() {
	local name=$1
	# shellcheck disable=SC2254
	case $name in $only) ;; *) return 0 ;; esac
	(cd "$work" && env -i TD_SAME="$2" strace -f -o "$data/$name.trace" ./reuseprog >"$data/$name.out" 2>&1) || true
	echo "record: $name.trace ($(wc -l <"$data/$name.trace") lines)"
}

rrun reuse-a 1                                  # the second child gets the first's pid
rrun reuse-b 0                                  # ... or the next one

# crun NAME [strace options...] [-- VAR=value]: record precprog (the
# precision classes); every run sets the same variables (envp's count stays);
# $wrap runs strace (setarch -R: no ASLR)
crun() {
	local name=$1; shift
	local sopts=() envs=(PREC_SAFLAG=0 PREC_FAULT=acc PREC_KILL=0 PREC_ORDER=fwd PREC_STATUS=0)
	while [ $# -gt 0 ] && [ "$1" != -- ]; do sopts+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	envs+=("$@")
	# shellcheck disable=SC2254
	case $name in $only) ;; *) return 0 ;; esac
	[ -n "$cprog" ] || { echo "record: $name: no precprog given" >&2; return 1; }
	cp "$cprog" "$work/precprog"
	# shellcheck disable=SC2086
	(cd "$work" && env -i "${envs[@]}" ${wrap:-} strace -f "${sopts[@]}" -o "$data/$name.trace" ./precprog \
		>"$data/$name.out" 2>&1) || true
	echo "record: $name.trace ($(wc -l <"$data/$name.trace") lines)"
}

crun prec-a                                     # the golden run
crun prec-b                                     # again: other pids and addresses
crun prec-einval -e inject=clone3:error=EINVAL  # clone3 rejects a valid call: no child
# openat not implemented, printed raw as a tracer without its decoder does
crun prec-raw -e raw=openat -e inject=openat:error=ENOSYS
crun prec-saflag -- PREC_SAFLAG=1               # another unnamed sa_flags bit
crun prec-rawumask -e raw=umask                 # umask(0x12) = 0x12 for umask(022) = 022
crun prec-umaskret -e raw=umask -e inject=umask:retval=7:when=1  # ... but 0x7 for 022
crun prec-noclone -e inject=clone:error=EINVAL  # clone refused: no task 1.2 (as golden: prec-a's 1.2 is extra)
crun prec-maperr -- PREC_FAULT=map              # the child's SIGSEGV has si_code SEGV_MAPERR, not ACCERR
crun prec-killed -- PREC_KILL=1                 # the reader is killed by SIGSEGV inside read
# a formatting difference (rt_sigaction printed raw) before an ENOSYS (umask)
crun prec-hidden -e raw=rt_sigaction -e inject=umask:error=ENOSYS
crun prec-rev -- PREC_ORDER=rev                 # the children end, and are reaped, the other way round
crun prec-status -- PREC_STATUS=1               # ... and the second exits 99
# a kernel handing out a live region again: without ASLR the first mmap's
# address is known from one run; the next run's second mmap returns it
case prec-samemap in $only)
	cp "$cprog" "$work/precprog"
	first=$(cd "$work" && env -i PREC_SAFLAG=0 PREC_FAULT=acc PREC_KILL=0 PREC_ORDER=fwd PREC_STATUS=0 \
		setarch -R strace -e trace=mmap \
		./precprog 2>&1 >/dev/null | sed -n '1s/.* = //p')
	wrap="setarch -R" crun prec-samemap -e inject=mmap:retval="$first":when=2
	;;
esac

# condvar-a, condvar-b: the testcase pthread_condvar (musl, static, x86_64)
# twice: which futex calls a producer and its consumers make is timing's, so
# the two runs' futex traffic differs; condvar-einval: each thread's second
# futex call fails with EINVAL (injected); the threads may then wait for ever,
# and strace stops them (SIGTERM) after 3 s.  condvar-hung.trace is one such
# run where they did hang and were killed, kept as recorded (timing decides
# whether a run hangs, so this recipe does not re-make it).
vrun() {
	local name=$1; shift
	# shellcheck disable=SC2254
	case $name in $only) ;; *) return 0 ;; esac
	[ -n "$vprog" ] || { echo "record: $name: no pthread_condvar given" >&2; return 1; }
	cp "$vprog" "$work/pthread_condvar"
	(cd "$work" && env -i timeout 3 strace -f "$@" -o "$data/$name.trace" ./pthread_condvar \
		>"$data/$name.out" 2>&1) || true
	for pid in $(awk '{print $1}' "$data/$name.trace" | sort -u); do
		[ "$(cat /proc/"$pid"/comm 2>/dev/null)" = pthread_condvar ] && kill -KILL "$pid" 2>/dev/null || true
	done
	echo "record: $name.trace ($(wc -l <"$data/$name.trace") lines)"
}

vrun condvar-a
vrun condvar-b
vrun condvar-einval -e inject=futex:error=EINVAL:when=2

case hang in $only) ;; *) exit 0 ;; esac
# hang: task 1.1 blocks for ever; strace is killed after 2 s, so the trace
# ends with tasks that never exited (what a hung kernel's trace looks like)
(cd "$work" && env -i TD_CRASH=0 TD_EXTRA=0 TD_EXIT=0 TD_MSG="child B" TD_HANG=1 \
	timeout -s KILL 2 strace -f -s 4096 -o "$data/hang.trace" ./tdprog >"$data/hang.out" 2>&1) || true
# the traced processes outlive strace: end them by the pids the trace names
for pid in $(awk '{print $1}' "$data/hang.trace" | sort -u); do
	[ "$(cat /proc/"$pid"/comm 2>/dev/null)" = tdprog ] && kill -KILL "$pid" 2>/dev/null || true
done
echo "record: hang.trace ($(wc -l <"$data/hang.trace") lines)"
