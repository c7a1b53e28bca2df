// @desc: getrlimit and setrlimit as syscalls (libcs call prlimit64 instead): the default NOFILE, STACK and CORE limits, a lowered NOFILE soft limit makes open EMFILE at it, prlimit64 reads what setrlimit set; EINVAL for soft above hard and for an unknown resource, EFAULT for a bad pointer
// @smoke: none
// (not on the host: its limits are the host's, not a booted Linux's defaults)
// @expect: getrlimit NOFILE: 0, soft 1024 hard 4096
// @expect: getrlimit STACK: 0, soft 8388608 hard unlimited
// @expect: getrlimit CORE: 0, soft 0 hard unlimited
// @expect: setrlimit NOFILE soft 8: 0
// @expect: open until it fails: EMFILE at fd 8
// @expect: prlimit64 reads back: soft 8 hard 4096
// @expect: setrlimit soft above hard: -1 EINVAL
// @expect: getrlimit resource 99: -1 EINVAL
// @expect: setrlimit resource 99: -1 EINVAL
// @expect: getrlimit bad pointer: -1 EFAULT
// @expect: setrlimit bad pointer: -1 EFAULT
#include "tdiff_test.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/* "soft N hard M" (or unlimited) into buf */
static const char *
lims(char *buf, size_t len, const struct rlimit *r)
{
	char s[24], h[24];
	if (r->rlim_cur == RLIM_INFINITY)
		snprintf(s, sizeof(s), "unlimited");
	else
		snprintf(s, sizeof(s), "%lu", (unsigned long)r->rlim_cur);
	if (r->rlim_max == RLIM_INFINITY)
		snprintf(h, sizeof(h), "unlimited");
	else
		snprintf(h, sizeof(h), "%lu", (unsigned long)r->rlim_max);
	snprintf(buf, len, "soft %s hard %s", s, h);
	return buf;
}

/* say "what: r" or "what: -1 EFOO" for a raw syscall's -errno */
static void
say_raw(const char *what, long r)
{
	if (r < 0)
		say("%s: -1 %s\n", what, errname((int)-r));
	else
		say("%s: %ld\n", what, r);
}

static void
get(const char *what, int res)
{
	struct rlimit r;
	char buf[64];
	long rc = raw_syscall6(SYS_getrlimit, res, (long)&r, 0, 0, 0, 0);
	if (rc < 0)
		say_raw(what, rc);
	else
		say("%s: %ld, %s\n", what, rc, lims(buf, sizeof(buf), &r));
}

int
main(void)
{
	struct rlimit r, old;
	char buf[64];
	int fd, last = -1, err;

	get("getrlimit NOFILE", RLIMIT_NOFILE);
	get("getrlimit STACK", RLIMIT_STACK);
	get("getrlimit CORE", RLIMIT_CORE);
	raw_syscall6(SYS_getrlimit, RLIMIT_NOFILE, (long)&r, 0, 0, 0, 0);
	r.rlim_cur = 8;
	say_raw("setrlimit NOFILE soft 8", raw_syscall6(SYS_setrlimit, RLIMIT_NOFILE, (long)&r, 0, 0, 0, 0));
	while ((fd = open("/", O_RDONLY)) >= 0)
		last = fd;
	err = errno;
	say("open until it fails: %s at fd %d\n", errname(err), last + 1);
	for (fd = 3; fd <= last; fd++)
		close(fd);
	raw_syscall6(SYS_prlimit64, 0, RLIMIT_NOFILE, 0, (long)&old, 0, 0);
	say("prlimit64 reads back: %s\n", lims(buf, sizeof(buf), &old));
	r.rlim_cur = r.rlim_max + 1;
	say_raw("setrlimit soft above hard", raw_syscall6(SYS_setrlimit, RLIMIT_NOFILE, (long)&r, 0, 0, 0, 0));
	say_raw("getrlimit resource 99", raw_syscall6(SYS_getrlimit, 99, (long)&r, 0, 0, 0, 0));
	r.rlim_cur = r.rlim_max = 1;
	say_raw("setrlimit resource 99", raw_syscall6(SYS_setrlimit, 99, (long)&r, 0, 0, 0, 0));
	say_raw("getrlimit bad pointer", raw_syscall6(SYS_getrlimit, RLIMIT_NOFILE, 1, 0, 0, 0, 0));
	say_raw("setrlimit bad pointer", raw_syscall6(SYS_setrlimit, RLIMIT_NOFILE, 1, 0, 0, 0, 0));
	return 0;
}
