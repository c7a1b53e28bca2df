# @desc: busybox dirname: a path, trailing slashes, a bare name, the root, a name under the root
# @smoke: x86_64
# @expect: /a/b
# @expect: a
# @expect: .
# @expect: /
dirname /a/b/c.txt
dirname a/b//
dirname file
dirname /
dirname /usr
