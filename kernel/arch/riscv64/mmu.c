/*
 * kernel/arch/riscv64/mmu.c: Sv39 page tables (three levels).  The kernel
 * half (root entries 256..511: the direct map of physical memory and the
 * kernel image, gigapages) is shared by every address space; the user half
 * is per process.  The last user page (ABI_SIGTRAMP_VA, above ABI_USER_TOP so
 * shared code never sees it) holds the signal return trampoline, the job
 * Linux's vDSO does on riscv64.
 */
#include "arch.h"
#include "lib.h"
#include "pmm.h"

#define PTE_V   0x001UL
#define PTE_R   0x002UL
#define PTE_W   0x004UL
#define PTE_X   0x008UL
#define PTE_U   0x010UL
#define PTE_A   0x040UL
#define PTE_D   0x080UL
#define PTE_COW 0x100UL          /* RSW bit: software */
#define PTE_LEAF (PTE_R | PTE_W | PTE_X)
#define PTE_PA(pte) (((pte) >> 10) << 12)
#define PA_PTE(pa) (((pa) >> 12) << 10)
#define SATP_SV39 (8UL << 60)

extern uint64_t boot_pt[512];

/* The trampoline page, mapped user read+execute: li a7, __NR_rt_sigreturn; ecall */
static uint32_t sigtramp_page[1024] __attribute__((aligned(4096))) = {
	0x00000893u | ((uint32_t)__NR_rt_sigreturn << 20),
	0x00000073u,
};

uint64_t *
kernel_root(void)
{
	return boot_pt;
}

/* Find the PTE of va, creating tables when create is set; NULL if absent. */
static uint64_t *
pt_walk(uintptr_t root, uintptr_t va, int create)
{
	uint64_t *t = arch_p2v(root);
	for (int level = 2; level >= 1; level--) {
		int idx = (va >> (12 + 9 * level)) & 511;
		if (!(t[idx] & PTE_V)) {
			if (!create)
				return NULL;
			uintptr_t pa = page_alloc_zeroed();
			if (!pa)
				return NULL;
			t[idx] = PA_PTE(pa) | PTE_V;
		} else if (t[idx] & PTE_LEAF) {
			return NULL;             /* a kernel gigapage: not ours to split */
		}
		t = arch_p2v(PTE_PA(t[idx]));
	}
	return &t[(va >> 12) & 511];
}

uintptr_t
arch_pt_create(void)
{
	uintptr_t pa = page_alloc_zeroed();
	if (!pa)
		return 0;
	uint64_t *root = arch_p2v(pa);
	for (int i = 256; i < 512; i++)
		root[i] = boot_pt[i];
	uint64_t *pte = pt_walk(pa, ABI_SIGTRAMP_VA, 1);
	if (!pte) {
		arch_pt_destroy(pa);
		return 0;
	}
	*pte = PA_PTE(arch_v2p(sigtramp_page)) | PTE_V | PTE_R | PTE_X | PTE_U | PTE_A;
	return pa;
}

/* Free page-table pages of one level and below (not the mapped pages). */
static void
pt_free_level(uintptr_t pa, int level)
{
	uint64_t *t = arch_p2v(pa);
	if (level > 0)
		for (int i = 0; i < 512; i++)
			if ((t[i] & PTE_V) && !(t[i] & PTE_LEAF))
				pt_free_level(PTE_PA(t[i]), level - 1);
	page_free(pa);
}

void
arch_pt_destroy(uintptr_t root)
{
	uint64_t *t = arch_p2v(root);
	for (int i = 0; i < 256; i++)
		if ((t[i] & PTE_V) && !(t[i] & PTE_LEAF))
			pt_free_level(PTE_PA(t[i]), 1);
	page_free(root);
}

static uint64_t
pte_bits(unsigned flags)
{
	uint64_t b = PTE_V | PTE_A | PTE_D | PTE_R;     /* W alone is reserved */
	if (flags & PT_W)
		b |= PTE_W;
	if (flags & PT_X)
		b |= PTE_X;
	if (flags & PT_USER)
		b |= PTE_U;
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
	if (pte & PTE_X)
		f |= PT_X;
	if (pte & PTE_U)
		f |= PT_USER;
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
	*pte = PA_PTE(pa) | pte_bits(flags);
	arch_tlb_flush_page(va);
	/* code written through the direct map must reach instruction fetch */
	if (flags & PT_X)
		__asm__ volatile("fence.i" ::: "memory");
	return 0;
}

int
arch_pt_lookup(uintptr_t root, uintptr_t va, uintptr_t *pa, unsigned *flags)
{
	uint64_t *pte = pt_walk(root, va, 0);
	if (!pte || !(*pte & PTE_V))
		return 0;
	if (pa)
		*pa = PTE_PA(*pte);
	if (flags)
		*flags = pte_flags(*pte);
	return 1;
}

void
arch_pt_unmap(uintptr_t root, uintptr_t va)
{
	uint64_t *pte = pt_walk(root, va, 0);
	if (pte && (*pte & PTE_V)) {
		*pte = 0;
		arch_tlb_flush_page(va);
	}
}

void
arch_pt_walk(uintptr_t root, uintptr_t start, uintptr_t end,
	     void (*fn)(void *ctx, uintptr_t va, uintptr_t pa, unsigned flags), void *ctx)
{
	uint64_t *l2 = arch_p2v(root);
	uintptr_t va = start;
	while (va < end && va < ABI_USER_TOP) {
		int i2 = (va >> 30) & 511, i1 = (va >> 21) & 511, i0 = (va >> 12) & 511;
		if (!(l2[i2] & PTE_V) || (l2[i2] & PTE_LEAF)) {
			va = ALIGN_DOWN(va, 1UL << 30) + (1UL << 30);
			continue;
		}
		uint64_t *l1 = arch_p2v(PTE_PA(l2[i2]));
		if (!(l1[i1] & PTE_V) || (l1[i1] & PTE_LEAF)) {
			va = ALIGN_DOWN(va, 1UL << 21) + (1UL << 21);
			continue;
		}
		uint64_t *l0 = arch_p2v(PTE_PA(l1[i1]));
		if (l0[i0] & PTE_V)
			fn(ctx, va, PTE_PA(l0[i0]), pte_flags(l0[i0]));
		va += PAGE_SIZE;
	}
}

void
arch_pt_activate(uintptr_t root)
{
	__asm__ volatile("csrw satp, %0; sfence.vma" : : "r"(SATP_SV39 | (root >> 12)) : "memory");
}

void
arch_tlb_flush_page(uintptr_t va)
{
	__asm__ volatile("sfence.vma %0, zero" : : "r"(va) : "memory");
}

void
arch_tlb_flush_all(void)
{
	__asm__ volatile("sfence.vma" : : : "memory");
}
