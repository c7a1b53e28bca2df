#!/usr/bin/env bash
# ci/tests/readme_picture.sh [README]: the architecture picture in the README
# stays true.  Every path it names (a word under one of the project's top
# folders, between the `picture: begin` and `picture: end` markers) must
# exist, with <arch> read as each of x86_64 and riscv64, <test> as fork (or
# sh_script for a .sh), <target> as kernel and linux.  build/ paths are checked when build/ exists (after make
# check); source paths always.  Prints one TAP line; exit 1 on a stale path.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
readme=${1:-$top/README.md}
block=$(sed -n '/<!-- picture: begin -->/,/<!-- picture: end -->/p' "$readme")
[ -n "$block" ] || { echo "not ok - README picture: no picture markers in $readme"; exit 1; }
words=$(printf '%s\n' "$block" | tr -s ' ,()│▼▶└┘┐├─:·' '\n' |
	grep -E '^(testcases|harness|kernel|compare|golden|build|ci)(/[A-Za-z0-9_.<>|-]*)+$' | sort -u)
n=0 missing=()
for w in $words; do
	for arch in x86_64 riscv64; do
		for target in kernel linux; do
			test=fork; case $w in *.sh) test=sh_script ;; esac
			p=${w//<arch>/$arch}; p=${p//<test>/$test}; p=${p//<target>/$target}
			p=${p%%|*}	# run|check: the program
			case $p in build/*) [ -d "$top/build" ] || continue ;; esac
			# run files exist only for the target that made them
			case $p in build/*/runs/linux/*) continue ;; esac
			n=$((n + 1))
			[ -e "$top/$p" ] || missing+=("$w ($p)")
		done
	done
done
if [ ${#missing[@]} -gt 0 ]; then
	gone=$(printf '  # %s\n' "${missing[@]}" | sort -u)
	printf 'not ok - README picture: %d path(s) no longer exist:\n%s\n' \
		"$(printf '%s\n' "$gone" | wc -l)" "$gone"
	exit 1
fi
echo "ok - README picture: $n path checks, all exist"
