// @desc: ppoll with a zero timespec and with a signal mask that lets a pending SIGUSR1 in (its handler runs, ppoll is EINTR, the old mask is back); select and pselect6 on pipes: timeout 0 gives 0 and empty sets, a readable read end and a writable write end are reported in their sets, pselect6's mask lets a pending signal in (EINTR); EBADF for a closed fd in a set, EINVAL for a negative nfds or a bad timeout
// @timeout: 10
// @expect: ppoll: zero timeout, empty pipe: 0
// @expect: ppoll: after a write: 1 POLLIN
// @expect: ppoll: mask unblocking a pending SIGUSR1: EINTR, handler ran 1, SIGUSR1 blocked again: yes
// @expect: ppoll: tv_nsec 1e9: EINVAL
// @expect: select: timeout 0, empty pipe: 0, read set empty: yes
// @expect: select: readable and writable: 2, read end in rfds: yes, write end in wfds: yes
// @expect: select: closed fd: EBADF
// @expect: select: negative nfds: EINVAL
// @expect: pselect: timeout 0: 0
// @expect: pselect: readable: 1, read end in rfds: yes
// @expect: pselect: mask unblocking a pending SIGUSR1: EINTR, handler ran 2, SIGUSR1 blocked again: yes
// @expect: pselect: tv_nsec 1e9: EINVAL
#include "tdiff_test.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

static volatile int handled;

static void
on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static const char *
res(int r)
{
	static char buf[16];
	if (r < 0)
		return errname(errno);
	snprintf(buf, sizeof(buf), "%d", r);
	return buf;
}

static const char *
still_blocked(void)
{
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	return sigismember(&cur, SIGUSR1) ? "yes" : "no";
}

static void
check_ppoll(int p[2], const sigset_t *open_mask)
{
	struct timespec zero = { 0, 0 }, bad = { 0, 1000000000 };
	struct pollfd pf = { p[0], POLLIN, 0 };

	say("ppoll: zero timeout, empty pipe: %s\n", res(ppoll(&pf, 1, &zero, NULL)));
	write(p[1], "x", 1);
	int r = ppoll(&pf, 1, &zero, NULL);
	say("ppoll: after a write: %s %s\n", res(r), pf.revents == POLLIN ? "POLLIN" : "OTHER");
	read(p[0], &r, 1);
	kill(getpid(), SIGUSR1);
	r = ppoll(&pf, 1, NULL, open_mask);
	say("ppoll: mask unblocking a pending SIGUSR1: %s, handler ran %d, SIGUSR1 blocked again: %s\n",
	    res(r), handled, still_blocked());
	say("ppoll: tv_nsec 1e9: %s\n", res(ppoll(&pf, 1, &bad, NULL)));
}

static void
check_select(int p[2])
{
	struct timeval zero = { 0, 0 };
	fd_set r, w;

	FD_ZERO(&r);
	FD_SET(p[0], &r);
	int n = select(p[0] + 1, &r, NULL, NULL, &zero);
	say("select: timeout 0, empty pipe: %s, read set empty: %s\n", res(n),
	    FD_ISSET(p[0], &r) ? "no" : "yes");
	write(p[1], "x", 1);
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	zero = (struct timeval){ 0, 0 };
	n = select(p[1] + 1, &r, &w, NULL, &zero);
	say("select: readable and writable: %s, read end in rfds: %s, write end in wfds: %s\n",
	    res(n), FD_ISSET(p[0], &r) ? "yes" : "no", FD_ISSET(p[1], &w) ? "yes" : "no");
	FD_ZERO(&r);
	FD_SET(20, &r);
	zero = (struct timeval){ 0, 0 };
	say("select: closed fd: %s\n", res(select(21, &r, NULL, NULL, &zero)));
	say("select: negative nfds: %s\n", res(select(-1, NULL, NULL, NULL, &zero)));
}

static void
check_pselect(int p[2], const sigset_t *open_mask)
{
	struct timespec zero = { 0, 0 }, bad = { 0, 1000000000 };
	fd_set r;
	char c;

	read(p[0], &c, 1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	say("pselect: timeout 0: %s\n", res(pselect(p[0] + 1, &r, NULL, NULL, &zero, NULL)));
	write(p[1], "x", 1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	int n = pselect(p[0] + 1, &r, NULL, NULL, &zero, NULL);
	say("pselect: readable: %s, read end in rfds: %s\n", res(n), FD_ISSET(p[0], &r) ? "yes" : "no");
	read(p[0], &c, 1);
	kill(getpid(), SIGUSR1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	n = pselect(p[0] + 1, &r, NULL, NULL, NULL, open_mask);
	say("pselect: mask unblocking a pending SIGUSR1: %s, handler ran %d, SIGUSR1 blocked again: %s\n",
	    res(n), handled, still_blocked());
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	say("pselect: tv_nsec 1e9: %s\n", res(pselect(p[0] + 1, &r, NULL, NULL, &bad, NULL)));
}

int
main(void)
{
	struct sigaction sa;
	sigset_t usr1, open_mask;
	int p[2];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	sigemptyset(&open_mask);
	pipe(p);

	check_ppoll(p, &open_mask);
	check_select(p);
	check_pselect(p, &open_mask);
	return 0;
}
