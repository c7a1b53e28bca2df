# @desc: busybox ps: its exit status and that it lists the shell running this test, nothing else (the other processes and sizes are the machine's)
# @smoke: none
# (the smoke run's chroot has no /proc)
# @nondet: the /proc/<pid>/stat lines ps reads (times, sizes of other processes) and the list it writes into its file differ between Linux runs
# @expect: ps: 0
# @expect: lines naming this script: 1
mkdir /tmp/bb_ps
ps > /tmp/bb_ps/out
echo "ps: $?"
grep -c '/bin/sh /tests/bb_ps.sh$' /tmp/bb_ps/out > /tmp/bb_ps/count
read n < /tmp/bb_ps/count
echo "lines naming this script: $n"
