# @desc: busybox hwclock -r -u: only its exit status is printed (the time read is the machine's)
# @smoke: none
# (the host's /dev/rtc0 is not the guest's)
# @expect: hwclock: 0
hwclock -r -u > /dev/null
echo "hwclock: $?"
