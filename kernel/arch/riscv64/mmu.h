/*
 * kernel/arch/riscv64/mmu.h: what the shared page-table code (core/pt.c)
 * needs to know of Sv39: the kernel's memory layout, three levels of 512
 * entries, and the PTE bits.  Only core/pt.c and this arch's own files
 * include it; the rest of the kernel speaks PT_* flags (arch.h).
 */
#ifndef MMU_H
#define MMU_H

#include "types.h"

#define PHYS_VBASE 0xffffffc000000000UL     /* direct map of physical memory */
#define KERNEL_VBASE 0xffffffff80000000UL   /* the kernel image (-2 GiB) ... */
#define KERNEL_VBASE_PA 0x80000000UL        /* ... maps the start of RAM on */

#define PT_LEVELS 3                         /* Sv39 */
#define PT_KERNEL_FIRST 256                 /* root entries from here on: kernel half */

#define PTE_V   0x001UL
#define PTE_R   0x002UL
#define PTE_W   0x004UL
#define PTE_X   0x008UL
#define PTE_U   0x010UL
#define PTE_A   0x040UL
#define PTE_D   0x080UL
#define PTE_COW 0x100UL                     /* RSW bit: software */
#define PTE_LEAF (PTE_R | PTE_W | PTE_X)   /* any of them: a leaf, not a table */
#define SATP_SV39 (8UL << 60)

/* What core/pt.c reads and writes: an entry is present when PTE_VALID is
 * set, a table (not a leaf such as a gigapage) when PTE_NOT_TABLE is clear
 * too; the physical page number sits under PTE_ADDR_MASK from bit
 * PTE_ADDR_SHIFT. */
#define PTE_VALID PTE_V
#define PTE_NOT_TABLE PTE_LEAF
#define PTE_ADDR_MASK 0x003ffffffffffc00UL
#define PTE_ADDR_SHIFT 10
/* A table entry: V alone. */
#define PTE_TABLE_BITS PTE_V
/* Every leaf (W alone is reserved, so R always; A and D set up front); the
 * rest comes from PTE_FLAG_BITS. */
#define PTE_LEAF_BITS (PTE_V | PTE_A | PTE_D | PTE_R)
/* PT_* flags as PTE bits (core/pt.c), one bit each */
#define PTE_FLAG_BITS(X) \
	X(PT_W, PTE_W, 0) \
	X(PT_X, PTE_X, 0) \
	X(PT_USER, PTE_U, 0) \
	X(PT_COW, PTE_COW, 0)

#endif
