# @desc: busybox printf (the applet, by path): %s %d %x %o %c %5.2f %-5s| %b, a format reused for extra arguments, an invalid number's exit status
# @smoke: x86_64
# @expect: abc 42 ff 17 Z  3.14 ab   |
# @expect: tab	here
# @expect: [1][2][3]
# @expect: printf bad number: 1
/bin/printf '%s %d %x %o %c %5.2f %-5s|\n' abc 42 255 15 Z 3.14159 ab
/bin/printf '%b\n' 'tab\there'
/bin/printf '[%s]' 1 2 3
/bin/printf '\n'
/bin/printf '%d\n' 12abc 2>/dev/null
echo "printf bad number: $?"
