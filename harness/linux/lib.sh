# harness/linux/lib.sh: helpers shared by the golden recorder's scripts.
# Sourced, never run.  Every message names the tool and the step:
#   linux: <step>: <reason>

# linux_step: print what is being done (stderr, so stdout stays for data)
linux_step() { printf 'linux: %s\n' "$*" >&2; }

# linux_fail: print a clear error naming the step and the fix, exit 1
linux_fail() { printf 'linux: error: %s\n' "$*" >&2; exit 1; }

# linux_arch_vars ARCH: set KARCH (Linux's ARCH=), CROSS, KIMAGE (image path
# in the object tree), TRIPLET (configure --host) for one of our arches
linux_arch_vars() {
  case "$1" in
    x86_64)  KARCH=x86_64; CROSS=;                   KIMAGE=arch/x86/boot/bzImage; TRIPLET=x86_64-linux-gnu ;;
    riscv64) KARCH=riscv;  CROSS=riscv64-linux-gnu-; KIMAGE=arch/riscv/boot/Image; TRIPLET=riscv64-linux-gnu ;;
    *) linux_fail "arch: '$1' is not supported; use x86_64 or riscv64" ;;
  esac
}

# linux_need_cc ARCH: fail with the fix when the compiler for ARCH is missing
linux_need_cc() {
  linux_arch_vars "$1"
  command -v "${CROSS}gcc" >/dev/null 2>&1 ||
    linux_fail "compiler: ${CROSS}gcc not found for $1: run 'make deps' (Debian package gcc-${TRIPLET%%-*}-linux-gnu)"
}

# linux_build_setup PKG ARCH BUILD [JOBS]: what building PKG (linux or
# strace) for ARCH starts with: set arch, build (absolute: make -C would read a
# relative O= from the source tree), jobs (default 2) and src (Debian's source
# tree of PKG, fetched once), after checking the compiler for ARCH
linux_build_setup() {
  local pkg=$1
  arch=${2:?usage: build-$pkg.sh ARCH BUILD [JOBS]}
  build=${3:?usage: build-$pkg.sh ARCH BUILD [JOBS]}
  mkdir -p "$build" && build=$(cd "$build" && pwd)
  jobs=${4:-2}
  linux_need_cc "$arch"
  linux_arch_vars "$arch"
  src=$("$here/fetch-src.sh" "$pkg" "$build")
}

# linux_stamp FILE...: the stamp of a build: the source tree's name, the
# named files (the script, its config) and the compiler's version
linux_stamp() {
  { basename "$src"; cat "$@"; "${CROSS}gcc" --version | head -n1; } | sha256sum | cut -c1-16
}

# linux_hash FILE...: one sha256 over the named files' contents
linux_hash() { cat "$@" | sha256sum | cut -c1-16; }
