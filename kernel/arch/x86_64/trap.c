/*
 * kernel/arch/x86_64/trap.c: GDT, TSS and IDT, the SYSCALL MSRs, the legacy
 * PIC and the PIT timer, interrupt enabling, the kernel backtrace, and the
 * trap dispatcher (entry.S calls trap_entry for every vector).
 */
#include "arch.h"
#include "pt.h"
#include "lib.h"
#include "machine.h"
#include "mmu.h"
#include "task.h"
#include "trap.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp0, rsp1, rsp2;
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3, iomap_base;
} __attribute__((packed));

static struct tss tss;
/* 0 null, 0x08 kernel code, 0x10 kernel data, 0x18 user data, 0x20 user code,
 * 0x28 TSS (two slots).  SYSRET takes user SS = STAR.hi+8, CS = STAR.hi+16. */
static uint64_t gdt[7] = {
	0,
	0x00af9a000000ffffUL,
	0x00cf92000000ffffUL,
	0x00cff2000000ffffUL,
	0x00affa000000ffffUL,
	0, 0,
};

struct idt_entry {
	uint16_t off0, sel;
	uint8_t ist, type;
	uint16_t off1;
	uint32_t off2, zero;
} __attribute__((packed));

static struct idt_entry idt[256];
extern uint64_t isr_table[56];
extern uint64_t isr_spurious[1];
extern void syscall_entry_asm(void);
extern uint64_t syscall_kstack_top;
static uint8_t double_fault_stack[4096] __attribute__((aligned(16)));

static void
idt_set(int vec, uint64_t handler, int dpl, int ist)
{
	idt[vec].off0 = handler & 0xffff;
	idt[vec].sel = 0x08;
	idt[vec].ist = ist;
	idt[vec].type = 0x8e | (dpl << 5);
	idt[vec].off1 = (handler >> 16) & 0xffff;
	idt[vec].off2 = handler >> 32;
	idt[vec].zero = 0;
}

void
trap_set_kstack(uint64_t top)
{
	tss.rsp0 = top;                  /* interrupts and exceptions */
	syscall_kstack_top = top;        /* entry.S's syscall path */
}

/* Load the GDT (with the TSS), the IDT and the SYSCALL entry. */
void
trap_init(void)
{
	struct { uint16_t limit; uint64_t base; } __attribute__((packed)) d;
	uint64_t t = (uint64_t)&tss;
	tss.iomap_base = sizeof(tss);
	tss.ist[0] = (uint64_t)double_fault_stack + sizeof(double_fault_stack);
	gdt[5] = (sizeof(tss) - 1) | ((t & 0xffffff) << 16) | (0x89UL << 40) |
		 (((t >> 24) & 0xff) << 56);
	gdt[6] = t >> 32;
	d.limit = sizeof(gdt) - 1;
	d.base = (uint64_t)gdt;
	__asm__ volatile("lgdt %0" : : "m"(d));
	__asm__ volatile("movw $0x28, %%ax; ltr %%ax" : : : "rax");

	for (int i = 0; i < 56; i++)
		idt_set(i, isr_table[i], i == 3 || i == 4 ? 3 : 0, i == 8 ? 1 : 0);
	for (int i = 56; i < 256; i++)
		idt_set(i, isr_spurious[0], 0, 0);
	d.limit = sizeof(idt) - 1;
	d.base = (uint64_t)idt;
	__asm__ volatile("lidt %0" : : "m"(d));

	/* SYSCALL/SYSRET */
	wrmsr(MSR_STAR, (0x10UL << 48) | (0x08UL << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry_asm);
	wrmsr(MSR_FMASK, 0x47700);                   /* IF TF DF AC NT... */
	/* SSE on: CR4.OSFXSR/OSXMMEXCPT set in boot.S; FSGSBASE where present */
	__asm__ volatile("fninit");
}

/* The local APIC in virtual-wire mode: the PIC's interrupts reach the CPU
 * through LINT0 as ExtINT.  SeaBIOS leaves it so; qboot does not, and the
 * timer then never ticks (every timed wait hangs). */
static void
lapic_virtual_wire(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(0x1b));   /* IA32_APIC_BASE */
	(void)hi;
	if (!(lo & (1U << 11)))
		return;                    /* globally disabled: the PIC is wired straight */
	volatile uint32_t *lapic = p2v(lo & 0xfffff000U);
	lapic[0xf0 / 4] = 0x100 | 0xff;   /* spurious vector 255, APIC software-enabled */
	lapic[0x350 / 4] = 0x700;         /* LVT LINT0: ExtINT (the PIC) */
	lapic[0x360 / 4] = 0x400;         /* LVT LINT1: NMI */
}

/* The PIC (remapped to vectors 32..47) and the PIT at TIMER_HZ. */
void
irq_init(void)
{
	lapic_virtual_wire();
	outb(0x20, 0x11); outb(0xa0, 0x11);
	outb(0x21, 32);   outb(0xa1, 40);
	outb(0x21, 4);    outb(0xa1, 2);
	outb(0x21, 1);    outb(0xa1, 1);
	outb(0x21, ~((1 << 0) | (1 << 2) | (1 << 4)) & 0xff);  /* timer, cascade, COM1 */
	outb(0xa1, 0xff);
	uint16_t div = 1193182 / TIMER_HZ;
	outb(0x43, 0x34);
	outb(0x40, div & 0xff);
	outb(0x40, div >> 8);
}

void
arch_irq_enable(void)
{
	__asm__ volatile("sti");
}

void
arch_irq_disable(void)
{
	__asm__ volatile("cli");
}

void
arch_wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt; cli");
}

/* The frame of a kernel fault about to panic: its backtrace starts at the
 * faulting pc rather than in the trap handler. */
static struct trapframe *panic_tf;

static int
kernel_text(uint64_t pc)
{
	return pc >= KERNEL_VBASE && pc < KERNEL_VBASE + (64UL << 20);
}

/* Walk the frame-pointer chain of the current kernel stack, or of the
 * faulting one: its pc first, then, when the faulting function keeps no
 * frame of its own (string.S's), the return address on top of its stack. */
int
arch_backtrace(uintptr_t *pcs, int max)
{
	uint64_t *fp;
	int n = 0;
	if (panic_tf && max > 0) {
		pcs[n++] = panic_tf->rip;
		fp = (uint64_t *)panic_tf->rbp;
		uint64_t top = *(uint64_t *)panic_tf->rsp;
		int fp_ok = (uintptr_t)fp >= PHYS_VBASE && !((uintptr_t)fp & 7);
		if (n < max && kernel_text(top) && (!fp_ok || top != fp[1]))
			pcs[n++] = top;
	} else {
		__asm__ volatile("movq %%rbp, %0" : "=r"(fp));
	}
	while (fp && n < max && (uintptr_t)fp >= PHYS_VBASE && !((uintptr_t)fp & 7)) {
		uintptr_t ret = fp[1];
		if (!kernel_text(ret))
			break;
		pcs[n++] = ret;
		fp = (uint64_t *)fp[0];
	}
	return n;
}

static void
pic_eoi(int irq)
{
	if (irq >= 8)
		outb(0xa0, 0x20);
	outb(0x20, 0x20);
}

/* Map a CPU exception in user mode to a signal, as Linux does. */
static void
user_exception(struct trapframe *tf)
{
	int vec = (int)tf->vector;
	switch (vec) {
	case 0:
		trap_user_fault(tf, SIGFPE, FPE_INTDIV, tf->rip, "divide");
		break;
	case 1:
	case 3:
		trap_user_fault(tf, SIGTRAP, vec == 3 ? SI_KERNEL : TRAP_BRKPT, 0, "breakpoint");
		break;
	case 4:
		trap_user_fault(tf, SIGSEGV, SI_KERNEL, 0, "overflow");
		break;
	case 5:
		trap_user_fault(tf, SIGSEGV, SI_KERNEL, 0, "bound");
		break;
	case 6:
		trap_user_fault(tf, SIGILL, ILL_ILLOPN, tf->rip, "illegal-instruction");
		break;
	case 7:
		trap_user_fault(tf, SIGSEGV, SI_KERNEL, 0, "fpu");
		break;
	case 16:
	case 19:
		trap_user_fault(tf, SIGFPE, 0, tf->rip, "fpu-exception");
		break;
	case 17:
		trap_user_fault(tf, SIGBUS, BUS_ADRALN, 0, "alignment");
		break;
	default:   /* #GP, #SS, #NP, #TS and anything else */
		trap_user_fault(tf, SIGSEGV, SI_KERNEL, 0, "general-protection");
		break;
	}
}

void trap_entry(struct trapframe *tf);

/* Common C entry for every vector; tf is on the current kernel stack. */
void
trap_entry(struct trapframe *tf)
{
	int from_user = (tf->cs & 3) == 3;
	int vec = (int)tf->vector;

	if (vec >= 32 && vec < 48) {
		int irq = vec - 32;
		pic_eoi(irq);
		if (irq == 0) {
			time_tick();
			trap_timer_tick(from_user);
		} else if (irq == 4) {
			int c;
			while ((c = arch_console_getc()) >= 0)
				trap_console_input(c);
		}
		if (from_user)
			trap_return_to_user(tf);
		return;
	}
	if (vec == 255)
		return;
	if (vec == 14) {
		uint64_t cr2;
		__asm__ volatile("movq %%cr2, %0" : "=r"(cr2));
		if (!from_user) {
			panic_tf = tf;
			panic("kernel page fault at pc=%#lx addr=%#lx err=%#lx", tf->rip, cr2, tf->error);
		}
		int access = (tf->error & 2) ? PT_W : (tf->error & 16) ? PT_X : PT_R;
		trap_page_fault(tf, cr2, access, (tf->error & 1) != 0);
		trap_return_to_user(tf);
		return;
	}
	if (!from_user) {
		panic_tf = tf;
		panic("kernel trap %d at pc=%#lx err=%#lx", vec, tf->rip, tf->error);
	}
	user_exception(tf);
	trap_return_to_user(tf);
}
