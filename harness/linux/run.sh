#!/usr/bin/env bash
# harness/linux/run.sh ARCH B TEST OUT [TIMEOUT]: one QEMU boot of Linux with
# the test rootfs + the guest init (B/linux/initrd.cpio), running TEST under
# strace.  Writes OUT/TEST.trace (the trace channel, #tdiff lines kept),
# OUT/TEST.out (the console between "#tdiff start" and "#tdiff exit", \r\n
# turned into \n) and OUT/TEST.meta; each as a .tmp file renamed at the end.
# The raw streams stay in OUT/TEST.{trace,console}.raw for debugging.
# Exit 0 when the run is complete (result: ok), 1 otherwise (hang, panic,
# garbage), with the reason on stderr.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

arch=${1:?usage: run.sh ARCH B TEST OUT [TIMEOUT]}
b=${2:?}; test=${3:?}; out=${4:?}; tmo=${5:-10}
BUILD_HOST=$(cd "$b/.." && pwd)/host
[ -x "$BUILD_HOST/harness" ] || linux_fail "run $arch/$test: $BUILD_HOST/harness is missing: run 'make harness'"
[ "$tmo" -ge 1 ] 2>/dev/null || linux_fail "run $arch/$test: timeout '$tmo' is not a number of seconds >= 1"
linux_arch_vars "$arch"
kernel=$b/linux/kernel/${KIMAGE##*/}
initrd=$b/linux/initrd.cpio
[ -f "$kernel" ] || linux_fail "run $arch/$test: no kernel at $kernel: run 'make linux ARCH=$arch'"
[ -f "$initrd" ] || linux_fail "run $arch/$test: no initrd at $initrd: run 'make linux-initrd ARCH=$arch'"
mkdir -p "$out"
traw=$out/$test.trace.raw
craw=$out/$test.console.raw
rm -f "$traw" "$craw" "$out/$test".{trace,out,meta}{,.tmp} "$out/$test.strace-notes"

# Same kernel command line on both arches: console on the first UART, quiet
# (only emergencies reach the console), fixed user address layout
# (norandmaps), reboot at once on a panic, our init, the test's name.
append="console=ttyS0 loglevel=1 norandmaps panic=-1 rdinit=/tdiff/init tdiff.test=$test"
case "$arch" in
  x86_64)
    # No vDSO: under TCG the TSC calibration fails on some boots (host load),
    # and musl's vDSO clock_gettime then falls back to the syscall on those
    # boots only.  Without a vDSO every boot makes the syscall, as on riscv64
    # (musl 1.2.3 has no vDSO there) and on a kernel without a vDSO.
    append="$append vdso=0"
    qemu=(qemu-system-x86_64 -M pc -cpu qemu64 -smp 1 -m 256M -no-reboot
          -display none -monitor none -nodefaults
          -chardev file,id=con,path="$craw" -serial chardev:con
          -chardev file,id=trc,path="$traw" -serial chardev:trc) ;;
  riscv64)
    qemu=(qemu-system-riscv64 -M virt -bios default -smp 1 -m 256M -no-reboot
          -display none -monitor none -nodefaults
          -chardev file,id=con,path="$craw" -serial chardev:con
          -device virtio-serial-device
          -chardev file,id=trc,path="$traw" -device virtconsole,chardev=trc) ;;
esac
# Deterministic virtual time: the clock advances with the instruction count
# (64 ns an instruction), idle time is skipped, the RTC starts at a fixed date.
# A single-CPU boot then runs the same way every time, so a race in a test
# (e.g. whether a child's SIGCHLD arrives before or during the parent's
# wait4, seen in sh_script) always goes the same way.  GOLDEN_ICOUNT=0 boots
# on the host's time instead, to see which tests are timing-dependent.
if [ "${GOLDEN_ICOUNT:-1}" != 0 ]; then
  qemu+=(-icount shift=6,sleep=off -rtc base=2000-01-01T00:00:00,clock=vm)
fi
qemu+=(-kernel "$kernel" -initrd "$initrd" -append "$append")

t0=$(date +%s.%N)
set +e
timeout --kill-after=5 "$tmo" "${qemu[@]}" </dev/null >"$out/$test.qemu.log" 2>&1
qrc=$?
set -e
t1=$(date +%s.%N)
wall=$(printf '%.2f' "$(echo "$t1 - $t0" | bc)")
touch "$traw" "$craw"

# classify: hang (timeout), panic, garbage (streams incomplete), ok
status=$(sed -n 's/^#tdiff exit //p' "$traw" | tail -n1)
result=ok; why=
if [ $qrc = 124 ] || [ $qrc = 137 ]; then
  result=hang; why="no power-off within ${tmo} s (QEMU killed)"
elif grep -aq 'Kernel panic' "$craw"; then
  result=panic; why="$(grep -a -m1 'Kernel panic' "$craw" | tr -d '\r')"
elif [ "$(head -n1 "$traw" | cut -d' ' -f1-3)" != "#tdiff boot linux" ] ||
     ! grep -aqx "#tdiff start $test" "$traw" || [ -z "$status" ] ||
     [ "$(tail -n1 "$traw")" != "#tdiff poweroff" ]; then
  result=garbage; why="the trace channel lacks a #tdiff boot/start/exit/poweroff line (QEMU exit $qrc)"
fi

cp "$traw" "$out/$test.trace.tmp"
# the test's output: cut from the console by the harness's own code (between
# "#tdiff start" and the last "#tdiff exit ", \r\n turned into \n).  strace's
# own warnings (e.g. "strace: umoven: short read" when a test hands write()
# a length past its mapping) reach the console, which strace shares with the
# test: they are not the test's output, and are kept in .strace-notes.
"$BUILD_HOST/harness" output "$craw" "$test" --noise 'strace:' >"$out/$test.out.tmp" ||
  linux_fail "run $arch/$test: cannot cut the output from $craw"
grep -a '^strace:' "$craw" | tr -d '\r' >"$out/$test.strace-notes" || true
[ -s "$out/$test.strace-notes" ] || rm -f "$out/$test.strace-notes"
{
  echo "target: linux"
  echo "arch: $arch"
  echo "test: $test"
  echo "result: $result"
  echo "exit: ${status:-none}"
  echo "wall: $wall"
  [ -f "$out/$test.strace-notes" ] && echo "strace-notes: $(wc -l <"$out/$test.strace-notes") line(s) strace wrote on the console, taken out of the output"
  printf 'command:'; for a in "${qemu[@]}"; do case "$a" in *' '*) printf " '%s'" "$a" ;; *) printf ' %s' "$a" ;; esac; done; echo
} >"$out/$test.meta.tmp"
for f in trace out meta; do mv "$out/$test.$f.tmp" "$out/$test.$f"; done
if [ "$result" != ok ]; then
  printf 'linux: run %s/%s: %s: %s\n' "$arch" "$test" "$result" "$why" >&2
  printf 'linux: run %s/%s: last console lines:\n' "$arch" "$test" >&2
  tail -n 15 "$craw" | tr -d '\r' | sed 's/^/    /' >&2
  exit 1
fi
