#!/usr/bin/env bash
# ci/deps-apt.sh: install the Debian packages the project needs and enable
# Debian's source packages (deb-src).  Idempotent: when every package is
# present and deb-src is on, it does nothing and returns in well under 1 s.
set -euo pipefail

# libc6-dev and libc6-dev-riscv64-cross: glibc's static libc.a, for the
# glibc builds of the C tests (NAME.glibc, testcases/README.md) and the
# guest init of the golden Linux.
PKGS=(
  build-essential make git file cpio xz-utils lz4 python3 bc flex bison libssl-dev
  e2fsprogs dosfstools mtools
  dpkg-dev devscripts
  qemu-system-x86 qemu-system-misc opensbi qemu-user qemu-user-static
  gcc-riscv64-linux-gnu binutils-riscv64-linux-gnu
  libc6-dev libc6-dev-riscv64-cross
  linux-libc-dev
  musl-tools musl-dev
  strace
  libseccomp-dev libelf-dev libdw-dev elfutils libcmocka-dev pkg-config
  bear clang libclang-rt-14-dev gdb-multiarch
)

step() { printf 'deps: %s\n' "$*" >&2; }
fail() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" != 0 ]; then
  SUDO=sudo
  command -v sudo >/dev/null || fail "not root and no sudo: run 'make deps' as root"
else
  SUDO=
fi

need_update=0
SRC=/etc/apt/sources.list.d/tdiff-debian-src.sources
if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  step "enabling Debian source packages in $SRC"
  $SUDO tee "$SRC" >/dev/null <<'SRCEOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRCEOF
  need_update=1
fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ] || [ $need_update = 1 ]; then
  step "apt-get update"
  $SUDO apt-get update -qq || fail "apt-get update failed: check the network and /etc/apt/sources.list*"
fi
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]}"
  log=$(mktemp /tmp/deps-apt.XXXXXX.log)
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    fail "apt-get install failed for: ${missing[*]} (full log: $log)"
  fi
  rm -f "$log"
fi
exit 0
