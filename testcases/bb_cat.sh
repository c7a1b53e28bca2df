# @desc: busybox cat: a file, two files joined into a third, stdin, a missing file's error and status
# @smoke: x86_64
# @expect: hello
# @expect: one
# @expect: two
# @expect: from stdin
# @expect: cat missing: 1
mkdir /tmp/bb_cat
cd /tmp/bb_cat
cat /data/hello.txt
echo one > a
echo two > b
cat a b > c
cat c
echo "from stdin" > d
cat < d
cat missing
echo "cat missing: $?"
