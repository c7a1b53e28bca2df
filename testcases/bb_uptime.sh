# @desc: busybox uptime: only its exit status and the word "up" are printed (the times are the machine's)
# @smoke: x86_64
# @nondet: the time and load averages uptime writes into its file differ between Linux runs
# @expect: uptime: 0
# @expect: second word: up
mkdir /tmp/bb_uptime
uptime > /tmp/bb_uptime/out
echo "uptime: $?"
read now up rest < /tmp/bb_uptime/out
echo "second word: $up"
