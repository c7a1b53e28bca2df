# @desc: busybox awk: fields with -F, a sum in END, NR and NF, a condition, printf with widths, string functions, -v
# @smoke: x86_64
# @expect: b
# @expect: sum 60
# @expect: 3 lines, last has 2 fields
# @expect: big 30
# @expect: [  x|3.50]
# @expect: HELLO 5 ell
# @expect: v is 7
mkdir /tmp/bb_awk
cd /tmp/bb_awk
echo 'a:b:c' > f
awk -F: '{ print $2 }' f
printf '10 x\n20 y\n30 z\n' > n
awk '{ s += $1 } END { print "sum", s }' n
awk 'END { print NR " lines, last has " NF " fields" }' n
awk '$1 > 25 { print "big", $1 }' n
awk 'BEGIN { printf "[%3s|%4.2f]\n", "x", 3.5 }'
awk 'BEGIN { s = "hello"; print toupper(s), length(s), substr(s, 2, 3) }'
awk -v v=7 'BEGIN { print "v is", v }'
