/*
 * kernel/arch/riscv64/arch.c: the device tree (memory, initrd, command line,
 * timebase), the ns16550 UART console, the virtio console on virtio-mmio
 * (the trace channel), SBI calls (timer, system reset), the goldfish RTC,
 * the trap dispatcher, and the per-task register state.
 */
#include "arch.h"
#include "lib.h"
#include "mmu.h"
#include "pt.h"
#include "task.h"
#include "trap.h"
#include "uapi.h"

#define KERNEL_LOAD 0x80200000UL

#define UART_BASE 0x10000000UL
#define VIRTIO_MMIO_BASE 0x10001000UL
#define VIRTIO_MMIO_COUNT 8
#define GOLDFISH_RTC_BASE 0x101000UL
#define SIFIVE_TEST_BASE 0x100000UL

#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_SPIE (1UL << 5)
#define SSTATUS_FS_DIRTY (3UL << 13)
#define SIE_STIE (1UL << 5)

#ifndef ILL_ILLOPC
#define ILL_ILLOPC 1
#endif

void fpu_save(uint64_t *regs);
void fpu_restore(const uint64_t *regs);

#define csr_read(csr) ({ uint64_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" : : "r"((uint64_t)(v)) : "memory")
#define csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" : : "r"((uint64_t)(v)) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" : : "r"((uint64_t)(v)) : "memory")

_Static_assert(sizeof(struct trapframe) == 36 * 8, "entry.S assumes a 288-byte trapframe");

static inline volatile uint8_t *
mmio8(uintptr_t pa)
{
	return (volatile uint8_t *)p2v(pa);
}

static inline volatile uint32_t *
mmio32(uintptr_t pa)
{
	return (volatile uint32_t *)p2v(pa);
}

/* ---- SBI ---- */

struct sbiret {
	long error, value;
};

static struct sbiret
sbi_call(long ext, long fid, long a0, long a1, long a2)
{
	register long r_a0 __asm__("a0") = a0;
	register long r_a1 __asm__("a1") = a1;
	register long r_a2 __asm__("a2") = a2;
	register long r_a6 __asm__("a6") = fid;
	register long r_a7 __asm__("a7") = ext;
	__asm__ volatile("ecall"
			 : "+r"(r_a0), "+r"(r_a1)
			 : "r"(r_a2), "r"(r_a6), "r"(r_a7)
			 : "memory");
	return (struct sbiret){ r_a0, r_a1 };
}

#define SBI_EXT_TIME 0x54494d45
#define SBI_EXT_SRST 0x53525354

/* ---- console: ns16550 UART ---- */

static void
uart_init(void)
{
	volatile uint8_t *u = mmio8(UART_BASE);
	u[1] = 0;           /* no interrupts: input is polled on the timer tick */
	u[3] = 0x80;        /* DLAB */
	u[0] = 1;
	u[1] = 0;
	u[3] = 0x03;        /* 8N1 */
	u[2] = 0x07;        /* FIFO on, cleared */
}

void
arch_console_putc(int c)
{
	volatile uint8_t *u = mmio8(UART_BASE);
	while (!(u[5] & 0x20))
		;
	u[0] = (uint8_t)c;
}

int
arch_console_getc(void)
{
	volatile uint8_t *u = mmio8(UART_BASE);
	if (u[5] & 1)
		return u[0];
	return -1;
}

/* ---- trace: virtio console (virtio-mmio version 2, port 0, transmit) ---- */

#define VIO_MAGIC 0x000
#define VIO_VERSION 0x004
#define VIO_DEVICE_ID 0x008
#define VIO_DEV_FEATURES 0x010
#define VIO_DEV_FEATURES_SEL 0x014
#define VIO_DRV_FEATURES 0x020
#define VIO_DRV_FEATURES_SEL 0x024
#define VIO_QUEUE_SEL 0x030
#define VIO_QUEUE_NUM_MAX 0x034
#define VIO_QUEUE_NUM 0x038
#define VIO_LEGACY_GUEST_PAGE_SIZE 0x028
#define VIO_LEGACY_QUEUE_ALIGN 0x03c
#define VIO_LEGACY_QUEUE_PFN 0x040
#define VIO_QUEUE_READY 0x044
#define VIO_QUEUE_NOTIFY 0x050
#define VIO_INT_STATUS 0x060
#define VIO_INT_ACK 0x064
#define VIO_STATUS 0x070
#define VIO_QUEUE_DESC 0x080
#define VIO_QUEUE_DRIVER 0x090
#define VIO_QUEUE_DEVICE 0x0a0

#define VIO_S_ACK 1
#define VIO_S_DRIVER 2
#define VIO_S_DRIVER_OK 4
#define VIO_S_FEATURES_OK 8

#define VQ_SIZE 4
#define TXQ 1               /* port 0: queue 0 receives, queue 1 transmits */
#define TX_CHUNK 4096

struct vq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags, next;
};

/* The queue in the legacy layout (which the modern interface accepts too):
 * descriptors, the available ring right after them, the used ring on the
 * next page. */
static struct {
	struct vq_desc desc[VQ_SIZE];
	struct { uint16_t flags, idx, ring[VQ_SIZE], used_event; } avail;
	struct { uint16_t flags, idx; struct { uint32_t id, len; } ring[VQ_SIZE]; uint16_t avail_event; }
		used __attribute__((aligned(4096)));
	char buf[TX_CHUNK];
} vcon __attribute__((aligned(4096)));
static uintptr_t vcon_base;          /* physical base of the transport, 0 = none */
static uint16_t vcon_used_seen;

static inline void
vio_w(uint32_t reg, uint32_t v)
{
	*mmio32(vcon_base + reg) = v;
}

static inline uint32_t
vio_r(uint32_t reg)
{
	return *mmio32(vcon_base + reg);
}

static void
vio_set_addr(uint32_t reg, uintptr_t pa)
{
	vio_w(reg, (uint32_t)pa);
	vio_w(reg + 4, (uint32_t)(pa >> 32));
}

/* Find the virtio console among the virtio-mmio transports and bring up its
 * transmit queue.  QEMU 7.2 offers the legacy interface (version 1) unless
 * told otherwise, so both are handled.  No feature but VIRTIO_F_VERSION_1
 * is taken (no multiport: the device then treats queues 0/1 as port 0,
 * the virtconsole). */
static void
virtio_console_init(void)
{
	uint32_t version = 0;
	for (int i = 0; i < VIRTIO_MMIO_COUNT; i++) {
		uintptr_t b = VIRTIO_MMIO_BASE + (uintptr_t)i * 0x1000;
		if (*mmio32(b + VIO_MAGIC) == 0x74726976 && *mmio32(b + VIO_DEVICE_ID) == 3) {
			vcon_base = b;
			version = *mmio32(b + VIO_VERSION);
			break;
		}
	}
	if (!vcon_base || (version != 1 && version != 2)) {
		vcon_base = 0;
		return;
	}
	vio_w(VIO_STATUS, 0);
	vio_w(VIO_STATUS, VIO_S_ACK);
	vio_w(VIO_STATUS, VIO_S_ACK | VIO_S_DRIVER);
	uint32_t status = VIO_S_ACK | VIO_S_DRIVER;
	vio_w(VIO_DEV_FEATURES_SEL, 1);
	uint32_t hi = vio_r(VIO_DEV_FEATURES);
	vio_w(VIO_DRV_FEATURES_SEL, 0);
	vio_w(VIO_DRV_FEATURES, 0);
	vio_w(VIO_DRV_FEATURES_SEL, 1);
	vio_w(VIO_DRV_FEATURES, version == 2 ? (hi & 1) : 0);   /* VIRTIO_F_VERSION_1 */
	if (version == 2) {
		status |= VIO_S_FEATURES_OK;
		vio_w(VIO_STATUS, status);
		if (!(vio_r(VIO_STATUS) & VIO_S_FEATURES_OK)) {
			vcon_base = 0;
			return;
		}
	} else {
		vio_w(VIO_LEGACY_GUEST_PAGE_SIZE, 4096);
	}
	vio_w(VIO_QUEUE_SEL, TXQ);
	if (vio_r(VIO_QUEUE_NUM_MAX) < VQ_SIZE) {
		vcon_base = 0;
		return;
	}
	vio_w(VIO_QUEUE_NUM, VQ_SIZE);
	if (version == 2) {
		vio_set_addr(VIO_QUEUE_DESC, v2p(vcon.desc));
		vio_set_addr(VIO_QUEUE_DRIVER, v2p(&vcon.avail));
		vio_set_addr(VIO_QUEUE_DEVICE, v2p(&vcon.used));
		vio_w(VIO_QUEUE_READY, 1);
	} else {
		/* legacy: one block, the used ring at the next QueueAlign boundary */
		vio_w(VIO_LEGACY_QUEUE_ALIGN, 4096);
		vio_w(VIO_LEGACY_QUEUE_PFN, (uint32_t)(v2p(vcon.desc) >> 12));
	}
	vio_w(VIO_STATUS, status | VIO_S_DRIVER_OK);
}

/* Send one chunk and wait until the device has consumed it: the trace is
 * written synchronously, so nothing is lost when the machine powers off. */
static void
virtio_console_send(const char *s, size_t n)
{
	memcpy(vcon.buf, s, n);
	uint16_t slot = vcon.avail.idx % VQ_SIZE;
	vcon.desc[0].addr = v2p(vcon.buf);
	vcon.desc[0].len = (uint32_t)n;
	vcon.desc[0].flags = 0;
	vcon.desc[0].next = 0;
	vcon.avail.ring[slot] = 0;
	__asm__ volatile("fence rw, rw" ::: "memory");
	vcon.avail.idx++;
	__asm__ volatile("fence rw, rw" ::: "memory");
	vio_w(VIO_QUEUE_NOTIFY, TXQ);
	uint16_t want = (uint16_t)(vcon_used_seen + 1);
	while (*(volatile uint16_t *)&vcon.used.idx != want)
		__asm__ volatile("fence rw, rw" ::: "memory");
	vcon_used_seen = want;
	uint32_t isr = vio_r(VIO_INT_STATUS);
	if (isr)
		vio_w(VIO_INT_ACK, isr);
}

void
arch_trace_write(const char *s, size_t n)
{
	if (!vcon_base)
		return;
	while (n) {
		size_t c = MIN(n, (size_t)TX_CHUNK);
		virtio_console_send(s, c);
		s += c;
		n -= c;
	}
}

/* ---- power, interrupts ---- */

void
arch_poweroff(int status)
{
	arch_irq_disable();
	if (status) {
		/* QEMU's sifive_test finisher: exit with this status */
		*mmio32(SIFIVE_TEST_BASE) = ((uint32_t)(status & 0xffff) << 16) | 0x3333;
	}
	/* SBI system reset: shutdown, reason "system failure" for a nonzero status */
	sbi_call(SBI_EXT_SRST, 0, 0, status ? 1 : 0, 0);
	arch_halt_forever();
}

void
arch_halt_forever(void)
{
	csr_clear(sie, ~0UL);
	for (;;)
		__asm__ volatile("wfi");
}

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

/* Walk the frame-pointer chain: with -fno-omit-frame-pointer, fp points
 * just above the saved return address (fp-8) and the caller's fp (fp-16). */
int
arch_backtrace(uintptr_t *pcs, int max)
{
	uintptr_t fp;
	int n = 0;
	/* clobbering ra makes this a non-leaf frame (ra and fp saved), the
	 * layout the walk assumes from the first frame on */
	__asm__ volatile("" : : : "ra");
	__asm__ volatile("mv %0, s0" : "=r"(fp));
	while (fp >= PHYS_VBASE && n < max && !(fp & 7)) {
		uintptr_t ret = ((uintptr_t *)fp)[-1];
		if (ret < KERNEL_VBASE)
			break;
		pcs[n++] = ret;
		fp = ((uintptr_t *)fp)[-2];
	}
	return n;
}

/* ---- device tree ---- */

#define FDT_MAGIC 0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

static char cmdline_buf[1024];
static uint64_t timebase_hz = 10000000;
extern char _kernel_end[];

static uint32_t
be32(const void *p)
{
	const uint8_t *b = p;
	return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

static uint64_t
be_cells(const void *p, uint32_t len)
{
	return len >= 8 ? ((uint64_t)be32(p) << 32) | be32((const uint8_t *)p + 4) : be32(p);
}

static int
name_is(const char *name, const char *want)
{
	size_t n = strlen(want);
	return strncmp(name, want, n) == 0 && (name[n] == 0 || name[n] == '@');
}

/* Read what boot needs from the flattened device tree at pa: /memory reg,
 * /chosen bootargs and initrd range, /cpus timebase-frequency.  The command
 * line is copied: the tree's pages are handed out as free memory later. */
static void
fdt_parse(uintptr_t pa, struct boot_info *bi)
{
	const uint8_t *fdt = p2v(pa);
	if (be32(fdt) != FDT_MAGIC)
		panic("no device tree at %#lx (magic %#x)", pa, be32(fdt));
	const uint8_t *st = fdt + be32(fdt + 8);
	const char *strs = (const char *)fdt + be32(fdt + 12);
	uint32_t st_size = be32(fdt + 36);
	const char *node1 = "";               /* the current node at depth 1 */
	int depth = 0;
	uint64_t initrd_start = 0, initrd_end = 0;
	for (uint32_t off = 0; off + 4 <= st_size;) {
		uint32_t tok = be32(st + off);
		off += 4;
		if (tok == FDT_BEGIN_NODE) {
			const char *name = (const char *)st + off;
			depth++;
			if (depth == 2)
				node1 = name;
			off += ALIGN_UP(strlen(name) + 1, 4);
		} else if (tok == FDT_END_NODE) {
			depth--;
		} else if (tok == FDT_PROP) {
			uint32_t len = be32(st + off), nameoff = be32(st + off + 4);
			const uint8_t *val = st + off + 8;
			const char *pname = strs + nameoff;
			off += 8 + ALIGN_UP(len, 4);
			if (depth != 2)
				continue;
			if (name_is(node1, "memory") && !strcmp(pname, "reg")) {
				for (uint32_t i = 0; i + 16 <= len && bi->nranges < BOOT_MAX_RANGES; i += 16) {
					bi->ranges[bi->nranges].base = be_cells(val + i, 8);
					bi->ranges[bi->nranges].size = be_cells(val + i + 8, 8);
					bi->nranges++;
				}
			} else if (name_is(node1, "chosen")) {
				if (!strcmp(pname, "bootargs"))
					strlcpy(cmdline_buf, (const char *)val, MIN(sizeof(cmdline_buf), (size_t)len + 1));
				else if (!strcmp(pname, "linux,initrd-start"))
					initrd_start = be_cells(val, len);
				else if (!strcmp(pname, "linux,initrd-end"))
					initrd_end = be_cells(val, len);
			} else if (name_is(node1, "cpus") && !strcmp(pname, "timebase-frequency")) {
				timebase_hz = be_cells(val, len);
			}
		} else if (tok == FDT_END) {
			break;
		} else if (tok != FDT_NOP) {
			panic("device tree: bad token %#x at %#x", tok, off - 4);
		}
	}
	bi->cmdline = cmdline_buf;
	if (initrd_end > initrd_start) {
		bi->initrd_phys = initrd_start;
		bi->initrd_size = initrd_end - initrd_start;
	}
	/* OpenSBI lives below the kernel: only memory from the load address on */
	for (int i = 0; i < bi->nranges; i++) {
		uintptr_t end = bi->ranges[i].base + bi->ranges[i].size;
		if (bi->ranges[i].base < KERNEL_LOAD && end > KERNEL_LOAD) {
			bi->ranges[i].base = KERNEL_LOAD;
			bi->ranges[i].size = end - KERNEL_LOAD;
		}
	}
	bi->kernel_phys_start = KERNEL_LOAD;
	bi->kernel_phys_end = v2p(_kernel_end);
}

/* ---- clocks: the time CSR, the SBI timer, the goldfish RTC ---- */

#define TIMER_HZ 100
static uint64_t time0;               /* time CSR at arch_init */
static uint64_t next_timer;
static uint64_t boot_epoch;

static inline uint64_t
rdtime(void)
{
	uint64_t t;
	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

static void
timer_arm(void)
{
	uint64_t step = timebase_hz / TIMER_HZ;
	uint64_t now = rdtime();
	next_timer += step;
	if (next_timer <= now)
		next_timer = now + step;
	sbi_call(SBI_EXT_TIME, 0, (long)next_timer, 0, 0);
}

uint64_t
arch_time_ns(void)
{
	uint64_t t = rdtime() - time0;
	return t / timebase_hz * 1000000000UL + (t % timebase_hz) * 1000000000UL / timebase_hz;
}

uint64_t
arch_boot_epoch(void)
{
	return boot_epoch;
}

uint64_t
arch_cycles(void)
{
	return rdtime();
}

static void
rtc_init(void)
{
	/* reading TIME_LOW latches TIME_HIGH */
	uint64_t lo = *mmio32(GOLDFISH_RTC_BASE + 0x00);
	uint64_t hi = *mmio32(GOLDFISH_RTC_BASE + 0x04);
	boot_epoch = ((hi << 32) | lo) / 1000000000UL;
}

void
arch_init(uintptr_t boot_arg, struct boot_info *bi)
{
	time0 = rdtime();
	uart_init();
	memset(bi, 0, sizeof(*bi));
	fdt_parse(boot_arg, bi);
	/* drop the boot identity map: user space lives in the low half */
	arch_kernel_root()[2] = 0;
	arch_tlb_flush_all();
	csr_set(sstatus, SSTATUS_FS_DIRTY);
	virtio_console_init();
	rtc_init();
	next_timer = rdtime();
	timer_arm();
	csr_set(sie, SIE_STIE);
}

/* ---- traps ---- */

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

void trap_entry(struct trapframe *tf);
void kernel_trap(struct trapframe *tf);

/* C entry for every trap from user mode; tf is at the top of the task's
 * kernel stack, and entry.S returns to user mode from it afterwards. */
void
trap_entry(struct trapframe *tf)
{
	uint64_t cause = tf->scause;
	if (cause >> 63) {
		if ((cause & 0xff) == 5)
			timer_interrupt(1);
		trap_return_to_user(tf);
		return;
	}
	switch (cause) {
	case 8:   /* ecall from U-mode */
		/* sepc points to the ecall instruction; return past it */
		tf->x[TF_PC] += 4;
		tf->orig_a0 = tf->x[TF_A0];
		syscall_entry(tf);
		return;
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
	uint64_t cause = tf->scause;
	if (cause >> 63) {
		if ((cause & 0xff) == 5)
			timer_interrupt(0);
		return;
	}
	panic("kernel trap scause=%#lx at pc=%#lx stval=%#lx ra=%#lx", cause, tf->x[TF_PC],
	      tf->stval, tf->x[TF_RA]);
}

/* ---- tasks ---- */

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
arch_task_fork(struct task *child, struct task *parent)
{
	if (parent == current)
		fpu_save(parent->arch.fpr);
	memcpy(child->arch.fpr, parent->arch.fpr, sizeof(child->arch.fpr));
	child->arch.fcsr = parent->arch.fcsr;
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
arch_copy_thread(struct trapframe *child, const struct trapframe *parent,
		 uintptr_t sp, int set_tls, uintptr_t tls)
{
	*child = *parent;
	child->x[TF_A0] = 0;
	if (sp)
		child->x[TF_SP] = sp;
	if (set_tls)
		child->x[TF_TP] = tls;
}

void
arch_exec_regs(struct trapframe *tf, uintptr_t pc, uintptr_t sp)
{
	memset(tf, 0, sizeof(*tf));
	tf->x[TF_PC] = pc;
	tf->x[TF_SP] = sp;
	tf->sstatus = SSTATUS_SPIE | SSTATUS_FS_DIRTY;
}

long
arch_syscall_nr(const struct trapframe *tf)
{
	return (long)tf->x[TF_A7];
}

long
arch_syscall_arg(const struct trapframe *tf, int i)
{
	return (long)tf->x[TF_A0 + i];
}

void
arch_syscall_set_ret(struct trapframe *tf, long v)
{
	tf->x[TF_A0] = (uint64_t)v;
}

uintptr_t
arch_tf_pc(const struct trapframe *tf)
{
	return tf->x[TF_PC];
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
