# @desc: busybox wc: lines, words and bytes of a file, -l, -w, -c, stdin
# @smoke: x86_64
# @expect: 6 /tmp/bb_wc/f
# @expect: 28 /tmp/bb_wc/f
# @expect: 3
mkdir /tmp/bb_wc
printf 'one two\nthree four five\nsix\n' > /tmp/bb_wc/f
wc /tmp/bb_wc/f
wc -l < /tmp/bb_wc/f
wc -w /tmp/bb_wc/f
wc -c /tmp/bb_wc/f
