# @desc: busybox cut: fields with a delimiter, a field range, characters, bytes
# @smoke: x86_64
# @expect: b
# @expect: 2:3
# @expect: abc
# @expect: 12
mkdir /tmp/bb_cut
cd /tmp/bb_cut
echo 'a:b:c' > f
echo '1:2:3' >> f
cut -d: -f2 f
cut -d: -f2-3 f
echo abcdef > g
cut -c1-3 g
echo 12345 > h
cut -b1,2 h
