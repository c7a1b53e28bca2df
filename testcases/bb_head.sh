# @desc: busybox head: the first 10 lines by default, -n 3, -c 5, two files with headers
# @smoke: x86_64
# @expect: ==> a <==
# @expect: 10
mkdir /tmp/bb_head
cd /tmp/bb_head
seq 1 20 > a
head a
head -n 3 a
head -c 5 a
echo
echo x > b
head -n 1 a b
