# @desc: busybox tar: create an archive of a tree (times fixed with touch -d, so the archive bytes are the same on every kernel), list it (tf, tvf), extract it elsewhere and read a file back
# @smoke: x86_64
# @expect: d/
# @expect: d/a
# @expect: from the archive: alpha
# @expect: tar of a missing file: 1
mkdir /tmp/bb_tar
cd /tmp/bb_tar
mkdir -p d/sub
echo alpha > d/a
echo beta > d/sub/b
touch -d '2001-02-03 04:05:06' d/a d/sub/b d/sub d
tar cf t.tar d
echo "tar cf: $?"
tar tf t.tar > list
sort list
tar tvf t.tar > vlist
sort -k 6 vlist
mkdir out
cd out
tar xf ../t.tar
read x < d/a
echo "from the archive: $x"
stat -c '%n %Y' d/a
cd ..
tar cf u.tar missing 2>/dev/null
echo "tar of a missing file: $?"
