# @desc: busybox date of given times (-d @seconds, -d 'YYYY-MM-DD hh:mm:ss' +%s, formats), never of now (Linux's riscv64 golden machine reads no RTC: its clock starts in 1970, x86_64's in 2000)
# @smoke: x86_64
# @expect: Sat Jan  1 00:00:00 UTC 2000
# @expect: 981173106
# @expect: 2001-02-03 04:05:06 Saturday
date -u -d @946684800
date -u -d '2001-02-03 04:05:06' +%s
date -u -d @981173106 '+%Y-%m-%d %H:%M:%S %A'
