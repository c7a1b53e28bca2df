# @desc: busybox free: only its header line and exit status are printed (the sizes are the machine's)
# @smoke: none
# (the smoke run's chroot has no /proc)
# @nondet: the sizes free reads from /proc/meminfo and writes into its file may differ between Linux runs
# @expect: total used free shared buff/cache available
# @expect: free: 0
mkdir /tmp/bb_free
free > /tmp/bb_free/out
echo "free: $?"
read a b c d e f rest < /tmp/bb_free/out
echo $a $b $c $d $e $f
