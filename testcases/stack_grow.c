// @desc: the main thread's stack grows on demand: a recursion of 1500 frames of 4 KiB each (about 6 MiB) under the default RLIMIT_STACK of 8 MiB touches every frame and unwinds with the right sum; the limit is what getrlimit reports
// @timeout: 20
// @expect: stack: RLIMIT_STACK soft 8 MiB: yes
// @expect: stack: depth 1500, sum 1125750 (want 1125750)
// @expect: stack: spans more than 5 MiB: yes
#include "tdiff_test.h"

#include <stdint.h>
#include <sys/resource.h>

#define DEPTH 1500
#define FRAME 4096

static uintptr_t deepest;

/* each frame holds FRAME bytes, all written, so every page is touched */
static long __attribute__((noinline))
down(int n)
{
	volatile char frame[FRAME];
	for (int i = 0; i < FRAME; i += 512)
		frame[i] = (char)n;
	if ((uintptr_t)frame < deepest || !deepest)
		deepest = (uintptr_t)frame;
	long below = n ? down(n - 1) : 0;
	return below + n + frame[FRAME - 512] - (char)n;
}

int
main(void)
{
	struct rlimit rl;
	char top;

	getrlimit(RLIMIT_STACK, &rl);
	say("stack: RLIMIT_STACK soft 8 MiB: %s\n", rl.rlim_cur == 8UL << 20 ? "yes" : "no");
	long sum = down(DEPTH);
	say("stack: depth %d, sum %ld (want %d)\n", DEPTH, sum, DEPTH * (DEPTH + 1) / 2);
	say("stack: spans more than 5 MiB: %s\n",
	    (uintptr_t)&top - deepest > (5UL << 20) ? "yes" : "no");
	return 0;
}
