# @desc: busybox uname: the system name and the machine (-s, -m, -sm), not the release or host name
# @smoke: x86_64
# @expect: Linux
uname
uname -s
uname -m
uname -sm
