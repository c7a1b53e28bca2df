# @desc: busybox sort | uniq in a pipeline (the reader starts a second later, once the writer has written everything and exited: how the reads split the bytes, and whether the two exits make one SIGCHLD or two, would depend on scheduling), then sort -r, sort -n, uniq -c
# @smoke: x86_64
# @expect: apple
# @expect: pear
# @expect: fig
mkdir /tmp/bb_sort_uniq
cd /tmp/bb_sort_uniq
printf 'pear\napple\nfig\napple\npear\n' > f
sort f | { sleep 1; uniq; }
sort -r f
printf '10\n9\n100\n' > n
sort -n n
printf 'a\nb\nb\nc\n' | { sleep 1; uniq -c; }
