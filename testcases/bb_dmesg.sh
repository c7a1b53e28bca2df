# @desc: busybox dmesg: only its exit status is printed (the kernel log is the kernel's own)
# @smoke: x86_64
# @nondet: the kernel log dmesg reads (its timestamps) may differ between Linux runs under real time
# @expect: dmesg: 0
dmesg > /dev/null
echo "dmesg: $?"
