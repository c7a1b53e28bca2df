#!/bin/sh
# /tdiff_testcode.sh: the fixed script at the root of build/<arch>/rootfs.ext4
# and rootfs.fat32, for a kernel that cannot read its command line (contest
# style: the kernel runs `/bin/busybox sh /tdiff_testcode.sh` and powers off
# when it ends).  It does what harness/PROTOCOL.md asks of a kernel's init:
#   - the test's name is the first line of /tdiff/test (the harness writes
#     it into each test's copy of the image);
#   - `#tdiff start <name>` on the console, then /tests/<name> run with the
#     argv of /tests/<name>.argv (one word a line, line 1 the path), envp
#     exactly HOME=/ PATH=/bin:/tests TERM=linux (ash orders them HOME TERM
#     PATH: its variable table decides), cwd /, fds 0-2 as the shell got
#     them: the shell forks and the child execve()s the path, nothing in
#     between;
#   - `#tdiff exit exited <N>`, or `#tdiff exit killed <SIGNAME>` when the
#     shell reports a status above 128 (its 128+signal: sh cannot tell an
#     exit(130) from SIGINT, nor whether a core was dumped).
# Only busybox sh built-ins are used: a kernel need not run any other program.

cd / || exit 1
if ! IFS= read -r name </tdiff/test || [ -z "$name" ]; then
	# still one line, so the harness sees why: no start marker, no output
	echo "tdiff_testcode.sh: /tdiff/test is missing or empty: no test to run"
	exit 1
fi

# the test's environment, exactly: whatever the kernel gave this shell goes
vars=$(export -p)
while IFS= read -r line; do
	case $line in
	"export "*) v=${line#export }; v=${v%%=*} ;;
	*) continue ;;
	esac
	case $v in
	HOME | PATH | TERM | "") ;;
	*) unset "$v" 2>/dev/null ;;
	esac
done <<EOF
$vars
EOF
export HOME=/ PATH=/bin:/tests TERM=linux

set --
if [ -f "/tests/$name.argv" ]; then
	while IFS= read -r arg || [ -n "$arg" ]; do
		set -- "$@" "$arg"
	done <"/tests/$name.argv"
fi
[ $# -gt 0 ] || set -- "/tests/$name"

echo "#tdiff start $name"
# The shell reports a test killed by a signal ("Segmentation fault") on its
# own stderr: that goes to /dev/null, not into the test's output.  The
# subshell's exec is the fork's execve; its redirections give the test the
# console back as fd 2 and close fd 3.
exec 3>&2 2>/dev/null
(exec "$@" 2>&3 3>&-)
status=$?
exec 2>&3 3>&-
if [ "$status" -gt 128 ]; then
	echo "#tdiff exit killed SIG$(kill -l $((status - 128)))"
else
	echo "#tdiff exit exited $status"
fi
