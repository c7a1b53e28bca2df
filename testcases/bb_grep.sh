# @desc: busybox grep: a match, -n, -c, -v, -i, -E alternation, -l over two files, the status 1 of no match and 2 of a missing file
# @smoke: x86_64
# @expect: 2:banana
# @expect: 2
# @expect: grep no match: 1
# @expect: grep missing file: 2
mkdir /tmp/bb_grep
cd /tmp/bb_grep
printf 'apple\nbanana\ncherry\nBanana split\n' > f
echo nothing > g
grep an f
grep -n ^banana f
grep -c an f
grep -v an f
grep -i banana f
grep -E 'apple|cherry' f
grep -l apple f g
grep kiwi f
echo "grep no match: $?"
grep kiwi missing 2>/dev/null
echo "grep missing file: $?"
