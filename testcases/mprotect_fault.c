// @desc: mprotect: a page made PROT_READ can be read but a write raises SIGSEGV with SEGV_ACCERR and si_addr at the written byte; the handler makes it PROT_READ|PROT_WRITE and the write is retried and lands; PROT_NONE makes a read fault too; mprotect of one page of two splits the mapping; ENOMEM for an unmapped range, EINVAL for an unaligned address or unknown bits
// @timeout: 10
// @expect: mprotect: PROT_READ: 0, still reads x
// @expect: mprotect: write fault: 1, code SEGV_ACCERR, si_addr page+0x123: yes
// @expect: mprotect: write landed after the handler's mprotect: y
// @expect: mprotect: PROT_NONE read fault: 1, code SEGV_ACCERR, read gives y
// @expect: mprotect: second page still writable after protecting the first: yes
// @expect: mprotect: unmapped range: -1 ENOMEM
// @expect: mprotect: unaligned address: EINVAL
// @expect: mprotect: unknown bits: -1 EINVAL
#include "tdiff_test.h"

#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/mman.h>
#include <unistd.h>

#define PG 4096

static char *volatile page;
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
	if (mprotect(page, PG, PROT_READ | PROT_WRITE) < 0)
		_exit(3);
}

static const char *
code_name(int code)
{
	return code == SEGV_ACCERR ? "SEGV_ACCERR" : code == SEGV_MAPERR ? "SEGV_MAPERR" : "OTHER";
}

int
main(void)
{
	struct sigaction sa;
	char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return 1;
	page = m;
	m[0] = 'x';
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);

	long r = mprotect(m, PG, PROT_READ);
	say("mprotect: PROT_READ: %ld, still reads %c\n", r, ((volatile char *)m)[0]);
	((volatile char *)m)[0x123] = 'y';
	say("mprotect: write fault: %d, code %s, si_addr page+0x123: %s\n", faults,
	    code_name(fault_code), fault_addr == m + 0x123 ? "yes" : "no");
	say("mprotect: write landed after the handler's mprotect: %c\n", m[0x123]);

	faults = 0;
	mprotect(m, PG, PROT_NONE);
	char v = ((volatile char *)m)[0x123];
	say("mprotect: PROT_NONE read fault: %d, code %s, read gives %c\n", faults,
	    code_name(fault_code), v);

	mprotect(m, PG, PROT_READ);
	m[PG + 5] = 'z';
	say("mprotect: second page still writable after protecting the first: %s\n",
	    m[PG + 5] == 'z' ? "yes" : "no");
	mprotect(m, PG, PROT_READ | PROT_WRITE);

	munmap(m + PG, PG);
	say_rc("mprotect: unmapped range", mprotect(m, 2 * PG, PROT_READ));
	/* raw: musl's mprotect rounds the start down to a page itself */
	long e = raw_syscall6(SYS_mprotect, (long)(m + 1), PG, PROT_READ, 0, 0, 0);
	say("mprotect: unaligned address: %s\n", e == 0 ? "0" : errname((int)-e));
	say_rc("mprotect: unknown bits", mprotect(m, PG, 0x100));
	return 0;
}
