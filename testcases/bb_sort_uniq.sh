# @desc: busybox sort | uniq in a pipeline (the writer starts a second late, so the reader gets its one write whole and the shell already waits in wait4; the reader's side ends a second after its EOF, so the two exits make two SIGCHLDs on any scheduler: which of the shell and the reader runs first at the writer's exit would otherwise decide it), then sort -r, sort -n, uniq -c
# @smoke: x86_64
# @expect: apple
# @expect: pear
# @expect: fig
mkdir /tmp/bb_sort_uniq
cd /tmp/bb_sort_uniq
printf 'pear\napple\nfig\napple\npear\n' > f
{ sleep 1; sort f; } | { uniq; sleep 1; }
sort -r f
printf '10\n9\n100\n' > n
sort -n n
{ sleep 1; printf 'a\nb\nb\nc\n'; } | { uniq -c; sleep 1; }
