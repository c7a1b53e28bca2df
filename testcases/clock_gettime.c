// @desc: clock_gettime: CLOCK_MONOTONIC never goes back over 1000 reads and moves across a 10 ms sleep, CLOCK_REALTIME, CLOCK_BOOTTIME and the CPU-time clocks give valid timespecs; clock_getres of MONOTONIC and REALTIME is above 0 and at most 10 ms, a NULL res is fine; EINVAL for unknown clock ids (gettime and getres), EFAULT for a bad pointer; gettimeofday agrees with CLOCK_REALTIME to the second (values are never printed, only relations; smoke on x86_64 only: qemu-user gives 0 for clock_getres with a bad pointer)
// @timeout: 10
// @smoke: x86_64
// @expect: clock: CLOCK_MONOTONIC 1000 reads never back: yes
// @expect: clock: CLOCK_MONOTONIC later after 10 ms: yes
// @expect: clock: CLOCK_REALTIME valid: yes
// @expect: clock: CLOCK_BOOTTIME valid: yes, not behind MONOTONIC: yes
// @expect: clock: CLOCK_PROCESS_CPUTIME_ID valid: yes
// @expect: clock: CLOCK_THREAD_CPUTIME_ID valid: yes
// @expect: clock: getres MONOTONIC: 0, in (0, 10 ms]: yes
// @expect: clock: getres REALTIME: 0, in (0, 10 ms]: yes
// @expect: clock: getres NULL res: 0
// @expect: clock: gettime clock 100: EINVAL
// @expect: clock: getres clock 100: EINVAL
// @expect: clock: gettime bad pointer: EFAULT
// @expect: clock: getres bad pointer: EFAULT
// @expect: clock: gettimeofday within a second of CLOCK_REALTIME: yes
#include "tdiff_test.h"

#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

/* raw calls: never a vDSO, so both sides trace them */
static long
gettime(long clk, struct timespec *ts)
{
	return raw_syscall6(SYS_clock_gettime, clk, (long)ts, 0, 0, 0, 0);
}

static long
getres(long clk, struct timespec *ts)
{
	return raw_syscall6(SYS_clock_getres, clk, (long)ts, 0, 0, 0, 0);
}

static const char *
res(long r)
{
	return r == 0 ? "0" : errname((int)-r);
}

static int
valid(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < 1000000000;
}

static int
before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static void
check_getres(const char *name, long clk)
{
	struct timespec ts = { -1, -1 };
	long r = getres(clk, &ts);
	say("clock: getres %s: %s, in (0, 10 ms]: %s\n", name, res(r),
	    ts.tv_sec == 0 && ts.tv_nsec > 0 && ts.tv_nsec <= 10000000 ? "yes" : "no");
}

static const char *
yes(int ok)
{
	return ok ? "yes" : "no";
}

int
main(void)
{
	struct timespec a, b, c, ten_ms = { 0, 10000000 };
	struct timeval tv;
	int back = 0;

	gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < 1000; i++) {
		gettime(CLOCK_MONOTONIC, &b);
		back |= before(&b, &a);
		a = b;
	}
	say("clock: CLOCK_MONOTONIC 1000 reads never back: %s\n", yes(!back && valid(&a)));
	raw_syscall6(SYS_nanosleep, (long)&ten_ms, 0, 0, 0, 0, 0);
	gettime(CLOCK_MONOTONIC, &b);
	say("clock: CLOCK_MONOTONIC later after 10 ms: %s\n", yes(before(&a, &b)));
	say("clock: CLOCK_REALTIME valid: %s\n", yes(gettime(CLOCK_REALTIME, &c) == 0 && valid(&c)));
	gettime(CLOCK_MONOTONIC, &a);
	long r = gettime(CLOCK_BOOTTIME, &b);
	say("clock: CLOCK_BOOTTIME valid: %s, not behind MONOTONIC: %s\n", yes(r == 0 && valid(&b)),
	    yes(!before(&b, &a)));
	say("clock: CLOCK_PROCESS_CPUTIME_ID valid: %s\n",
	    yes(gettime(CLOCK_PROCESS_CPUTIME_ID, &a) == 0 && valid(&a)));
	say("clock: CLOCK_THREAD_CPUTIME_ID valid: %s\n",
	    yes(gettime(CLOCK_THREAD_CPUTIME_ID, &a) == 0 && valid(&a)));
	check_getres("MONOTONIC", CLOCK_MONOTONIC);
	check_getres("REALTIME", CLOCK_REALTIME);
	say("clock: getres NULL res: %s\n", res(getres(CLOCK_MONOTONIC, NULL)));
	say("clock: gettime clock 100: %s\n", res(gettime(100, &a)));
	say("clock: getres clock 100: %s\n", res(getres(100, &a)));
	say("clock: gettime bad pointer: %s\n", res(gettime(CLOCK_MONOTONIC, (struct timespec *)1)));
	say("clock: getres bad pointer: %s\n", res(getres(CLOCK_MONOTONIC, (struct timespec *)1)));

	gettime(CLOCK_REALTIME, &a);
	raw_syscall6(SYS_gettimeofday, (long)&tv, 0, 0, 0, 0, 0);
	gettime(CLOCK_REALTIME, &b);
	say("clock: gettimeofday within a second of CLOCK_REALTIME: %s\n",
	    yes(tv.tv_sec >= a.tv_sec && tv.tv_sec <= b.tv_sec && tv.tv_usec >= 0 &&
		tv.tv_usec < 1000000));
	return 0;
}
