/*
 * kernel/arch/x86_64/mmu.h: what the shared page-table code (core/pt.c)
 * needs to know of x86_64's MMU: the kernel's memory layout, four levels of
 * 512 entries, and the PTE bits.  Only core/pt.c and this arch's own files
 * include it; the rest of the kernel speaks PT_* flags (arch.h).
 */
#ifndef MMU_H
#define MMU_H

#include "types.h"

#define PHYS_VBASE 0xffff800000000000UL     /* direct map of physical memory */
#define KERNEL_VBASE 0xffffffff80000000UL   /* the kernel image (-2 GiB) ... */
#define KERNEL_VBASE_PA 0UL                 /* ... maps physical 0 on */

#define PT_LEVELS 4                         /* PML4, PDPT, PD, PT */
#define PT_KERNEL_FIRST 256                 /* root entries from here on: kernel half */

#define PTE_P   0x001UL
#define PTE_W   0x002UL
#define PTE_U   0x004UL
#define PTE_PS  0x080UL                     /* a large page, not a table */
#define PTE_COW 0x200UL                     /* software bit */
#define PTE_NX  (1UL << 63)
#define PTE_ADDR 0x000ffffffffff000UL

/* What core/pt.c reads and writes: an entry is present when PTE_VALID is
 * set, a table (not a large page) when PTE_NOT_TABLE is clear too; the
 * physical page number sits under PTE_ADDR_MASK from bit PTE_ADDR_SHIFT. */
#define PTE_VALID PTE_P
#define PTE_NOT_TABLE PTE_PS
#define PTE_ADDR_MASK PTE_ADDR
#define PTE_ADDR_SHIFT 12
/* A table entry: the rights are decided at the leaf. */
#define PTE_TABLE_BITS (PTE_P | PTE_W | PTE_U)
/* Every leaf; the rest comes from PTE_FLAG_BITS. */
#define PTE_LEAF_BITS PTE_P
/* PT_* flags as PTE bits (core/pt.c): NX inverted, set when PT_X is not */
#define PTE_FLAG_BITS(X) \
	X(PT_W, PTE_W, 0) \
	X(PT_USER, PTE_U, 0) \
	X(PT_X, PTE_NX, 1) \
	X(PT_COW, PTE_COW, 0)

#endif
