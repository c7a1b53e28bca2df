#!/usr/bin/env bash
# worktree.sh MAIN DEST REV: a detached git worktree of MAIN at REV in DEST,
# with MAIN's cached builds of the Debian sources (musl, busybox, Linux,
# strace) shared into DEST/build, so that building a commit there costs only
# the kernel and the tests.  The caches are hard-linked copies: a commit
# that rebuilds one replaces its own copy and never touches MAIN's.
# The user's checkout (MAIN) is left as it is.
set -euo pipefail
main=$1 dest=$2 rev=$3
fail() { echo "worktree: error: $*" >&2; exit 1; }
git -C "$main" rev-parse --verify -q "$rev^{commit}" >/dev/null || fail "'$rev' is not a commit of $main"
if [ -e "$dest" ]; then
	git -C "$main" worktree remove --force "$dest" 2>/dev/null || rm -rf "$dest"
	git -C "$main" worktree prune
fi
git -C "$main" worktree add -q --detach "$dest" "$rev" || fail "git worktree add $dest $rev failed"
mkdir -p "$dest/build"
[ -d "$main/build/src" ] && ln -s "$main/build/src" "$dest/build/src"
for arch in x86_64 riscv64; do
	for cache in sysroot busybox linux strace; do
		if [ -d "$main/build/$arch/$cache" ]; then
			mkdir -p "$dest/build/$arch"
			cp -al "$main/build/$arch/$cache" "$dest/build/$arch/$cache"
		fi
	done
done
