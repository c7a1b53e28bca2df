# @desc: busybox ls of /data, a fixed directory of the rootfs (testcases/data)
# @exec: /bin/busybox ls /data
# @timeout: 10
# @expect: hello.txt
busybox ls /data
