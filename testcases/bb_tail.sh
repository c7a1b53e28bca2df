# @desc: busybox tail: the last 10 lines by default and -n 3 of a file, of stdin
# @smoke: x86_64
# @expect: 11
# @expect: 20
mkdir /tmp/bb_tail
cd /tmp/bb_tail
seq 1 20 > a
tail a
tail -n 3 a
tail -n 2 < a
