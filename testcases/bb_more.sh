# @desc: busybox more: a one-line file on the console (shorter than a screen: no prompt) and into a file (more is cat when stdout is not a tty)
# @smoke: x86_64
# @expect: hello
# @expect: through a file: hello
mkdir /tmp/bb_more
more /data/hello.txt
more /data/hello.txt > /tmp/bb_more/out
read x < /tmp/bb_more/out
echo "through a file: $x"
