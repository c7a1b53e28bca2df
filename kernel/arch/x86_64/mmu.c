/*
 * kernel/arch/x86_64/mmu.c: the kernel's own page table, cr3 and TLB
 * flushes.  The kernel half (PML4 entries 256..511: the direct map of
 * physical memory and the kernel image) is shared by every address space;
 * the user half is per process, walked by core/pt.c with mmu.h's encoding.
 */
#include "arch.h"
#include "mmu.h"
#include "pt.h"

extern uint64_t boot_pml4[512];

/* boot_pml4 is linked at its physical address (boot.S): use the direct map */
uint64_t *
arch_kernel_root(void)
{
	return p2v((uintptr_t)boot_pml4);
}

/* Nothing is in every user half on x86_64 (no vDSO). */
int
arch_pt_init_user(uintptr_t root)
{
	(void)root;
	return 0;
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

/* x86 keeps instruction fetch coherent with stores. */
void
arch_icache_sync(void)
{
}
