// @desc: gettimeofday: tv_usec below a million, never going back over 100 calls, in step with clock_gettime(CLOCK_REALTIME) and time(); a NULL tv with a timezone, both NULL; EFAULT for a bad tv or tz (raw syscall; values printed only as relations)
// @expect: tv_usec in range: yes
// @expect: 100 calls never go back: yes
// @expect: agrees with CLOCK_REALTIME within a second: yes
// @expect: agrees with time() within a second: yes
// @expect: tv NULL, tz given: 0
// @expect: both NULL: 0
// @expect: bad tv: -1 EFAULT
// @expect: bad tz: -1 EFAULT
#include "tdiff_test.h"

#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

/* say_raw: "what: -1 EFOO" for a raw -errno result, "what: N" else */
static void
say_raw(const char *what, long r)
{
	if (r < 0)
		say("%s: -1 %s\n", what, errname((int)-r));
	else
		say("%s: %ld\n", what, r);
}

static long
gtod(void *tv, void *tz)
{
	return raw_syscall6(SYS_gettimeofday, (long)tv, (long)tz, 0, 0, 0, 0);
}

int
main(void)
{
	struct timeval tv, prev;
	struct timezone tz;
	struct timespec ts;
	int i, back = 0;
	long t;

	gtod(&tv, NULL);
	say("tv_usec in range: %s\n", tv.tv_usec >= 0 && tv.tv_usec < 1000000 ? "yes" : "no");
	for (i = 0; i < 100; i++) {
		prev = tv;
		gtod(&tv, NULL);
		if (tv.tv_sec < prev.tv_sec || (tv.tv_sec == prev.tv_sec && tv.tv_usec < prev.tv_usec))
			back = 1;
	}
	say("100 calls never go back: %s\n", back ? "no" : "yes");
	clock_gettime(CLOCK_REALTIME, &ts);
	say("agrees with CLOCK_REALTIME within a second: %s\n", ts.tv_sec - tv.tv_sec <= 1 && ts.tv_sec >= tv.tv_sec ? "yes" : "no");
	t = (long)time(NULL);
	say("agrees with time() within a second: %s\n", t - ts.tv_sec <= 1 && t >= ts.tv_sec ? "yes" : "no");
	say_raw("tv NULL, tz given", gtod(NULL, &tz));
	say_raw("both NULL", gtod(NULL, NULL));
	say_raw("bad tv", gtod((void *)1, NULL));
	say_raw("bad tz", gtod(&tv, (void *)1));
	return 0;
}
