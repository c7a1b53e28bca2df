# @desc: busybox mv: rename a file, into a directory, a directory renamed, over an existing file, a missing source (status 1)
# @smoke: x86_64
# @expect: b: one
# @expect: d/b: one
# @expect: e/b: one
# @expect: over: two
# @expect: mv missing: 1
mkdir /tmp/bb_mv
cd /tmp/bb_mv
echo one > a
mv a b
read x < b
echo "b: $x"
mkdir d
mv b d
read x < d/b
echo "d/b: $x"
mv d e
read x < e/b
echo "e/b: $x"
echo two > t
mv t e/b
read x < e/b
echo "over: $x"
ls e
mv missing z
echo "mv missing: $?"
