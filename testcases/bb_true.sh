# @desc: busybox true (the applet, by path): exit status 0, arguments ignored; ! true is 1
# @smoke: x86_64
# @expect: true: 0
# @expect: true with arguments: 0
# @expect: ! true: 1
/bin/true
echo "true: $?"
/bin/true --help x y
echo "true with arguments: $?"
! /bin/true
echo "! true: $?"
