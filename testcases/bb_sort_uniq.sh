# @desc: busybox sort | uniq in a pipeline (the writer starts a second late, so the shell already waits in wait4 when each SIGCHLD comes, and the reader gets the writer's one write whole: where a SIGCHLD lands would otherwise depend on scheduling), then sort -r, sort -n, uniq -c
# @smoke: x86_64
# @expect: apple
# @expect: pear
# @expect: fig
mkdir /tmp/bb_sort_uniq
cd /tmp/bb_sort_uniq
printf 'pear\napple\nfig\napple\npear\n' > f
{ sleep 1; sort f; } | uniq
sort -r f
printf '10\n9\n100\n' > n
sort -n n
{ sleep 1; printf 'a\nb\nb\nc\n'; } | uniq -c
