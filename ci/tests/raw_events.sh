#!/usr/bin/env bash
# ci/tests/raw_events.sh BUILD: batch-split.py --raw on the run files of a
# real batch boot of golden's Linux with tdiff.raw=ftrace (fork, then
# sigaction_restart; harness/linux/tests/raw-events/, recorded on x86_64):
# the .raw it writes from the raw_syscalls events must not diverge from the
# committed golden .raw (made by second runs under raw strace) at tracediff's
# raw level, and must take its values from the events (an event changed
# there shows), and a run whose events do not fit its trace must fail
# (an event missing, an unreadable event line; events are in the init's
# short form, "E <pid> <nr> <args>" and "X <pid> <nr> <ret>"); a raw-lost run must take
# the second run under strace that follows it.  No QEMU: make raw-events-check.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
td=$build/host/tracediff
fix=$top/harness/linux/tests/raw-events
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$td" ] || { echo "raw_events: FAIL: $td missing (make tracediff)" >&2; exit 1; }
fail=0
bad() { echo "raw_events: FAIL: $*" >&2; fail=1; }

# split TRACE_FILE: batch-split's verdicts for the fixture's two tests, with
# TRACE_FILE as the boot's trace; the .raw files in $tmp/out/<test>/
split() {
	rm -rf "$tmp/run" "$tmp/out" && mkdir -p "$tmp/run"
	cp "$fix/fork.console" "$fix/fork.meta" "$tmp/run/"
	cp "$1" "$tmp/run/fork.trace"
	TDIFF_TOP=$top python3 "$top/harness/linux/batch-split.py" --raw "$tmp/run" fork \
		"$tmp/out/{test}" "strace: " true fork sigaction_restart
}

# 1. as recorded: both done, both equal to golden at the raw level
got=$(split "$fix/fork.trace")
[ "$got" = "$(printf 'done fork\ndone sigaction_restart')" ] || bad "the recorded boot: $got"
for t in fork sigaction_restart; do
	"$td" --level raw -q "$top/golden/x86_64/$t.raw" "$tmp/out/$t/$t.raw" ||
		bad "$t: the .raw from events diverges from golden/x86_64/$t.raw"
	grep -q '^raw: the raw_syscalls events' "$tmp/out/$t/$t.meta" || bad "$t: its .meta does not say raw: events"
done
grep -q '^304   exit_group(0x2a) *= ?$' "$tmp/out/fork/fork.raw" || bad "fork: no exit_group(0x2a) line in its .raw"

# 2. the values are the events': the child's exit_group argument 0x2a made
# 0x2b in its event must show as a divergence
sed '/raw-ftrace fork/,/raw-exit/ s/^E 304 231 2a,/E 304 231 2b,/' "$fix/fork.trace" >"$tmp/t1"
cmp -s "$tmp/t1" "$fix/fork.trace" && bad "fixture: no exit_group event of task 304 to change"
split "$tmp/t1" >/dev/null
"$td" --level raw -q "$top/golden/x86_64/fork.raw" "$tmp/out/fork/fork.raw" &&
	bad "fork: an exit_group event changed to 0x2b still matches golden"

# 3. an event missing (the child's write returns nothing): fork fails, the next test does not
awk '/raw-ftrace fork/ {in_f = 1} /raw-exit/ {in_f = 0}
     in_f && /^X 304 1 / && !done {done = 1; next} {print}' "$fix/fork.trace" >"$tmp/t2"
got=$(split "$tmp/t2")
case $got in
"failed fork its raw_syscalls events do not fit its trace: task 304: "*$'\n'"done sigaction_restart") ;;
*) bad "an event missing: $got" ;;
esac

# 4. an event line that does not parse fails with its line
sed '/raw-ftrace fork/,/raw-exit/ s/^X 304 1 .*/X 304 1/' "$fix/fork.trace" >"$tmp/t3"
got=$(split "$tmp/t3")
case $got in
"failed fork its raw_syscalls events do not fit its trace: raw_syscalls line "*"does not parse"*) ;;
*) bad "an unreadable event line: $got" ;;
esac

# 5. raw-lost: the second run under raw strace that follows is the .raw
# (here golden's own lines stand for that run)
awk -v raw="$top/golden/x86_64/fork.raw" '
	/^#tdiff raw-ftrace fork$/ {print; print "#tdiff raw-lost fork"; print "#tdiff raw-start fork"
		while ((getline l < raw) > 0) if (l !~ /^#/) print l
		skip = 1; next}
	skip && /^#tdiff raw-exit / {skip = 0}
	!skip {print}' "$fix/fork.trace" >"$tmp/t4"
split "$tmp/t4" >/dev/null
diff <(grep -v '^#' "$top/golden/x86_64/fork.raw") <(grep -v '^#' "$tmp/out/fork/fork.raw") >/dev/null ||
	bad "raw-lost: the .raw is not the strace run that followed"
grep -q '^raw: a second run' "$tmp/out/fork/fork.meta" || bad "raw-lost: its .meta does not say raw: a second run"

[ $fail = 0 ] && echo "raw_events: ok (events made .raw equal to golden; a changed, missing or unreadable event and raw-lost all caught)"
exit $fail
