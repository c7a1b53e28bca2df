# @desc: busybox od: characters (-c), octal bytes (-b), and the default of a fixed file
# @smoke: x86_64
# @expect: 0000006
od -c /data/hello.txt
od -b /data/hello.txt
od /data/hello.txt
