# @desc: busybox kill (the applet): TERM to a sleeping background child (wait reports 143), kill -0 of the shell, a missing pid's error and status, kill -l names a number
# @smoke: x86_64
# @timeout: 20
# @expect: kill -TERM: 0
# @expect: wait: 143
# @expect: kill -0 of the shell: 0
# @expect: kill of a missing pid: 1
# @expect: TERM
# (the parent sleeps a second first, so the child is asleep in sleep when TERM comes)
sleep 10 &
sleep 1
busybox kill -TERM $!
echo "kill -TERM: $?"
wait $!
echo "wait: $?"
busybox kill -0 $$
echo "kill -0 of the shell: $?"
busybox kill -0 999999
echo "kill of a missing pid: $?"
busybox kill -l 15
