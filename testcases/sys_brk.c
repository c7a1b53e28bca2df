// @desc: brk: brk(0) reports the break, growing by an unaligned amount returns exactly the request and the new bytes are zero and writable, shrinking returns the lower value, a request below the start or far too large leaves the break unchanged
// @expect: brk(0): the current break
// @expect: grow by 0x10001: returns the request
// @expect: new memory: zero, writable
// @expect: shrink to start + 0x1000: returns the request
// @expect: below the start: unchanged
// @expect: grow by 1 TiB: unchanged
#include "tdiff_test.h"

#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* brk_raw: the brk syscall itself, which returns the new (or old) break */
static unsigned long
brk_raw(unsigned long addr)
{
	return (unsigned long)raw_syscall6(SYS_brk, (long)addr, 0, 0, 0, 0, 0);
}

int
main(void)
{
	unsigned long start, cur, r;
	unsigned char *p;
	size_t i;
	int zero = 1;

	start = brk_raw(0);
	say("brk(0): %s\n", start != 0 && start == brk_raw(0) ? "the current break" : "odd");
	r = brk_raw(start + 0x10001);
	say("grow by 0x10001: %s\n", r == start + 0x10001 ? "returns the request" : "returns something else");
	p = (unsigned char *)start;
	for (i = 0; i < 0x10001; i++)
		zero &= p[i] == 0;
	memset(p, 0xab, 0x10001);
	say("new memory: %s, %s\n", zero ? "zero" : "not zero",
	    p[0x10000] == 0xab ? "writable" : "not writable");
	r = brk_raw(start + 0x1000);
	say("shrink to start + 0x1000: %s\n", r == start + 0x1000 ? "returns the request" : "returns something else");
	cur = r;
	r = brk_raw(start - 0x100000);
	say("below the start: %s\n", r == cur ? "unchanged" : "changed");
	r = brk_raw(start + (1UL << 40));
	say("grow by 1 TiB: %s\n", r == cur ? "unchanged" : "changed");
	r = brk_raw(start + 0x2000);
	p = (unsigned char *)start;
	say("grow again by 0x1000: %s, first page kept: %s, regrown page zero: %s\n",
	    r == start + 0x2000 ? "returns the request" : "returns something else",
	    p[0] == 0xab ? "yes" : "no", p[0x1000] == 0 ? "yes" : "no");
	return 0;
}
