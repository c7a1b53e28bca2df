/* test_symbolize.c: a real fault pc symbolized with libdw.  The test
 * faults on purpose in crash_here(), catches SIGSEGV, reads the pc from the
 * signal frame, and looks it up in its own executable. */
#define _GNU_SOURCE
#include "check.h"

#include <link.h>
#include <signal.h>
#include <ucontext.h>

#include "symbolize.h"

static sigjmp_buf jb;
static volatile uintptr_t fault_pc;

__attribute__((noinline)) static void
crash_here(volatile int *p)
{
	*p = 42; /* the faulting line */
}

static void
on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
#if defined(__x86_64__)
	fault_pc = (uintptr_t)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP];
#elif defined(__riscv)
	fault_pc = (uintptr_t)((ucontext_t *)uc)->uc_mcontext.__gregs[0];
#else
	(void)uc;
#endif
	siglongjmp(jb, 1);
}

static int
first_object(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	*(uintptr_t *)data = info->dlpi_addr; /* the executable comes first */
	return 1;
}

static void
symbolize_fault_pc_success(void **state)
{
	struct sigaction sa, old;
	uintptr_t base = 0;
	char buf[512];
	volatile int *bad = (volatile int *)(uintptr_t)8; /* not NULL: UBSan would stop first */

	(void)state;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, &old);
	if (sigsetjmp(jb, 1) == 0)
		crash_here(bad);
	sigaction(SIGSEGV, &old, NULL);
	if (!fault_pc)
		skip();
	dl_iterate_phdr(first_object, &base);
	assert_int_equal(td_sym_addr("/proc/self/exe", fault_pc - base, buf, sizeof(buf)), 0);
	assert_non_null(strstr(buf, "crash_here+0x"));
	assert_non_null(strstr(buf, "test_symbolize.c:"));
}

static void
symbolize_bad_input_invalid(void **state)
{
	char buf[512];

	(void)state;
	assert_int_equal(td_sym_addr("/nonexistent/elf", 0x1000, buf, sizeof(buf)), -1);
	assert_non_null(strstr(buf, "No such file"));
	assert_int_equal(td_sym_addr("/etc/hostname", 0x1000, buf, sizeof(buf)), -1);
	assert_int_equal(td_sym_addr("/proc/self/exe", 0x1, buf, sizeof(buf)), -1);
}

static void
symbolize_result_success(void **state)
{
	struct td_trace g, k;
	struct td_opts o = {0};
	struct td_result r;
	char text[4096];
	uintptr_t base = 0;
	const struct td_div *d;

	(void)state;
	/* a kernel's fault and panic lines with addresses of this very binary */
	dl_iterate_phdr(first_object, &base);
	snprintf(text, sizeof(text),
		 "#tdiff boot kernel x86_64 0.1\n1 fork() = 2\n2 getpid() = 2\n"
		 "#tdiff fault 2 pc=%#lx addr=0x0 sig=SIGSEGV code=SEGV_MAPERR cause=write\n"
		 "2 --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---\n2 +++ killed by SIGSEGV +++\n"
		 "#tdiff panic trap in kernel\n#tdiff bt %#lx\n",
		 (unsigned long)((uintptr_t)crash_here - base), (unsigned long)((uintptr_t)crash_here - base + 4));
	load_str(&g, "1 fork() = 2\n2 getpid() = 2\n2 exit_group(0) = ?\n2 +++ exited with 0 +++\n", "x86_64");
	load_str(&k, text, NULL);
	o.name = "sym";
	o.arch = "x86_64";
	o.binary = "/proc/self/exe";
	o.kernel_elf = "/proc/self/exe";
	assert_int_equal(td_compare(&g, &k, &o, &r), 0);
	td_symbolize(&r);
	for (size_t i = 0; i < r.ndiv; i++) {
		d = &r.div[i];
		if (d->cls == TD_C_SIGNAL) {
			assert_non_null(d->symbol);
			assert_non_null(strstr(d->symbol, "fault at crash_here+0"));
		}
		if (d->cls == TD_C_PANIC) {
			assert_non_null(d->symbol);
			assert_non_null(strstr(d->symbol, "#0 0x"));
			assert_non_null(strstr(d->symbol, "crash_here+0x4"));
		}
	}
	td_result_free(&r);
	td_trace_free(&g);
	td_trace_free(&k);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(symbolize_fault_pc_success),
		cmocka_unit_test(symbolize_bad_input_invalid),
		cmocka_unit_test(symbolize_result_success),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("symbolize.c tests", tests, NULL, NULL);
}
