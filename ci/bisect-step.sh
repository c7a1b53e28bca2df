#!/usr/bin/env bash
# bisect-step.sh MAIN ARCH TEST TARGET WANT LOGDIR: one step of `git bisect
# run`, in the worktree (cwd) checked out at the commit under test.
#   - builds the kernel and the tests of this commit (the Debian caches are
#     shared, see ci/worktree.sh); a commit that does not build: skip (125);
#   - boots TEST with MAIN's harness and compares it with MAIN's golden and
#     tracediff, so every commit is judged by the same rules;
#   - prints the divergence signature (task syscall class, ci/signature.py):
#     the signature in the file WANT: bad (1); no divergence or another
#     one: good (0); no report (did not boot, trace unparsable): skip (125).
# With WANT = "-" it only prints the signature (used for BAD itself).
# Whatever goes wrong inside maps to a verdict: it never exits with a code
# that would abort the bisection.
set -u
main=$1 arch=$2 test=$3 target=$4 want=$5 logdir=$6
rev=$(git rev-parse --short HEAD)
log=$logdir/$rev.log
mkdir -p "$logdir"

step() {
	if ! make --no-print-directory kernel testcases ARCH="$arch" >"$log" 2>&1; then
		echo "bisect-step: $rev: does not build (see $log): skip"
		return 125
	fi
	TDIFF_TOP=$PWD "$main/build/host/harness" check --target "$target" --arch "$arch" -j 1 \
		--golden "$main/golden/$arch" --reports "$logdir/$rev" \
		--tracediff "$main/build/host/tracediff" "$test" >>"$log" 2>&1
	local json=$logdir/$rev/$arch/$test.json sig
	if ! sig=$(python3 "$main/ci/signature.py" "$json" 2>>"$log"); then
		echo "bisect-step: $rev: no report for $test (see $log): skip"
		return 125
	fi
	echo "$sig" >"$logdir/$rev.sig"
	case $sig in
	error*)
		echo "bisect-step: $rev: $sig: skip"
		return 125 ;;
	esac
	if [ "$want" = - ]; then
		echo "$sig"
		return 0
	fi
	if [ "$sig" = "$(cat "$want")" ]; then
		echo "bisect-step: $rev: $sig: bad"
		return 1
	fi
	echo "bisect-step: $rev: $sig: good (not the divergence hunted)"
	return 0
}

step
rc=$?
case $rc in 0 | 1 | 125) exit $rc ;; *) echo "bisect-step: $rev: step failed ($rc): skip"; exit 125 ;; esac
