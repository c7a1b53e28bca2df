/*
 * kernel/arch/x86_64/bootinfo.c: what PVH hands over (struct hvm_start_info:
 * command line, initrd module, memory map) and arch_init, the bring-up order.
 */
#include "arch.h"
#include "boot.h"
#include "lib.h"
#include "machine.h"
#include "pt.h"

struct hvm_start_info {
	uint32_t magic, version, flags, nr_modules;
	uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr;
	uint64_t memmap_paddr;
	uint32_t memmap_entries, reserved;
};

struct hvm_modlist_entry {
	uint64_t paddr, size, cmdline_paddr, reserved;
};

struct hvm_memmap_entry {
	uint64_t addr, size;
	uint32_t type, reserved;
};

extern char _kernel_end[];

/* the command line, copied: a warm restart (main.c) keeps it */
static char cmdline_buf[1024] __persist;

static void
boot_info_parse(uintptr_t pa, struct boot_info *bi)
{
	struct hvm_start_info *si = p2v(pa);
	memset(bi, 0, sizeof(*bi));
	if (si->magic != 0x336ec578)
		panic("not booted through PVH (start_info magic %#x)", si->magic);
	strlcpy(cmdline_buf, si->cmdline_paddr ? (const char *)p2v(si->cmdline_paddr) : "",
		sizeof(cmdline_buf));
	bi->cmdline = cmdline_buf;
	if (si->nr_modules) {
		struct hvm_modlist_entry *m = p2v(si->modlist_paddr);
		bi->initrd_phys = m->paddr;
		bi->initrd_size = m->size;
	}
	if (si->version >= 1 && si->memmap_paddr) {
		struct hvm_memmap_entry *e = p2v(si->memmap_paddr);
		for (uint32_t i = 0; i < si->memmap_entries && bi->nranges < BOOT_MAX_RANGES; i++) {
			if (e[i].type != 1)
				continue;
			bi->ranges[bi->nranges].base = e[i].addr;
			bi->ranges[bi->nranges].size = e[i].size;
			bi->nranges++;
		}
	}
	bi->kernel_phys_start = 0x100000;
	bi->kernel_phys_end = v2p(_kernel_end);
}

void
arch_init(uintptr_t boot_arg, struct boot_info *bi)
{
	console_init();
	trap_init();
	if (boot_arg)           /* 0: a warm restart keeps the first boot's *bi */
		boot_info_parse(boot_arg, bi);
	/* drop the identity map of low memory: user space lives there */
	arch_kernel_root()[0] = 0;
	arch_tlb_flush_all();
	irq_init();
	time_init();
}
