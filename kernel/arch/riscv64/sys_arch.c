/* kernel/arch/riscv64/sys_arch.c: syscalls only riscv64 has. */
#include "arch.h"
#include "lib.h"
#include "syscall.h"
#include "uapi.h"

/* riscv_flush_icache(start, end, flags): make stores to code visible to
 * instruction fetch.  One hart, so a local fence.i is enough. */
long
sys_riscv_flush_icache(const long *a)
{
	if ((unsigned long)a[2] & ~1UL)      /* only SYS_RISCV_FLUSH_ICACHE_LOCAL */
		return -EINVAL;
	__asm__ volatile("fence.i" ::: "memory");
	return 0;
}
