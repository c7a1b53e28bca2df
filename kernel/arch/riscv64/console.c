/*
 * kernel/arch/riscv64/console.c: the ns16550 UART console, the virtio
 * console on virtio-mmio (the trace channel), power-off (QEMU's sifive_test
 * finisher, SBI system reset) and halting.
 */
#include "arch.h"
#include "lib.h"
#include "machine.h"

#define UART_BASE 0x10000000UL
#define VIRTIO_MMIO_BASE 0x10001000UL
#define VIRTIO_MMIO_COUNT 8
#define SIFIVE_TEST_BASE 0x100000UL

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
console_init(void)
{
	uart_init();
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

/* The trace channel: a virtio console (virtio-mmio version 2, port 0, transmit). */

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
void
trace_channel_init(void)
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
