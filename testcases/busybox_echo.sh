# @desc: busybox echo hello world, run as busybox itself (no shell)
# @exec: /bin/busybox echo hello world
# @timeout: 10
# @expect: hello world
busybox echo hello world
