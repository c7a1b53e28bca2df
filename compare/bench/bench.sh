#!/usr/bin/env bash
# bench.sh: tracediff against GNU diff on the same pairs of synthetic traces
# (made by gentrace: 10 tasks, other pids/addresses/interleaving on side b,
# one divergence at 99%), at three sizes to show linear growth; then
# fork trees of 40,000 children and 10,000 levels (gentrace wide, deep).
# Usage: bench.sh TRACEDIFF GENTRACE WORKDIR
set -euo pipefail
td=$1 gen=$2 dir=$3
mkdir -p "$dir"
command -v diff >/dev/null || { echo "bench: GNU diff not found" >&2; exit 2; }

printf '%-8s %6s | %-30s | %-30s | %-13s %6s\n' lines input "tracediff wall/cpu s, peak MB" "GNU diff wall/cpu s, peak MB" "diff/td wall,cpu" mem/in
for n in 250000 500000 1000000; do
	a=$dir/a-$n.trace b=$dir/b-$n.trace
	"$gen" gen "$n" a "$a"
	"$gen" gen "$n" b "$b"
	in_kb=$(( ($(stat -c %s "$a") + $(stat -c %s "$b")) / 1024 ))
	# gentrace run reports on stderr; the programs' own output is dropped
	read -r ts tm tst tc < <("$gen" run "$td" "$a" "$b" -q --no-siblings --arch x86_64 --json "$dir/r-$n.json" 2>&1 >/dev/null)
	read -r ds dm dst dc < <("$gen" run diff "$a" "$b" 2>&1 >/dev/null)
	# tracediff must find the planted divergence (exit 1) and diff must differ (1)
	[ "$tst" = 1 ] || { echo "bench: tracediff exited $tst on $n lines" >&2; exit 1; }
	grep -q '"class": "result", "class_text": "success vs failure", "task": "1.7", "syscall": "openat"' "$dir/r-$n.json" || { echo "bench: divergence not found" >&2; exit 1; }
	printf '%-8s %4dMB | %6.2f %6.2f s %9.1f MB | %6.2f %6.2f s %9.1f MB | %5.2fx %5.2fx %5.2fx\n' "$n" \
		$((in_kb / 1024)) "$ts" "$tc" "$(echo "$tm / 1024" | bc -l)" "$ds" "$dc" "$(echo "$dm / 1024" | bc -l)" \
		"$(echo "$ds / $ts" | bc -l)" "$(echo "$dc / $tc" | bc -l)" "$(echo "$tm / $in_kb" | bc -l)"
done
echo "diff/td: GNU diff's wall and cpu time over tracediff's (goal: 1 or more, tracediff as fast as diff);"
echo "mem/in: tracediff's peak RSS over the size of both inputs (goal: at most 4)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (wall times depend on it)"

# task counts: a root with 40,000 children one after the other, and a chain
# 10,000 tasks deep (other pids on side b; the pairs compare equal)
printf '\n%-22s | %-30s\n' "fork tree" "tracediff wall/cpu s, peak MB"
for t in "wide 40000" "deep 10000"; do
	set -- $t
	a=$dir/$1-$2-a.trace b=$dir/$1-$2-b.trace
	"$gen" "$1" "$2" a "$a"
	"$gen" "$1" "$2" b "$b"
	read -r ts tm tst tc < <("$gen" run "$td" "$a" "$b" -q --no-siblings --arch x86_64 2>&1 >/dev/null)
	[ "$tst" = 0 ] || { echo "bench: tracediff exited $tst on $1 $2" >&2; exit 1; }
	printf '%-22s | %6.2f %6.2f s %9.1f MB\n' "$1 $2 tasks" "$ts" "$tc" "$(echo "$tm / 1024" | bc -l)"
done
