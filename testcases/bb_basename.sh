# @desc: busybox basename: a path, a suffix removed, trailing slashes, the root, a suffix equal to the name kept
# @smoke: x86_64
# @expect: c.txt
# @expect: c
# @expect: b
# @expect: /
# @expect: .txt
basename /a/b/c.txt
basename /a/b/c.txt .txt
basename a/b//
basename /
basename .txt .txt
