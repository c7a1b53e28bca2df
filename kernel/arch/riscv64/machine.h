/*
 * kernel/arch/riscv64/machine.h: what this arch's own files share: CSR and
 * MMIO access, SBI calls, the status bits, the FPU save area, and the
 * bring-up steps arch_init (bootinfo.c) calls in order.  Shared code never
 * includes it.
 */
#ifndef MACHINE_H
#define MACHINE_H

#include "types.h"
#include "pt.h"

#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_SPIE (1UL << 5)
#define SSTATUS_FS_DIRTY (3UL << 13)
#define SIE_STIE (1UL << 5)

#define csr_read(csr) ({ uint64_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" : : "r"((uint64_t)(v)) : "memory")
#define csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" : : "r"((uint64_t)(v)) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" : : "r"((uint64_t)(v)) : "memory")

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

struct sbiret {
	long error, value;
};

static inline struct sbiret
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

/* entry.S: the D extension's registers (32 of them, then fcsr) */
void fpu_save(uint64_t *regs);
void fpu_restore(const uint64_t *regs);

/* console.c: the UART console; the virtio console (the trace channel) */
void console_init(void);
void trace_channel_init(void);
/* time.c: the clock's zero; the RTC and the first timer interrupt; the
 * next one; the timebase the device tree gives (bootinfo.c sets it) */
void time_init(void);
void time_start(void);
void timer_arm(void);
extern uint64_t timebase_hz;

#endif
