// @desc: credentials and sessions: uid, euid, gid and egid are root's; getgroups(0) counts the groups and a list shorter than that is EINVAL; a child's setgid sets gid and egid and -1 is EINVAL; getsid names the session (ESRCH for no such pid); a child's setsid makes it leader of a new session and group, and a second setsid is EPERM
// @expect: ids: uid 0 euid 0 gid 0 egid 0
// @expect: getgroups: the count and the list agree: yes
// @expect: child setgid 1234: 0, gid 1234 egid 1234
// @expect: child setgid -1: -1 EINVAL
// @expect: getsid(0) == getsid(getpid()): yes
// @expect: getsid of no such pid: -1 ESRCH
// @expect: child setsid: its own pid: yes, getsid and getpgid say so: yes
// @expect: child setsid again: -1 EPERM
// @expect: parent's session unchanged: yes
#include "tdiff_test.h"

#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* child: run fn in a forked child and wait for it */
static void
in_child(void (*fn)(void))
{
	int status;
	pid_t pid = fork();
	if (pid == 0) {
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
}

static void
child_setgid(void)
{
	long r = setgid(1234);
	say("child setgid 1234: %ld, gid %d egid %d\n", r, (int)getgid(), (int)getegid());
	/* the syscall itself: a libc may refuse -1 before asking the kernel */
	r = raw_syscall6(SYS_setgid, -1, 0, 0, 0, 0, 0);
	if (r < 0)
		say("child setgid -1: -1 %s\n", errname((int)-r));
	else
		say("child setgid -1: %ld\n", r);
}

static void
child_setsid(void)
{
	pid_t me = getpid();
	pid_t s = setsid();
	say("child setsid: its own pid: %s, getsid and getpgid say so: %s\n", s == me ? "yes" : "no",
	    getsid(0) == me && getpgid(0) == me ? "yes" : "no");
	say_rc("child setsid again", setsid());
}

int
main(void)
{
	gid_t list[64];
	int n, m;

	say("ids: uid %d euid %d gid %d egid %d\n", (int)getuid(), (int)geteuid(), (int)getgid(),
	    (int)getegid());
	n = getgroups(0, NULL);
	m = getgroups(64, list);
	say("getgroups: %d groups\n", n);
	say("getgroups: the count and the list agree: %s\n", n >= 0 && n == m ? "yes" : "no");
	if (n > 0)
		say_rc("getgroups of a list too short", getgroups(n - 1, list));
	in_child(child_setgid);
	pid_t sid = getsid(0);
	say("getsid(0) == getsid(getpid()): %s\n", sid > 0 && sid == getsid(getpid()) ? "yes" : "no");
	say_rc("getsid of no such pid", getsid(999999));
	in_child(child_setsid);
	say("parent's session unchanged: %s\n", getsid(0) == sid ? "yes" : "no");
	return 0;
}
