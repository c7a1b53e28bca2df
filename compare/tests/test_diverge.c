/* test_diverge.c: classification on real recorded traces (see record.sh):
 * each planted divergence is found at the right task and event. */
#include "check.h"

static void
run_mem(struct pair *p, const char *golden, const char *kernel)
{
	memset(p, 0, sizeof(*p));
	load_str(&p->g, golden, "x86_64");
	load_str(&p->k, kernel, "x86_64");
	p->o.name = "mem";
	p->o.arch = "x86_64";
	p->o.context = 3;
	td_compare(&p->g, &p->k, &p->o, &p->r);
}

/* expect_first: class, task, syscall and the kernel line holding `needle` */
static void
expect_first(struct pair *p, enum td_class cls, const char *task, const char *sys, const char *kfile,
	     const char *needle, int skip)
{
	const struct td_div *d = first_div(&p->r);

	assert_string_equal(td_class_name(d->cls), td_class_name(cls));
	assert_string_equal(d->task, task);
	assert_string_equal(d->syscall, sys);
	if (needle)
		assert_int_equal(d->kline, find_line(kfile, needle, skip));
	assert_int_equal(td_result_status(&p->r), 1);
}

static void
diverge_linux_vs_linux_success(void **state)
{
	struct pair p;

	(void)state;
	/* two runs: other pids, addresses, interleaving and a restarted wait4 */
	run_pair(&p, "linux-a.trace", "linux-b.trace");
	assert_int_equal(p.r.ndiv, 0);
	assert_int_equal(p.r.first, -1);
	assert_int_equal(td_result_status(&p.r), 0);
	assert_string_equal(td_result_verdict(&p.r), "equivalent");
	pair_free(&p);
	run_pair(&p, "linux-b.trace", "linux-a.trace");
	assert_int_equal(p.r.ndiv, 0);
	pair_free(&p);
}

static void
diverge_wrong_errno_found(void **state)
{
	struct pair p;

	(void)state;
	run_pair(&p, "linux-a.trace", "errno.trace");
	expect_first(&p, TD_C_ERRNO, "1", "openat", "errno.trace", "openat(", 0);
	assert_string_equal(p.r.div[p.r.first].gval, "-1 ENOENT");
	assert_string_equal(p.r.div[p.r.first].kval, "-1 EACCES");
	pair_free(&p);
}

static void
diverge_enosys_found(void **state)
{
	struct pair p;

	(void)state;
	run_pair(&p, "linux-a.trace", "enosys.trace");
	expect_first(&p, TD_C_ENOSYS, "1", "clone3", "enosys.trace", "clone3(", 0);
	pair_free(&p);
}

static void
diverge_extra_call_found(void **state)
{
	struct pair p;

	(void)state;
	run_pair(&p, "linux-a.trace", "extra.trace");
	expect_first(&p, TD_C_EXTRA, "1.1", "getppid", "extra.trace", "getppid(", 0);
	assert_int_equal(p.r.ndiv, 1);
	pair_free(&p);
}

static void
diverge_missing_call_found(void **state)
{
	struct pair p;
	const struct td_div *d;

	(void)state;
	/* Linux made the getppid call (TD_EXTRA=1), the "kernel" did not */
	run_pair(&p, "extra.trace", "linux-b.trace");
	d = first_div(&p.r);
	expect_first(&p, TD_C_MISSING, "1.1", "getppid", NULL, NULL, 0);
	assert_int_equal(d->gline, find_line("extra.trace", "getppid(", 0));
	/* located at the kernel call that came instead: task 1.1's exit_group */
	assert_true(d->kline > 0);
	assert_int_equal(d->kev >= 0 || d->kline > 0, 1);
	pair_free(&p);
}

static void
diverge_sigsegv_found(void **state)
{
	struct pair p;
	const struct td_div *d;

	(void)state;
	run_pair(&p, "linux-a.trace", "segv.trace");
	expect_first(&p, TD_C_SIGNAL, "1.1", "SIGSEGV", "segv.trace", "killed by SIGSEGV", 0);
	d = &p.r.div[p.r.first];
	assert_non_null(strstr(d->kval, "si_addr=NULL"));
	/* the parent's wait4 status is the echo, reported but not first */
	assert_int_equal(p.r.ndiv, 2);
	pair_free(&p);
}

static void
diverge_exit_status_found(void **state)
{
	struct pair p;

	(void)state;
	run_pair(&p, "linux-a.trace", "exit3.trace");
	expect_first(&p, TD_C_EXIT, "1", "exit_group", "exit3.trace", "exit_group(3)", 0);
	pair_free(&p);
}

static void
diverge_stdout_found(void **state)
{
	struct pair p;
	char ga[16400], kb[16400];

	(void)state;
	/* the written text differs: found at the write, field named */
	run_pair(&p, "linux-a.trace", "msg.trace");
	expect_first(&p, TD_C_ARG, "1.2", "write", "msg.trace", "child X", 0);
	assert_string_equal(p.r.div[p.r.first].field, "buf");
	pair_free(&p);
	/* strings cut at 4 bytes: the traces agree, the program output not */
	snprintf(ga, sizeof(ga), "%s", data_path("linux-s4.out", 0));
	snprintf(kb, sizeof(kb), "%s", data_path("msg-s4.out", 1));
	memset(&p, 0, sizeof(p));
	load_data(&p.g, "linux-s4.trace", 0);
	load_data(&p.k, "msg-s4.trace", 1);
	p.o.name = "msg-s4";
	p.o.arch = "x86_64";
	p.o.out_a = ga;
	p.o.out_b = kb;
	assert_int_equal(td_compare(&p.g, &p.k, &p.o, &p.r), 0);
	assert_int_equal(p.r.ndiv, 1);
	expect_first(&p, TD_C_OUTPUT, "1", "-", NULL, NULL, 0);
	assert_non_null(strstr(p.r.div[0].kval, "child X"));
	pair_free(&p);
}

static void
diverge_hang_found(void **state)
{
	struct pair p;

	(void)state;
	/* task 1.1 blocks in pause(); its parent waiting in wait4 is the echo */
	run_pair(&p, "linux-a.trace", "hang.trace");
	expect_first(&p, TD_C_HANG, "1.1", "pause", "hang.trace", "pause(", 0);
	pair_free(&p);
}

static void
diverge_panic_found(void **state)
{
	struct pair p;

	(void)state;
	run_mem(&p, "1 getpid() = 1\n1 getppid() = 0\n1 exit_group(0) = ?\n1 +++ exited with 0 +++\n",
		"#tdiff boot kernel x86_64 0.1\n1 getpid() = 1\n#tdiff panic vm.c:40: page table corrupt\n"
		"#tdiff bt 0xffffffff80001000\n");
	expect_first(&p, TD_C_PANIC, "-", "-", NULL, NULL, 0);
	assert_int_equal(p.r.div[p.r.first].kline, 3);
	pair_free(&p);
}

static void
diverge_tdiff_exit_found(void **state)
{
	struct pair p;

	(void)state;
	/* the kernel ended the test (#tdiff exit) without strace's +++ line */
	run_mem(&p, "1 getpid() = 1\n1 exit_group(0) = ?\n1 +++ exited with 0 +++\n#tdiff exit exited 0\n",
		"1 getpid() = 1\n1 exit_group(0) = ?\n#tdiff exit exited 1\n");
	assert_int_equal(p.r.ndiv, 1);
	expect_first(&p, TD_C_EXIT, "1", "-", NULL, NULL, 0);
	assert_string_equal(p.r.div[0].kval, "exited 1");
	assert_int_equal(p.r.div[0].kline, 3);
	pair_free(&p);
}

static void
diverge_bad_kernel_trace_classified(void **state)
{
	struct pair p;
	static const char golden[] = "1 getpid() = 1\n1 exit_group(0) = ?\n1 +++ exited with 0 +++\n";

	(void)state;
	run_mem(&p, golden, "");
	expect_first(&p, TD_C_UNPARSABLE, "-", "-", NULL, NULL, 0);
	assert_non_null(strstr(p.r.div[p.r.first].detail, "empty"));
	pair_free(&p);
	run_mem(&p, golden, "\x7f" "ELF\x02\x01\x01\n\xff\xfe\xfd\n");
	expect_first(&p, TD_C_UNPARSABLE, "-", "-", NULL, NULL, 0);
	assert_non_null(strstr(p.r.div[p.r.first].detail, "does not look like strace"));
	pair_free(&p);
	/* a trace from another tool (ltrace) */
	run_mem(&p, golden, "puts(\"hi\")  = 3\n+++ exited (status 0) +++\n");
	expect_first(&p, TD_C_UNPARSABLE, "-", "-", NULL, NULL, 0);
	pair_free(&p);
	/* one bad line in the middle: classified at its line */
	run_mem(&p, golden, "1 getpid() = 1\n1 getp\xff\xfe\n1 exit_group(0) = ?\n1 +++ exited with 0 +++\n");
	expect_first(&p, TD_C_UNPARSABLE, "-", "-", NULL, NULL, 0);
	assert_int_equal(p.r.div[p.r.first].kline, 2);
	pair_free(&p);
}

static void
diverge_bad_golden_error(void **state)
{
	struct pair p;

	(void)state;
	run_mem(&p, "garbage\n", "1 getpid() = 1\n");
	assert_true(p.r.error);
	assert_int_equal(td_result_status(&p.r), 2);
	assert_non_null(strstr(p.r.errmsg, "mem.trace:1:1"));
	pair_free(&p);
	run_mem(&p, "", "1 getpid() = 1\n");
	assert_int_equal(td_result_status(&p.r), 2);
	pair_free(&p);
	/* mismatched arches */
	memset(&p, 0, sizeof(p));
	load_str(&p.g, "#tdiff boot linux riscv64 6.1\n1 getpid() = 1\n", NULL);
	load_str(&p.k, "#tdiff boot kernel x86_64 0.1\n1 getpid() = 1\n", NULL);
	p.o.name = "arch";
	assert_int_equal(td_compare(&p.g, &p.k, &p.o, &p.r), -1);
	assert_non_null(strstr(p.r.errmsg, "mismatched arches"));
	pair_free(&p);
}

static void
diverge_boot_arches_differ_error(void **state)
{
	static const char g[] = "#tdiff boot linux x86_64 6.1\n1 getpid() = 1\n",
			  k[] = "#tdiff boot kernel riscv64 0.1\n1 getpid() = 1\n";
	const char *given[][2] = {{NULL, "x86_64"}, {"x86_64", "x86_64"}, {"riscv64", "riscv64"}};
	struct pair p;

	(void)state;
	/* as the CLI loads them: the kernel's trace with the golden's arch,
	 * or both with the one given: the boot lines still differ */
	for (int i = 0; i < 3; i++) {
		memset(&p, 0, sizeof(p));
		load_str(&p.g, g, given[i][0]);
		load_str(&p.k, k, given[i][1]);
		p.o.name = "arch";
		assert_int_equal(td_compare(&p.g, &p.k, &p.o, &p.r), -1);
		assert_int_equal(td_result_status(&p.r), 2);
		assert_non_null(strstr(p.r.errmsg, "mismatched arches"));
		pair_free(&p);
	}
}

/* root_getppid: the raw return of the root task's first getppid */
static const char *
root_getppid(const struct td_trace *t)
{
	const struct td_task *root = &t->task[0];

	for (size_t i = 0; i < root->nev; i++)
		if (!strcmp(t->ev[root->ev[i]].name, "getppid"))
			return t->ev[root->ev[i]].ret;
	fail_msg("no getppid in the root task");
	return NULL;
}

static void
diverge_root_parent_equivalent(void **state)
{
	struct pair p;
	static const char *const other[] = {"ppid-b.trace", "ppid-d.trace"};

	(void)state;
	/* the root's parent is strace (another pid each run), or with
	 * strace -D the shell: outside the tree either way, so one symbol */
	for (int i = 0; i < 2; i++) {
		run_pair(&p, "ppid-a.trace", other[i]);
		assert_string_not_equal(root_getppid(&p.g), root_getppid(&p.k));
		assert_int_equal(p.r.ndiv, 0);
		assert_int_equal(td_result_status(&p.r), 0);
		pair_free(&p);
	}
}

static void
diverge_child_parent_wrong_found(void **state)
{
	struct pair p;
	const struct td_div *d;

	(void)state;
	/* strace made the child's second getppid answer the root's parent:
	 * a child's parent is a task of the tree (@1), never P0 */
	run_pair(&p, "ppid-a.trace", "ppid-child.trace");
	expect_first(&p, TD_C_RETVAL, "1.1", "getppid", "ppid-child.trace", "(INJECTED)", 0);
	d = &p.r.div[p.r.first];
	assert_int_equal(d->gline, find_line("ppid-a.trace", "getppid(", 2));
	assert_int_equal(p.r.ndiv, 1);
	pair_free(&p);
}

/* two children made one after the other: the same pid on Linux (reused
 * once the first was reaped), two pids in the kernel; lines as strace 6.1
 * prints them (the +++ line before the wait4 that reaps, SIGCHLD after) */
static const char reuse_a[] =
	"7741  execve(\"/tests/reuse\", [\"/tests/reuse\"], 0x7ffd8f3e9a48 /* 3 vars */) = 0\n"
	"7741  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x193cb650) = 7742\n"
	"7741  wait4(-1,  <unfinished ...>\n"
	"7742  getpid()                          = 7742\n"
	"7742  exit_group(1)                     = ?\n"
	"7742  +++ exited with 1 +++\n"
	"7741  <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 1}], 0, NULL) = 7742\n"
	"7741  --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=7742, si_uid=0, si_status=1, si_utime=0, si_stime=0} ---\n"
	"7741  clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x193cb650) = 7742\n"
	"7742  getpid()                          = 7742\n"
	"7742  kill(7741, SIGUSR1)               = 0\n"
	"7741  --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=7742, si_uid=0} ---\n"
	"7741  kill(7742, SIGTERM)               = 0\n"
	"7742  --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=7741, si_uid=0} ---\n"
	"7742  +++ killed by SIGTERM +++\n"
	"7741  --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=7742, si_uid=0, si_status=SIGTERM, si_utime=0, si_stime=0} ---\n"
	"7741  wait4(7742, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGTERM}], 0, NULL) = 7742\n"
	"7741  exit_group(0)                     = ?\n"
	"7741  +++ exited with 0 +++\n";

/* reuse_b: reuse_a with the second child's pid 7742 replaced by 7743 */
static char *
reuse_b(void)
{
	char *s = strdup(reuse_a), *p = s;

	for (int line = 1; *p; p++) {
		if (*p == '\n' && ++line)
			continue;
		if (line >= 9 && !strncmp(p, "7742", 4))
			p[3] = '3';
	}
	return s;
}

static void
diverge_pid_reuse_equivalent(void **state)
{
	struct pair p;
	char *b = reuse_b();

	(void)state;
	assert_non_null(strstr(b, "= 7743\n7743  getpid()"));
	run_mem(&p, reuse_a, b);
	assert_false(p.r.error);
	assert_int_equal(p.g.ntask, 3);
	assert_int_equal(p.r.ndiv, 0);
	pair_free(&p);
	run_mem(&p, b, reuse_a);
	assert_int_equal(p.r.ndiv, 0);
	pair_free(&p);
	free(b);
}

static void
diverge_pid_reuse_recorded_equivalent(void **state)
{
	struct pair p;

	(void)state;
	/* recorded: reuseprog's second child got the first's pid (set_tid)
	 * in reuse-a, the next pid in reuse-b */
	run_pair(&p, "reuse-a.trace", "reuse-b.trace");
	assert_int_equal(p.g.ntask, 3);
	assert_int_equal(p.g.task[1].pid, p.g.task[2].pid);
	assert_int_not_equal(p.k.task[1].pid, p.k.task[2].pid);
	assert_int_equal(p.r.ndiv, 0);
	assert_int_equal(td_result_status(&p.r), 0);
	pair_free(&p);
	run_pair(&p, "reuse-b.trace", "reuse-a.trace");
	assert_int_equal(p.r.ndiv, 0);
	pair_free(&p);
}

/* chain: n tasks deep, each forks the next and waits for it; the task at
 * depth `bad` exits 1, the others 0 */
static char *
chain(int n, long base, long step, int bad)
{
	struct td_sb sb = {0};

	for (long i = 1; i <= n; i++)
		td_sb_printf(&sb, "%ld fork() = %ld\n%ld getpid() = %ld\n", base + (i - 1) * step, base + i * step,
			     base + i * step, base + i * step);
	for (long i = n; i > 0; i--)
		td_sb_printf(&sb, "%ld exit_group(%d) = ?\n%ld +++ exited with %d +++\n%ld wait4(-1, NULL, 0, NULL) = %ld\n",
			     base + i * step, i == bad, base + i * step, i == bad, base + (i - 1) * step, base + i * step);
	td_sb_printf(&sb, "%ld exit_group(0) = ?\n%ld +++ exited with 0 +++\n", base, base);
	return sb.s;
}

static void
diverge_deep_chain_found(void **state)
{
	struct pair p;
	char *a = chain(2000, 100, 1, 0), *b = chain(2000, 5000, 3, 0), *c = chain(2000, 5000, 3, 1500);

	(void)state;
	run_mem(&p, a, b);
	assert_int_equal(p.r.ndiv, 0);
	assert_int_equal(p.r.ntd, 2001);
	pair_free(&p);
	run_mem(&p, a, c);
	assert_string_equal(first_div(&p.r)->task, p.g.task[1500].path);
	assert_string_equal(td_class_name(first_div(&p.r)->cls), "exit");
	assert_int_equal(p.r.ntd, 2001);
	pair_free(&p);
	free(a);
	free(b);
	free(c);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diverge_linux_vs_linux_success),
		cmocka_unit_test(diverge_wrong_errno_found),
		cmocka_unit_test(diverge_enosys_found),
		cmocka_unit_test(diverge_extra_call_found),
		cmocka_unit_test(diverge_missing_call_found),
		cmocka_unit_test(diverge_sigsegv_found),
		cmocka_unit_test(diverge_exit_status_found),
		cmocka_unit_test(diverge_stdout_found),
		cmocka_unit_test(diverge_hang_found),
		cmocka_unit_test(diverge_panic_found),
		cmocka_unit_test(diverge_tdiff_exit_found),
		cmocka_unit_test(diverge_bad_kernel_trace_classified),
		cmocka_unit_test(diverge_bad_golden_error),
		cmocka_unit_test(diverge_boot_arches_differ_error),
		cmocka_unit_test(diverge_root_parent_equivalent),
		cmocka_unit_test(diverge_child_parent_wrong_found),
		cmocka_unit_test(diverge_pid_reuse_equivalent),
		cmocka_unit_test(diverge_pid_reuse_recorded_equivalent),
		cmocka_unit_test(diverge_deep_chain_found),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("diverge.c tests", tests, NULL, NULL);
}
