# @desc: busybox cal of given months (February 2000, a leap year; September 1752, the calendar change), never of today
# @smoke: x86_64
# @expect: Su Mo Tu We Th Fr Sa
# @expect: 27 28 29
# @expect: 13 14 15 16 17 18 19
# @expect: 17 18 19 20 21 22 23
cal 2 2000
cal 9 1752
