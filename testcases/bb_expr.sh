# @desc: busybox expr: arithmetic, comparison, length, match, substr, and the exit status 1 of a null result and 2 of a syntax error
# @smoke: x86_64
# @expect: 3
# @expect: 42
# @expect: 5
# @expect: expr 0: 1
# @expect: expr syntax error: 2
expr 1 + 2
expr 6 '*' 7
expr length hello
expr 5 '>' 3
expr abcdef : 'ab\(..\)'
expr substr hello 2 3
expr 0
echo "expr 0: $?"
expr 1 +
echo "expr syntax error: $?"
