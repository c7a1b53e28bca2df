/* kernel/arch/x86_64/sys_arch.c: syscalls only x86_64 has (arch_prctl). */
#include "arch.h"
#include "lib.h"
#include "syscall.h"
#include "task.h"
#include "uapi.h"
#include "vm.h"

long
sys_arch_prctl(const long *a)
{
	uintptr_t addr = (uintptr_t)a[1];
	switch (a[0]) {
	case ARCH_SET_FS:
		if (addr >= ABI_USER_TOP)
			return -EPERM;
		arch_set_tls(current, addr);
		return 0;
	case ARCH_SET_GS:
		if (addr >= ABI_USER_TOP)
			return -EPERM;
		current->arch.gs_base = addr;
		__asm__ volatile("wrmsr" : : "c"(0xc0000101), "a"((uint32_t)addr), "d"((uint32_t)(addr >> 32)));
		return 0;
	case ARCH_GET_FS:
		return copy_to_user(addr, &current->arch.fs_base, 8);
	case ARCH_GET_GS:
		return copy_to_user(addr, &current->arch.gs_base, 8);
	default:
		return -EINVAL;
	}
}
