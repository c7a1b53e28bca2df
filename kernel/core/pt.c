/*
 * kernel/core/pt.c: page tables, one walker for every arch.  A table is one
 * page of 512 eight-byte entries; the root is level PT_LEVELS-1 and the leaf
 * tables level 0, so va's index at level l is the 9 bits above bit 12+9l.
 * The arch's mmu.h gives the number of levels, the PTE encoding and where
 * the kernel half starts in the root.  The kernel half is copied into every
 * new root from the kernel's own (so it is shared); only the user half is
 * filled, walked and freed here.
 */
#include "pt.h"
#include "arch.h"
#include "mmu.h"
#include "pmm.h"
#include "uapi.h"

#define PT_INDEX_BITS 9
#define PT_ENTRIES (1 << PT_INDEX_BITS)

static unsigned
pt_index(uintptr_t va, int level)
{
	return (va >> (PAGE_SHIFT + PT_INDEX_BITS * level)) & (PT_ENTRIES - 1);
}

/* Bytes one entry of a table of this level covers. */
static uintptr_t
pt_span(int level)
{
	return 1UL << (PAGE_SHIFT + PT_INDEX_BITS * level);
}

static int
pte_present(uint64_t pte)
{
	return (pte & PTE_VALID) != 0;
}

/* Does pte point to a next-level table (not to a large page)? */
static int
pte_is_table(uint64_t pte)
{
	return (pte & (PTE_VALID | PTE_NOT_TABLE)) == PTE_VALID;
}

static uintptr_t
pte_addr(uint64_t pte)
{
	return ((pte & PTE_ADDR_MASK) >> PTE_ADDR_SHIFT) << PAGE_SHIFT;
}

static uint64_t
pte_make(uintptr_t pa, uint64_t bits)
{
	return ((uint64_t)(pa >> PAGE_SHIFT) << PTE_ADDR_SHIFT) | bits;
}

/* PT_* flags to a leaf's PTE bits and back, through the arch's table:
 * PTE_FLAG_BITS(X) lists X(PT_ flag, PTE bit, inverted), inverted 1 when
 * the bit set means the flag is off (x86_64's NX). */
static uint64_t
pte_bits(unsigned flags)
{
	uint64_t b = PTE_LEAF_BITS;
#define X(pt, bit, inverted) if (((flags & (pt)) != 0) != (inverted)) b |= (bit);
	PTE_FLAG_BITS(X)
#undef X
	return b;
}

static unsigned
pte_flags(uint64_t pte)
{
	unsigned f = PT_R;
#define X(pt, bit, inverted) if (((pte & (bit)) != 0) != (inverted)) f |= (pt);
	PTE_FLAG_BITS(X)
#undef X
	return f;
}

uintptr_t
pt_create(void)
{
	uintptr_t pa = page_alloc_zeroed();
	if (!pa)
		return 0;
	uint64_t *root = p2v(pa);
	const uint64_t *kernel = arch_kernel_root();
	for (int i = PT_KERNEL_FIRST; i < PT_ENTRIES; i++)
		root[i] = kernel[i];
	if (arch_pt_init_user(pa) < 0) {
		pt_destroy(pa);
		return 0;
	}
	return pa;
}

/* Free a table of this level and the tables below it (not the pages). */
static void
pt_free_table(uintptr_t pa, int level)
{
	uint64_t *t = p2v(pa);
	if (level > 0)
		for (int i = 0; i < PT_ENTRIES; i++)
			if (pte_is_table(t[i]))
				pt_free_table(pte_addr(t[i]), level - 1);
	page_free(pa);
}

void
pt_destroy(uintptr_t root)
{
	uint64_t *t = p2v(root);
	for (int i = 0; i < PT_KERNEL_FIRST; i++)
		if (pte_is_table(t[i]))
			pt_free_table(pte_addr(t[i]), PT_LEVELS - 2);
	page_free(root);
}

/* The leaf entry of va, creating tables when create is set; NULL if absent
 * (or out of memory). */
static uint64_t *
pte_find(uintptr_t root, uintptr_t va, int create)
{
	uint64_t *t = p2v(root);
	for (int level = PT_LEVELS - 1; level > 0; level--) {
		uint64_t *e = &t[pt_index(va, level)];
		if (!pte_present(*e)) {
			if (!create)
				return NULL;
			uintptr_t pa = page_alloc_zeroed();
			if (!pa)
				return NULL;
			*e = pte_make(pa, PTE_TABLE_BITS);
		} else if (!pte_is_table(*e)) {
			return NULL;             /* a kernel large page: not ours to split */
		}
		t = p2v(pte_addr(*e));
	}
	return &t[pt_index(va, 0)];
}

int
pt_map(uintptr_t root, uintptr_t va, uintptr_t pa, unsigned flags)
{
	uint64_t *pte = pte_find(root, va, 1);
	if (!pte)
		return -ENOMEM;
	*pte = pte_make(pa, pte_bits(flags));
	arch_tlb_flush_page(va);
	/* code written through the direct map must reach instruction fetch */
	if (flags & PT_X)
		arch_icache_sync();
	return 0;
}

int
pt_lookup(uintptr_t root, uintptr_t va, uintptr_t *pa, unsigned *flags)
{
	uint64_t *pte = pte_find(root, va, 0);
	if (!pte || !pte_present(*pte))
		return 0;
	if (pa)
		*pa = pte_addr(*pte);
	if (flags)
		*flags = pte_flags(*pte);
	return 1;
}

void
pt_unmap(uintptr_t root, uintptr_t va)
{
	uint64_t *pte = pte_find(root, va, 0);
	if (pte && pte_present(*pte)) {
		*pte = 0;
		arch_tlb_flush_page(va);
	}
}

/* Each step goes down from the root as far as tables exist: a missing
 * table skips all the addresses it would have covered. */
void
pt_walk(uintptr_t root, uintptr_t start, uintptr_t end,
	void (*fn)(void *ctx, uintptr_t va, uintptr_t pa, unsigned flags), void *ctx)
{
	uintptr_t va = start;
	while (va < end && va < USER_TOP) {
		uint64_t *t = p2v(root);
		int level = PT_LEVELS - 1;
		for (; level > 0 && pte_is_table(t[pt_index(va, level)]); level--)
			t = p2v(pte_addr(t[pt_index(va, level)]));
		if (level > 0) {
			va = ALIGN_DOWN(va, pt_span(level)) + pt_span(level);
			continue;
		}
		/* every page of this leaf table, without walking down again */
		uintptr_t stop = ALIGN_DOWN(va, pt_span(1)) + pt_span(1);
		if (stop > end || stop < va)
			stop = end;
		for (; va < stop; va += PAGE_SIZE) {
			uint64_t pte = t[pt_index(va, 0)];
			if (pte_present(pte))
				fn(ctx, va, pte_addr(pte), pte_flags(pte));
		}
	}
}
