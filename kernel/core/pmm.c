/* kernel/core/pmm.c: physical pages on a free list, with a 16-bit reference
 * count per page (copy-on-write shares pages between address spaces). */
#include "pmm.h"
#include "pt.h"
#include "arch.h"
#include "lib.h"

static uintptr_t free_head;          /* physical address of the first freed page */
/* never-used pages are handed out from these ranges in address order, so
 * boot does not have to touch every page to build a free list */
static struct { uintptr_t next, end; } fresh[BOOT_MAX_RANGES];
static int nfresh;
static const struct boot_info *bootinfo;
static uintptr_t reserved_end_pa;
static size_t nfree, ntotal;
static int clear_fresh;              /* pmm_init's: clear a fresh page when handed out */
static uint16_t *refcnt;             /* indexed by page frame number */
static uintptr_t max_pfn;

/* Is [pa, pa+PAGE_SIZE) free of the kernel, the initrd and the boot data? */
static int
page_usable(const struct boot_info *bi, uintptr_t pa, uintptr_t reserved_end)
{
	if (pa < 0x100000)
		return 0;
	if (pa < reserved_end)
		return 0;
	if (bi->initrd_size && pa + PAGE_SIZE > bi->initrd_phys &&
	    pa < bi->initrd_phys + bi->initrd_size)
		return 0;
	return 1;
}

void
pmm_init(const struct boot_info *bi, int clear)
{
	clear_fresh = clear;
	for (int i = 0; i < bi->nranges; i++) {
		uintptr_t end = (bi->ranges[i].base + bi->ranges[i].size) >> PAGE_SHIFT;
		if (end > max_pfn)
			max_pfn = end;
	}
	if (max_pfn > (4UL << 30) >> PAGE_SHIFT)
		max_pfn = (4UL << 30) >> PAGE_SHIFT;    /* the direct map covers 4 GiB */
	/* the refcount array goes right after the kernel image */
	uintptr_t rc_pa = ALIGN_UP(bi->kernel_phys_end, PAGE_SIZE);
	size_t rc_bytes = ALIGN_UP(max_pfn * sizeof(uint16_t), PAGE_SIZE);
	refcnt = p2v(rc_pa);
	memset(refcnt, 0, rc_bytes);
	uintptr_t reserved_end = rc_pa + rc_bytes;

	bootinfo = bi;
	reserved_end_pa = reserved_end;
	for (int i = 0; i < bi->nranges; i++) {
		uintptr_t start = ALIGN_UP(bi->ranges[i].base, PAGE_SIZE);
		uintptr_t end = ALIGN_DOWN(bi->ranges[i].base + bi->ranges[i].size, PAGE_SIZE);
		if (end > max_pfn << PAGE_SHIFT)
			end = max_pfn << PAGE_SHIFT;
		if (end <= start)
			continue;
		fresh[nfresh].next = start;
		fresh[nfresh].end = end;
		nfresh++;
		for (uintptr_t p = start; p < end; p += PAGE_SIZE)
			if (page_usable(bi, p, reserved_end))
				ntotal++;
	}
	nfree = ntotal;
}

/* The next never-used page, or 0. */
static uintptr_t
fresh_page(void)
{
	for (int i = 0; i < nfresh; i++)
		while (fresh[i].next < fresh[i].end) {
			uintptr_t p = fresh[i].next;
			fresh[i].next += PAGE_SIZE;
			if (page_usable(bootinfo, p, reserved_end_pa)) {
				if (clear_fresh)
					memset(p2v(p), 0, PAGE_SIZE);
				return p;
			}
		}
	return 0;
}

uintptr_t
page_alloc(void)
{
	uintptr_t pa = free_head;
	if (pa)
		free_head = *(uintptr_t *)p2v(pa);
	else if (!(pa = fresh_page()))
		return 0;
	nfree--;
	refcnt[pa >> PAGE_SHIFT] = 1;
	return pa;
}

uintptr_t
page_alloc_zeroed(void)
{
	uintptr_t pa = page_alloc();
	if (pa)
		memset(p2v(pa), 0, PAGE_SIZE);
	return pa;
}

void
page_free(uintptr_t pa)
{
	uint16_t *rc = &refcnt[pa >> PAGE_SHIFT];
	if (*rc == 0)
		panic("page_free: page %#lx is not allocated", pa);
	if (--*rc)
		return;
	*(uintptr_t *)p2v(pa) = free_head;
	free_head = pa;
	nfree++;
}

void
page_ref(uintptr_t pa)
{
	uint16_t *rc = &refcnt[pa >> PAGE_SHIFT];
	if (*rc == 0 || *rc == 0xffff)
		panic("page_ref: bad refcount %u for page %#lx", *rc, pa);
	(*rc)++;
}

int
page_refcount(uintptr_t pa)
{
	return refcnt[pa >> PAGE_SHIFT];
}

size_t
pmm_free_pages(void)
{
	return nfree;
}

size_t
pmm_total_pages(void)
{
	return ntotal;
}
