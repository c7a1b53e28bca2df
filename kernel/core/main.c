/* kernel/core/main.c: kmain — bring up memory, the file tree, the tracer, and
 * start the test named on the command line as the first user process. */
#include "arch.h"
#include "lib.h"
#include "pmm.h"
#include "kmalloc.h"
#include "trace.h"

#define KERNEL_VERSION "0.1"

static struct boot_info boot;
static char test_name[128];

/* Find `key=value` on the command line; copies value into buf. */
static int
cmdline_get(const char *cmdline, const char *key, char *buf, size_t size)
{
	size_t klen = strlen(key);
	const char *p = cmdline;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		if ((size_t)(p - w) > klen && !strncmp(w, key, klen) && w[klen] == '=') {
			size_t n = p - w - klen - 1;
			if (n >= size)
				n = size - 1;
			memcpy(buf, w + klen + 1, n);
			buf[n] = 0;
			return 1;
		}
	}
	return 0;
}

void kmain(uintptr_t boot_arg);

void
kmain(uintptr_t boot_arg)
{
	arch_init(boot_arg, &boot);
	char val[16];
	trace_enabled = 1;
	if (cmdline_get(boot.cmdline, "tdiff.trace", val, sizeof(val)) && val[0] == '0')
		trace_enabled = 0;
	trace_event("boot kernel %s %s", ABI_ARCH_NAME, KERNEL_VERSION);
	pmm_init(&boot);
	kmalloc_init(8UL << 20);
	if (!cmdline_get(boot.cmdline, "tdiff.test", test_name, sizeof(test_name)))
		strlcpy(test_name, "hello", sizeof(test_name));
	kprintf("kernel: %lu MiB free, initrd %lu bytes, test %s\n",
		pmm_free_pages() * PAGE_SIZE >> 20, boot.initrd_size, test_name);
	trace_event("poweroff");
	arch_poweroff(0);
}
