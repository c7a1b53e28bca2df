# @desc: busybox gzip and gunzip: -c to a file (mtime fixed with touch -d, so the bytes are the same on every kernel), its size, gunzip -c back, gzip in place (f becomes f.gz) and gunzip back, a corrupt file's status 1
# @smoke: x86_64
# @expect: gzip -c: 0
# @expect: round trip: the quick brown fox
# @expect: after gzip: f.gz
# @expect: after gunzip: f
# @expect: gunzip of a non-gzip file: 1
mkdir /tmp/bb_gzip
cd /tmp/bb_gzip
i=0
while [ $i -lt 20 ]; do echo the quick brown fox; i=$((i + 1)); done > f
touch -d '2001-02-03 04:05:06' f
gzip -c f > f.gz
echo "gzip -c: $?"
wc -c < f.gz
md5sum f.gz
gunzip -c f.gz > back
read x < back
echo "round trip: $x"
rm f.gz
gzip f
[ -e f.gz ] && [ ! -e f ] && echo "after gzip: f.gz"
gunzip f.gz
[ -e f ] && [ ! -e f.gz ] && echo "after gunzip: f"
md5sum f back
echo plain > p.gz
gunzip p.gz 2>/dev/null
echo "gunzip of a non-gzip file: $?"
