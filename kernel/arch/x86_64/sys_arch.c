/* kernel/arch/x86_64/sys_arch.c: syscalls only x86_64 has (arch_prctl). */
#include "arch.h"
#include "machine.h"
#include "syscall.h"
#include "task.h"
#include "uapi.h"
#include "vm.h"

/* Linux's option is an int; the whole register is compared here, so an
 * option with high bits set is EINVAL, as it has always been in this kernel. */
SYSCALL_DEFINE2(arch_prctl, long, option, uintptr_t, addr)
{
	switch (option) {
	case ARCH_SET_FS:
		if (addr >= ABI_USER_TOP)
			return -EPERM;
		arch_set_tls(current, addr);
		return 0;
	case ARCH_SET_GS:
		if (addr >= ABI_USER_TOP)
			return -EPERM;
		current->arch.gs_base = addr;
		wrmsr(MSR_GS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
		return copy_to_user(addr, &current->arch.fs_base, 8);
	case ARCH_GET_GS:
		return copy_to_user(addr, &current->arch.gs_base, 8);
	default:
		return -EINVAL;
	}
}
