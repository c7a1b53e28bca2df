# @desc: busybox df: only its header line and exit status are printed (sizes and mounts are the machine's)
# @smoke: none
# (the smoke run's chroot has no /proc)
# @nondet: df's statfs counts (free blocks and inodes of the mounts) and the output line it writes into its file differ between Linux runs
# @expect: Filesystem 1K-blocks Used Available Use% Mounted on
# @expect: df: 0
mkdir /tmp/bb_df
df > /tmp/bb_df/out
echo "df: $?"
read fs blocks used avail use mounted on rest < /tmp/bb_df/out
echo $fs $blocks $used $avail $use $mounted $on
