#!/bin/bash
# ci/tests/deps_test.sh: the cached musl and busybox builds of ci/deps.sh
#   - a sysroot copied elsewhere links against its own files, never the
#     checkout that built it (musl-gcc and its specs are relocatable);
#   - a stamp covers the content: a truncated libc.a or busybox, or a file
#     added to the sysroot, is not "done".
# Usage: bash ci/tests/deps_test.sh [BUILD_DIR]   (after make deps)
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
B=$(cd "${1:-$TOP/build}" && pwd)
tmp=$(mktemp -d /tmp/deps_test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fails=0
t_ok()   { echo "ok - $1"; }
t_fail() { echo "not ok - $1"; fails=$((fails + 1)); }

# shellcheck source=ci/deps.sh
source "$TOP/ci/deps.sh"
set +e +o pipefail

for arch in x86_64 riscv64; do
	sr=$B/$arch/sysroot
	[ -f "$sr/.stamp" ] || { t_fail "$arch: no sysroot (run make deps)"; continue; }
	key=$(cat "$sr/.stamp")
	if stamp_ok "$sr/.stamp" "$key"; then t_ok "$arch: the sysroot's stamp and content agree"; else
		t_fail "$arch: the built sysroot does not pass its own stamp (run make deps)"; fi
	if grep -q "/sysroot/" "$sr/bin/musl-gcc" "$sr/lib/musl-gcc.specs"; then
		t_fail "$arch: musl-gcc or its specs name a sysroot by its absolute path"
	else
		t_ok "$arch: musl-gcc and its specs name no absolute path of the checkout"
	fi

	# a copy, moved: it links against the copy's crt and libc only
	cp -a "$sr" "$tmp/sr-$arch"
	mv "$tmp/sr-$arch" "$tmp/moved-$arch"
	printf '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n' >"$tmp/h.c"
	"$tmp/moved-$arch/bin/musl-gcc" -static -o "$tmp/h-$arch" "$tmp/h.c" -Wl,--trace >"$tmp/ld-$arch" 2>&1
	if [ $? = 0 ] && grep -q "$tmp/moved-$arch/lib/libc.a" "$tmp/ld-$arch" &&
	   ! grep -q "$sr" "$tmp/ld-$arch"; then
		t_ok "$arch: a moved sysroot links against its own libc.a"
	else
		t_fail "$arch: a moved sysroot: $(grep -m3 "libc\|crt\|error" "$tmp/ld-$arch")"
	fi

	# a truncated libc.a, or a stray file, is not done
	truncate -s 4096 "$tmp/moved-$arch/lib/libc.a"
	if stamp_ok "$tmp/moved-$arch/.stamp" "$key"; then t_fail "$arch: a truncated libc.a passes the stamp"; else
		t_ok "$arch: a truncated libc.a fails the stamp (make deps rebuilds it)"; fi
	cp -a "$sr" "$tmp/stray-$arch"
	echo '#define X 1' >"$tmp/stray-$arch/include/stray.h"
	if stamp_ok "$tmp/stray-$arch/.stamp" "$key"; then t_fail "$arch: a stray header passes the stamp"; else
		t_ok "$arch: a file the stamp does not know fails it"; fi
	rm -rf "$tmp/moved-$arch" "$tmp/stray-$arch"

	bb=$B/$arch/busybox
	if [ -f "$bb/.stamp" ]; then
		cp -a "$bb" "$tmp/bb"
		truncate -s 1000 "$tmp/bb/busybox"
		if stamp_ok "$tmp/bb/.stamp" "$(cat "$bb/.stamp")"; then t_fail "$arch: a truncated busybox passes"; else
			t_ok "$arch: a truncated busybox fails the stamp"; fi
		rm -rf "$tmp/bb"
	fi
done
echo "deps_test: $fails failed"
[ $fails = 0 ]
