# @desc: busybox kill: ash's builtin sends TERM from a child shell to itself (its parent, blocked in wait, sees status 143) and checks the test's shell with -0; the applet fails on a missing pid and names a signal number with -l
# @smoke: x86_64
# @expect: sh killed itself: 143
# @expect: kill -0 of the shell: 0
# @expect: kill: can't kill pid 999999: No such process
# @expect: kill of a missing pid: 1
# @expect: TERM
# (the child shell starts in /tmp/bb_kill: in / it would stat the root, whose
# mode and size are the golden initramfs's own; no kill of a running sibling:
# whether its SIGCHLD comes before or after the killer's next call would
# depend on scheduling; no pid in an exec'd argv)
mkdir /tmp/bb_kill
cd /tmp/bb_kill
sh -c 'kill -TERM $$; echo not reached'
echo "sh killed itself: $?"
kill -0 $$
echo "kill -0 of the shell: $?"
busybox kill -0 999999
echo "kill of a missing pid: $?"
busybox kill -l 15
