#!/usr/bin/env bash
# bench.sh BUILD "ARCHES": the numbers of `make bench`, measured in one run
# and printed as one table.
#   wall     one QEMU boot per test, boot to power-off, host seconds (-j 1), for
#            our kernel, for Linux (the golden target) and, as the floor, for
#            an empty kernel that powers off at once; and each kernel's tests
#            in batch boots (per test): Linux as golden records them, ours as
#            make check runs them (its target's batch:);
#   latency  null syscall (getppid) and fork+_exit+wait4 inside each kernel,
#            from testcases/bench_syscalls.c, tracing on and off; both targets
#            run with -icount (virtual time: 64 ns an instruction, see
#            harness/targets/*.target), so the two columns count the same thing;
#   exttrace bench_syscalls traced from outside through the gdbstub (kernel-ext,
#            linux-ext) against our tracer and strace: boot wall, host us a call;
#   differ   tracediff against GNU diff on two generated traces of 250k, 500k and
#            1M lines (linear?), and on 1M lines against the first 1,000 of the
#            other (a kernel that died early: alignment must give up fast).
#   suites   with BENCH_SUITES=1 (make bench SUITES=1): make check (builds
#            cached) and make golden-verify, host wall, against their goals
#            (about 60 s and 300 s, issue "speed and scale"); ~12 minutes more;
#            SUITES=check or SUITES=golden-verify: that one only.
# BENCH_TESTS (make bench TEST="a b"): the tests of the per-test rows (all by
# default: with the whole corpus they take most of the run).
# Ratios are kernel/linux (or tracediff/diff).  Speed is measured here and
# never asserted: nothing fails on a slow figure.
set -uo pipefail
BUILD=$1 ARCHES=$2
TOP=$(cd "$(dirname "$0")/../.." && pwd)
H=$BUILD/host/harness
OUT=$BUILD/bench
mkdir -p "$OUT"
rows=$OUT/rows.tsv
: >"$rows"
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$rows"; }

# meta_wall DIR TEST: the wall time the harness recorded for TEST.
meta_wall() { sed -n 's/^wall: //p' "$1/$2.meta" 2>/dev/null; }
# out_val DIR TEST KEY: KEY=value from the test's output.
out_val() { sed -n "s/^$3=//p" "$1/$2.out" 2>/dev/null; }

# median_wall DIR: the median wall time of the runs in DIR.
median_wall() {
	sed -n 's/^wall: //p' "$1"/*.meta 2>/dev/null | sort -n |
		awk '{v[NR] = $1} END {if (NR) printf "%.3f\n", (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2}'
}

# batch_row ARCH: golden's Linux boots: the per-test boots above against all
# tests in one boot (the recorder's batches, harness/linux/README.md), per test
batch_row() {
	local tests first rest n
	tests=$(ls "$OUT/$1/linux"/*.meta 2>/dev/null | xargs -n1 basename | sed 's/\.meta$//')
	n=$(echo "$tests" | wc -w)
	[ "$n" -gt 1 ] || return 0
	first=$(echo "$tests" | head -n1)
	rest=$(echo "$tests" | tail -n +2 | paste -sd,)
	"$H" run --target linux --arch "$1" -j 1 --out "$OUT/$1/linux-batch" --timeout-add 600 \
		--cmdline "tdiff.batch=$rest" "$first" >/dev/null 2>&1
	row "$1" "golden: Linux per test, batch | alone ($n tests)" \
		"$(meta_wall "$OUT/$1/linux-batch" "$first" | awk -v n="$n" '{printf "%.3f", $1 / n}')" \
		"$(median_wall "$OUT/$1/linux")" "-" "s"
}

# kernel_batch_row ARCH: our kernel's tests in batch boots (its target's
# batch:, warm restarts between tests, as make check runs them) against a
# boot each, per test: the batch parts' walls summed over the tests
kernel_batch_row() {
	local n
	n=$(ls "$OUT/$1/kernel"/*.meta 2>/dev/null | wc -l)
	[ "$n" -gt 1 ] || return 0
	rm -rf "$OUT/$1/kernel-batch"
	# shellcheck disable=SC2086
	"$H" run --target kernel --arch "$1" -j 1 --out "$OUT/$1/kernel-batch" ${BENCH_TESTS:-} >/dev/null 2>&1
	row "$1" "kernel per test, batch boots | alone ($n tests)" \
		"$(sed -n 's/^wall: //p' "$OUT/$1/kernel-batch"/*.meta | awk -v n="$n" '{s += $1} END {printf "%.3f", s / n}')" \
		"$(median_wall "$OUT/$1/kernel")" "-" "s"
}

# empty_floor ARCH [TARGET]: median of 5 boots of the empty kernel, in
# seconds (the harness boots it from harness/bench/empty.target, or TARGET;
# any test name will do).
empty_floor() {
	local i
	for i in 1 2 3 4 5; do
		"$H" run --target "${2:-$TOP/harness/bench/empty.target}" --arch "$1" -j 1 \
			--out "$OUT/$1/empty${2:+-same}" fork >/dev/null 2>&1
		meta_wall "$OUT/$1/empty${2:+-same}" fork
	done | sort -n | sed -n 3p | xargs printf '%.3f\n'
}

# same_machine_target: the kernel target's own QEMU lines (memory, -icount,
# the 45-70 MB initramfs, the serial files) with the empty kernel in place of
# ours: the floor of any kernel booted that way (QEMU loads the whole initrd
# before the first instruction).
same_machine_target() {
	local f=$OUT/empty-same.target
	{
		echo "name: empty-same"
		echo "description: the empty kernel on the kernel target's machine line (make bench)"
		sed -n 's|{B}/kernel/kernel\.elf|{top}/build/bench/empty-{arch}.elf|; /^qemu/p' "$TOP/harness/targets/kernel.target"
	} >"$f"
	echo "$f"
}

# ext_rows ARCH: the external tracer (trace: external, build/host/exttrace)
# against each kernel's own way: bench_syscalls's boot wall with our
# kernel's tracer / exttrace on it (kernel-ext), with strace / exttrace on
# Linux (linux-ext); and host microseconds per traced call: (wall traced -
# wall untraced) / the calls exttrace saw.  Virtual time does not move while
# the gdbstub holds the guest, so only host wall shows exttrace's cost.
ext_rows() {
	local arch=$1 t
	for t in kernel-ext linux-ext; do
		"$H" run --target "$t" --arch "$arch" --out "$OUT/$arch/lat-$t" bench_syscalls >/dev/null 2>&1
	done
	# the string arguments' share: the same run reading none
	EXTTRACE_NO_STRINGS=1 "$H" run --target kernel-ext --arch "$arch" --out "$OUT/$arch/lat-kernel-ext-nostr" \
		bench_syscalls >/dev/null 2>&1
	row "$arch" "bench_syscalls wall: own tracer | strace" \
		"$(meta_wall "$OUT/$arch/lat-kernel-on" bench_syscalls)" \
		"$(meta_wall "$OUT/$arch/lat-linux-on" bench_syscalls)" "-" "s"
	row "$arch" "bench_syscalls wall: exttrace" \
		"$(meta_wall "$OUT/$arch/lat-kernel-ext" bench_syscalls)" \
		"$(meta_wall "$OUT/$arch/lat-linux-ext" bench_syscalls)" "-" "s"
	for t in on ext; do
		local kv lv
		kv=$(per_call "$OUT/$arch/lat-kernel-$t" "$OUT/$arch/lat-kernel-off" "$OUT/$arch/lat-kernel-ext")
		lv=$(per_call "$OUT/$arch/lat-linux-$t" "$OUT/$arch/lat-linux-off" "$OUT/$arch/lat-linux-ext")
		row "$arch" "host us per call: $([ $t = on ] && echo 'own tracer | strace' || echo exttrace)" \
			"$kv" "$lv" "-" "us"
	done
	row "$arch" "host us per call: exttrace without strings" \
		"$(per_call "$OUT/$arch/lat-kernel-ext-nostr" "$OUT/$arch/lat-kernel-off" "$OUT/$arch/lat-kernel-ext-nostr")" \
		"-" "-" "us"
}

# per_call TRACED UNTRACED EXT: host us per call of bench_syscalls traced,
# over the calls exttrace counted (its stats line in EXT's log).
per_call() {
	local w off n
	w=$(meta_wall "$1" bench_syscalls) off=$(meta_wall "$2" bench_syscalls)
	n=$(sed -n 's/^exttrace: \([0-9]*\) calls.*/\1/p' "$3/bench_syscalls.log" 2>/dev/null)
	[ -n "$w" ] && [ -n "$off" ] && [ -n "$n" ] && [ "$n" -gt 0 ] || { echo n/a; return; }
	echo "scale=1; ($w - $off) * 1000000 / $n" | bc
}

for arch in $ARCHES; do
	echo "bench: $arch: empty kernel, per-test boots, latency programs" >&2
	floor=$(empty_floor "$arch")
	row "$arch" "boot: empty kernel (QEMU floor)" "-" "-" "$floor" "s"
	same=$(empty_floor "$arch" "$(same_machine_target)")
	row "$arch" "boot: empty kernel, kernel target's machine+initrd" "-" "-" "$same" "s"
	for target in kernel linux; do
		# one boot a test (--batch 1): the boot's own cost is what these rows show
		# shellcheck disable=SC2086
		"$H" run --target "$target" --arch "$arch" -j 1 --batch 1 --out "$OUT/$arch/$target" \
			${BENCH_TESTS:-} >/dev/null 2>&1
	done
	for meta in "$OUT/$arch/kernel"/*.meta; do
		t=$(basename "$meta" .meta)
		row "$arch" "boot+test: $t" "$(meta_wall "$OUT/$arch/kernel" "$t")" \
			"$(meta_wall "$OUT/$arch/linux" "$t")" "$floor" "s"
	done
	# the goal: a test's boot within 1.5x of the floor (ratio: kernel / floor)
	row "$arch" "boot+test: median of all / floor (goal 1.5x)" \
		"$(median_wall "$OUT/$arch/kernel")" "-" "$floor" "s"
	row "$arch" "boot+test: median of all / same-machine floor" \
		"$(median_wall "$OUT/$arch/kernel")" "-" "$same" "s"
	batch_row "$arch"
	kernel_batch_row "$arch"
	for tr in on off; do
		extra=""
		[ $tr = off ] && extra="tdiff.trace=0"
		for target in kernel linux; do
			"$H" run --target "$target" --arch "$arch" --cmdline "$extra" \
				--out "$OUT/$arch/lat-$target-$tr" bench_syscalls >/dev/null 2>&1
		done
		k=$OUT/$arch/lat-kernel-$tr l=$OUT/$arch/lat-linux-$tr
		row "$arch" "null syscall, tracing $tr" "$(out_val "$k" bench_syscalls null_syscall_ns)" \
			"$(out_val "$l" bench_syscalls null_syscall_ns)" "-" "ns"
		row "$arch" "fork+exit+wait, tracing $tr" "$(out_val "$k" bench_syscalls fork_exit_wait_us)" \
			"$(out_val "$l" bench_syscalls fork_exit_wait_us)" "-" "us"
	done
	echo "bench: $arch: bench_syscalls through exttrace (kernel-ext, linux-ext)" >&2
	ext_rows "$arch"
done

# tracediff against GNU diff on the same two files (compare/bench/gentrace
# makes them and measures each command: wall s, peak KB, status, cpu s).
gen=$BUILD/host/compare/gentrace
if [ -x "$gen" ]; then
	# linear: the same pair at 250k, 500k and 1M lines (the 1M rows are the goal)
	for n in 250000 500000 1000000; do
		echo "bench: tracediff vs GNU diff on $n-line traces" >&2
		"$gen" gen $n a "$OUT/a.trace" && "$gen" gen $n b "$OUT/b.trace"
		read -r ts tm _ _ < <("$gen" run "$BUILD/host/tracediff" "$OUT/a.trace" "$OUT/b.trace" -q \
			--no-siblings --arch x86_64 2>&1 >/dev/null)
		read -r ds dm _ _ < <("$gen" run diff "$OUT/a.trace" "$OUT/b.trace" 2>&1 >/dev/null)
		row "host" "differ: wall, $((n / 1000))k lines (tracediff | diff)" "$ts" "$ds" "-" "s"
		row "host" "differ: peak RSS, $((n / 1000))k lines (tracediff | diff)" "$((tm / 1024))" "$((dm / 1024))" "-" "MiB"
	done
	# a kernel that died early: 1M lines of golden against its first 1,000
	head -n 1000 "$OUT/b.trace" >"$OUT/cut.trace"
	read -r ts tm _ _ < <("$gen" run "$BUILD/host/tracediff" "$OUT/a.trace" "$OUT/cut.trace" -q \
		--no-siblings --arch x86_64 2>&1 >/dev/null)
	read -r ds dm _ _ < <("$gen" run diff "$OUT/a.trace" "$OUT/cut.trace" 2>&1 >/dev/null)
	row "host" "differ: wall, 1M lines against 1k (tracediff | diff)" "$ts" "$ds" "-" "s"
	rm -f "$OUT/a.trace" "$OUT/b.trace" "$OUT/cut.trace"
else
	echo "bench: $gen missing: run 'make bench-compare' once" >&2
fi

# the suites against their goals (BENCH_SUITES=1): host wall of one run each
suites=${BENCH_SUITES:-}
[ "$suites" = 1 ] && suites="check golden-verify"
[ "$suites" = 0 ] && suites=
if [ -n "$suites" ]; then
	for suite in $suites; do
		case $suite in check|golden-verify) ;; *) echo "bench: SUITES: '$suite' is not check or golden-verify" >&2; continue ;; esac
		echo "bench: make $suite" >&2
		t0=$(date +%s.%N)
		# the whole suite: not make bench's TEST= or ARCH= (they reach a sub-make
		# through MAKEFLAGS)
		if env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u TEST -u ARCH make --no-print-directory -C "$TOP" \
			"$suite" >"$OUT/suite-$suite.log" 2>&1; then st=ok; else st=FAILED; fi
		t=$(echo "$(date +%s.%N) - $t0" | bc)
		goal=60
		[ $suite = golden-verify ] && goal=300
		row "host" "suite: make $suite ($st; goal ${goal} s)" "$(printf '%.1f' "$t")" "-" "$goal" "s"
	done
fi

printf '\n%-8s %-44s %12s %12s %10s %8s  %s\n' arch measure "kernel" "linux" "floor" "ratio" unit
printf '%s\n' "$(printf '%.0s-' {1..104})"
while IFS=$'\t' read -r arch what k l f unit; do
	ratio=-
	if [[ $k =~ ^[0-9.]+$ && $l =~ ^[0-9.]+$ ]] && [ "$(echo "$l > 0" | bc)" = 1 ]; then
		ratio=$(printf '%.2fx' "$(echo "scale=4; $k / $l" | bc)")
	elif [[ $k =~ ^[0-9.]+$ && $f =~ ^[0-9.]+$ ]] && [ "$(echo "$f > 0" | bc)" = 1 ]; then
		ratio=$(printf '%.2fx' "$(echo "scale=4; $k / $f" | bc)")
	fi
	printf '%-8s %-44s %12s %12s %10s %8s  %s\n' "$arch" "$what" "${k:-n/a}" "${l:-n/a}" "$f" "$ratio" "$unit"
done <"$rows"
printf '\nkernel/linux columns: our kernel and Linux 6.1 in the same QEMU machine; for "differ" rows\n'
printf 'the columns are tracediff and GNU diff; for "golden" rows, Linux per test in one batch boot\n'
printf 'and in a boot of its own (median). Ratio: kernel/linux, or kernel/floor when linux is "-".\n'
printf 'Raw rows: %s\n' "$rows"
