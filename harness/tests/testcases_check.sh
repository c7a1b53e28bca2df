#!/usr/bin/env bash
# testcases_check.sh TESTMETA FILE...: every committed testcase has valid
# metadata, every test states what its output must contain (@expect) unless it
# is a helper, and test names are unique across .c and .sh.
set -euo pipefail
tm=$1
shift
"$tm" check "$@"
fail=0
for f in "$@"; do
	if [ "$("$tm" get helper "$f")" = no ] && [ -z "$("$tm" get expect "$f")" ]; then
		echo "testcases_check: $f: no @expect line: say what the test must print" >&2
		fail=1
	fi
done
dups=$(for f in "$@"; do "$tm" get name "$f"; done | sort | uniq -d)
if [ -n "$dups" ]; then
	echo "testcases_check: test names used twice: $dups" >&2
	fail=1
fi
[ $fail = 0 ] && echo "testcases_check: $# testcase files ok"
exit $fail
