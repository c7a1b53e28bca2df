/* kernel/core/main.c: kmain — bring up memory, the file tree, the tracer, and
 * start the test named on the command line as the first user process; a
 * batch of tests runs one after another, with a warm restart between them. */
#include "arch.h"
#include "boot.h"
#include "lib.h"
#include "pmm.h"
#include "pt.h"
#include "kmalloc.h"
#include "trace.h"
#include "exec.h"
#include "task.h"
#include "vfs.h"
#include "uapi.h"
#include "vm.h"

#define KERNEL_VERSION "0.1"

/* boot.S runs kmain on this stack; the first task leaves it for good */
uint8_t boot_kstack[BOOT_KSTACK_SIZE] __attribute__((aligned(16)));
static char test_list[1024];   /* tdiff.test: a name, or a batch a,b,c */
static char test_name[128];

/*
 * A batch: tdiff.test=a,b,c runs a, then b, then c in one boot.  When a test
 * ends and another follows (kernel_end_test), the kernel restarts warm
 * instead of powering off: .data back to the first boot's copy, .bss zeroed,
 * kmain from the top on the boot page tables, the boot info kept (it is
 * __persist, as is the index of the test to run).  Each test so starts from
 * the state a cold boot gives, and its trace and console read as those of a
 * boot of its own (boot line, start, ..., exit, poweroff).  What carries
 * over: physical pages keep what the last test left (pmm clears a
 * never-used page when it first hands it out after a restart, as a cold
 * boot's RAM is zero; a freed page is reused as it is, as within one boot),
 * and the wall clock goes on.  The harness cuts the streams at the markers
 * (harness/PROTOCOL.md, "Batches").
 */
#define RESTART_MAGIC 0x7472657374617274UL
static uint64_t restart_magic __persist;   /* RESTART_MAGIC: a warm restart */
static unsigned batch_index __persist;     /* which test of the list this run is */
static struct boot_info boot __persist;
uint64_t boot_done_ns;     /* boot to first user instruction */
static int timing;         /* tdiff.timing=1: #tdiff timing lines */

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

extern struct proc *init_proc, *test_proc;

/* list_item: the idx-th comma-separated name of list into buf ("" past
 * the end); whether there is one. */
static int
list_item(const char *list, unsigned idx, char *buf, size_t size)
{
	const char *p = list;
	for (unsigned i = 0; i < idx && p; i++)
		if ((p = strchr(p, ',')))
			p++;
	size_t n = 0;
	if (p)
		while (p[n] && p[n] != ',')
			n++;
	if (n >= size)
		n = size - 1;
	memcpy(buf, p ? p : "", n);
	buf[n] = 0;
	return n > 0;
}

void
kernel_end_test(int status)
{
	char next[sizeof(test_name)];
	trace_event("poweroff");
	if (list_item(test_list, batch_index + 1, next, sizeof(next))) {
		arch_irq_disable();
		batch_index++;
		restart_magic = RESTART_MAGIC;
		memcpy(_data_start, _data_copy, (size_t)(_data_end - _data_start));
		arch_restart_enter(v2p(arch_kernel_root()));
	}
	arch_poweroff(status);
}

static void
fail_boot(const char *what)
{
	trace_event("exit killed SIGKILL");
	kprintf("kernel: %s\n", what);
	trace_event("poweroff");
	arch_poweroff(127);
}

/* Read /tests/<name>.argv: one argument a line. */
static int
read_argv(const char *name, char **argv, int max, char *buf, size_t size)
{
	char path[200];
	struct inode *ino;
	ksnprintf(path, sizeof(path), "/tests/%s.argv", name);
	if (vfs_lookup(vfs_root(), path, 1, &ino) < 0 || (ino->mode & S_IFMT) != S_IFREG)
		return -1;
	size_t n = MIN(ino->size, size - 1);
	memcpy(buf, ino->data, n);
	buf[n] = 0;
	int argc = 0;
	char *p = buf;
	while (*p && argc < max - 1) {
		argv[argc++] = p;
		char *nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = 0;
		p = nl + 1;
	}
	argv[argc] = NULL;
	return argc;
}

/* Create pid 1 (the reaper) and the test's process, exec it, run. */
static void
start_test(const char *name)
{
	static char argbuf[4096];
	static char *argv[64];
	static char *envp[] = { "HOME=/", "PATH=/bin:/tests", "TERM=linux", NULL };
	if (read_argv(name, argv, ARRAY_SIZE(argv), argbuf, sizeof(argbuf)) <= 0) {
		ksnprintf(argbuf, sizeof(argbuf), "/tests/%s", name);
		argv[0] = argbuf;
		argv[1] = NULL;
	}
	init_proc = proc_alloc(1);
	init_proc->pid = 1;
	struct task *t = task_alloc();
	if (!init_proc || !t)
		fail_boot("out of memory starting the test");
	struct proc *p = proc_alloc(t->tid);
	proc_add_child(init_proc, p);
	p->exit_signal = SIGCHLD;
	p->nthreads = 1;
	p->leader = t;
	/* its own process group in the session of pid 1, as golden's init
	 * (a session leader) runs each test as a foreground job */
	p->pgid = p->pid;
	p->sid = 1;
	for (int i = 0; i < RLIM_NLIMITS; i++)
		p->rlim[i].cur = p->rlim[i].max = RLIM_INFINITY;
	p->rlim[RLIMIT_STACK].cur = 8UL << 20;
	p->rlim[RLIMIT_CORE].cur = 0;
	p->rlim[RLIMIT_NOFILE].cur = 1024;
	p->rlim[RLIMIT_NOFILE].max = 4096;
	p->rlim[RLIMIT_NPROC].cur = p->rlim[RLIMIT_NPROC].max = TASK_MAX;
	p->rlim[RLIMIT_MEMLOCK].cur = p->rlim[RLIMIT_MEMLOCK].max = 8UL << 20;
	p->rlim[RLIMIT_SIGPENDING].cur = p->rlim[RLIMIT_SIGPENDING].max = 1024;
	p->rlim[RLIMIT_MSGQUEUE].cur = p->rlim[RLIMIT_MSGQUEUE].max = 819200;
	p->rlim[RLIMIT_NICE].cur = p->rlim[RLIMIT_NICE].max = 0;
	p->rlim[RLIMIT_RTPRIO].cur = p->rlim[RLIMIT_RTPRIO].max = 0;
	test_proc = p;
	t->proc = p;
	t->mm = mm_create();
	t->files = files_create();
	t->fs = fs_create();
	t->sighand = sighand_create();
	if (!t->mm || !t->files || !t->fs || !t->sighand)
		fail_boot("out of memory starting the test");
	current = t;
	struct file *con = tty_open();
	if (!con)
		fail_boot("no console device");
	fd_install(t->files, con, 0, 0);
	fd_install(t->files, file_get(con), 1, 0);
	fd_install(t->files, file_get(con), 2, 0);
	current = t;
	mm_activate(t->mm);
	arch_task_fpu_reset(t);
	/* the console carries the markers too, so the host can cut the test's
	 * output out of whatever else the console shows */
	trace_marker("start %s", name);
	int r = do_execve(argv[0], argv, envp);
	if (r < 0) {
		kprintf("kernel: cannot execute %s: error %d\n", argv[0], -r);
		trace_marker("exit exited 127");
		kernel_end_test(127);
	}
	/* envp sits right after argv's NULL on the new stack */
	int argc = 0;
	while (argv[argc])
		argc++;
	int envc = ARRAY_SIZE(envp) - 1;         /* without its NULL */
	trace_initial_execve(t, argv[0], argv, envc, arch_tf_sp(t->tf) + 8 * (argc + 2));
	boot_done_ns = arch_time_ns();
	if (timing)
		trace_event("timing boot-to-user %lu us (clock starts in arch_init)", boot_done_ns / 1000);
	sched_add(t);
	sched_start();
}

void kmain(uintptr_t boot_arg);

void
kmain(uintptr_t boot_arg)
{
	int warm = restart_magic == RESTART_MAGIC;
	restart_magic = 0;
	if (!warm) {
		batch_index = 0;
		memcpy(_data_copy, _data_start, (size_t)(_data_end - _data_start));
	}
	trace_init();
	arch_init(warm ? 0 : boot_arg, &boot);
	char val[16];
	trace_enabled = TRACE_STRACE;
	if (cmdline_get(boot.cmdline, "tdiff.trace", val, sizeof(val))) {
		if (!strcmp(val, "0"))
			trace_enabled = TRACE_OFF;
		else if (!strcmp(val, "raw"))
			trace_enabled = TRACE_RAW;
	}
	if (cmdline_get(boot.cmdline, "tdiff.channel", val, sizeof(val)) && !strcmp(val, "console"))
		trace_on_console = 1;
	trace_event("boot kernel %s %s", ABI_ARCH_NAME, KERNEL_VERSION);
	if (cmdline_get(boot.cmdline, "tdiff.timing", val, sizeof(val)) && val[0] == '1')
		timing = 1;
	pmm_init(&boot, warm);
	kmalloc_init(8UL << 20);
	if (!cmdline_get(boot.cmdline, "tdiff.test", test_list, sizeof(test_list)))
		strlcpy(test_list, "hello", sizeof(test_list));
	list_item(test_list, batch_index, test_name, sizeof(test_name));
	vfs_init(boot.initrd_size ? p2v(boot.initrd_phys) : NULL, boot.initrd_size);
	tty_init();
	start_test(test_name);
}
