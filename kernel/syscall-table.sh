#!/usr/bin/env bash
# kernel/syscall-table.sh [--check|--write] [README]: the kernel's syscalls and
# the golden tests that cover them.
#
# Every row of kernel/core/syscalls.def (both arches) and
# kernel/arch/<arch>/syscalls.def (one arch) is a syscall our kernel
# implements.  A syscall is covered on an arch when a golden trace of that
# arch (golden/<arch>/*.trace, what Linux did) calls it: then make check
# compares our kernel's call against Linux's.  The table lists, per
# syscall, the arches that have it and up to three covering tests (those
# named after the call first, musl builds before glibc ones), with the
# count of the others.
#
#   (no option)  print the table (markdown) on stdout
#   --write      put it into README (default kernel/README.md) between the
#                `<!-- syscalls: begin -->` and `<!-- syscalls: end -->` lines
#   --check      one TAP line: not ok when README's table is not what the
#                rows and golden give now, or a syscall has no covering
#                test on an arch that has it (exit 1)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
mode=print
case ${1:-} in --check | --write) mode=${1#--}; shift ;; esac
readme=${1:-$top/kernel/README.md}
arches="x86_64 riscv64"

# rows ARCH: the syscall names that arch's kernel has, one per line
rows() {
	sed -n 's/^SYSCALL(\([a-z0-9_]*\),.*/\1/p' "$top/kernel/core/syscalls.def" \
		"$top/kernel/arch/$1/syscalls.def"
}

# calls ARCH: "syscall test" for each syscall each golden trace of ARCH calls
# (a line "PID  name(" or "PID  <... name resumed>")
calls() {
	local f
	for f in "$top/golden/$1"/*.trace; do
		[ -e "$f" ] || continue
		awk -v t="$(basename "$f" .trace)" '
			match($0, /^[0-9]+ +[a-z_][a-z0-9_]*\(/) {
				s = substr($0, 1, RLENGTH - 1); sub(/^[0-9]+ +/, "", s); seen[s] = 1 }
			match($0, /^[0-9]+ +<\.\.\. [a-z_][a-z0-9_]* resumed>/) {
				s = substr($0, 1, RLENGTH); sub(/^[0-9]+ +<\.\.\. /, "", s)
				sub(/ resumed>$/, "", s); seen[s] = 1 }
			END { for (s in seen) print s, t }' "$f"
	done
}

table() {
	local tmp a
	tmp=$(mktemp -d) || exit 2
	for a in $arches; do
		rows "$a" | sort -u >"$tmp/rows.$a"
		calls "$a" | sort -u >"$tmp/calls.$a"
	done
	sort -u "$tmp"/rows.* >"$tmp/all"
	echo "| syscall | arches | golden tests that call it |"
	echo "|---|---|---|"
	while read -r s; do
		local have="" tests="" n=0 missing=""
		for a in $arches; do
			grep -qx -- "$s" "$tmp/rows.$a" || continue
			have="$have${have:+ }$a"
			grep -q "^$s " "$tmp/calls.$a" || missing="$missing${missing:+ }$a"
		done
		# the tests of every arch that has it: named after the call first,
		# then musl before glibc, then by name
		mapfile -t ts < <(for a in $have; do sed -n "s/^$s //p" "$tmp/calls.$a"; done | sort -u |
			awk -v s="$s" '{ b = $0; sub(/\.glibc$/, "", b)
				k = (b ~ ("(^|_)" s "($|_)") ? 0 : 1) (b == $0 ? 0 : 1)
				print k, $0 }' | sort -k1,1 -k2,2 | cut -d' ' -f2)
		n=${#ts[@]}
		tests=""
		[ "$n" -gt 0 ] && tests=$(printf '%s\n' "${ts[@]:0:3}" | sed 's/.*/`&`/' | paste -sd, - | sed 's/,/, /g')
		[ "$n" -gt 3 ] && tests="$tests (+$((n - 3)))"
		[ -n "$missing" ] && tests="${tests:+$tests; }**none on $missing**"
		echo "| \`$s\` | $have | $tests |"
	done <"$tmp/all"
	rm -rf "$tmp"
}

case $mode in
print) table ;;
write | check)
	[ -f "$readme" ] || { echo "syscall-table: no $readme" >&2; exit 2; }
	grep -q '^<!-- syscalls: begin -->$' "$readme" && grep -q '^<!-- syscalls: end -->$' "$readme" ||
		{ echo "syscall-table: $readme has no '<!-- syscalls: begin/end -->' lines" >&2; exit 2; }
	new=$(table)
	if [ "$mode" = write ]; then
		out=$(mktemp) || exit 2
		awk -v f=<(printf '%s\n' "$new") '
			/^<!-- syscalls: end -->$/ { while ((getline l < f) > 0) print l; skip = 0 }
			!skip { print }
			/^<!-- syscalls: begin -->$/ { skip = 1 }' "$readme" >"$out" && cat "$out" >"$readme"
		rm -f "$out"
		exit 0
	fi
	old=$(sed -n '/^<!-- syscalls: begin -->$/,/^<!-- syscalls: end -->$/p' "$readme" | sed '1d;$d')
	rows=$(printf '%s\n' "$new" | tail -n +3 | wc -l)
	uncovered=$(printf '%s\n' "$new" | grep -c '\*\*none on')
	if [ "$old" != "$new" ]; then
		echo "not ok - syscall table: $readme is not what syscalls.def and golden/ give now (run kernel/syscall-table.sh --write):"
		diff <(printf '%s\n' "$old") <(printf '%s\n' "$new") | sed -n 's/^/  # /p' | head -20
		exit 1
	fi
	if [ "$uncovered" -gt 0 ]; then
		echo "not ok - syscall table: $uncovered of $rows syscalls have no golden test on an arch that has them:"
		printf '%s\n' "$new" | grep '\*\*none on' | sed 's/^/  # /'
		exit 1
	fi
	echo "ok - syscall table: $rows syscalls, each called by a golden test on every arch that has it"
	;;
esac
