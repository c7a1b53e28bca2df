# @desc: busybox strings: runs of 4 or more printable bytes between binary ones, -n 2
# @smoke: x86_64
# @expect: hello world
# @expect: xy
mkdir /tmp/bb_strings
printf 'abc\000\001hello world\000xy\002more text\n' > /tmp/bb_strings/f
strings /tmp/bb_strings/f
strings -n 2 /tmp/bb_strings/f
