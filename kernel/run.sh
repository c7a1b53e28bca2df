#!/bin/sh
# kernel/run.sh: boot one test on the teaching kernel in QEMU.
#
#   kernel/run.sh ARCH TEST OUTDIR [TIMEOUT]      batch: writes OUTDIR/TEST.{trace,out,meta}
#   kernel/run.sh --interactive ARCH TEST OUTDIR  console on this terminal, trace to OUTDIR/TEST.trace;
#                                                 exits with the test's status
#   kernel/run.sh --debug ARCH TEST OUTDIR        QEMU halted with a gdb stub (-s -S), gdb attached
#                                                 and stopped at kmain (GDB_BATCH=1: print bt, quit)
# TDIFF_APPEND adds kernel command-line words (e.g. tdiff.trace=0).
#
# KERNEL (default build/ARCH/kernel/kernel.elf) and ROOTFS (default
# build/ARCH/rootfs.cpio) can be set in the environment.  Batch mode exits 0
# whenever it wrote the three files, whatever the test did; 2 on bad usage or
# missing inputs.  QEMU's own exit status is (kernel status << 1) | 1 on
# x86_64 (isa-debug-exit) and the kernel status itself on riscv64.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
mode=batch
case "${1:-}" in
--interactive) mode=interactive; shift ;;
--debug) mode=debug; shift ;;
esac

die() { printf 'run.sh: %s\n' "$*" >&2; exit 2; }

[ $# -ge 3 ] || die "usage: run.sh [--interactive|--debug] ARCH TEST OUTDIR [TIMEOUT]"
arch=$1 test=$2 outdir=$3 timeout=${4:-30}
kernel=${KERNEL:-$top/build/$arch/kernel/kernel.elf}
rootfs=${ROOTFS:-$top/build/$arch/rootfs.cpio}
append="tdiff.test=$test${TDIFF_APPEND:+ $TDIFF_APPEND}"

[ -f "$kernel" ] || die "$kernel: no kernel (make kernel ARCH=$arch)"
[ -f "$rootfs" ] || die "$rootfs: no initramfs (make testcases ARCH=$arch)"
case "$timeout" in ''|*[!0-9.]*) die "timeout '$timeout': not a number of seconds" ;; esac
mkdir -p "$outdir" || die "$outdir: cannot create"

# Per arch: the machine, how the trace channel is attached (trace_args, with
# TRACE standing for the file), and how QEMU's exit status encodes the test's.
case "$arch" in
x86_64)
	qemu=qemu-system-x86_64
	machine="-M pc -cpu qemu64 -smp 1 -m 256M -device isa-debug-exit,iobase=0xf4,iosize=0x04"
	# console COM1, trace COM2; isa-debug-exit: (status << 1) | 1
	trace_args="-serial file:TRACE"
	status_shift=1
	;;
riscv64)
	qemu=qemu-system-riscv64
	machine="-M virt -bios default -smp 1 -m 256M"
	# console on the UART, trace on a virtio console (port 0, hvc0);
	# sifive_test finisher / SBI reset: the status itself
	trace_args="-device virtio-serial-device -chardev file,id=trc,path=TRACE -device virtconsole,chardev=trc"
	status_shift=0
	;;
*) die "arch '$arch' is not supported by the kernel yet" ;;
esac
common="$machine -no-reboot -display none -monitor none -nodefaults -kernel $kernel -initrd $rootfs"

trace=$outdir/$test.trace
targs=$(printf '%s' "$trace_args" | sed "s|TRACE|$trace|")
case "$mode" in
interactive)
	$qemu $common -append "$append" -serial stdio $targs
	rc=$?
	# isa-debug-exit: QEMU returns (status << 1) | 1; give back the test's status
	[ "$status_shift" = 1 ] && [ $((rc & 1)) = 1 ] && rc=$((rc >> 1))
	echo "run.sh: trace in $trace" >&2
	exit $rc
	;;
debug)
	$qemu $common -append "$append" -serial "file:$outdir/$test.console" \
		$targs -s -S &
	qpid=$!
	# hbreak: the kernel's addresses are not mapped until boot.S turns paging on
	gdb-multiarch -q ${GDB_BATCH:+-batch} "$kernel" -ex 'target remote :1234' -ex 'hbreak kmain' \
		-ex 'continue' ${GDB_BATCH:+-ex bt -ex kill}
	kill "$qpid" 2>/dev/null
	wait "$qpid" 2>/dev/null
	exit 0
	;;
esac

raw=$outdir/$test.console
rm -f "$trace" "$raw"
cmd="$qemu $common -append '$append' -serial file:$raw $targs"
start=$(date +%s.%N)
timeout -k 2 "$timeout" $qemu $common -append "$append" -serial "file:$raw" $targs
qrc=$?
end=$(date +%s.%N)
wall=$(echo "$end - $start" | bc | sed 's/^\./0./')

[ -f "$trace" ] || : > "$trace"
[ -f "$raw" ] || : > "$raw"
# the test's output: after the console's "#tdiff start TEST" line, before the
# last "#tdiff exit " (which need not start a line), with \r\n back to \n
python3 - "$raw" "$outdir/$test.out" "$test" <<'PY'
import sys
body = open(sys.argv[1], 'rb').read()
start = b'#tdiff start ' + sys.argv[3].encode() + b'\r\n'
i = body.find(start)
body = body[i + len(start):] if i >= 0 else b''
j = body.rfind(b'#tdiff exit ')
if j >= 0:
    body = body[:j]
open(sys.argv[2], 'wb').write(body.replace(b'\r\n', b'\n'))
PY
rm -f "$raw"

exitline=$(sed -n 's/^#tdiff exit //p' "$trace" | tail -n 1)
if grep -q '^#tdiff panic' "$trace"; then
	result=panic
elif [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
	result=hang
elif [ -n "$exitline" ] && grep -q '^#tdiff poweroff' "$trace"; then
	result=ok
else
	result=garbage
fi
{
	echo "target: kernel"
	echo "arch: $arch"
	echo "test: $test"
	echo "result: $result"
	echo "exit: ${exitline:-none}"
	echo "wall: $wall"
	echo "qemu-status: $qrc"
	echo "kernel: $(basename "$kernel") $(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo "command: $cmd"
} > "$outdir/$test.meta"
exit 0
