# @desc: busybox dmesg -n 1: sets the console log level (syslog SYSLOG_ACTION_CONSOLE_LEVEL, to the level the golden machine boots with) and prints its exit status; the log itself is never read (it holds the kernel's build date and boot times)
# @smoke: none
# (the smoke run would change the host's console log level)
# @expect: dmesg -n 1: 0
dmesg -n 1
echo "dmesg -n 1: $?"
