# @desc: busybox clear writes ESC [H ESC [J (shown through od, since the escapes would reach the console raw)
# @smoke: x86_64
# @expect: 0000006
# @expect: clear: 0
mkdir /tmp/bb_clear
clear > /tmp/bb_clear/out
echo "clear: $?"
od -c /tmp/bb_clear/out
