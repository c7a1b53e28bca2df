/*
 * kernel/arch/riscv64/task.c: the per-task register state: the first switch
 * into a task, context switch with the FPU registers, TLS in tp, the
 * registers of a cloned thread and of a fresh program, and the syscall
 * registers of a trapframe.
 */
#include "arch.h"
#include "lib.h"
#include "machine.h"
#include "task.h"
#include "uapi.h"

extern void task_trampoline(void);
extern void arch_switch_stacks(struct arch_context *from, struct arch_context *to);

void
arch_task_init(struct task *t)
{
	/* the first switch "returns" into task_trampoline on a stack that
	 * ends right below the trapframe */
	t->arch.ra = (uint64_t)task_trampoline;
	t->arch.sp = (uint64_t)t->tf;
	memset(t->arch.s, 0, sizeof(t->arch.s));
}

void
arch_task_fpu_reset(struct task *t)
{
	memset(t->arch.fpr, 0, sizeof(t->arch.fpr));
	t->arch.fcsr = 0;
	if (t == current)
		fpu_restore(t->arch.fpr);
}

void
arch_set_tls(struct task *t, uintptr_t tls)
{
	t->tf->x[TF_TP] = tls;
}

void
arch_task_load(struct task *t)
{
	/* the kernel stack top reaches entry.S through sscratch in trap_return */
	fpu_restore(t->arch.fpr);
}

void
arch_switch(struct task *from, struct task *to)
{
	fpu_save(from->arch.fpr);
	arch_task_load(to);
	arch_switch_stacks(&from->arch, &to->arch);
}

void
arch_copy_thread(struct task *child, const struct clone_req *req)
{
	struct task *parent = current;
	*child->tf = *parent->tf;
	child->tf->x[TF_A0] = 0;
	if (req->stack)
		child->tf->x[TF_SP] = req->stack;
	if (req->flags & CLONE_SETTLS)
		child->tf->x[TF_TP] = req->tls;
	/* the caller's FPU registers are live in the CPU: save them first */
	fpu_save(parent->arch.fpr);
	memcpy(child->arch.fpr, parent->arch.fpr, sizeof(child->arch.fpr));
	child->arch.fcsr = parent->arch.fcsr;
}

void
arch_exec_regs(struct trapframe *tf, uintptr_t pc, uintptr_t sp)
{
	memset(tf, 0, sizeof(*tf));
	tf->x[TF_PC] = pc;
	tf->x[TF_SP] = sp;
	tf->sstatus = SSTATUS_SPIE | SSTATUS_FS_DIRTY;
}

uintptr_t
arch_tf_pc(const struct trapframe *tf)
{
	return tf->x[TF_PC];
}

void
arch_tf_set_pc(struct trapframe *tf, uintptr_t pc)
{
	tf->x[TF_PC] = pc;
}

uintptr_t
arch_tf_sp(const struct trapframe *tf)
{
	return tf->x[TF_SP];
}

unsigned long
arch_syscall_ret_reg(const struct trapframe *tf)
{
	return tf->x[TF_A0];
}

void
arch_syscall_restart(struct trapframe *tf, long nr)
{
	/* a0 carried the result: put the first argument back */
	tf->x[TF_A7] = (uint64_t)nr;
	tf->x[TF_A0] = tf->orig_a0;
	tf->x[TF_PC] -= 4;        /* ecall is 4 bytes */
}
