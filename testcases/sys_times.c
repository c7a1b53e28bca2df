// @desc: times: the return value does not go back, the tms fields are non-negative, a reaped child that burned CPU is counted in tms_cutime+tms_cstime no less than before, NULL is allowed; EFAULT (raw syscall); values printed only as relations
// @expect: times: fields non-negative: yes
// @expect: return value does not go back: yes
// @expect: children's times did not shrink after reaping one: yes
// @expect: times(NULL): a clock value, not an error: yes
// @expect: times bad pointer: -1 EFAULT
#include "tdiff_test.h"

#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(void)
{
	struct tms a, b;
	clock_t ca, cb;
	volatile unsigned long spin = 0;
	unsigned long i;
	int status;
	long r;
	pid_t pid;

	ca = times(&a);
	say("times: fields non-negative: %s\n",
	    a.tms_utime >= 0 && a.tms_stime >= 0 && a.tms_cutime >= 0 && a.tms_cstime >= 0 ? "yes" : "no");
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < 2000000; i++)
			spin += i;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	cb = times(&b);
	say("return value does not go back: %s\n", cb >= ca ? "yes" : "no");
	say("children's times did not shrink after reaping one: %s\n",
	    b.tms_cutime + b.tms_cstime >= a.tms_cutime + a.tms_cstime ? "yes" : "no");
	r = raw_syscall6(SYS_times, 0, 0, 0, 0, 0, 0);
	say("times(NULL): a clock value, not an error: %s\n", r >= 0 || r < -4095 ? "yes" : "no");
	r = raw_syscall6(SYS_times, 1, 0, 0, 0, 0, 0);
	if (r < 0 && r > -4096)
		say("times bad pointer: -1 %s\n", errname((int)-r));
	else
		say("times bad pointer: not an error\n");
	return 0;
}
