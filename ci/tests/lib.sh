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

# ext_named REPO TEST ARCH WANT OUT: kernel-ext-check of TEST on ARCH in the
# clone REPO must fail (its output in OUT) with a 'not ok' line that holds
# WANT.  Prints that line; on anything else, prints why on stderr and
# returns 1 (the caller fails with its own name).
ext_named() {
	local repo=$1 t=$2 arch=$3 want=$4 out=$5 line
	if make -C "$repo" --no-print-directory kernel-ext-check CHECK_ARCHES="$arch" TEST="$t" >"$out" 2>&1; then
		cat "$out" >&2
		echo "kernel-ext-check passed with the plant in $t" >&2
		return 1
	fi
	line=$(grep "^not ok .* $arch $t" "$out") || { cat "$out" >&2; echo "no 'not ok' line for $t" >&2; return 1; }
	case $line in
	*"$want"*) echo "$line" ;;
	*) echo "the line does not name '$want': $line" >&2; return 1 ;;
	esac
}
