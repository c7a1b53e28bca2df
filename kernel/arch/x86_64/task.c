/*
 * kernel/arch/x86_64/task.c: the per-task register state: the first switch
 * into a task, context switch with the FPU (fxsave) and FS/GS bases, the
 * registers of a cloned thread and of a fresh program, and the syscall
 * registers of a trapframe.
 */
#include "arch.h"
#include "lib.h"
#include "machine.h"
#include "task.h"
#include "uapi.h"

extern void task_trampoline(void);
extern void arch_switch_stacks(uint64_t *from_rsp, uint64_t to_rsp);

void
arch_task_init(struct task *t)
{
	/* trapframe at the top of the kernel stack, switch frame below it:
	 * six callee-saved registers and the return address (task_trampoline) */
	uint64_t *sp = (uint64_t *)t->tf;
	*--sp = (uint64_t)task_trampoline;
	for (int i = 0; i < 6; i++)
		*--sp = 0;
	t->arch.rsp = (uint64_t)sp;
}

void
arch_task_fpu_reset(struct task *t)
{
	memset(t->arch.fpu, 0, sizeof(t->arch.fpu));
	*(uint16_t *)&t->arch.fpu[0] = 0x37f;          /* FCW */
	*(uint32_t *)&t->arch.fpu[24] = 0x1f80;        /* MXCSR */
	if (t == current)
		__asm__ volatile("fxrstor64 %0" : : "m"(t->arch.fpu));
}

void
arch_set_tls(struct task *t, uintptr_t tls)
{
	t->arch.fs_base = tls;
	if (t == current)
		wrmsr(MSR_FS_BASE, tls);
}

void
arch_task_load(struct task *t)
{
	uint64_t top = (uint64_t)t->kstack + KSTACK_SIZE;
	trap_set_kstack(top);
	wrmsr(MSR_FS_BASE, t->arch.fs_base);
	wrmsr(MSR_GS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, t->arch.gs_base);   /* unused: no swapgs */
	__asm__ volatile("fxrstor64 %0" : : "m"(t->arch.fpu));
}

void
arch_switch(struct task *from, struct task *to)
{
	__asm__ volatile("fxsave64 %0" : "=m"(from->arch.fpu));
	arch_task_load(to);
	arch_switch_stacks(&from->arch.rsp, to->arch.rsp);
}

void
arch_copy_thread(struct task *child, const struct clone_req *req)
{
	struct task *parent = current;
	*child->tf = *parent->tf;
	child->tf->rax = 0;
	if (req->stack)
		child->tf->rsp = req->stack;
	/* the caller's FPU registers are live in the CPU: save them first */
	__asm__ volatile("fxsave64 %0" : "=m"(parent->arch.fpu));
	memcpy(child->arch.fpu, parent->arch.fpu, sizeof(child->arch.fpu));
	child->arch.fs_base = parent->arch.fs_base;
	child->arch.gs_base = parent->arch.gs_base;
	if (req->flags & CLONE_SETTLS)
		child->arch.fs_base = req->tls;
}

void
arch_exec_regs(struct trapframe *tf, uintptr_t pc, uintptr_t sp)
{
	memset(tf, 0, sizeof(*tf));
	tf->rip = pc;
	tf->rsp = sp;
	tf->cs = 0x23;
	tf->ss = 0x1b;
	tf->rflags = 0x202;
	tf->vector = TF_VECTOR_SYSCALL;
}

uintptr_t
arch_tf_pc(const struct trapframe *tf)
{
	return tf->rip;
}

void
arch_tf_set_pc(struct trapframe *tf, uintptr_t pc)
{
	tf->rip = pc;
}

uintptr_t
arch_tf_sp(const struct trapframe *tf)
{
	return tf->rsp;
}

unsigned long
arch_syscall_ret_reg(const struct trapframe *tf)
{
	return tf->rax;
}

void
arch_syscall_restart(struct trapframe *tf, long nr)
{
	tf->rax = (uint64_t)nr;
	tf->rip -= 2;             /* the syscall instruction is 0f 05 */
}
