# @desc: busybox rm: a file, -r of a tree, -f of a missing name (status 0), a missing name without -f (status 1), a directory without -r (status 1)
# @smoke: x86_64
# @expect: rm f: 0, f gone
# @expect: rm -r d: 0, d gone
# @expect: rm -f missing: 0
# @expect: rm missing: 1
# @expect: rm a directory: 1
mkdir /tmp/bb_rm
cd /tmp/bb_rm
mkdir -p d/e
echo x > f
echo y > d/e/g
rm f
r=$?
[ -e f ] || echo "rm f: $r, f gone"
rm -r d
r=$?
[ -e d ] || echo "rm -r d: $r, d gone"
rm -f missing
echo "rm -f missing: $?"
rm missing
echo "rm missing: $?"
mkdir dir
rm dir
echo "rm a directory: $?"
