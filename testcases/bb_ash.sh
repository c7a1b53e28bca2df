# @desc: busybox ash -c: a command string that prints and exits with status 3 (the OS contest's "ash -c exit")
# @exec: /bin/busybox ash -c 'echo ash -c runs; exit 3'
# @exit: 3
# @expect: ash -c runs
exit 3
