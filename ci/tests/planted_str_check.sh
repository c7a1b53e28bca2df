#!/usr/bin/env bash
# planted_str_check.sh: a divergence that only the raw level's strings show
# (harness/README.md, "trace: external"; compare/src/strs.h).  In a
# throwaway clone sharing this tree's cached builds, sys_write writes
# "hellp" where golden's wrote "hello": the same length, into a file it
# never prints, so every number, result and byte of output stays Linux's.
# kernel-ext-check (our kernel traced from outside by exttrace) must name
# the write and both strings; the same trace without its '#tdiff str'
# lines must match golden.  Then a getcwd that changes a path's last
# letter: the output shows it, the strings name the write that printed
# it.  The plants are never committed.
set -euo pipefail
main=$(git rev-parse --show-toplevel)
tmp=$main/build/planted-str-check
arch=${PLANT_ARCH:-x86_64}
fail() { echo "planted_str_check: FAIL: $*" >&2; exit 1; }

. "$main/ci/tests/lib.sh"
repo=$(throwaway_clone "$main" "$tmp")
sed -i 's/r = write(fd, "hello", 5);/r = write(fd, "hellp", 5);/' "$repo/testcases/sys_write.c"
git -C "$repo" diff --quiet -- testcases/sys_write.c && fail "the plant in testcases/sys_write.c did not apply: update this test"
# named TEST WANT LABEL: kernel-ext-check of TEST on the planted clone fails
# with a 'not ok' line that holds WANT
named() {
	local line
	line=$(ext_named "$repo" "$1" "$arch" "$2" "$tmp/$1.$arch.out") || fail "$1: see above"
	echo "planted_str_check: ok: $3: $line"
}
named sys_write 'arg in write (task 1): write: argument buf differs: Linux "hello", kernel "hellp"' "with strings"
# the raw level without strings: the same run, its '#tdiff str' lines taken out
run=$repo/build/$arch/runs/kernel-ext
mkdir -p "$tmp/nostr"
grep -v '^#tdiff str ' "$run/sys_write.trace" >"$tmp/nostr/sys_write.trace"
cp "$run/sys_write.out" "$run/sys_write.meta" "$tmp/nostr/"
if ! line=$("$repo/build/host/tracediff" "$main/golden/$arch/sys_write.raw" "$tmp/nostr/sys_write.trace" --tap -q); then
	fail "without strings the run should match golden: $line"
fi
echo "planted_str_check: ok: without strings: $line"

# a kernel bug the output shows too, but only the strings place: getcwd
# answers a path of the right length with its last letter changed
# (/tmp/sys_getcwd/a/c for .../a/b).  Without strings the raw level can
# only say the output differs; with them it names the write that printed it.
sed -i '/int n = vfs_path(current->fs->cwd, kbuf, sizeof(kbuf));/a\
\tif (n > 2)\
\t\tkbuf[n - 2] ^= 1;' "$repo/kernel/core/sys_fs.c"
git -C "$repo" diff --quiet -- kernel/core/sys_fs.c && fail "the plant in kernel/core/sys_fs.c did not apply: update this test"
named sys_getcwd 'arg in write (task 1): write: argument buf differs: Linux "in /tmp/sys_getcwd/a/b: /tmp/sys_getcwd/a/b\n", kernel "in /tmp/sys_getcwd/a/b: /tmp/sys_getcwd/a/c\n"' "getcwd, with strings"
grep -v '^#tdiff str ' "$run/sys_getcwd.trace" >"$tmp/nostr/sys_getcwd.trace"
cp "$run/sys_getcwd.out" "$run/sys_getcwd.meta" "$tmp/nostr/"
line=$("$repo/build/host/tracediff" "$main/golden/$arch/sys_getcwd.raw" "$tmp/nostr/sys_getcwd.trace" --tap -q) &&
	fail "without strings getcwd's plant should still show in the output: $line"
case $line in
*"output"*) echo "planted_str_check: ok: getcwd, without strings: $line" ;;
*) fail "without strings the line should name the output: $line" ;;
esac
rm -rf "$tmp"
