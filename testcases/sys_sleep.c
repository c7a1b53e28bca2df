// @desc: sleep and nanosleep: sleep(1) returns 0 after at least a second of CLOCK_MONOTONIC, nanosleep of 20 ms after at least 20 ms, a zero request returns at once; EINVAL (tv_nsec of a billion, negative tv_sec or tv_nsec), EFAULT (times printed only as relations)
// @expect: sleep(1): 0, at least 1 s passed: yes
// @expect: nanosleep 20 ms: 0, at least 20 ms passed: yes
// @expect: nanosleep 0: 0
// @expect: tv_nsec 1000000000: -1 EINVAL
// @expect: tv_sec -1: -1 EINVAL
// @expect: tv_nsec -1: -1 EINVAL
// @expect: bad pointer: -1 EFAULT
// @smoke: x86_64
// (qemu-user answers nanosleep with a bad pointer with EINVAL, so no riscv64 smoke run)
#include "tdiff_test.h"

#include <time.h>
#include <unistd.h>

/* elapsed_ns: b - a in nanoseconds */
static long long
elapsed_ns(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000000000LL + (b->tv_nsec - a->tv_nsec);
}

int
main(void)
{
	struct timespec t0, t1, req;
	int r;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = (int)sleep(1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	say("sleep(1): %d, at least 1 s passed: %s\n", r, elapsed_ns(&t0, &t1) >= 1000000000LL ? "yes" : "no");
	req.tv_sec = 0;
	req.tv_nsec = 20000000;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = nanosleep(&req, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	say("nanosleep 20 ms: %d, at least 20 ms passed: %s\n", r, elapsed_ns(&t0, &t1) >= 20000000LL ? "yes" : "no");
	req.tv_nsec = 0;
	say_rc("nanosleep 0", nanosleep(&req, NULL));
	req.tv_nsec = 1000000000;
	say_rc("tv_nsec 1000000000", nanosleep(&req, NULL));
	req.tv_sec = -1;
	req.tv_nsec = 0;
	say_rc("tv_sec -1", nanosleep(&req, NULL));
	req.tv_sec = 0;
	req.tv_nsec = -1;
	say_rc("tv_nsec -1", nanosleep(&req, NULL));
	say_rc("bad pointer", nanosleep((const struct timespec *)1, NULL));
	return 0;
}
