# @desc: a busybox sh script: builtins, arithmetic, a child process and its status
# @timeout: 10
# @smoke: x86_64
# (under qemu-user the command substitution child dies of SIGSEGV, so no riscv64 smoke run)
# @expect: x=42
# @expect: cat: hello
# @expect: false returned 1
echo start
x=$((6 * 7))
echo "x=$x"
echo "cat: $(cat /data/hello.txt)"
false
echo "false returned $?"
