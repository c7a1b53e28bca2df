// @desc: munmap of the middle page of a three-page anonymous mapping: its neighbours keep their bytes and stay writable; a read of the hole raises SIGSEGV with SEGV_MAPERR and si_addr in the hole (the handler maps a fresh zero page there, so the read is retried and sees 0); munmap of an unmapped range is 0, EINVAL for an unaligned address or length 0
// @timeout: 10
// @expect: munmap: middle page: 0
// @expect: munmap: first page keeps A, last page keeps C
// @expect: munmap: neighbours still writable: yes
// @expect: munmap: SIGSEGV in the hole: code SEGV_MAPERR, si_addr hole+0x10: yes
// @expect: munmap: read retried after the handler mapped a page: 0
// @expect: munmap: same range again: 0
// @expect: munmap: unaligned address: -1 EINVAL
// @expect: munmap: length 0: -1 EINVAL
// @expect: munmap: whole rest: 0
#include "tdiff_test.h"

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PG 4096

static char *volatile hole;
static volatile int faults, fault_code;
static void *volatile fault_addr;

static void
on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	faults++;
	fault_code = si->si_code;
	fault_addr = si->si_addr;
	if (mmap(hole, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
	    MAP_FAILED)
		_exit(3);
}

int
main(void)
{
	struct sigaction sa;
	char *m = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return 1;
	memset(m, 'A', PG);
	memset(m + PG, 'B', PG);
	memset(m + 2 * PG, 'C', PG);
	hole = m + PG;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);

	say_rc("munmap: middle page", munmap(hole, PG));
	say("munmap: first page keeps %c, last page keeps %c\n", m[PG - 1], m[2 * PG]);
	m[0] = 'a';
	m[3 * PG - 1] = 'c';
	say("munmap: neighbours still writable: %s\n", m[0] == 'a' && m[3 * PG - 1] == 'c' ? "yes" : "no");

	char v = ((volatile char *)hole)[0x10];
	say("munmap: SIGSEGV in the hole: code %s, si_addr hole+0x10: %s\n",
	    faults == 1 && fault_code == SEGV_MAPERR ? "SEGV_MAPERR" : "OTHER",
	    fault_addr == hole + 0x10 ? "yes" : "no");
	say("munmap: read retried after the handler mapped a page: %d\n", v);

	say_rc("munmap: same range again", munmap(hole, PG) == 0 ? munmap(hole, PG) : -1);
	say_rc("munmap: unaligned address", munmap(m + 1, PG));
	say_rc("munmap: length 0", munmap(m, 0));
	say_rc("munmap: whole rest", munmap(m, 3 * PG));
	return 0;
}
