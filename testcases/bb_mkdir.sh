# @desc: busybox mkdir: one directory, -p of a chain (and again, status 0), -m 700, an existing name (status 1), a missing parent (status 1)
# @smoke: x86_64
# @expect: mkdir a: 0
# @expect: mkdir -p a/b/c: 0
# @expect: mkdir -p again: 0
# @expect: mode of m: 700
# @expect: mkdir a again: 1
# @expect: mkdir x/y: 1
mkdir /tmp/bb_mkdir
cd /tmp/bb_mkdir
mkdir a
echo "mkdir a: $?"
mkdir -p a/b/c
echo "mkdir -p a/b/c: $?"
mkdir -p a/b/c
echo "mkdir -p again: $?"
mkdir -m 700 m
stat -c 'mode of m: %a' m
mkdir a
echo "mkdir a again: $?"
mkdir x/y
echo "mkdir x/y: $?"
