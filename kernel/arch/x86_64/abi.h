/* kernel/arch/x86_64/abi.h: what differs on x86_64 — syscall numbers (from
 * Linux's UAPI header), the trapframe, the switch context, struct layouts the
 * x86_64 ABI gives user space, and the user address-space shape. */
#ifndef ABI_H
#define ABI_H

#include "types.h"
#include <asm/unistd.h>          /* __NR_* for this arch */

#define ABI_ARCH_NAME "x86_64"
#define ABI_UTS_MACHINE "x86_64"
#define ABI_USER_TOP 0x800000000000UL          /* 47-bit user half */
#define ABI_STACK_TOP 0x7ffffffff000UL
#define ABI_MMAP_BASE 0x7ffff7fff000UL
#define ABI_PIE_BASE 0x555555554000UL
#define ABI_ELF_MACHINE 62                     /* EM_X86_64 */
#define ABI_CLONE_ARGS_TLS_LAST 1              /* clone(flags, sp, ptid, ctid, tls) */
#define ABI_MAP_32BIT 0x40                     /* mmap flag of x86 only */
#define ABI_HWCAP 0x178bfbffUL

/* Registers as the entry code saves them (pushed in reverse order). */
struct trapframe {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};
#define TF_VECTOR_SYSCALL 0x100

/* Syscall registers (arch.h's contract): inline, since every syscall reads
 * them.  nr in rax, arguments in rdi rsi rdx r10 r8 r9, the result in rax. */
static inline long
arch_syscall_nr(const struct trapframe *tf)
{
	return (long)tf->rax;
}

static inline void
arch_syscall_args(const struct trapframe *tf, long a[6])
{
	a[0] = (long)tf->rdi;
	a[1] = (long)tf->rsi;
	a[2] = (long)tf->rdx;
	a[3] = (long)tf->r10;
	a[4] = (long)tf->r8;
	a[5] = (long)tf->r9;
}

static inline void
arch_syscall_set_ret(struct trapframe *tf, long v)
{
	tf->rax = (uint64_t)v;
}

struct arch_context {
	uint64_t rsp;                 /* saved kernel stack pointer */
	uint64_t fs_base, gs_base;
	uint8_t fpu[512] __attribute__((aligned(16)));   /* fxsave area */
};

/* struct stat as x86_64 user space sees it (144 bytes). */
struct abi_stat {
	uint64_t st_dev, st_ino, st_nlink;
	uint32_t st_mode, st_uid, st_gid, __pad0;
	uint64_t st_rdev;
	int64_t st_size, st_blksize, st_blocks;
	uint64_t st_atime_sec, st_atime_nsec;
	uint64_t st_mtime_sec, st_mtime_nsec;
	uint64_t st_ctime_sec, st_ctime_nsec;
	int64_t __unused[3];
};

/* struct sigaction as the kernel takes it from rt_sigaction. */
struct abi_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};
#define ABI_HAS_SA_RESTORER 1
static inline uint64_t
abi_sigaction_restorer(const struct abi_sigaction *sa)
{
	return sa->restorer;
}
static inline void
abi_sigaction_set_restorer(struct abi_sigaction *sa, uint64_t restorer)
{
	sa->restorer = restorer;
}

#endif
