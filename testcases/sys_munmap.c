// @desc: munmap: the middle page of three unmapped, the outer pages still usable and the hole faults (SIGSEGV in a child); unmapping a range with nothing mapped, or twice, succeeds; EINVAL for an unaligned address and a zero length; a fresh mmap may reuse the hole
// @expect: munmap the middle page: 0
// @expect: first and last pages still hold their bytes: yes
// @expect: touching the hole: child killed by SIGSEGV
// @expect: munmap the middle page again: 0
// @expect: munmap unaligned address: -1 EINVAL
// @expect: munmap length 0: -1 EINVAL
// @expect: munmap the rest: 0, then touching the first page: child killed by SIGSEGV
#include "tdiff_test.h"

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PG 4096

/* touch_in_child: read *p in a child; returns its wait status */
static const char *
touch_in_child(volatile char *p, char *buf, size_t len)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		(void)*p;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return describe_status(status, buf, len);
}

int
main(void)
{
	char buf[64];
	char *a;

	a = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a == MAP_FAILED)
		return 1;
	a[0] = 'a';
	a[PG] = 'b';
	a[2 * PG] = 'c';
	say_rc("munmap the middle page", munmap(a + PG, PG));
	say("first and last pages still hold their bytes: %s\n", a[0] == 'a' && a[2 * PG] == 'c' ? "yes" : "no");
	say("touching the hole: child %s\n", touch_in_child(a + PG, buf, sizeof(buf)));
	say_rc("munmap the middle page again", munmap(a + PG, PG));
	say_rc("munmap unaligned address", munmap(a + 1, PG));
	say_rc("munmap length 0", munmap(a, 0));
	say_rc("munmap the rest", munmap(a, 3 * PG));
	say("munmap the rest: 0, then touching the first page: child %s\n", touch_in_child(a, buf, sizeof(buf)));
	return 0;
}
