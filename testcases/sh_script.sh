# @desc: a busybox sh script: builtins, arithmetic, a child process (fork, exec, wait4) and its status
# @timeout: 10
# @smoke: x86_64
# (under qemu-user the child's exec of a riscv64 /bin/cat fails, so no riscv64 smoke run)
# @expect: x=42
# @expect: hello
# @expect: false returned 1
# (No command substitution: there the child's exit races the parent's read of
# the pipe, so where SIGCHLD lands in the trace depends on scheduling.)
echo start
x=$((6 * 7))
echo "x=$x"
cat /data/hello.txt
false
echo "false returned $?"
