// @desc: mmap of a file with MAP_SHARED: a write through the mapping is seen by a forked child, the child's write by the parent, and both in the file through pread after msync(MS_SYNC) and after munmap; a read-only fd with PROT_WRITE is EACCES; msync's EINVAL (unaligned address, MS_SYNC|MS_ASYNC) and ENOMEM (nothing mapped)
// @timeout: 10
// @expect: shared: maps file bytes: abcdefgh
// @expect: shared: child sees XYcdefgh, child exited 0
// @expect: shared: parent sees the child's write: XYZdefgh
// @expect: shared: msync MS_SYNC: 0, file reads XYZdefgh
// @expect: shared: munmap: 0, file reads XYZWefgh
// @expect: shared: file size still 8
// @expect: shared: PROT_WRITE on a read-only fd: -1 EACCES
// @expect: shared: PROT_READ on a read-only fd: mapped, reads XYZWefgh
// @expect: shared: msync unaligned address: -1 EINVAL
// @expect: shared: msync MS_SYNC|MS_ASYNC: -1 EINVAL
// @expect: shared: msync on an unmapped range: -1 ENOMEM
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(void)
{
	char buf[16], desc[64];
	struct stat st;
	int fd, status;

	if (test_dir("/tmp/mmap_file_shared") < 0)
		return 1;
	fd = open("f", O_CREAT | O_RDWR, 0644);
	if (fd < 0 || write(fd, "abcdefgh", 8) != 8)
		return 1;
	char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		return 1;
	say("shared: maps file bytes: %.8s\n", m);
	memcpy(m, "XY", 2);

	pid_t pid = fork();
	if (pid == 0) {
		int ok = memcmp(m, "XYcdefgh", 8) == 0;
		m[2] = 'Z';
		_exit(ok ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	say("shared: child sees %s, child %s\n", WEXITSTATUS(status) == 0 ? "XYcdefgh" : "OTHER",
	    describe_status(status, desc, sizeof(desc)));
	say("shared: parent sees the child's write: %.8s\n", m);

	long r = msync(m, 4096, MS_SYNC);
	pread(fd, buf, 8, 0);
	say("shared: msync MS_SYNC: %ld, file reads %.8s\n", r, buf);
	m[3] = 'W';
	r = munmap(m, 4096);
	pread(fd, buf, 8, 0);
	say("shared: munmap: %ld, file reads %.8s\n", r, buf);
	fstat(fd, &st);
	say("shared: file size still %ld\n", (long)st.st_size);

	int ro = open("f", O_RDONLY);
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
	say("shared: PROT_WRITE on a read-only fd: %s\n",
	    p == MAP_FAILED ? (errno == EACCES ? "-1 EACCES" : errname(errno)) : "mapped");
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, ro, 0);
	if (p == MAP_FAILED)
		say("shared: PROT_READ on a read-only fd: -1 %s\n", errname(errno));
	else
		say("shared: PROT_READ on a read-only fd: mapped, reads %.8s\n", p);

	say_rc("shared: msync unaligned address", msync(p + 1, 4096, MS_SYNC));
	say_rc("shared: msync MS_SYNC|MS_ASYNC", msync(p, 4096, MS_SYNC | MS_ASYNC));
	munmap(p, 4096);
	say_rc("shared: msync on an unmapped range", msync(p, 4096, MS_SYNC));
	return 0;
}
