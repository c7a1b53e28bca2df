# @desc: busybox echo (the applet, by path): words, -n, -e escapes, an empty argument, output into a file read back
# @smoke: x86_64
# @expect: hello world
# @expect: no newline|
# @expect: a	b
# @expect: from the file: saved
mkdir /tmp/bb_echo
/bin/echo hello world
/bin/echo -n "no newline"
/bin/echo "|"
/bin/echo -e 'a\tb'
/bin/echo ""
/bin/echo saved > /tmp/bb_echo/f
read x < /tmp/bb_echo/f
echo "from the file: $x"
