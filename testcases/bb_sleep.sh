# @desc: busybox sleep (the applet, by path): 1 second and 0 seconds succeed, a bad argument fails with status 1
# @smoke: x86_64
# @expect: sleep 1: 0
# @expect: sleep 0: 0
# @expect: sleep x: 1
/bin/sleep 1
echo "sleep 1: $?"
/bin/sleep 0
echo "sleep 0: $?"
/bin/sleep x 2>/dev/null
echo "sleep x: $?"
