# @desc: busybox rmdir: an empty directory, -p of a chain, a non-empty directory (status 1), a file (status 1), a missing name (status 1)
# @smoke: x86_64
# @expect: rmdir e: 0
# @expect: rmdir -p a/b/c: 0
# @expect: rmdir full: 1
# @expect: rmdir f: 1
# @expect: rmdir missing: 1
mkdir /tmp/bb_rmdir
cd /tmp/bb_rmdir
mkdir -p full/x
mkdir e
rmdir e
echo "rmdir e: $?"
mkdir -p a/b/c
rmdir -p a/b/c
echo "rmdir -p a/b/c: $?"
ls
rmdir full
echo "rmdir full: $?"
echo x > f
rmdir f
echo "rmdir f: $?"
rmdir missing
echo "rmdir missing: $?"
