# @desc: busybox du -k of files of 0, 1 and 5000 bytes and of their directory (block counts as the filesystem reports them)
# @smoke: x86_64
# @expect: du: 0
mkdir /tmp/bb_du
cd /tmp/bb_du
mkdir -p d/sub
cd d
: > empty
echo x > one
i=0
while [ $i -lt 100 ]; do
	echo 0123456789012345678901234567890123456789012345678
	i=$((i + 1))
done > big
du -k empty one big
du -k -s .
echo "du: $?"
