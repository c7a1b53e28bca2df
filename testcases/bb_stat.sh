# @desc: busybox stat -c of a file, a directory, a symlink and /dev/null (type, size, mode, links; no times or inode numbers)
# @smoke: x86_64
# @expect: /data/hello.txt 6 regular file 644 1
# @expect: /tmp/bb_stat/link symbolic link 777
# @expect: stat missing: 1
mkdir /tmp/bb_stat
ln -s /data/hello.txt /tmp/bb_stat/link
stat -c '%n %s %F %a %h' /data/hello.txt
stat -c '%n %F %a' /data/sub
stat -c '%n %F %a' /tmp/bb_stat/link
stat -L -c '%n %F %s' /tmp/bb_stat/link
stat -c '%n %F %t,%T' /dev/null
stat /missing 2>/dev/null
echo "stat missing: $?"
