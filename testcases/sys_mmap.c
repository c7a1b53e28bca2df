// @desc: mmap: anonymous private memory is zero and writable; MAP_SHARED anonymous memory is shared with a forked child, MAP_PRIVATE is not; a file mapped MAP_PRIVATE shows its bytes and keeps writes private; MAP_FIXED inside a mapping; PROT_READ memory faults on a write (SIGSEGV in a child); EINVAL (length 0, no MAP_PRIVATE or MAP_SHARED, unaligned offset), EBADF, EACCES (MAP_SHARED PROT_WRITE of a read-only fd), ENODEV (a pipe)
// @expect: anonymous: zero and writable: yes
// @expect: MAP_SHARED: the parent sees the child's write: yes
// @expect: MAP_PRIVATE: the parent does not see the child's write: yes
// @expect: file MAP_PRIVATE: hello
// @expect: file after a private write: hello (the mapping: J)
// @expect: MAP_FIXED inside the mapping: at the address asked, zeroed: yes
// @expect: write to PROT_READ memory: child killed by SIGSEGV
// @expect: length 0: -1 EINVAL
// @expect: neither private nor shared: -1 EINVAL
// @expect: unaligned offset: -1 EINVAL
// @expect: bad fd: -1 EBADF
// @expect: shared writable of a read-only fd: -1 EACCES
// @expect: a pipe: -1 ENODEV
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PG 4096

/* say_map: "what: -1 EFOO" for MAP_FAILED, "what: ok" else (addresses differ) */
static void
say_map(const char *what, void *p)
{
	if (p == MAP_FAILED)
		say("%s: -1 %s\n", what, errno == ENODEV ? "ENODEV" : errname(errno));
	else
		say("%s: ok\n", what);
}

/* child_writes: fork a child that writes 7 into *p and exits; wait for it */
static int
child_writes(volatile int *p)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		*p = 7;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return status;
}

int
main(void)
{
	char buf[64];
	unsigned char *a, *f;
	volatile int *s;
	int fd, i, ok = 1, p[2], status;
	pid_t pid;

	a = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (i = 0; a != MAP_FAILED && i < 4 * PG; i++)
		ok &= a[i] == 0;
	if (a != MAP_FAILED)
		a[4 * PG - 1] = 1;
	say("anonymous: zero and writable: %s\n", a != MAP_FAILED && ok && a[4 * PG - 1] == 1 ? "yes" : "no");

	s = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s != MAP_FAILED) {
		child_writes(s);
		say("MAP_SHARED: the parent sees the child's write: %s\n", *s == 7 ? "yes" : "no");
	}
	s = (volatile int *)a;
	child_writes(s);
	say("MAP_PRIVATE: the parent does not see the child's write: %s\n", *s == 0 ? "yes" : "no");

	fd = open("/data/hello.txt", O_RDONLY);
	f = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (f != MAP_FAILED) {
		memcpy(buf, f, 5);
		buf[5] = 0;
		say("file MAP_PRIVATE: %s\n", buf);
		f[0] = 'J';
		pread(fd, buf, 5, 0);
		say("file after a private write: %s (the mapping: %c)\n", buf, f[0]);
		munmap(f, PG);
	} else {
		say_rc("file MAP_PRIVATE", -1);
	}

	f = mmap(a + PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	a[PG] = 0;
	say("MAP_FIXED inside the mapping: at the address asked, zeroed: %s\n",
	    f == a + PG && a[2 * PG - 1] == 0 ? "yes" : "no");

	f = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid = fork();
	if (pid == 0) {
		f[0] = 1;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	say("write to PROT_READ memory: child %s\n", describe_status(status, buf, sizeof(buf)));

	say_map("length 0", mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	say_map("neither private nor shared", mmap(NULL, PG, PROT_READ, MAP_ANONYMOUS, -1, 0));
	say_map("unaligned offset", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 100));
	say_map("bad fd", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 99, 0));
	say_map("shared writable of a read-only fd", mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
	pipe(p);
	say_map("a pipe", mmap(NULL, PG, PROT_READ, MAP_PRIVATE, p[0], 0));
	return 0;
}
