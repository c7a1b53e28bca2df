# @desc: busybox find (output through sort, so the directory order does not matter): a tree, -name, -type d, -type f, -maxdepth 1, a missing start (status 1)
# @smoke: x86_64
# @expect: /tmp/bb_find/a/b/deep.txt
# @expect: ./top.txt
# @expect: find missing: 1
mkdir /tmp/bb_find
cd /tmp/bb_find
mkdir -p a/b
echo x > top.txt
echo y > a/mid.c
echo z > a/b/deep.txt
find /tmp/bb_find > /tmp/find.out
sort /tmp/find.out
find . -name '*.txt' > /tmp/find.out
sort /tmp/find.out
find . -type d > /tmp/find.out
sort /tmp/find.out
find . -type f > /tmp/find.out
sort /tmp/find.out
find . -maxdepth 1 > /tmp/find.out
sort /tmp/find.out
find missing
echo "find missing: $?"
