# @desc: busybox sort | uniq in a pipeline, then sort -r, sort -n, uniq -c
# @smoke: x86_64
# @expect: apple
# @expect: pear
# @expect: fig
mkdir /tmp/bb_sort_uniq
cd /tmp/bb_sort_uniq
printf 'pear\napple\nfig\napple\npear\n' > f
sort f | uniq
sort -r f
printf '10\n9\n100\n' > n
sort -n n
printf 'a\nb\nb\nc\n' | uniq -c
