/* kernel/include/pt.h: the direct map of physical memory, and the page
 * tables of user address spaces: one walker for every arch (core/pt.c), the
 * levels and PTE encoding from the arch's mmu.h. */
#ifndef PT_H
#define PT_H

#include "mmu.h"
#include "types.h"

/* Physical to kernel virtual (direct map) and back (direct map or image). */
static inline void *
p2v(uintptr_t pa)
{
	return (void *)(pa + PHYS_VBASE);
}

static inline uintptr_t
v2p(const void *va)
{
	uintptr_t v = (uintptr_t)va;
	if (v >= KERNEL_VBASE)
		return v - KERNEL_VBASE + KERNEL_VBASE_PA;
	return v - PHYS_VBASE;
}

/* New root with the kernel half mapped; 0 on ENOMEM. */
uintptr_t pt_create(void);
/* Free the user half's tables and the root (the caller frees the pages). */
void pt_destroy(uintptr_t root);
/* Map one page with PT_* flags; 0 or -ENOMEM. */
int pt_map(uintptr_t root, uintptr_t va, uintptr_t pa, unsigned flags);
/* Look up one page: 1 and *pa, *flags if mapped, else 0. */
int pt_lookup(uintptr_t root, uintptr_t va, uintptr_t *pa, unsigned *flags);
void pt_unmap(uintptr_t root, uintptr_t va);
/* Call fn for each mapped user page in [start, end), in address order. */
void pt_walk(uintptr_t root, uintptr_t start, uintptr_t end,
	     void (*fn)(void *ctx, uintptr_t va, uintptr_t pa, unsigned flags), void *ctx);

#endif
