# @desc: busybox hexdump -C of a fixed file and of 20 bytes with a non-printable one
# @smoke: x86_64
# @expect: 00000000  68 65 6c 6c 6f 0a                                 |hello.|
# @expect: 00000006
mkdir /tmp/bb_hexdump
hexdump -C /data/hello.txt
printf 'abcdefghij\001klmnopqrs' > /tmp/bb_hexdump/f
hexdump -C /tmp/bb_hexdump/f
