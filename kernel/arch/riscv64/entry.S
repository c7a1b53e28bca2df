/*
 * kernel/arch/riscv64/entry.S: the trap vector (user and kernel traps), the
 * return to user mode, the kernel stack switch and the FPU save/restore.
 * sscratch holds the top of the current task's kernel stack while user code
 * runs and 0 while the kernel runs, so one vector tells the two apart.
 */
#define TF_SIZE (36 * 8)
#define TF_SSTATUS (32 * 8)
#define TF_SCAUSE (33 * 8)
#define TF_STVAL (34 * 8)
#define TF_ORIG_A0 (35 * 8)
#define SSTATUS_SPP (1 << 8)
#define SSTATUS_SPIE (1 << 5)

/* x1, x3..x31 into the frame at sp (x2, the stack pointer, is done apart) */
.macro SAVE_GPRS
	sd x1, 1*8(sp)
	sd x3, 3*8(sp)
	sd x4, 4*8(sp)
	sd x5, 5*8(sp)
	sd x6, 6*8(sp)
	sd x7, 7*8(sp)
	sd x8, 8*8(sp)
	sd x9, 9*8(sp)
	sd x10, 10*8(sp)
	sd x11, 11*8(sp)
	sd x12, 12*8(sp)
	sd x13, 13*8(sp)
	sd x14, 14*8(sp)
	sd x15, 15*8(sp)
	sd x16, 16*8(sp)
	sd x17, 17*8(sp)
	sd x18, 18*8(sp)
	sd x19, 19*8(sp)
	sd x20, 20*8(sp)
	sd x21, 21*8(sp)
	sd x22, 22*8(sp)
	sd x23, 23*8(sp)
	sd x24, 24*8(sp)
	sd x25, 25*8(sp)
	sd x26, 26*8(sp)
	sd x27, 27*8(sp)
	sd x28, 28*8(sp)
	sd x29, 29*8(sp)
	sd x30, 30*8(sp)
	sd x31, 31*8(sp)
.endm

.macro RESTORE_GPRS
	ld x1, 1*8(sp)
	ld x3, 3*8(sp)
	ld x4, 4*8(sp)
	ld x5, 5*8(sp)
	ld x6, 6*8(sp)
	ld x7, 7*8(sp)
	ld x8, 8*8(sp)
	ld x9, 9*8(sp)
	ld x10, 10*8(sp)
	ld x11, 11*8(sp)
	ld x12, 12*8(sp)
	ld x13, 13*8(sp)
	ld x14, 14*8(sp)
	ld x15, 15*8(sp)
	ld x16, 16*8(sp)
	ld x17, 17*8(sp)
	ld x18, 18*8(sp)
	ld x19, 19*8(sp)
	ld x20, 20*8(sp)
	ld x21, 21*8(sp)
	ld x22, 22*8(sp)
	ld x23, 23*8(sp)
	ld x24, 24*8(sp)
	ld x25, 25*8(sp)
	ld x26, 26*8(sp)
	ld x27, 27*8(sp)
	ld x28, 28*8(sp)
	ld x29, 29*8(sp)
	ld x30, 30*8(sp)
	ld x31, 31*8(sp)
.endm

	.text
	.p2align 2
	.globl trap_vector
trap_vector:
	csrrw sp, sscratch, sp
	beqz sp, from_kernel
	/* from user: sp = top of the task's kernel stack, sscratch = user sp */
	addi sp, sp, -TF_SIZE
	SAVE_GPRS
	csrr t0, sscratch
	sd t0, 2*8(sp)
	csrw sscratch, zero
	csrr t0, sepc
	sd t0, 0(sp)
	csrr t0, sstatus
	sd t0, TF_SSTATUS(sp)
	csrr t1, scause
	sd t1, TF_SCAUSE(sp)
	csrr t0, stval
	sd t0, TF_STVAL(sp)
	mv fp, zero                 /* backtraces stop at the user boundary */
	mv a0, sp
	li t0, 8
	bne t1, t0, 1f
	/* ecall from U-mode, the common trap, straight to syscall_entry: sepc
	 * past the ecall, and a0 kept for a restart */
	ld t0, 0(sp)
	addi t0, t0, 4
	sd t0, 0(sp)
	ld t0, 10*8(sp)
	sd t0, TF_ORIG_A0(sp)
	call syscall_entry
	j trap_return
1:	call trap_entry
	/* fall through: sp is the trapframe again */

/* Return to user mode from the trapframe at sp (the top of the kernel stack). */
	.globl trap_return
trap_return:
	addi t0, sp, TF_SIZE
	csrw sscratch, t0
	ld t0, 0(sp)
	csrw sepc, t0
	ld t0, TF_SSTATUS(sp)
	li t1, SSTATUS_SPP
	not t1, t1
	and t0, t0, t1              /* back to U-mode whatever the frame says */
	ori t0, t0, SSTATUS_SPIE
	csrw sstatus, t0
	RESTORE_GPRS
	ld sp, 2*8(sp)
	sret

from_kernel:
	csrrw sp, sscratch, sp      /* sp back, sscratch stays 0 */
	addi sp, sp, -TF_SIZE
	SAVE_GPRS
	addi t0, sp, TF_SIZE
	sd t0, 2*8(sp)
	csrr t0, sepc
	sd t0, 0(sp)
	csrr t0, sstatus
	sd t0, TF_SSTATUS(sp)
	csrr t0, scause
	sd t0, TF_SCAUSE(sp)
	csrr t0, stval
	sd t0, TF_STVAL(sp)
	mv a0, sp
	call kernel_trap
	ld t0, 0(sp)
	csrw sepc, t0
	ld t0, TF_SSTATUS(sp)
	csrw sstatus, t0
	RESTORE_GPRS
	addi sp, sp, TF_SIZE
	sret

/* arch_return_to_user(tf): drop everything above tf and leave through sret. */
	.globl arch_return_to_user
arch_return_to_user:
	mv sp, a0
	j trap_return

/* arch_switch_stacks(from, to): callee-saved registers into *from (struct
 * arch_context: ra, sp, s0..s11), then resume to. */
	.globl arch_switch_stacks
arch_switch_stacks:
	sd ra, 0*8(a0)
	sd sp, 1*8(a0)
	sd s0, 2*8(a0)
	sd s1, 3*8(a0)
	sd s2, 4*8(a0)
	sd s3, 5*8(a0)
	sd s4, 6*8(a0)
	sd s5, 7*8(a0)
	sd s6, 8*8(a0)
	sd s7, 9*8(a0)
	sd s8, 10*8(a0)
	sd s9, 11*8(a0)
	sd s10, 12*8(a0)
	sd s11, 13*8(a0)
	ld ra, 0*8(a1)
	ld sp, 1*8(a1)
	ld s0, 2*8(a1)
	ld s1, 3*8(a1)
	ld s2, 4*8(a1)
	ld s3, 5*8(a1)
	ld s4, 6*8(a1)
	ld s5, 7*8(a1)
	ld s6, 8*8(a1)
	ld s7, 9*8(a1)
	ld s8, 10*8(a1)
	ld s9, 11*8(a1)
	ld s10, 12*8(a1)
	ld s11, 13*8(a1)
	ret

/* First switch into a new task lands here (its stack holds the trapframe). */
	.globl task_trampoline
task_trampoline:
	call task_first_run
	mv sp, a0
	j trap_return

/* fpu_save(uint64_t regs[33]) / fpu_restore: f0..f31 then fcsr.  The kernel
 * itself is built without floating point, so user values stay live in the
 * registers across traps and only move at a task switch. */
	.option push
	.option arch, +d
	.globl fpu_save
fpu_save:
	fsd f0, 0*8(a0)
	fsd f1, 1*8(a0)
	fsd f2, 2*8(a0)
	fsd f3, 3*8(a0)
	fsd f4, 4*8(a0)
	fsd f5, 5*8(a0)
	fsd f6, 6*8(a0)
	fsd f7, 7*8(a0)
	fsd f8, 8*8(a0)
	fsd f9, 9*8(a0)
	fsd f10, 10*8(a0)
	fsd f11, 11*8(a0)
	fsd f12, 12*8(a0)
	fsd f13, 13*8(a0)
	fsd f14, 14*8(a0)
	fsd f15, 15*8(a0)
	fsd f16, 16*8(a0)
	fsd f17, 17*8(a0)
	fsd f18, 18*8(a0)
	fsd f19, 19*8(a0)
	fsd f20, 20*8(a0)
	fsd f21, 21*8(a0)
	fsd f22, 22*8(a0)
	fsd f23, 23*8(a0)
	fsd f24, 24*8(a0)
	fsd f25, 25*8(a0)
	fsd f26, 26*8(a0)
	fsd f27, 27*8(a0)
	fsd f28, 28*8(a0)
	fsd f29, 29*8(a0)
	fsd f30, 30*8(a0)
	fsd f31, 31*8(a0)
	frcsr t0
	sd t0, 32*8(a0)
	ret

	.globl fpu_restore
fpu_restore:
	fld f0, 0*8(a0)
	fld f1, 1*8(a0)
	fld f2, 2*8(a0)
	fld f3, 3*8(a0)
	fld f4, 4*8(a0)
	fld f5, 5*8(a0)
	fld f6, 6*8(a0)
	fld f7, 7*8(a0)
	fld f8, 8*8(a0)
	fld f9, 9*8(a0)
	fld f10, 10*8(a0)
	fld f11, 11*8(a0)
	fld f12, 12*8(a0)
	fld f13, 13*8(a0)
	fld f14, 14*8(a0)
	fld f15, 15*8(a0)
	fld f16, 16*8(a0)
	fld f17, 17*8(a0)
	fld f18, 18*8(a0)
	fld f19, 19*8(a0)
	fld f20, 20*8(a0)
	fld f21, 21*8(a0)
	fld f22, 22*8(a0)
	fld f23, 23*8(a0)
	fld f24, 24*8(a0)
	fld f25, 25*8(a0)
	fld f26, 26*8(a0)
	fld f27, 27*8(a0)
	fld f28, 28*8(a0)
	fld f29, 29*8(a0)
	fld f30, 30*8(a0)
	fld f31, 31*8(a0)
	ld t0, 32*8(a0)
	fscsr t0
	ret
	.option pop

	.section .note.GNU-stack, "", @progbits
