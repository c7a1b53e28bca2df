/*
 * kernel/arch/x86_64/entry.S: trap and syscall entry, return to user mode,
 * and the kernel stack switch.  Every entry builds a struct trapframe (see
 * abi.h) on the task's kernel stack and calls into C with a pointer to it.
 */
#define TF_VECTOR_SYSCALL 0x100
#define USER_CS 0x23
#define USER_SS 0x1b

.macro SAVE_REGS
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

.macro RESTORE_REGS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
.endm

	.text
/* Vectors without a CPU error code push a zero so all frames look alike. */
.macro ISR_NOERR n
	.globl isr\n
isr\n:
	pushq $0
	pushq $\n
	jmp isr_common
.endm
.macro ISR_ERR n
	.globl isr\n
isr\n:
	pushq $\n
	jmp isr_common
.endm

ISR_NOERR 0
ISR_NOERR 1
ISR_NOERR 2
ISR_NOERR 3
ISR_NOERR 4
ISR_NOERR 5
ISR_NOERR 6
ISR_NOERR 7
ISR_ERR   8
ISR_NOERR 9
ISR_ERR   10
ISR_ERR   11
ISR_ERR   12
ISR_ERR   13
ISR_ERR   14
ISR_NOERR 15
ISR_NOERR 16
ISR_ERR   17
ISR_NOERR 18
ISR_NOERR 19
ISR_NOERR 20
ISR_ERR   21
ISR_NOERR 22
ISR_NOERR 23
ISR_NOERR 24
ISR_NOERR 25
ISR_NOERR 26
ISR_NOERR 27
ISR_NOERR 28
ISR_ERR   29
ISR_ERR   30
ISR_NOERR 31
.altmacro
.set i, 32
.rept 24
	ISR_NOERR %i
	.set i, i + 1
.endr
ISR_NOERR 255

isr_common:
	cld
	SAVE_REGS
	movq %rsp, %rdi
	call trap_entry
	.globl trap_return
trap_return:
	RESTORE_REGS
	addq $16, %rsp              /* vector, error */
	iretq

/* SYSCALL: rcx = user rip, r11 = user rflags, IF cleared by FMASK.  One CPU,
 * so the kernel stack top comes from a global the scheduler keeps current. */
	.globl syscall_entry_asm
syscall_entry_asm:
	movq %rsp, syscall_user_rsp(%rip)
	movq syscall_kstack_top(%rip), %rsp
	pushq $USER_SS
	pushq syscall_user_rsp(%rip)
	pushq %r11
	pushq $USER_CS
	pushq %rcx
	pushq $0
	pushq $TF_VECTOR_SYSCALL
	cld
	SAVE_REGS
	movq %rsp, %rdi
	call syscall_entry
	jmp trap_return

/* arch_return_to_user(tf): drop everything above tf and leave through iretq. */
	.globl arch_return_to_user
arch_return_to_user:
	movq %rdi, %rsp
	jmp trap_return

/* arch_switch_stacks(&from_rsp, to_rsp): callee-saved registers on the old
 * stack, then resume the new one. */
	.globl arch_switch_stacks
arch_switch_stacks:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

/* First switch into a new task lands here (its stack holds the trapframe). */
	.globl task_trampoline
task_trampoline:
	call task_first_run
	movq %rax, %rsp
	jmp trap_return

	.data
	.globl syscall_user_rsp, syscall_kstack_top
syscall_user_rsp:   .quad 0
syscall_kstack_top: .quad 0

	.section .rodata
	.p2align 3
	.globl isr_table
.macro ISR_ADDR n
	.quad isr\n
.endm
isr_table:
.set i, 0
.rept 56
	ISR_ADDR %i
	.set i, i + 1
.endr
	.globl isr_spurious
isr_spurious:
	.quad isr255

	.section .note.GNU-stack, "", @progbits
