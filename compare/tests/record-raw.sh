#!/usr/bin/env bash
# record-raw.sh: re-record compare/tests/data/raw, the raw-level fixtures,
# from real runs of compare/tests/progs/rawprog.c on the host (x86_64
# Linux): strace 6.1 as `strace -f -X raw -e raw=all` (the raw golden's
# syntax), and tests/progs/rawtrace.c, a ptrace tracer printing the
# "#tdiff sys" lines a kernel prints, behind a launcher shell that prints
# "#tdiff start" and "#tdiff exit" as the disk image's script does.
# The divergent sides come from rawprog's variables or strace's fault
# injection, never from editing text.
# Usage: record-raw.sh PATH/TO/rawprog PATH/TO/rawtrace (make compare-raw-fixtures)
set -euo pipefail

prog=${1:?usage: record-raw.sh PATH/TO/rawprog PATH/TO/rawtrace}
tracer=${2:?usage: record-raw.sh PATH/TO/rawprog PATH/TO/rawtrace}
here=$(cd "$(dirname "$0")" && pwd)
data=$here/data/raw
work=/tmp/tracediff-record-raw # a fixed path: execve's argument stays the same
mkdir -p "$data" "$work"
cp "$prog" "$work/rawprog"
cp "$tracer" "$work/rawtrace"
envs=(RP_OFLAGS=0 RP_PTR=0 RP_SKIP=0 RP_EXIT=0)

# srun NAME [strace options...] [-- VAR=value...]: strace -X raw
srun() {
	local name=$1; shift
	local sopts=() e=("${envs[@]}")
	while [ $# -gt 0 ] && [ "$1" != -- ]; do sopts+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	e+=("$@")
	(cd "$work" && env -i "${e[@]}" strace -f -X raw -e raw=all "${sopts[@]}" -o "$data/$name.raw" \
		./rawprog >/dev/null 2>&1) || true
	echo "record: $name.raw ($(wc -l <"$data/$name.raw") lines)"
}

# trun NAME [-S] [-- VAR=value...]: #tdiff sys lines behind a launcher
trun() {
	local name=$1; shift
	local topts=() e=("${envs[@]}")
	while [ $# -gt 0 ] && [ "$1" != -- ]; do topts+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	e+=("$@")
	(cd "$work" && env -i "${e[@]}" ./rawtrace "${topts[@]}" "$data/$name.sys" /bin/sh -c \
		'echo "#tdiff start rawprog"; ./rawprog; echo "#tdiff exit exited $?"' >/dev/null 2>&1) || true
	echo "record: $name.sys ($(wc -l <"$data/$name.sys") lines)"
}

srun golden                                   # the raw golden
srun golden-b                                 # again: other pids and addresses
srun errno -e inject=openat:error=EACCES:when=2  # /nonexistent-tdiff: EACCES, not ENOENT
srun oflags -- RP_OFLAGS=1                    # openat's flags differ
srun ptr -- RP_PTR=1                          # read's buffer differs: not a divergence
srun skip -- RP_SKIP=1                        # umask left out
srun exit3 -- RP_EXIT=3                       # the parent exits 3
trun kernel                                   # #tdiff sys lines, launcher first
trun kernel-nosig -S                          # ... without #tdiff signal lines
trun kernel-exit3 -- RP_EXIT=3                # ... the parent exits 3
# ftrace text in the format of Linux's tracefs (see rawtrace.c: until a
# Linux with CONFIG_FTRACE_SYSCALLS records the fixture, the format comes
# from include/trace/events/syscalls.h and kernel/trace/trace_output.c)
frun() {
	local name=$1; shift
	local e=("${envs[@]}" "$@")
	(cd "$work" && env -i "${e[@]}" ./rawtrace -F "$data/$name.ftrace-format" /bin/sh -c \
		'echo "#tdiff start rawprog"; ./rawprog; echo "#tdiff exit exited $?"' >/dev/null 2>&1) || true
	echo "record: $name.ftrace-format ($(wc -l <"$data/$name.ftrace-format") lines)"
}

frun ftrace                                   # ftrace text, launcher first
frun ftrace-oflags RP_OFLAGS=1                # ... openat's flags differ
