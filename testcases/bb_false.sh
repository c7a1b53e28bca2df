# @desc: busybox false (the applet, by path): exit status 1; ! false is 0
# @smoke: x86_64
# @expect: false: 1
# @expect: ! false: 0
/bin/false
echo "false: $?"
! /bin/false
echo "! false: $?"
