#!/usr/bin/env bash
# bisect.sh GOOD BAD TEST ARCH [TARGET]: find the commit between GOOD and BAD
# where TEST on ARCH starts to diverge from golden the way it does at BAD.
# Runs `git bisect run` with ci/bisect-step.sh in a separate worktree
# (build/bisect/wt): the user's checkout, index and bisect state are never
# touched.  Ends by printing the first bad commit and its divergence report.
# Exit: 0 found, 1 nothing to bisect or not found, 2 usage or setup error.
set -euo pipefail
[ $# -ge 4 ] || { echo "usage: bisect.sh GOOD BAD TEST ARCH [TARGET]" >&2; exit 2; }
good=$1 bad=$2 test=$3 arch=$4 target=${5:-kernel}
main=$(git rev-parse --show-toplevel)
work=$main/build/bisect
wt=$work/wt
fail() { echo "bisect: error: $*" >&2; exit 2; }
for r in "$good" "$bad"; do
	git -C "$main" rev-parse --verify -q "$r^{commit}" >/dev/null || fail "'$r' is not a commit"
done
git -C "$main" merge-base --is-ancestor "$good" "$bad" || fail "GOOD ($good) is not an ancestor of BAD ($bad)"
targetfile=$main/harness/targets/$target.target
[ -f "$targetfile" ] || fail "no target '$target' ($targetfile)"

make -C "$main" --no-print-directory harness tracediff >/dev/null || fail "cannot build the harness and tracediff"
rm -rf "$work/logs"
mkdir -p "$work/logs"
bash "$main/ci/worktree.sh" "$main" "$wt" "$bad"
cleanup() {
	git -C "$wt" bisect reset >/dev/null 2>&1 || true
	git -C "$main" worktree remove --force "$wt" >/dev/null 2>&1 || true
	git -C "$main" worktree prune
}
trap cleanup EXIT

step=(bash "$main/ci/bisect-step.sh" "$main" "$arch" "$test" "$targetfile")
echo "bisect: the divergence of $test on $arch at BAD ($(git -C "$main" rev-parse --short "$bad")):"
sig=$(cd "$wt" && "${step[@]}" - "$work/logs" | tail -n 1) || true
case $sig in
equivalent | "" | error* | *skip*)
	echo "bisect: BAD shows no divergence that can be hunted ($sig): nothing to bisect" >&2
	exit 1 ;;
esac
echo "  $sig"
echo "$sig" >"$work/signature"

(cd "$wt" && git bisect start "$bad" "$good" &&
	git bisect run "${step[@]}" "$work/signature" "$work/logs") >"$work/bisect.log" 2>&1 || true
grep "^bisect-step:" "$work/bisect.log" | sed "s/^/  /" || true
culprit=$(git -C "$wt" rev-parse -q --verify refs/bisect/bad 2>/dev/null || true)
if ! grep -q 'is the first bad commit' "$work/bisect.log" || [ -z "$culprit" ]; then
	echo "bisect: no single first bad commit (see $work/bisect.log)" >&2
	exit 1
fi
short=$(git -C "$main" rev-parse --short "$culprit")
echo "bisect: first bad commit: $(git -C "$main" log -1 --format='%h %s' "$culprit")"
echo "$culprit" >"$work/culprit"
report=$work/logs/$short/$arch/$test.txt
if [ -f "$report" ]; then
	echo "bisect: its divergence report ($report):"
	sed 's/^/  /' "$report"
fi
exit 0
