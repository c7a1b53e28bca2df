# @desc: busybox cp: a file, into a directory, -r of a tree, over an existing file, a missing source (status 1), a directory without -r (status 1)
# @smoke: x86_64
# @expect: b: one
# @expect: d/a: one
# @expect: copy/sub/c: deep
# @expect: over: one
# @expect: cp missing: 1
# @expect: cp a directory: 1
mkdir /tmp/bb_cp
cd /tmp/bb_cp
mkdir -p tree/sub
echo one > a
cp a b
read x < b
echo "b: $x"
mkdir d
cp a d
read x < d/a
echo "d/a: $x"
echo deep > tree/sub/c
cp -r tree copy
read x < copy/sub/c
echo "copy/sub/c: $x"
echo two > o
cp a o
read x < o
echo "over: $x"
cp missing z
echo "cp missing: $?"
cp tree z
echo "cp a directory: $?"
