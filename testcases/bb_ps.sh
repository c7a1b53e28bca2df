# @desc: busybox ps: only its header line and exit status are printed (the process list is the machine's)
# @smoke: none
# (the smoke run's chroot has no /proc)
# @expect: PID USER TIME COMMAND
# @expect: ps: 0
mkdir /tmp/bb_ps
ps > /tmp/bb_ps/out
echo "ps: $?"
read pid user time command rest < /tmp/bb_ps/out
echo $pid $user $time $command
