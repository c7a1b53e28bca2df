// @desc: mremap: growing a mapping whose next page is taken is ENOMEM without MREMAP_MAYMOVE and moves it with (bytes kept, the old range gone, the new tail zero); growing in place where the next page is free; shrinking frees the tail (MAP_FIXED_NOREPLACE can take it); MREMAP_FIXED to a chosen address; EINVAL for an unaligned address, unknown flags, MREMAP_FIXED without MAYMOVE, new length 0; EFAULT for an unmapped old address (smoke on x86_64 only: qemu-user maps a new length of 0)
// @timeout: 10
// @smoke: x86_64
// @expect: mremap: grow without MAYMOVE, next page taken: ENOMEM
// @expect: mremap: grow with MAYMOVE: moved, bytes kept: yes, new tail zero: yes
// @expect: mremap: old range gone: EFAULT
// @expect: mremap: grow in place: same address, tail writable: yes
// @expect: mremap: shrink: same address
// @expect: mremap: freed tail can be mapped again: yes
// @expect: mremap: MREMAP_FIXED to a chosen address: there, bytes kept: yes
// @expect: mremap: unaligned address: EINVAL
// @expect: mremap: unknown flags: EINVAL
// @expect: mremap: MREMAP_FIXED without MAYMOVE: EINVAL
// @expect: mremap: new length 0: EINVAL
// @expect: mremap: unmapped old address: EFAULT
#include "tdiff_test.h"

#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PG 4096

static long
remap(void *old, long old_len, long new_len, long flags, void *new_addr)
{
	return raw_syscall6(SYS_mremap, (long)old, old_len, new_len, flags, (long)new_addr, 0);
}

static const char *
err(long r)
{
	return r < 0 && r > -4096 ? errname((int)-r) : "mapped";
}

static int
all(const char *p, char c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

int
main(void)
{
	/* two pages; the first is grown over the second */
	char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return 1;
	memset(m, 'a', PG);
	memset(m + PG, 'b', PG);
	munmap(m + PG, PG);
	char *guard = mmap(m + PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (guard != m + PG)
		return 1;

	long r = remap(m, PG, 4 * PG, 0, NULL);
	say("mremap: grow without MAYMOVE, next page taken: %s\n", err(r));
	r = remap(m, PG, 4 * PG, MREMAP_MAYMOVE, NULL);
	char *n = (char *)r;
	if (r < 0 && r > -4096) {
		say("mremap: grow with MAYMOVE: %s\n", err(r));
		return 1;
	}
	say("mremap: grow with MAYMOVE: %s, bytes kept: %s, new tail zero: %s\n",
	    n != m ? "moved" : "same address", all(n, 'a', PG) ? "yes" : "no",
	    all(n + PG, 0, 3 * PG) ? "yes" : "no");
	say("mremap: old range gone: %s\n", err(remap(m, PG, PG, 0, NULL)));

	/* n has four pages; unmap the last two, then grow back in place */
	munmap(n + 2 * PG, 2 * PG);
	r = remap(n, 2 * PG, 4 * PG, 0, NULL);
	if (r == (long)n)
		n[4 * PG - 1] = 'z';
	say("mremap: grow in place: %s, tail writable: %s\n",
	    r == (long)n ? "same address" : err(r), r == (long)n && n[4 * PG - 1] == 'z' ? "yes" : "no");

	r = remap(n, 4 * PG, PG, 0, NULL);
	say("mremap: shrink: %s\n", r == (long)n ? "same address" : err(r));
	char *t = mmap(n + PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	say("mremap: freed tail can be mapped again: %s\n", t == n + PG ? "yes" : "no");
	munmap(t, PG);

	/* a free spot: map and unmap four pages, move n's page there */
	char *spot = mmap(NULL, 4 * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(spot, 4 * PG);
	r = remap(n, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, spot + PG);
	say("mremap: MREMAP_FIXED to a chosen address: %s, bytes kept: %s\n",
	    r == (long)(spot + PG) ? "there" : err(r),
	    r == (long)(spot + PG) && all(spot + PG, 'a', PG) ? "yes" : "no");
	n = spot + PG;

	say("mremap: unaligned address: %s\n", err(remap(n + 1, PG, 2 * PG, MREMAP_MAYMOVE, NULL)));
	say("mremap: unknown flags: %s\n", err(remap(n, PG, 2 * PG, 0x100, NULL)));
	say("mremap: MREMAP_FIXED without MAYMOVE: %s\n",
	    err(remap(n, PG, PG, MREMAP_FIXED, spot + 3 * PG)));
	say("mremap: new length 0: %s\n", err(remap(n, PG, 0, MREMAP_MAYMOVE, NULL)));
	munmap(n, PG);
	say("mremap: unmapped old address: %s\n", err(remap(n, PG, 2 * PG, MREMAP_MAYMOVE, NULL)));
	munmap(guard, PG);
	return 0;
}
