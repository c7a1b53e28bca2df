#!/usr/bin/env bash
# ci/deps.sh: everything a bare Debian 12 machine needs, in order:
#   1. Debian packages and deb-src (ci/deps-apt.sh);
#   2. Debian's musl source, built for x86_64 and riscv64 into build/<arch>/sysroot,
#      with the Linux UAPI headers copied into its include path;
#   3. Debian's busybox source, built static against that musl for both arches
#      from one committed config (testcases/busybox.config) into build/<arch>/busybox/.
# Each result is built under a temporary name and renamed when complete, and
# carries a stamp of its inputs (.stamp) and of its content (.sums, the
# sha256 of every file): a second run checks both and does nothing, while a
# changed or truncated file (a cut libc.a) is rebuilt.  The sysroot is
# relocatable: musl-gcc finds its specs, headers and libraries from where it
# lies, so a copied or moved checkout links against its own musl.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
SRC=$BUILD/src
ARCHES=${DEPS_ARCHES:-"x86_64 riscv64"}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

step() { printf 'deps: %s\n' "$*" >&2; }
fail() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

cross_of() {
	case $1 in
	x86_64) echo "" ;;
	riscv64) echo "riscv64-linux-gnu-" ;;
	*) fail "unknown arch '$1' (use x86_64 or riscv64)" ;;
	esac
}

# uapi_dirs ARCH: where Debian keeps the Linux UAPI headers for ARCH.
uapi_dirs() {
	case $1 in
	x86_64) echo "/usr/include /usr/include/x86_64-linux-gnu" ;;
	riscv64) echo "/usr/riscv64-linux-gnu/include" ;;
	esac
}

# fetch_src PKG: unpack Debian's source package PKG (patches applied) into
# $SRC/PKG; prints the directory.  The version is recorded in $SRC/PKG/.version.
fetch_src() {
	local pkg=$1 dir=$SRC/$1
	if [ -f "$dir/.version" ]; then
		echo "$dir"
		return
	fi
	step "fetching Debian source package '$pkg' (apt-get source)"
	local tmp
	tmp=$(mktemp -d "$SRC/.fetch-$pkg.XXXXXX")
	(cd "$tmp" && apt-get source -qq --download-only "$pkg" >/dev/null 2>&1) ||
		fail "apt-get source $pkg failed: is deb-src enabled? run 'bash ci/deps-apt.sh' and check the network"
	local dsc
	dsc=$(ls "$tmp"/"$pkg"_*.dsc | head -n1)
	(cd "$tmp" && dpkg-source --no-check -x "$(basename "$dsc")" tree >/dev/null) ||
		fail "dpkg-source -x $dsc failed"
	basename "$dsc" .dsc | sed "s/^${pkg}_//" >"$tmp/tree/.version"
	rm -rf "$dir"
	mv "$tmp/tree" "$dir"
	rm -rf "$tmp"
	echo "$dir"
}

# stamp_ok FILE KEY: true when FILE holds exactly KEY and every file of its
# directory still has the content its .sums recorded.
stamp_ok() {
	local dir
	dir=$(dirname "$1")
	[ -f "$1" ] && [ "$(cat "$1")" = "$2" ] && [ -f "$dir/.sums" ] &&
		(cd "$dir" && sha256sum --quiet --strict -c .sums >/dev/null 2>&1) || return 1
	# no file that .sums does not know (a stray one would be used unchecked)
	[ "$(cd "$dir" && find . -type f ! -name .stamp ! -name .sums | wc -l)" = "$(wc -l <"$dir/.sums")" ]
}

# write_sums DIR: record the sha256 of every file under DIR in DIR/.sums.
write_sums() {
	(cd "$1" && find . -type f ! -name .stamp ! -name .sums -print0 | sort -z |
		xargs -0 sha256sum >.sums)
}

# relocate_sysroot DIR PREFIX CROSS: make the musl installed for PREFIX in DIR
# relocatable: the wrapper exports MUSL_SYSROOT (the directory above its
# own) and the specs name every path through %:getenv(MUSL_SYSROOT ...).
relocate_sysroot() {
	local dir=$1 prefix=$2 cross=$3
	{
		echo '#!/bin/sh'
		echo '# musl-gcc (relocatable, ci/deps.sh): the sysroot is the directory above this one'
		echo 'MUSL_SYSROOT=$(cd "$(dirname "$0")/.." && pwd) || exit 1'
		echo 'export MUSL_SYSROOT'
		echo 'exec "${REALGCC:-'"${cross}"'gcc}" "$@" -specs "$MUSL_SYSROOT/lib/musl-gcc.specs"'
	} >"$dir/bin/musl-gcc"
	sed -i "s|$prefix\(/[^ }]*\)|%:getenv(MUSL_SYSROOT \1)|g" "$dir/lib/musl-gcc.specs"
	! grep -q "$prefix" "$dir/lib/musl-gcc.specs" || fail "musl-gcc.specs still names $prefix"
}

# build_musl ARCH: musl from Debian's source into $BUILD/ARCH/sysroot.
build_musl() {
	local arch=$1 cross dest key src
	cross=$(cross_of "$arch")
	dest=$BUILD/$arch/sysroot
	src=$(fetch_src musl)
	key="musl $(cat "$src/.version") ${cross}gcc $("${cross}gcc" -dumpversion) recipe 4"
	if stamp_ok "$dest/.stamp" "$key"; then return; fi
	command -v "${cross}gcc" >/dev/null || fail "${cross}gcc not found: run 'make deps' (ci/deps-apt.sh installs it)"
	step "building musl $(cat "$src/.version") for $arch"
	local obj=$BUILD/$arch/.musl-obj stage=$BUILD/$arch/.sysroot-stage
	rm -rf "$obj" "$stage"
	mkdir -p "$obj"
	(cd "$obj" && CC="${cross}gcc" AR="${cross}ar" RANLIB="${cross}ranlib" "$src/configure" --prefix="$dest" --target="${arch}-linux-musl" \
		--disable-shared --enable-wrapper=gcc \
		CFLAGS="-O2 -g -ffile-prefix-map=$src=/usr/src/musl -ffile-prefix-map=$obj=/usr/src/musl" \
		>configure.log 2>&1) ||
		fail "musl configure for $arch failed: see $obj/configure.log"
	make -C "$obj" -j"$JOBS" >"$obj/build.log" 2>&1 ||
		fail "musl build for $arch failed: see $obj/build.log"
	make -C "$obj" install DESTDIR="$stage" >>"$obj/build.log" 2>&1 ||
		fail "musl install for $arch failed: see $obj/build.log"
	# The cross wrapper must call the cross compiler, not the host gcc; no
	# absolute path of this checkout stays in the wrapper or the specs.
	relocate_sysroot "$stage$dest" "$dest" "$cross"
	# Linux UAPI headers, so that tests can #include <linux/sched.h>.
	local d sub
	for d in $(uapi_dirs "$arch"); do
		for sub in linux asm asm-generic mtd; do
			[ -d "$d/$sub" ] && cp -r "$d/$sub" "$stage$dest/include/"
		done
	done
	[ -f "$stage$dest/include/linux/sched.h" ] && [ -f "$stage$dest/include/asm/unistd.h" ] ||
		fail "Linux UAPI headers for $arch not found in $(uapi_dirs "$arch") (packages linux-libc-dev, libc6-dev-riscv64-cross)"
	write_sums "$stage$dest"
	echo "$key" >"$stage$dest/.stamp"
	rm -rf "$dest"
	mv "$stage$dest" "$dest"
	rm -rf "$stage" "$obj"
}

# build_busybox ARCH: static busybox against our musl, from the committed config.
build_busybox() {
	local arch=$1 cross dest key src cfg=$TOP/testcases/busybox.config
	cross=$(cross_of "$arch")
	dest=$BUILD/$arch/busybox
	src=$(fetch_src busybox)
	[ -f "$cfg" ] || fail "missing $cfg"
	key="busybox $(cat "$src/.version") config $(sha256sum <"$cfg" | cut -c1-16) musl $(cat "$BUILD/$arch/sysroot/.stamp" | tr ' ' _) recipe 2"
	if stamp_ok "$dest/.stamp" "$key"; then return; fi
	step "building busybox $(cat "$src/.version") for $arch"
	local obj=$BUILD/$arch/.busybox-obj stage=$BUILD/$arch/.busybox-stage
	rm -rf "$obj" "$stage"
	mkdir -p "$obj" "$stage"
	cp "$cfg" "$obj/.config"
	# Reproducible: no build paths in the debug info, no build date in the
	# binary, so every checkout builds the same busybox (its size shows in
	# traces: a shell stats /bin/cat).
	local cc="$BUILD/$arch/sysroot/bin/musl-gcc -ffile-prefix-map=$src=/usr/src/busybox"
	cc="$cc -ffile-prefix-map=$obj=/usr/src/busybox"
	local mk=(env KCONFIG_NOTIMESTAMP=1 make -C "$src" O="$obj" CROSS_COMPILE="$cross" CC="$cc"
		HOSTCC=gcc ARCH="$([ "$arch" = x86_64 ] && echo x86_64 || echo riscv)")
	(set +o pipefail; yes '' | "${mk[@]}" oldconfig >"$obj/build.log" 2>&1) ||
		fail "busybox oldconfig for $arch failed: see $obj/build.log"
	# The committed config must already be complete: oldconfig may only change comments.
	if ! diff -q <(grep 'CONFIG_' "$cfg") <(grep 'CONFIG_' "$obj/.config") >/dev/null; then
		diff -u <(grep 'CONFIG_' "$cfg") <(grep 'CONFIG_' "$obj/.config") | head -20 >&2
		fail "testcases/busybox.config is not a complete config for busybox $(cat "$src/.version"): refresh it (see testcases/README.md)"
	fi
	"${mk[@]}" -j"$JOBS" busybox >>"$obj/build.log" 2>&1 ||
		fail "busybox build for $arch failed: see $obj/build.log"
	cp "$obj/busybox_unstripped" "$stage/busybox"
	write_sums "$stage"
	echo "$key" >"$stage/.stamp"
	rm -rf "$dest"
	mv "$stage" "$dest"
	rm -rf "$obj"
}

main() {
	bash "$TOP/ci/deps-apt.sh"
	mkdir -p "$SRC"
	local arch
	for arch in $ARCHES; do
		build_musl "$arch"
		build_busybox "$arch"
	done
	step "done ($ARCHES: sysroot and busybox under $BUILD/<arch>/)"
}

# sourced (ci/tests/deps_test.sh): the functions only
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	main "$@"
fi
