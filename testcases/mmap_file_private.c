// @desc: mmap of a file with MAP_PRIVATE: the mapping shows the file's bytes (and zeroes past its end in the last page); a write through it stays private (the file, a second mapping and a forked child's view before its own write keep the old bytes); a write to the file before the first touch is seen; EACCES for a write-only fd, EBADF, EINVAL for an unaligned offset, ENODEV for a pipe
// @timeout: 10
// @expect: private: maps file bytes: abcdefgh
// @expect: private: past end of file: zero
// @expect: private: after write through the mapping: mapping XYZdefgh, file abcdefgh, second mapping abcdefgh
// @expect: private: child sees XYZdefgh, child's write private: yes
// @expect: private: parent after child: XYZdefgh
// @expect: private: file written before first touch: seen 0123
// @expect: private: write-only fd: -1 EACCES
// @expect: private: closed fd: -1 EBADF
// @expect: private: offset 100: -1 EINVAL
// @expect: private: pipe: -1 ENODEV
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *
err(int e)
{
	return e == ENODEV ? "ENODEV" : errname(e);
}

static void
try_map(const char *what, int fd, off_t off)
{
	void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, off);
	if (p == MAP_FAILED)
		say("private: %s: -1 %s\n", what, err(errno));
	else
		say("private: %s: mapped\n", what);
}

int
main(void)
{
	char buf[16];
	int fd, p[2], status;

	if (test_dir("/tmp/mmap_file_private") < 0)
		return 1;
	fd = open("f", O_CREAT | O_RDWR, 0644);
	if (fd < 0 || write(fd, "abcdefgh", 8) != 8)
		return 1;
	char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED)
		return 1;
	say("private: maps file bytes: %.8s\n", m);
	say("private: past end of file: %s\n", m[8] == 0 && m[4095] == 0 ? "zero" : "NOT ZERO");
	memcpy(m, "XYZ", 3);
	char *m2 = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	pread(fd, buf, 8, 0);
	say("private: after write through the mapping: mapping %.8s, file %.8s, second mapping %.8s\n",
	    m, buf, m2);

	pid_t pid = fork();
	if (pid == 0) {
		int same = memcmp(m, "XYZdefgh", 8) == 0;
		m[0] = 'c';
		_exit(same ? 10 + (m[0] == 'c') : 1);
	}
	waitpid(pid, &status, 0);
	say("private: child sees %s, child's write private: %s\n",
	    WEXITSTATUS(status) >= 10 ? "XYZdefgh" : "OTHER",
	    WEXITSTATUS(status) == 11 ? "yes" : "no");
	say("private: parent after child: %.8s\n", m);

	/* a page not touched yet is read from the file when first touched */
	char *m3 = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	pwrite(fd, "0123", 4, 0);
	say("private: file written before first touch: seen %.4s\n", m3);
	munmap(m, 4096);
	munmap(m2, 4096);
	munmap(m3, 4096);

	int wo = open("f", O_WRONLY);
	try_map("write-only fd", wo, 0);
	close(wo);
	try_map("closed fd", wo, 0);
	try_map("offset 100", fd, 100);
	pipe(p);
	try_map("pipe", p[0], 0);
	return 0;
}
