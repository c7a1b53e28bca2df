/*
 * kernel/arch/x86_64/machine.h: what this arch's own files share: port I/O
 * and MSR access, the MSR numbers, the timer rate, and the bring-up steps
 * arch_init (bootinfo.c) calls in order.  Shared code never includes it.
 */
#ifndef MACHINE_H
#define MACHINE_H

#include "types.h"

#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_FMASK 0xc0000084
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102

#define TIMER_HZ 100                 /* PIT interrupts a second */

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

/* console.c: both serial ports (COM1 console with its receive interrupt,
 * COM2 trace) */
void console_init(void);
/* trap.c: GDT, TSS, IDT, SYSCALL MSRs; the PIC and the PIT */
void trap_init(void);
void irq_init(void);
/* trap.c: where the CPU finds the kernel stack on entry from user mode */
void trap_set_kstack(uint64_t top);
/* time.c: the HPET and the RTC; a PIT tick */
void time_init(void);
void time_tick(void);

#endif
