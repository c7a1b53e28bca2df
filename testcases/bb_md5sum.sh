# @desc: busybox md5sum of a fixed file, of an empty file, of stdin
# @smoke: x86_64
# @expect: b1946ac92492d2347c6235b4d2611184  /data/hello.txt
# @expect: d41d8cd98f00b204e9800998ecf8427e  /tmp/bb_md5sum/empty
# @expect: b1946ac92492d2347c6235b4d2611184  -
mkdir /tmp/bb_md5sum
: > /tmp/bb_md5sum/empty
md5sum /data/hello.txt /tmp/bb_md5sum/empty
md5sum < /data/hello.txt
