/*
 * kernel/arch/x86_64/arch.c: PVH boot info, serial ports (COM1 console, COM2
 * trace), GDT/TSS/IDT, legacy PIC + PIT timer, HPET clock, CMOS wall clock,
 * power-off through isa-debug-exit, and the trap dispatcher.
 */
#include "arch.h"
#include "lib.h"
#include "mmu.h"
#include "pt.h"
#include "task.h"
#include "trap.h"

#define COM1 0x3f8
#define COM2 0x2f8

static inline void
outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t
inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void
outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void
wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t
rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

/* ---- serial ---- */

static void
uart_init(uint16_t base, int rx_irq)
{
	outb(base + 1, 0);          /* no interrupts */
	outb(base + 3, 0x80);       /* DLAB */
	outb(base + 0, 1);          /* 115200 baud */
	outb(base + 1, 0);
	outb(base + 3, 0x03);       /* 8N1 */
	outb(base + 2, 0x07);       /* FIFO on, cleared */
	outb(base + 4, 0x0b);       /* DTR, RTS, OUT2 (IRQs reach the PIC) */
	if (rx_irq)
		outb(base + 1, 0x01);   /* data-available interrupt */
}

static void
uart_putc(uint16_t base, char c)
{
	while (!(inb(base + 5) & 0x20))
		;
	outb(base, (uint8_t)c);
}

void
arch_console_putc(int c)
{
	uart_putc(COM1, (char)c);
}

int
arch_console_getc(void)
{
	if (inb(COM1 + 5) & 1)
		return inb(COM1);
	return -1;
}

void
arch_trace_write(const char *s, size_t n)
{
	while (n--)
		uart_putc(COM2, *s++);
}

void
arch_poweroff(int status)
{
	arch_irq_disable();
	/* isa-debug-exit: QEMU exits with (status << 1) | 1 */
	outb(0xf4, (uint8_t)status);
	/* without the device: ACPI S5 on QEMU's PM block (pc and q35) */
	outw(0x604, 0x2000);
	arch_halt_forever();
}

void
arch_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
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

/* Walk the frame-pointer chain of the current kernel stack. */
int
arch_backtrace(uintptr_t *pcs, int max)
{
	uint64_t *fp;
	int n = 0;
	__asm__ volatile("movq %%rbp, %0" : "=r"(fp));
	while (fp && n < max && (uintptr_t)fp >= KERNEL_VBASE - (1UL << 40)) {
		uintptr_t ret = fp[1];
		if (ret < KERNEL_VBASE)
			break;
		pcs[n++] = ret;
		fp = (uint64_t *)fp[0];
	}
	return n;
}

/* ---- boot info (PVH start_info) ---- */

struct hvm_start_info {
	uint32_t magic, version, flags, nr_modules;
	uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr;
	uint64_t memmap_paddr;
	uint32_t memmap_entries, reserved;
};

struct hvm_modlist_entry {
	uint64_t paddr, size, cmdline_paddr, reserved;
};

struct hvm_memmap_entry {
	uint64_t addr, size;
	uint32_t type, reserved;
};

extern char _kernel_end[];

static void
boot_info_parse(uintptr_t pa, struct boot_info *bi)
{
	struct hvm_start_info *si = p2v(pa);
	memset(bi, 0, sizeof(*bi));
	if (si->magic != 0x336ec578)
		panic("not booted through PVH (start_info magic %#x)", si->magic);
	bi->cmdline = si->cmdline_paddr ? p2v(si->cmdline_paddr) : "";
	if (si->nr_modules) {
		struct hvm_modlist_entry *m = p2v(si->modlist_paddr);
		bi->initrd_phys = m->paddr;
		bi->initrd_size = m->size;
	}
	if (si->version >= 1 && si->memmap_paddr) {
		struct hvm_memmap_entry *e = p2v(si->memmap_paddr);
		for (uint32_t i = 0; i < si->memmap_entries && bi->nranges < BOOT_MAX_RANGES; i++) {
			if (e[i].type != 1)
				continue;
			bi->ranges[bi->nranges].base = e[i].addr;
			bi->ranges[bi->nranges].size = e[i].size;
			bi->nranges++;
		}
	}
	bi->kernel_phys_start = 0x100000;
	bi->kernel_phys_end = v2p(_kernel_end);
}

/* ---- GDT, TSS, IDT ---- */

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

static void
cpu_tables_init(void)
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
	wrmsr(0xc0000081, (0x10UL << 48) | (0x08UL << 32));   /* STAR */
	wrmsr(0xc0000082, (uint64_t)syscall_entry_asm);      /* LSTAR */
	wrmsr(0xc0000084, 0x47700);                           /* FMASK: IF TF DF AC NT... */
	/* SSE on: CR4.OSFXSR/OSXMMEXCPT set in boot.S; FSGSBASE where present */
	__asm__ volatile("fninit");
}

/* ---- PIC, PIT, HPET, RTC ---- */

#define TIMER_HZ 100
static volatile uint64_t ticks;
static volatile uint64_t *hpet;
static uint64_t hpet_period_fs;
static uint64_t boot_epoch;

static void
pic_init(void)
{
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

static void
hpet_init(void)
{
	volatile uint64_t *h = p2v(0xfed00000);
	uint64_t cap = h[0];
	uint64_t period = cap >> 32;
	if (period == 0 || period > 100000000 || cap == ~0UL)
		return;
	hpet_period_fs = period;
	h[0x10 / 8] |= 1;          /* enable the main counter */
	hpet = h;
}

static int
bcd(int v)
{
	return (v & 15) + (v >> 4) * 10;
}

static int
cmos(int reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

/* Wall clock from the CMOS RTC, read once at boot. */
static void
rtc_init(void)
{
	int sec = cmos(0), min = cmos(2), hour = cmos(4), day = cmos(7), mon = cmos(8), year = cmos(9);
	if (!(cmos(0xb) & 4)) {
		sec = bcd(sec); min = bcd(min); hour = bcd(hour);
		day = bcd(day); mon = bcd(mon); year = bcd(year);
	}
	year += 2000;
	/* days from civil (Howard Hinnant's algorithm) */
	int y = year - (mon <= 2);
	int era = y / 400;
	int yoe = y - era * 400;
	int doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = (int64_t)era * 146097 + doe - 719468;
	boot_epoch = (uint64_t)(days * 86400 + hour * 3600 + min * 60 + sec);
}

uint64_t
arch_time_ns(void)
{
	if (hpet)
		return hpet[0xf0 / 8] * (hpet_period_fs / 1000) / 1000;
	return ticks * (1000000000UL / TIMER_HZ);
}

uint64_t
arch_boot_epoch(void)
{
	return boot_epoch;
}

uint64_t
arch_cycles(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

void
arch_init(uintptr_t boot_arg, struct boot_info *bi)
{
	uart_init(COM1, 1);
	uart_init(COM2, 0);
	cpu_tables_init();
	boot_info_parse(boot_arg, bi);
	/* drop the identity map of low memory: user space lives there */
	arch_kernel_root()[0] = 0;
	arch_tlb_flush_all();
	pic_init();
	hpet_init();
	rtc_init();
}

/* ---- traps ---- */

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
			ticks++;
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
		if (!from_user)
			panic("kernel page fault at pc=%#lx addr=%#lx err=%#lx", tf->rip, cr2, tf->error);
		int access = (tf->error & 2) ? PT_W : (tf->error & 16) ? PT_X : PT_R;
		trap_page_fault(tf, cr2, access, (tf->error & 1) != 0);
		trap_return_to_user(tf);
		return;
	}
	if (!from_user)
		panic("kernel trap %d at pc=%#lx err=%#lx", vec, tf->rip, tf->error);
	user_exception(tf);
	trap_return_to_user(tf);
}

/* ---- tasks ---- */

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
arch_task_fork(struct task *child, struct task *parent)
{
	if (parent == current)
		__asm__ volatile("fxsave64 %0" : "=m"(parent->arch.fpu));
	memcpy(child->arch.fpu, parent->arch.fpu, sizeof(child->arch.fpu));
	child->arch.fs_base = parent->arch.fs_base;
	child->arch.gs_base = parent->arch.gs_base;
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
		wrmsr(0xc0000100, tls);
}

void
arch_task_load(struct task *t)
{
	uint64_t top = (uint64_t)t->kstack + KSTACK_SIZE;
	tss.rsp0 = top;
	syscall_kstack_top = top;
	wrmsr(0xc0000100, t->arch.fs_base);
	wrmsr(0xc0000101, 0);
	wrmsr(0xc0000102, t->arch.gs_base);   /* KERNEL_GS_BASE unused: no swapgs */
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
arch_copy_thread(struct trapframe *child, const struct trapframe *parent,
		 uintptr_t sp, int set_tls, uintptr_t tls)
{
	(void)set_tls;
	(void)tls;          /* FS base is set through arch_set_tls */
	*child = *parent;
	child->rax = 0;
	if (sp)
		child->rsp = sp;
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

long
arch_syscall_nr(const struct trapframe *tf)
{
	return (long)tf->rax;
}

long
arch_syscall_arg(const struct trapframe *tf, int i)
{
	switch (i) {
	case 0: return (long)tf->rdi;
	case 1: return (long)tf->rsi;
	case 2: return (long)tf->rdx;
	case 3: return (long)tf->r10;
	case 4: return (long)tf->r8;
	default: return (long)tf->r9;
	}
}

void
arch_syscall_set_ret(struct trapframe *tf, long v)
{
	tf->rax = (uint64_t)v;
}

uintptr_t
arch_tf_pc(const struct trapframe *tf)
{
	return tf->rip;
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
