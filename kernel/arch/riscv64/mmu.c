/*
 * kernel/arch/riscv64/mmu.c: the kernel's own page table, satp and TLB
 * flushes, and the signal trampoline page.  The kernel half (root entries
 * 256..511: the direct map of physical memory and the kernel image,
 * gigapages) is shared by every address space; the user half is per
 * process, walked by core/pt.c with mmu.h's encoding.  The last user page
 * (ABI_SIGTRAMP_VA, above ABI_USER_TOP so shared code never sees it) holds
 * the signal return trampoline, the job Linux's vDSO does on riscv64.
 */
#include "arch.h"
#include "mmu.h"
#include "pt.h"

extern uint64_t boot_pt[512];

/* The trampoline page, mapped user read+execute: li a7, __NR_rt_sigreturn; ecall */
static uint32_t sigtramp_page[1024] __attribute__((aligned(4096))) = {
	0x00000893u | ((uint32_t)__NR_rt_sigreturn << 20),
	0x00000073u,
};

uint64_t *
arch_kernel_root(void)
{
	return boot_pt;
}

/* Every user half has the signal trampoline. */
int
arch_pt_init_user(uintptr_t root)
{
	return pt_map(root, ABI_SIGTRAMP_VA, v2p(sigtramp_page), PT_R | PT_X | PT_USER);
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

/* One hart, so a local fence.i is enough. */
void
arch_icache_sync(void)
{
	__asm__ volatile("fence.i" ::: "memory");
}
