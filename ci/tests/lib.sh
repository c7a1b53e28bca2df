# ci/tests/lib.sh: shared by the end-to-end tests of ci/tests (sourced).
# throwaway_clone MAIN DIR: a clone of MAIN's HEAD in DIR/repo that shares
# MAIN's cached Debian builds (source tree, x86_64 musl and busybox), with a
# committer identity of its own.  Prints the clone's path.
throwaway_clone() {
	local main=$1 dir=$2 repo=$2/repo
	[ -f "$main/build/x86_64/sysroot/.stamp" ] || { echo "$0: FAIL: run 'make deps' first (no musl sysroot)" >&2; exit 1; }
	rm -rf "$dir"
	mkdir -p "$dir"
	git clone -q "$main" "$repo"
	git -C "$repo" config user.email tdiff-test@example.invalid
	git -C "$repo" config user.name tdiff-test
	mkdir -p "$repo/build/x86_64"
	ln -s "$main/build/src" "$repo/build/src"
	cp -al "$main/build/x86_64/sysroot" "$main/build/x86_64/busybox" "$repo/build/x86_64/"
	echo "$repo"
}
