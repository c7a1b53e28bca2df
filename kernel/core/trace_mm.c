/*
 * kernel/core/trace_mm.c: the tracer's decoders for the memory syscalls
 * (the handlers of sys_mm.c): brk, mmap with its protection, type and flag
 * bits, munmap, mprotect, madvise and mremap, as strace 6.1 prints them
 * (all at entry; brk, mmap and mremap return an address, printed in hex).
 */
#include "lib.h"
#include "syscall.h"
#include "trace_fmt.h"
#include "uapi.h"

static const struct xlat prot_flags[] = {
	XLAT(PROT_READ), XLAT(PROT_WRITE), XLAT(PROT_EXEC), { 0x8, "PROT_SEM" },
	XLAT(PROT_GROWSDOWN), XLAT(PROT_GROWSUP),
};

/* the mapping type, flags & MAP_TYPE */
static const char *const map_types[] = {
	"MAP_FILE", "MAP_SHARED", "MAP_PRIVATE", "MAP_SHARED_VALIDATE",
};

/* strace's mmap_flags, in its order (MAP_32BIT exists on x86 only) */
static const struct xlat map_flags[] = {
	XLAT(MAP_FIXED), XLAT(MAP_ANONYMOUS), { ABI_MAP_32BIT, "MAP_32BIT" },
	XLAT(MAP_NORESERVE), XLAT(MAP_POPULATE), XLAT(MAP_NONBLOCK), XLAT(MAP_GROWSDOWN),
	XLAT(MAP_DENYWRITE), XLAT(MAP_EXECUTABLE), XLAT(MAP_LOCKED), XLAT(MAP_STACK),
	XLAT(MAP_HUGETLB), XLAT(MAP_SYNC), { 0x4000000, "MAP_UNINITIALIZED" },
	XLAT(MAP_FIXED_NOREPLACE),
};

/* the huge page size field of mmap's flags: MAP_HUGE_SHIFT 26, six bits */
#define MAP_HUGE_SHIFT 26
#define MAP_HUGE_FIELD (0x3fu << MAP_HUGE_SHIFT)

static const struct xlat madvise_advice[] = {
	{ 0, "MADV_NORMAL" }, { 1, "MADV_RANDOM" }, { 2, "MADV_SEQUENTIAL" },
	{ 3, "MADV_WILLNEED" }, { 4, "MADV_DONTNEED" }, { 8, "MADV_FREE" },
};

/* strace's mremap_flags (linux/mman.h) */
static const struct xlat mremap_flags[] = {
	XLAT(MREMAP_MAYMOVE), XLAT(MREMAP_FIXED), { 4, "MREMAP_DONTUNMAP" },
};

static void
p_prot(long p)
{
	if (p == 0)
		tr_puts("PROT_NONE");
	else
		tr_flags(prot_flags, ARRAY_SIZE(prot_flags), (unsigned)p, "PROT_???");
}

/* mmap's flags: the type, the other flags, the huge page size. */
static void
p_map_flags(unsigned f)
{
	unsigned t = f & MAP_TYPE;
	if (t < ARRAY_SIZE(map_types))
		tr_puts(map_types[t]);
	else
		tr_printf("%#x /* MAP_??? */", t);
	f &= ~MAP_TYPE;
	unsigned huge = f & MAP_HUGE_FIELD;
	f &= ~MAP_HUGE_FIELD;
	if (f) {
		tr_putc('|');
		tr_flags(map_flags, ARRAY_SIZE(map_flags), f, NULL);
	}
	if (huge)
		tr_printf("|%u<<MAP_HUGE_SHIFT", huge >> MAP_HUGE_SHIFT);
}

void
decode_brk(struct trc *c)
{
	ENTER tr_addr((uintptr_t)c->a[0]);
}

void
decode_mmap(struct trc *c)
{
	ENTER {
		tr_addr((uintptr_t)c->a[0]);
		tr_sep();
		tr_ulong(c->a[1]);
		tr_sep();
		p_prot(c->a[2]);
		tr_sep();
		p_map_flags((unsigned)c->a[3]);
		tr_sep();
		tr_fd(c->a[4]);
		tr_sep();
		tr_printf("%#lx", c->a[5]);
	}
}

/* addr, length: munmap's arguments, and the first two of the others */
void
decode_munmap(struct trc *c)
{
	ENTER {
		tr_addr((uintptr_t)c->a[0]);
		tr_sep();
		tr_ulong(c->a[1]);
	}
}

void
decode_mprotect(struct trc *c)
{
	ENTER {
		decode_munmap(c);
		tr_sep();
		p_prot(c->a[2]);
	}
}

void
decode_madvise(struct trc *c)
{
	ENTER {
		decode_munmap(c);
		tr_sep();
		tr_xval(madvise_advice, ARRAY_SIZE(madvise_advice), (unsigned)c->a[2], "MADV_???");
	}
}

/* strace's msync_flags, in its order */
static const struct xlat msync_flags[] = {
	{ MS_SYNC, "MS_SYNC" }, { MS_ASYNC, "MS_ASYNC" }, { MS_INVALIDATE, "MS_INVALIDATE" },
};

void
decode_msync(struct trc *c)
{
	ENTER {
		decode_munmap(c);
		tr_sep();
		tr_flags(msync_flags, ARRAY_SIZE(msync_flags), (unsigned)c->a[2], "MS_???");
	}
}

/* mremap(old, old_size, new_size, flags[, new]): the new address only
 * with both MREMAP_MAYMOVE and MREMAP_FIXED, as strace prints it. */
void
decode_mremap(struct trc *c)
{
	ENTER {
		decode_munmap(c);
		tr_sep();
		tr_ulong(c->a[2]);
		tr_sep();
		uint64_t f = (uint64_t)c->a[3];
		tr_flags(mremap_flags, ARRAY_SIZE(mremap_flags), f, "MREMAP_???");
		if ((f & (MREMAP_MAYMOVE | MREMAP_FIXED)) == (MREMAP_MAYMOVE | MREMAP_FIXED)) {
			tr_sep();
			tr_addr((uintptr_t)c->a[4]);
		}
	}
}
