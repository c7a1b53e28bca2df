// @desc: sendfile: file to file from the input's offset (which moves) or from *offset (updated, the input's offset untouched), short at end of file, file to pipe, count 0; EBADF for a closed fd or the wrong access mode, EINVAL for an O_APPEND output or a negative offset, EFAULT
// @timeout: 10
// @expect: NULL offset, 4 bytes: 4, in offset 4, out reads 0123
// @expect: offset 6, 10 bytes: 4, offset now 10, in offset still 4
// @expect: at end of file: 0
// @expect: to a pipe: 3, pipe reads 456
// @expect: count 0: 0
// @expect: out fd read-only: -1 EBADF
// @expect: in fd write-only: -1 EBADF
// @expect: bad in fd: -1 EBADF
// @expect: bad out fd: -1 EBADF
// @expect: O_APPEND out: -1 EINVAL
// @expect: negative offset: -1 EINVAL
// @expect: bad offset pointer: -1 EFAULT
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(void)
{
	char buf[32];
	int in, out, ro, wo, ap, p[2];
	off_t off;
	long r;

	if (test_dir("/tmp/sendfile") < 0)
		return 1;
	in = open("in", O_CREAT | O_RDWR, 0644);
	if (in < 0 || write(in, "0123456789", 10) != 10)
		return 1;
	lseek(in, 0, SEEK_SET);
	out = open("out", O_CREAT | O_RDWR, 0644);
	r = sendfile(out, in, NULL, 4);
	say("NULL offset, 4 bytes: %ld, in offset %ld, out reads %.*s\n", r,
	    (long)lseek(in, 0, SEEK_CUR), (int)pread(out, buf, sizeof(buf), 0), buf);
	off = 6;
	r = sendfile(out, in, &off, 10);
	say("offset 6, 10 bytes: %ld, offset now %ld, in offset still %ld\n", r, (long)off,
	    (long)lseek(in, 0, SEEK_CUR));
	off = 10;
	say_rc("at end of file", sendfile(out, in, &off, 5));
	pipe(p);
	r = sendfile(p[1], in, NULL, 3);
	say("to a pipe: %ld, pipe reads %.*s\n", r, (int)read(p[0], buf, sizeof(buf)), buf);
	say_rc("count 0", sendfile(out, in, NULL, 0));
	ro = open("out", O_RDONLY);
	wo = open("out", O_WRONLY);
	ap = open("out", O_WRONLY | O_APPEND);
	say_rc("out fd read-only", sendfile(ro, in, NULL, 1));
	say_rc("in fd write-only", sendfile(out, wo, NULL, 1));
	say_rc("bad in fd", sendfile(out, 99, NULL, 1));
	say_rc("bad out fd", sendfile(99, in, NULL, 1));
	say_rc("O_APPEND out", sendfile(ap, in, NULL, 1));
	off = -1;
	say_rc("negative offset", sendfile(out, in, &off, 1));
	say_rc("bad offset pointer", sendfile(out, in, (off_t *)1, 1));
	return 0;
}
