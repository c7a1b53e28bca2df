// @desc: uname: sysname Linux and the machine name of the arch, every field NUL-terminated and the release starting with a digit; EFAULT (raw syscall)
// @expect: sysname: Linux
// @expect: fields NUL-terminated: yes
// @expect: release starts with a digit: yes
// @expect: uname bad pointer: -1 EFAULT
#include "tdiff_test.h"

#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

int
main(void)
{
	struct utsname u;
	long r;

	memset(&u, 'x', sizeof(u));
	if (uname(&u) < 0)
		return 1;
	say("sysname: %s\n", u.sysname);
	say("machine: %s\n", u.machine);
	say("fields NUL-terminated: %s\n",
	    memchr(u.sysname, 0, sizeof(u.sysname)) && memchr(u.nodename, 0, sizeof(u.nodename)) &&
	    memchr(u.release, 0, sizeof(u.release)) && memchr(u.version, 0, sizeof(u.version)) &&
	    memchr(u.machine, 0, sizeof(u.machine)) ? "yes" : "no");
	say("release starts with a digit: %s\n", u.release[0] >= '0' && u.release[0] <= '9' ? "yes" : "no");
	r = raw_syscall6(SYS_uname, 1, 0, 0, 0, 0, 0);
	if (r < 0)
		say("uname bad pointer: -1 %s\n", errname((int)-r));
	else
		say("uname bad pointer: %ld\n", r);
	return 0;
}
