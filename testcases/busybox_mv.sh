# @desc: busybox mv, cp, ln -s and readlink in /tmp, then ls -l of the result (dates cut off by sh's read)
# @timeout: 20
# @smoke: x86_64
# @expect: copied: hello
# @expect: moved: hello
# @expect: link points at: c
# @expect: through the link: hello
# @expect: mv b d/: done
# @expect: mv d e: done
# @expect: -rw-r--r-- 1 6 c
# @expect: lrwxrwxrwx 1 1 link -> c
# @expect: in e: b
# (the directory's line is left to the trace: its size is the filesystem's)
mkdir /tmp/mv
cd /tmp/mv
echo hello > a
cp a b
read x < b
echo "copied: $x"
mv a c
read x < c
echo "moved: $x"
ln -s c link
readlink link > target
read x < target
echo "link points at: $x"
read x < link
echo "through the link: $x"
mkdir d
mv b d/ && echo "mv b d/: done"
mv d e && echo "mv d e: done"
ls -l > ../mv.ls
while read mode links owner group size month day time name rest; do
	echo "$mode $links $size $name${rest:+ $rest}"
done < ../mv.ls
ls e > ../e.ls
read x < ../e.ls
echo "in e: $x"
