# @desc: busybox which: applets found along PATH (/bin), a test program found in /tests, a script without x bit not found, a missing name's exit status 1, an absolute path
# @smoke: x86_64
# @expect: /bin/ls
# @expect: /bin/sh
# @expect: /tests/argv_child
# @expect: which nosuch: 1
which ls sh
which argv_child
which bb_which.sh
echo "which bb_which.sh (mode 0644): $?"
which nosuch
echo "which nosuch: $?"
which /bin/busybox
