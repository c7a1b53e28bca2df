# @desc: busybox sed: s/// (first and /g), -n with p, a line deleted, a line range, into a file (not -i: its temporary name is random), -e twice
# @smoke: x86_64
# @expect: bXa aaa
# @expect: bXX XXX
# @expect: second
# @expect: into a file: FIRST
mkdir /tmp/bb_sed
cd /tmp/bb_sed
echo 'baa aaa' > s
sed 's/a/X/' s
sed 's/a/X/g' s
printf 'first\nsecond\nthird\n' > f
sed -n 2p f
sed /third/d f
sed -n '1,2p' f
sed -e 's/first/1/' -e 's/third/3/' f
sed 's/first/FIRST/' f > g
read x < g
echo "into a file: $x"
