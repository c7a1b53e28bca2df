# @desc: busybox mv, cp, ln -s and readlink in /tmp, then ls -F of the result (no ls -l: its times would tie the trace to the clock)
# @timeout: 20
# @smoke: x86_64
# @expect: copied: hello
# @expect: moved: hello
# @expect: link points at: c
# @expect: through the link: hello
# @expect: mv b d/: done
# @expect: mv d e: done
# @expect: entry: c
# @expect: entry: e/
# @expect: entry: link@
# @expect: size of c: 6
# @expect: in e: b
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
ls -F > ../mv.ls
while read name; do
	echo "entry: $name"
done < ../mv.ls
wc -c < c > ../size
read x < ../size
echo "size of c: $x"
ls e > ../e.ls
read x < ../e.ls
echo "in e: $x"
