// @desc: O_TRUNC: empties a regular file opened for writing (and, as Linux does, for reading), moves its mtime on, creates with O_CREAT; a directory is EISDIR; /dev/null ignores it
// @timeout: 10
// @expect: O_WRONLY|O_TRUNC: size 0, mtime moved on: yes
// @expect: O_RDWR|O_TRUNC then write: size 3
// @expect: O_RDONLY|O_TRUNC: ok, size 0
// @expect: O_CREAT|O_TRUNC new file: size 0
// @expect: O_TRUNC on a directory: -1 EISDIR
// (O_TRUNC on /dev/null is left to the trace: the smoke run has no /dev)
// @expect: O_TRUNC on a missing file: -1 ENOENT
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* fill: name holds "0123456789", times set back to the epoch (riscv64's
 * Linux has no RTC here: its clock starts at 0 when it boots). */
static void
fill(const char *name)
{
	struct timespec old[2] = { { 0, 0 }, { 0, 0 } };
	int fd = open(name, O_CREAT | O_WRONLY, 0644);

	(void)!write(fd, "0123456789", 10);
	close(fd);
	utimensat(AT_FDCWD, name, old, 0);
}

static long
size_of(const char *name)
{
	struct stat st;

	return stat(name, &st) < 0 ? -1 : (long)st.st_size;
}

int
main(void)
{
	struct stat st;
	int fd;

	if (test_dir("/tmp/o_trunc") < 0)
		return 1;
	fill("f");
	fd = open("f", O_WRONLY | O_TRUNC);
	fstat(fd, &st);
	close(fd);
	say("O_WRONLY|O_TRUNC: size %ld, mtime moved on: %s\n", (long)st.st_size,
	    st.st_mtim.tv_sec > 0 || st.st_mtim.tv_nsec > 0 ? "yes" : "no");
	fill("f");
	fd = open("f", O_RDWR | O_TRUNC);
	(void)!write(fd, "abc", 3);
	close(fd);
	say("O_RDWR|O_TRUNC then write: size %ld\n", size_of("f"));
	fill("g");
	fd = open("g", O_RDONLY | O_TRUNC);
	close(fd);
	say("O_RDONLY|O_TRUNC: %s, size %ld\n", fd < 0 ? errname(errno) : "ok", size_of("g"));
	fd = open("h", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	close(fd);
	say("O_CREAT|O_TRUNC new file: size %ld\n", size_of("h"));
	mkdir("d", 0755);
	say_rc("O_TRUNC on a directory", open("d", O_RDONLY | O_TRUNC));
	fd = open("/dev/null", O_WRONLY | O_TRUNC);
	say("O_TRUNC on /dev/null: %s\n", fd < 0 ? errname(errno) : "ok");
	close(fd);
	say_rc("O_TRUNC on a missing file", open("missing", O_WRONLY | O_TRUNC));
	return 0;
}
