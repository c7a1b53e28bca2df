# @desc: busybox ls: names (sorted), -a (of /data/sub: ".." of /data would be the root, whose mode and size are the golden initramfs's own), -1, -R, -l of a file of the rootfs (its fixed time), -d, a missing name's status
# @smoke: x86_64
# @expect: hello.txt
# @expect: /data/sub:
# @expect: -rw-r--r--    1 0        0                6 Nov 14  2023 /data/hello.txt
# @expect: ls missing: 1
ls /data
ls -a /data/sub
ls -1 /data
ls -R /data
ls -l /data/hello.txt
ls -d /data /tmp
ls /data/missing
echo "ls missing: $?"
