/* kernel/arch/riscv64/sys_arch.c: syscalls only riscv64 has. */
#include "arch.h"
#include "syscall.h"
#include "uapi.h"

/* riscv_flush_icache(start, end, flags): make stores to code visible to
 * instruction fetch, for the whole address space (start and end are hints). */
SYSCALL_DEFINE3(riscv_flush_icache, uintptr_t, start, uintptr_t, end, unsigned long, flags)
{
	(void)start;
	(void)end;
	if (flags & ~1UL)      /* only SYS_RISCV_FLUSH_ICACHE_LOCAL */
		return -EINVAL;
	arch_icache_sync();
	return 0;
}
