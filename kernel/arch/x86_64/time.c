/*
 * kernel/arch/x86_64/time.c: the clocks: PIT ticks (the fallback), the HPET
 * main counter, the CMOS RTC read once at boot, and the TSC.
 */
#include "arch.h"
#include "machine.h"
#include "pt.h"

static volatile uint64_t ticks;
static volatile uint64_t *hpet;
static uint64_t hpet_period_fs;
static uint64_t boot_epoch;

static void
hpet_init(void)
{
	volatile uint64_t *h = p2v(0xfed00000);
	uint64_t cap = h[0];
	uint64_t period = cap >> 32;
	if (period == 0 || period > 100000000 || cap == ~0UL)
		return;
	hpet_period_fs = period;
	/* the main counter from 0, the clock since this boot: after a warm
	 * restart too (main.c), where it still runs from the last test */
	h[0x10 / 8] &= ~1UL;
	h[0xf0 / 8] = 0;
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
time_init(void)
{
	hpet_init();
	rtc_init();
}

void
time_tick(void)
{
	ticks++;
}
