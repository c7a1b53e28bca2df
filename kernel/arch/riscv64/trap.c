/*
 * kernel/arch/riscv64/trap.c: interrupt enabling, the kernel backtrace, and
 * the trap dispatcher (entry.S calls trap_entry for traps from user mode,
 * kernel_trap for traps in the kernel): the timer, ecalls, page faults and
 * the other exceptions.
 */
#include "arch.h"
#include "lib.h"
#include "machine.h"
#include "mmu.h"
#include "task.h"
#include "trap.h"
#include "uapi.h"

#ifndef ILL_ILLOPC
#define ILL_ILLOPC 1
#endif

_Static_assert(sizeof(struct trapframe) == 36 * 8, "entry.S assumes a 288-byte trapframe");

void
arch_irq_enable(void)
{
	csr_set(sstatus, SSTATUS_SIE);
}

void
arch_irq_disable(void)
{
	csr_clear(sstatus, SSTATUS_SIE);
}

void
arch_wait_for_interrupt(void)
{
	/* wfi wakes on a pending enabled interrupt even with SIE clear; the
	 * trap is then taken when SIE is set, so no wakeup can be missed */
	__asm__ volatile("wfi");
	csr_set(sstatus, SSTATUS_SIE);
	csr_clear(sstatus, SSTATUS_SIE);
}

/* The frame of a kernel trap about to panic: its backtrace starts where
 * the fault happened rather than in the trap handler (whose caller, the
 * trap vector, keeps no frame to walk through). */
static struct trapframe *panic_tf;

/* The first frames of a kernel trap: sepc (the faulting function), ra (its
 * caller), then the fp to walk on from.  A non-leaf function saved ra at
 * fp-8; a leaf saved only the caller's fp, there. */
static int
trap_frames(const struct trapframe *tf, uintptr_t *pcs, int max, uintptr_t *fpp)
{
	int n = 0;
	uintptr_t ra = tf->x[TF_RA], fp = tf->x[TF_S0];
	pcs[n++] = tf->x[TF_PC];
	if (ra >= KERNEL_VBASE && n < max)
		pcs[n++] = ra;
	if (fp >= PHYS_VBASE && !(fp & 7)) {
		uintptr_t first = ((uintptr_t *)fp)[-1];
		if (first == ra)
			fp = ((uintptr_t *)fp)[-2];
		else if (first > fp && first - fp < KSTACK_SIZE)
			fp = first;
	}
	*fpp = fp;
	return n;
}

/* Walk the frame-pointer chain: with -fno-omit-frame-pointer, fp points
 * just above the saved return address (fp-8) and the caller's fp (fp-16). */
int
arch_backtrace(uintptr_t *pcs, int max)
{
	uintptr_t fp;
	int n = 0;
	if (panic_tf && max > 0) {
		n = trap_frames(panic_tf, pcs, max, &fp);
	} else {
		/* clobbering ra makes this a non-leaf frame (ra and fp saved),
		 * the layout the walk assumes from the first frame on */
		__asm__ volatile("" : : : "ra");
		__asm__ volatile("mv %0, s0" : "=r"(fp));
	}
	while (fp >= PHYS_VBASE && n < max && !(fp & 7)) {
		uintptr_t ret = ((uintptr_t *)fp)[-1];
		if (ret < KERNEL_VBASE)
			break;
		pcs[n++] = ret;
		fp = ((uintptr_t *)fp)[-2];
	}
	return n;
}

static void
timer_interrupt(int from_user)
{
	int c;
	timer_arm();
	/* the UART's input is polled here rather than through the PLIC */
	while ((c = arch_console_getc()) >= 0)
		trap_console_input(c);
	trap_timer_tick(from_user);
}

/* Handle tf if it is an interrupt (scause's top bit; the supervisor timer
 * is the only one enabled): 1 if it was, 0 for an exception. */
static int
trap_interrupt(struct trapframe *tf, int from_user)
{
	if (!(tf->scause >> 63))
		return 0;
	if ((tf->scause & 0xff) == 5)
		timer_interrupt(from_user);
	return 1;
}

/* Map a synchronous exception in user mode to a signal, as Linux does. */
static void
user_exception(struct trapframe *tf)
{
	uintptr_t pc = tf->x[TF_PC];
	switch (tf->scause) {
	case 0:   /* instruction address misaligned */
	case 4:   /* load address misaligned */
	case 6:   /* store address misaligned */
		trap_user_fault(tf, SIGBUS, BUS_ADRALN, pc, "alignment");
		break;
	case 2:
		trap_user_fault(tf, SIGILL, ILL_ILLOPC, pc, "illegal-instruction");
		break;
	case 3:
		trap_user_fault(tf, SIGTRAP, TRAP_BRKPT, pc, "breakpoint");
		break;
	default:  /* access faults (1, 5, 7) and anything else */
		trap_user_fault(tf, SIGSEGV, SEGV_ACCERR, pc, "general-protection");
		break;
	}
}

/* entry.S's frame offsets */
_Static_assert(__builtin_offsetof(struct trapframe, scause) == 33 * 8, "entry.S TF_SCAUSE");
_Static_assert(__builtin_offsetof(struct trapframe, orig_a0) == 35 * 8, "entry.S TF_ORIG_A0");

void trap_entry(struct trapframe *tf);
void kernel_trap(struct trapframe *tf);

/* C entry for every trap from user mode; tf is at the top of the task's
 * kernel stack, and entry.S returns to user mode from it afterwards. */
void
trap_entry(struct trapframe *tf)
{
	uint64_t cause = tf->scause;
	/* an ecall from U-mode (cause 8) never comes here: entry.S sends it
	 * straight to syscall_entry */
	if (trap_interrupt(tf, 1)) {
		trap_return_to_user(tf);
		return;
	}
	switch (cause) {
	case 12:  /* instruction page fault */
	case 13:  /* load page fault */
	case 15:  /* store/AMO page fault */
		trap_page_fault(tf, tf->stval, cause == 15 ? PT_W : cause == 12 ? PT_X : PT_R, 0);
		break;
	default:
		user_exception(tf);
		break;
	}
	trap_return_to_user(tf);
}

/* A trap while the kernel runs: the timer (while idle in wfi), or a bug. */
void
kernel_trap(struct trapframe *tf)
{
	if (trap_interrupt(tf, 0))
		return;
	panic_tf = tf;
	panic("kernel trap scause=%#lx at pc=%#lx stval=%#lx ra=%#lx", tf->scause, tf->x[TF_PC],
	      tf->stval, tf->x[TF_RA]);
}
