# @desc: busybox touch: creates an empty file, -d sets a given time (shown by stat), -c does not create, a missing directory fails
# @smoke: x86_64
# @expect: f 0
# @expect: 981173106
# @expect: touch -c missing: 0
# @expect: created: no
# @expect: touch in a missing directory: 1
mkdir /tmp/bb_touch
cd /tmp/bb_touch
touch f
stat -c '%n %s' f
touch -d '2001-02-03 04:05:06' f
stat -c '%Y' f
touch -c g
echo "touch -c missing: $?"
if [ -e g ]; then echo "created: yes"; else echo "created: no"; fi
touch nodir/f 2>/dev/null
echo "touch in a missing directory: $?"
