/*
 * kernel/arch/riscv64/bootinfo.c: what OpenSBI hands over (the flattened
 * device tree: memory, initrd, command line, timebase) and arch_init, the
 * bring-up order.
 */
#include "arch.h"
#include "boot.h"
#include "lib.h"
#include "machine.h"

#define KERNEL_LOAD 0x80200000UL

#define FDT_MAGIC 0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

static char cmdline_buf[1024] __persist;   /* kept for a warm restart */
static uint64_t fdt_timebase_hz __persist;
extern char _kernel_end[];

static uint32_t
be32(const void *p)
{
	const uint8_t *b = p;
	return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

static uint64_t
be_cells(const void *p, uint32_t len)
{
	return len >= 8 ? ((uint64_t)be32(p) << 32) | be32((const uint8_t *)p + 4) : be32(p);
}

static int
name_is(const char *name, const char *want)
{
	size_t n = strlen(want);
	return strncmp(name, want, n) == 0 && (name[n] == 0 || name[n] == '@');
}

/* Read what boot needs from the flattened device tree at pa: /memory reg,
 * /chosen bootargs and initrd range, /cpus timebase-frequency.  The command
 * line is copied: the tree's pages are handed out as free memory later. */
static void
fdt_parse(uintptr_t pa, struct boot_info *bi)
{
	const uint8_t *fdt = p2v(pa);
	if (be32(fdt) != FDT_MAGIC)
		panic("no device tree at %#lx (magic %#x)", pa, be32(fdt));
	const uint8_t *st = fdt + be32(fdt + 8);
	const char *strs = (const char *)fdt + be32(fdt + 12);
	uint32_t st_size = be32(fdt + 36);
	const char *node1 = "";               /* the current node at depth 1 */
	int depth = 0;
	uint64_t initrd_start = 0, initrd_end = 0;
	for (uint32_t off = 0; off + 4 <= st_size;) {
		uint32_t tok = be32(st + off);
		off += 4;
		if (tok == FDT_BEGIN_NODE) {
			const char *name = (const char *)st + off;
			depth++;
			if (depth == 2)
				node1 = name;
			off += ALIGN_UP(strlen(name) + 1, 4);
		} else if (tok == FDT_END_NODE) {
			depth--;
		} else if (tok == FDT_PROP) {
			uint32_t len = be32(st + off), nameoff = be32(st + off + 4);
			const uint8_t *val = st + off + 8;
			const char *pname = strs + nameoff;
			off += 8 + ALIGN_UP(len, 4);
			if (depth != 2)
				continue;
			if (name_is(node1, "memory") && !strcmp(pname, "reg")) {
				for (uint32_t i = 0; i + 16 <= len && bi->nranges < BOOT_MAX_RANGES; i += 16) {
					bi->ranges[bi->nranges].base = be_cells(val + i, 8);
					bi->ranges[bi->nranges].size = be_cells(val + i + 8, 8);
					bi->nranges++;
				}
			} else if (name_is(node1, "chosen")) {
				if (!strcmp(pname, "bootargs"))
					strlcpy(cmdline_buf, (const char *)val, MIN(sizeof(cmdline_buf), (size_t)len + 1));
				else if (!strcmp(pname, "linux,initrd-start"))
					initrd_start = be_cells(val, len);
				else if (!strcmp(pname, "linux,initrd-end"))
					initrd_end = be_cells(val, len);
			} else if (name_is(node1, "cpus") && !strcmp(pname, "timebase-frequency")) {
				timebase_hz = be_cells(val, len);
			}
		} else if (tok == FDT_END) {
			break;
		} else if (tok != FDT_NOP) {
			panic("device tree: bad token %#x at %#x", tok, off - 4);
		}
	}
	bi->cmdline = cmdline_buf;
	if (initrd_end > initrd_start) {
		bi->initrd_phys = initrd_start;
		bi->initrd_size = initrd_end - initrd_start;
	}
	/* OpenSBI lives below the kernel: only memory from the load address on */
	for (int i = 0; i < bi->nranges; i++) {
		uintptr_t end = bi->ranges[i].base + bi->ranges[i].size;
		if (bi->ranges[i].base < KERNEL_LOAD && end > KERNEL_LOAD) {
			bi->ranges[i].base = KERNEL_LOAD;
			bi->ranges[i].size = end - KERNEL_LOAD;
		}
	}
	bi->kernel_phys_start = KERNEL_LOAD;
	bi->kernel_phys_end = v2p(_kernel_end);
}

void
arch_init(uintptr_t boot_arg, struct boot_info *bi)
{
	time_init();
	console_init();
	if (boot_arg) {
		memset(bi, 0, sizeof(*bi));
		fdt_parse(boot_arg, bi);
		fdt_timebase_hz = timebase_hz;
	} else {
		/* a warm restart: the tree's pages may be reused by now; *bi and
		 * the command line are the first boot's (__persist), and the
		 * timebase (in .data) is put back */
		timebase_hz = fdt_timebase_hz;
	}
	/* drop the boot identity map: user space lives in the low half */
	arch_kernel_root()[2] = 0;
	arch_tlb_flush_all();
	csr_set(sstatus, SSTATUS_FS_DIRTY);
	trace_channel_init();
	time_start();
}
