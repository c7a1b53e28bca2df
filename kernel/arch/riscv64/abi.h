/* kernel/arch/riscv64/abi.h: what differs on riscv64 — syscall numbers (from
 * Linux's UAPI header: the asm-generic table, no fork/open), the trapframe,
 * the switch context, struct layouts the riscv64 ABI gives user space, and
 * the user address-space shape (Sv39). */
#ifndef ABI_H
#define ABI_H

#include "types.h"
#include <asm/unistd.h>          /* __NR_* for this arch */

#define ABI_ARCH_NAME "riscv64"
#define ABI_UTS_MACHINE "riscv64"
/* Sv39 gives user space 256 GiB; the last page holds the signal return
 * trampoline (arch/riscv64/mmu.c), outside what shared code manages. */
#define ABI_SV39_TOP 0x4000000000UL
#define ABI_SIGTRAMP_VA (ABI_SV39_TOP - 4096)
#define ABI_USER_TOP ABI_SIGTRAMP_VA
#define ABI_STACK_TOP (ABI_SIGTRAMP_VA - 4096)
#define ABI_MMAP_BASE 0x3fff7ff000UL
#define ABI_PIE_BASE 0x2aaaaaa000UL
#define ABI_ELF_MACHINE 243                    /* EM_RISCV */
#define ABI_CLONE_ARGS_TLS_LAST 0              /* clone(flags, sp, ptid, tls, ctid) */
#define ABI_MAP_32BIT 0                        /* no MAP_32BIT on riscv64 */
/* AT_HWCAP: one bit per single-letter extension, rv64imafdc */
#define ABI_HWCAP ((1UL << ('i' - 'a')) | (1UL << ('m' - 'a')) | (1UL << ('a' - 'a')) | \
		   (1UL << ('f' - 'a')) | (1UL << ('d' - 'a')) | (1UL << ('c' - 'a')))

/* Registers as entry.S saves them: x[0] holds the pc (sepc), x[1..31] the
 * general registers, in Linux's user_regs_struct order, so the first 32
 * words copy straight into a signal frame's sigcontext. */
struct trapframe {
	uint64_t x[32];
	uint64_t sstatus, scause, stval;
	uint64_t orig_a0;            /* a0 at syscall entry, for restarts */
};
#define TF_PC 0
#define TF_RA 1
#define TF_SP 2
#define TF_TP 4
#define TF_S0 8
#define TF_A0 10
#define TF_A7 17

/* Syscall registers (arch.h's contract): inline, since every syscall reads
 * them.  nr in a7, arguments in a0..a5, the result in a0. */
static inline long
arch_syscall_nr(const struct trapframe *tf)
{
	return (long)tf->x[TF_A7];
}

static inline void
arch_syscall_args(const struct trapframe *tf, long a[6])
{
	a[0] = (long)tf->x[TF_A0];
	a[1] = (long)tf->x[TF_A0 + 1];
	a[2] = (long)tf->x[TF_A0 + 2];
	a[3] = (long)tf->x[TF_A0 + 3];
	a[4] = (long)tf->x[TF_A0 + 4];
	a[5] = (long)tf->x[TF_A0 + 5];
}

static inline void
arch_syscall_set_ret(struct trapframe *tf, long v)
{
	tf->x[TF_A0] = (uint64_t)v;
}

struct arch_context {
	uint64_t ra, sp, s[12];      /* callee-saved registers at the switch */
	uint64_t fpr[32];            /* f0..f31 */
	uint64_t fcsr;
};

/* struct stat as riscv64 user space sees it (asm-generic, 128 bytes). */
struct abi_stat {
	uint64_t st_dev, st_ino;
	uint32_t st_mode, st_nlink, st_uid, st_gid;
	uint64_t st_rdev, __pad1;
	int64_t st_size;
	int32_t st_blksize, __pad2;
	int64_t st_blocks;
	uint64_t st_atime_sec, st_atime_nsec;
	uint64_t st_mtime_sec, st_mtime_nsec;
	uint64_t st_ctime_sec, st_ctime_nsec;
	uint32_t __unused4, __unused5;
};

/* struct sigaction as the kernel takes it from rt_sigaction: riscv64 Linux
 * has no sa_restorer (the vDSO returns from handlers), so a musl that
 * passes one has it read as the mask, as on Linux. */
struct abi_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t mask;
};
#define ABI_HAS_SA_RESTORER 0
static inline uint64_t
abi_sigaction_restorer(const struct abi_sigaction *sa)
{
	(void)sa;
	return 0;
}
static inline void
abi_sigaction_set_restorer(struct abi_sigaction *sa, uint64_t restorer)
{
	(void)sa;
	(void)restorer;
}

#endif
