#!/usr/bin/env bash
# bisect_test.sh: `make bisect` must name the commit that planted a regression.
# Builds a throwaway clone of this repository, adds N commits on top of its
# HEAD (harmless edits), the K-th of which makes wait4 report the raw exit
# code instead of Linux's encoding (status << 8), then runs
#   make bisect GOOD=<clone's HEAD> BAD=<last commit> TEST=fork ARCH=x86_64
# in the clone and checks that it names commit K and that the signature is
# the wait4 of task 1.  The clone shares this tree's cached Debian builds.
set -euo pipefail
N=${N:-6}
K=${K:-4}
main=$(git rev-parse --show-toplevel)
tmp=$main/build/bisect-test
fail() { echo "bisect_test: FAIL: $*" >&2; exit 1; }

. "$main/ci/tests/lib.sh"
repo=$(throwaway_clone "$main" "$tmp")

good=$(git -C "$repo" rev-parse HEAD)
planted=
for i in $(seq 1 "$N"); do
	if [ "$i" = "$K" ]; then
		# the planted bug: wait4 stores the raw exit code
		sed -i 's/int st = c->exit_status, cpid = c->pid;/int st = c->exit_status >> 8, cpid = c->pid;/' \
			"$repo/kernel/core/exit.c"
		git -C "$repo" diff --quiet && fail "the plant did not apply: kernel/core/exit.c changed, update this test"
		git -C "$repo" commit -qam "commit $i: wait4 status (planted regression)"
		planted=$(git -C "$repo" rev-parse HEAD)
	else
		echo "bisect-test step $i" >>"$repo/kernel/README.md"
		git -C "$repo" commit -qam "commit $i: harmless"
	fi
done
bad=$(git -C "$repo" rev-parse HEAD)

out=$tmp/bisect.out
make -C "$repo" --no-print-directory bisect GOOD="$good" BAD="$bad" TEST=fork ARCH=x86_64 >"$out" 2>&1 ||
	{ cat "$out"; fail "make bisect failed"; }
cat "$out"
named=$(sed -n 's/^bisect: first bad commit: \([0-9a-f]*\) .*/\1/p' "$out")
[ -n "$named" ] || fail "bisect named no commit"
[ "$(git -C "$repo" rev-parse "$named")" = "$planted" ] ||
	fail "bisect named $named, the regression is $(git -C "$repo" rev-parse --short "$planted") (commit $K of $N)"
grep -q '^  1 wait4 ' "$out" || fail "the hunted signature is not the wait4 of task 1"
[ "$(git -C "$repo" worktree list | wc -l)" = 1 ] || fail "bisect left its worktree behind"
[ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] || fail "bisect touched the clone's checkout"
echo "bisect_test: ok: commit $K of $N ($(git -C "$repo" rev-parse --short "$planted")) named"
rm -rf "$tmp"
