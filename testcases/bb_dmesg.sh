# @desc: busybox dmesg: only its exit status is printed (the kernel log is the kernel's own)
# @smoke: x86_64
# @expect: dmesg: 0
dmesg > /dev/null
echo "dmesg: $?"
