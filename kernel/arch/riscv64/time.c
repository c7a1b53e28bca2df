/*
 * kernel/arch/riscv64/time.c: the clocks: the time CSR (at the device tree's
 * timebase), the SBI timer at TIMER_HZ, and the goldfish RTC read once at
 * boot.
 */
#include "arch.h"
#include "machine.h"

#define GOLDFISH_RTC_BASE 0x101000UL
#define TIMER_HZ 100

static uint64_t time0;               /* time CSR at arch_init */
static uint64_t next_timer;
static uint64_t boot_epoch;
uint64_t timebase_hz = 10000000;

static inline uint64_t
rdtime(void)
{
	uint64_t t;
	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

void
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
time_init(void)
{
	time0 = rdtime();
}

void
time_start(void)
{
	rtc_init();
	next_timer = rdtime();
	timer_arm();
	csr_set(sie, SIE_STIE);
}
