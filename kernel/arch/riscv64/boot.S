/*
 * kernel/arch/riscv64/boot.S: entry from OpenSBI (fw_dynamic) in S-mode,
 * MMU off, at the load address 0x80200000; a0 = hart id, a1 = physical
 * address of the device tree.  We fill the boot page table (Sv39 gigapages:
 * an identity map of the kernel's gigabyte for the jump, the direct map of
 * physical 0..4 GiB at PHYS_VBASE, the kernel at KERNEL_VBASE), turn paging
 * on, move to the high half and call kmain(fdt).
 */
#include "boot.h"

#define PTE_KERNEL 0xef                 /* V R W X G A D */
#define PTE_IDENT 0xcf                  /* V R W X A D (not global: dropped in arch_init) */
#define SATP_SV39 (8 << 60)

	.section .text.boot, "ax"
	.globl _start
_start:
	csrw sie, zero
	csrw satp, zero
	mv s0, a0                           /* hart id */
	mv s1, a1                           /* FDT */
	lla t0, boot_pt                     /* physical: pc-relative while at the LMA */

	/* root[2]: identity 0x80000000..0xbfffffff (VPN2 of the load address) */
	li t1, (0x80000000 >> 2) | PTE_IDENT
	sd t1, 2*8(t0)
	/* root[510]: KERNEL_VBASE -> 0x80000000 */
	li t1, (0x80000000 >> 2) | PTE_KERNEL
	li t2, 510*8
	add t2, t2, t0
	sd t1, 0(t2)
	/* root[256..259]: PHYS_VBASE + 0..4 GiB */
	li t2, 256*8
	add t2, t2, t0
	li t1, PTE_KERNEL
	li t3, 1 << 28                      /* 1 GiB as a PTE's PPN field */
	li t4, 4
1:	sd t1, 0(t2)
	add t1, t1, t3
	addi t2, t2, 8
	addi t4, t4, -1
	bnez t4, 1b

	srli t1, t0, 12
	li t2, SATP_SV39
	or t1, t1, t2
	sfence.vma
	csrw satp, t1
	sfence.vma

	/* jump to the same code at its link address: + (VBASE - PBASE) */
	lla t0, high_entry
	li t1, 0xffffffff00000000
	add t0, t0, t1
	jr t0

	.text
high_entry:
	la sp, boot_kstack + BOOT_KSTACK_SIZE
	mv fp, zero
	/* zero .bss (QEMU does, but do not depend on the loader); .persist
	 * after it is left alone (boot.h) */
	la t0, _bss_start
	la t1, _bss_end
2:	bgeu t0, t1, 3f
	sd zero, 0(t0)
	addi t0, t0, 8
	j 2b
3:	la t0, trap_vector
	csrw stvec, t0
	csrw sscratch, zero                 /* zero: a trap comes from the kernel */
	mv a0, s1
	call kmain
4:	wfi
	j 4b

/* arch_restart_enter(root): a warm restart (boot.h): interrupts off, the
 * boot page table (a0, physical), then high_entry as at boot.  The stack and
 * every address space of the run that ends are dropped. */
	.globl arch_restart_enter
arch_restart_enter:
	csrw sie, zero
	csrci sstatus, 2                    /* SIE */
	srli a0, a0, 12
	li t0, SATP_SV39
	or a0, a0, t0
	csrw satp, a0
	sfence.vma
	mv s1, zero
	j high_entry

	.data
	.p2align 12
	.globl boot_pt
boot_pt:
	.fill 4096, 1, 0

	.section .note.GNU-stack, "", @progbits
