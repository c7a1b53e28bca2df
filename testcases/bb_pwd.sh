# @desc: busybox pwd (the applet, by path) in /data/sub, /tmp/bb_pwd/real, and through a symlink to it (pwd -P gives the real path)
# @smoke: x86_64
# @expect: /data/sub
# @expect: /tmp/bb_pwd/real
mkdir /tmp/bb_pwd
mkdir /tmp/bb_pwd/real
ln -s real /tmp/bb_pwd/link
cd /data/sub
/bin/pwd
cd /tmp/bb_pwd/real
/bin/pwd
cd /tmp/bb_pwd/link
/bin/pwd -P
