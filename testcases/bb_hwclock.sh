# @desc: busybox hwclock -r -u: its exit status and error only, never a time (Linux's golden kernel has no RTC device, so hwclock fails there after trying /dev/rtc, /dev/rtc0 and /dev/misc/rtc)
# @smoke: none
# (the host's /dev/rtc0 is not the guest's)
# @expect: hwclock: can't open '/dev/misc/rtc': No such file or directory
# @expect: hwclock: 1
hwclock -r -u > /dev/null
echo "hwclock: $?"
