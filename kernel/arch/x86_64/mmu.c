/*
 * kernel/arch/x86_64/mmu.c: 4-level page tables.  The kernel half (PML4
 * entries 256..511: the direct map of physical memory and the kernel image)
 * is shared by every address space; the user half is per process.
 */
#include "arch.h"
#include "lib.h"
#include "pmm.h"

#define PTE_P   0x001UL
#define PTE_W   0x002UL
#define PTE_U   0x004UL
#define PTE_PS  0x080UL
#define PTE_COW 0x200UL          /* software bit */
#define PTE_NX  (1UL << 63)
#define PTE_ADDR 0x000ffffffffff000UL

extern uint64_t boot_pml4[512];

/* boot_pml4 is linked at its physical address (boot.S): use the direct map */
uint64_t *
kernel_pml4(void)
{
	return arch_p2v((uintptr_t)boot_pml4);
}

uintptr_t
arch_pt_create(void)
{
	uintptr_t pa = page_alloc_zeroed();
	if (!pa)
		return 0;
	uint64_t *pml4 = arch_p2v(pa);
	for (int i = 256; i < 512; i++)
		pml4[i] = kernel_pml4()[i];
	return pa;
}

/* Free page-table pages of one level and below (not the mapped pages). */
static void
pt_free_level(uintptr_t pa, int level)
{
	uint64_t *t = arch_p2v(pa);
	if (level > 1)
		for (int i = 0; i < 512; i++)
			if (t[i] & PTE_P)
				pt_free_level(t[i] & PTE_ADDR, level - 1);
	page_free(pa);
}

void
arch_pt_destroy(uintptr_t root)
{
	uint64_t *pml4 = arch_p2v(root);
	for (int i = 0; i < 256; i++)
		if (pml4[i] & PTE_P)
			pt_free_level(pml4[i] & PTE_ADDR, 3);
	page_free(root);
}

/* Find the PTE of va, creating tables when create is set; NULL if absent. */
static uint64_t *
pt_walk(uintptr_t root, uintptr_t va, int create)
{
	uint64_t *t = arch_p2v(root);
	for (int level = 3; level >= 1; level--) {
		int idx = (va >> (12 + 9 * level)) & 511;
		if (!(t[idx] & PTE_P)) {
			if (!create)
				return NULL;
			uintptr_t pa = page_alloc_zeroed();
			if (!pa)
				return NULL;
			t[idx] = pa | PTE_P | PTE_W | PTE_U;
		}
		t = arch_p2v(t[idx] & PTE_ADDR);
	}
	return &t[(va >> 12) & 511];
}

static uint64_t
pte_bits(unsigned flags)
{
	uint64_t b = PTE_P;
	if (flags & PT_W)
		b |= PTE_W;
	if (flags & PT_USER)
		b |= PTE_U;
	if (!(flags & PT_X))
		b |= PTE_NX;
	if (flags & PT_COW)
		b |= PTE_COW;
	return b;
}

static unsigned
pte_flags(uint64_t pte)
{
	unsigned f = PT_R;
	if (pte & PTE_W)
		f |= PT_W;
	if (pte & PTE_U)
		f |= PT_USER;
	if (!(pte & PTE_NX))
		f |= PT_X;
	if (pte & PTE_COW)
		f |= PT_COW;
	return f;
}

int
arch_pt_map(uintptr_t root, uintptr_t va, uintptr_t pa, unsigned flags)
{
	uint64_t *pte = pt_walk(root, va, 1);
	if (!pte)
		return -12;   /* ENOMEM */
	*pte = (pa & PTE_ADDR) | pte_bits(flags);
	arch_tlb_flush_page(va);
	return 0;
}

int
arch_pt_lookup(uintptr_t root, uintptr_t va, uintptr_t *pa, unsigned *flags)
{
	uint64_t *pte = pt_walk(root, va, 0);
	if (!pte || !(*pte & PTE_P))
		return 0;
	if (pa)
		*pa = *pte & PTE_ADDR;
	if (flags)
		*flags = pte_flags(*pte);
	return 1;
}

void
arch_pt_unmap(uintptr_t root, uintptr_t va)
{
	uint64_t *pte = pt_walk(root, va, 0);
	if (pte && (*pte & PTE_P)) {
		*pte = 0;
		arch_tlb_flush_page(va);
	}
}

void
arch_pt_walk(uintptr_t root, uintptr_t start, uintptr_t end,
	     void (*fn)(void *ctx, uintptr_t va, uintptr_t pa, unsigned flags), void *ctx)
{
	uint64_t *l4 = arch_p2v(root);
	uintptr_t va = start;
	while (va < end && va < ABI_USER_TOP) {
		int i4 = (va >> 39) & 511, i3 = (va >> 30) & 511, i2 = (va >> 21) & 511, i1 = (va >> 12) & 511;
		if (!(l4[i4] & PTE_P)) {
			va = ALIGN_DOWN(va, 1UL << 39) + (1UL << 39);
			continue;
		}
		uint64_t *l3 = arch_p2v(l4[i4] & PTE_ADDR);
		if (!(l3[i3] & PTE_P)) {
			va = ALIGN_DOWN(va, 1UL << 30) + (1UL << 30);
			continue;
		}
		uint64_t *l2 = arch_p2v(l3[i3] & PTE_ADDR);
		if (!(l2[i2] & PTE_P)) {
			va = ALIGN_DOWN(va, 1UL << 21) + (1UL << 21);
			continue;
		}
		uint64_t *l1 = arch_p2v(l2[i2] & PTE_ADDR);
		if (l1[i1] & PTE_P)
			fn(ctx, va, l1[i1] & PTE_ADDR, pte_flags(l1[i1]));
		va += PAGE_SIZE;
	}
}

void
arch_pt_activate(uintptr_t root)
{
	__asm__ volatile("movq %0, %%cr3" : : "r"(root) : "memory");
}

void
arch_tlb_flush_page(uintptr_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

void
arch_tlb_flush_all(void)
{
	uint64_t cr3;
	__asm__ volatile("movq %%cr3, %0; movq %0, %%cr3" : "=r"(cr3) : : "memory");
}
