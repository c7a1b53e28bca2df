// @desc: nanosleep sleeps at least as long as asked (CLOCK_MONOTONIC before and after; 0 ns returns at once); clock_nanosleep relative and TIMER_ABSTIME (a deadline in the past returns at once); EINVAL for tv_nsec of 1e9 or negative, a negative tv_sec, an unknown clock (unknown flag bits are ignored, as Linux does); EFAULT for a bad request pointer (values are never printed, only relations; smoke on x86_64 only: qemu-user gives EINVAL for a bad request pointer)
// @timeout: 10
// @smoke: x86_64
// @expect: nanosleep: 20 ms: 0, slept at least 20 ms: yes
// @expect: nanosleep: 0 ns: 0
// @expect: nanosleep: rem untouched after a full sleep: yes
// @expect: nanosleep: clock_nanosleep MONOTONIC 10 ms: 0, slept at least 10 ms: yes
// @expect: nanosleep: clock_nanosleep TIMER_ABSTIME in 10 ms: 0, reached the deadline: yes
// @expect: nanosleep: clock_nanosleep TIMER_ABSTIME in the past: 0
// @expect: nanosleep: tv_nsec 1000000000: EINVAL
// @expect: nanosleep: tv_nsec -1: EINVAL
// @expect: nanosleep: tv_sec -1: EINVAL
// @expect: nanosleep: bad request pointer: EFAULT
// @expect: nanosleep: clock_nanosleep clock 100: EINVAL
// @expect: nanosleep: clock_nanosleep flags 0x10 (unknown bits ignored): 0
// @expect: nanosleep: clock_nanosleep tv_nsec 1000000000: EINVAL
#include "tdiff_test.h"

#include <sys/syscall.h>
#include <time.h>

static long
nsleep(const struct timespec *req, struct timespec *rem)
{
	return raw_syscall6(SYS_nanosleep, (long)req, (long)rem, 0, 0, 0, 0);
}

static long
cnsleep(long clk, long flags, const struct timespec *req, struct timespec *rem)
{
	return raw_syscall6(SYS_clock_nanosleep, clk, flags, (long)req, (long)rem, 0, 0);
}

static long
mono_ns(void)
{
	struct timespec ts;
	raw_syscall6(SYS_clock_gettime, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0, 0);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static const char *
res(long r)
{
	return r == 0 ? "0" : errname((int)-r);
}

static const char *
yes(int ok)
{
	return ok ? "yes" : "no";
}

static void
bad(const char *what, long sec, long nsec)
{
	struct timespec ts = { sec, nsec };
	say("nanosleep: %s: %s\n", what, res(nsleep(&ts, NULL)));
}

int
main(void)
{
	struct timespec req = { 0, 20000000 }, rem = { 7, 7 };

	long t0 = mono_ns();
	long r = nsleep(&req, &rem);
	long t1 = mono_ns();
	say("nanosleep: 20 ms: %s, slept at least 20 ms: %s\n", res(r), yes(t1 - t0 >= 20000000));
	req = (struct timespec){ 0, 0 };
	say("nanosleep: 0 ns: %s\n", res(nsleep(&req, NULL)));
	say("nanosleep: rem untouched after a full sleep: %s\n", yes(rem.tv_sec == 7 && rem.tv_nsec == 7));

	req = (struct timespec){ 0, 10000000 };
	t0 = mono_ns();
	r = cnsleep(CLOCK_MONOTONIC, 0, &req, NULL);
	t1 = mono_ns();
	say("nanosleep: clock_nanosleep MONOTONIC 10 ms: %s, slept at least 10 ms: %s\n", res(r),
	    yes(t1 - t0 >= 10000000));

	t0 = mono_ns() + 10000000;
	req = (struct timespec){ t0 / 1000000000, t0 % 1000000000 };
	r = cnsleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &req, NULL);
	say("nanosleep: clock_nanosleep TIMER_ABSTIME in 10 ms: %s, reached the deadline: %s\n",
	    res(r), yes(mono_ns() >= t0));
	req = (struct timespec){ 0, 1 };
	say("nanosleep: clock_nanosleep TIMER_ABSTIME in the past: %s\n",
	    res(cnsleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &req, NULL)));

	bad("tv_nsec 1000000000", 0, 1000000000);
	bad("tv_nsec -1", 0, -1);
	bad("tv_sec -1", -1, 0);
	say("nanosleep: bad request pointer: %s\n", res(nsleep((struct timespec *)1, NULL)));
	req = (struct timespec){ 0, 1000 };
	say("nanosleep: clock_nanosleep clock 100: %s\n", res(cnsleep(100, 0, &req, NULL)));
	say("nanosleep: clock_nanosleep flags 0x10 (unknown bits ignored): %s\n",
	    res(cnsleep(CLOCK_MONOTONIC, 0x10, &req, NULL)));
	req = (struct timespec){ 0, 1000000000 };
	say("nanosleep: clock_nanosleep tv_nsec 1000000000: %s\n",
	    res(cnsleep(CLOCK_MONOTONIC, 0, &req, NULL)));
	return 0;
}
