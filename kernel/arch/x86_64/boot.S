/*
 * kernel/arch/x86_64/boot.S: PVH entry.  QEMU (-kernel with the Xen
 * PHYS32_ENTRY note) starts us in 32-bit protected mode, paging off,
 * %ebx = physical address of struct hvm_start_info.  We build the boot page
 * tables (identity 4 GiB, direct map at PHYS_VBASE, kernel at -2 GiB), enter
 * long mode and jump to kmain(start_info) in the high half.
 */
#include "boot.h"

#define KERNEL_VBASE 0xffffffff80000000
#define V2P(x) ((x) - KERNEL_VBASE)

	.section .note.pvh, "a"
	.p2align 2
	.long 4                 /* namesz */
	.long 8                 /* descsz */
	.long 18                /* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.p2align 2
	.quad pvh_entry

	.section .boot.text, "ax"
	.code32
	.globl pvh_entry
pvh_entry:
	cli
	cld
	movl %ebx, %edi                     /* keep start_info */
	movl $boot_stack_top_phys, %esp

	/* PD entries: 2048 x 2 MiB pages covering 0..4 GiB */
	movl $boot_pd, %ecx
	xorl %eax, %eax
	movl $0, %esi
1:	movl %eax, %edx
	orl $0x83, %edx                     /* present, writable, 2 MiB */
	movl %edx, (%ecx,%esi,8)
	movl %esi, %edx
	shrl $11, %edx                      /* high dword = (i*2M) >> 32 */
	movl %edx, 4(%ecx,%esi,8)
	addl $0x200000, %eax
	incl %esi
	cmpl $2048, %esi
	jne 1b

	/* PDPT low: 4 entries -> the 4 PDs */
	movl $boot_pdpt_low, %ecx
	movl $boot_pd, %eax
	orl $3, %eax
	movl %eax, 0(%ecx)
	addl $4096, %eax
	movl %eax, 8(%ecx)
	addl $4096, %eax
	movl %eax, 16(%ecx)
	addl $4096, %eax
	movl %eax, 24(%ecx)

	/* PDPT high: entry 510 (-2 GiB) -> first PD (0..1 GiB) */
	movl $boot_pdpt_high, %ecx
	movl $boot_pd, %eax
	orl $3, %eax
	movl %eax, 510*8(%ecx)

	/* PML4: 0 = identity (dropped later), 256 = direct map, 511 = kernel */
	movl $boot_pml4, %ecx
	movl $boot_pdpt_low, %eax
	orl $3, %eax
	movl %eax, 0(%ecx)
	movl %eax, 256*8(%ecx)
	movl $boot_pdpt_high, %eax
	orl $3, %eax
	movl %eax, 511*8(%ecx)

	/* PAE + PGE + OSFXSR + OSXMMEXCPT */
	movl %cr4, %eax
	orl $(1 << 5) | (1 << 7) | (1 << 9) | (1 << 10), %eax
	movl %eax, %cr4
	movl $boot_pml4, %eax
	movl %eax, %cr3
	/* EFER: LME, SCE, NXE */
	movl $0xc0000080, %ecx
	rdmsr
	orl $(1 << 8) | (1 << 0) | (1 << 11), %eax
	wrmsr
	/* paging + protection + write protect in ring 0; FPU: MP, clear EM */
	movl %cr0, %eax
	orl $0x80010023, %eax
	andl $~(1 << 2), %eax
	movl %eax, %cr0

	lgdt boot_gdt_desc
	ljmp $0x08, $long_entry

	.code64
long_entry:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movabsq $high_entry, %rax
	jmp *%rax

	.section .boot.data, "aw"
	.p2align 3
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff            /* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff            /* 0x10: data */
boot_gdt_desc:
	.word boot_gdt_desc - boot_gdt - 1
	.long boot_gdt

	.p2align 12
	.globl boot_pml4
boot_pml4:      .fill 4096, 1, 0
boot_pdpt_low:  .fill 4096, 1, 0
boot_pdpt_high: .fill 4096, 1, 0
	.globl boot_pd
boot_pd:        .fill 4 * 4096, 1, 0
boot_stack:     .fill 4096, 1, 0
boot_stack_top_phys:

	.text
	.code64
high_entry:
	movabsq $(boot_kstack + BOOT_KSTACK_SIZE), %rsp
	xorl %ebp, %ebp
	/* zero .bss (QEMU does, but do not depend on the loader); .persist
	 * after it is left alone (boot.h) */
	movl %edi, %r12d
	movabsq $_bss_start, %rdi
	movabsq $_bss_end, %rcx
	subq %rdi, %rcx
	xorl %eax, %eax
	rep stosb
	/* edi = start_info (physical) */
	movl %r12d, %edi
	call kmain
2:	hlt
	jmp 2b

/* arch_restart_enter(root): a warm restart (boot.h): interrupts off, the
 * boot page tables (%rdi, physical), then high_entry as at boot.  The stack
 * and every address space of the run that ends are dropped. */
	.globl arch_restart_enter
arch_restart_enter:
	cli
	movq %rdi, %cr3
	xorl %edi, %edi
	jmp high_entry

	.section .note.GNU-stack, "", @progbits
