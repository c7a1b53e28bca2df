/* test_raw.c: the raw level (raw.c, lower.c, rawtab.c) on real traces of
 * tests/progs/rawprog.c (data/raw, recorded by record-raw.sh): the raw
 * golden as `strace -f -X raw -e raw=all` prints it, the "#tdiff sys"
 * lines a kernel prints (rawtrace, behind a launcher shell) and ftrace
 * text; the classes a raw comparison names; malformed lines; the CLI's
 * level option, errors and reports. */
#include "check.h"
#include "expect.h"

#include "lower.h"
#include "raw.h"
#include "rawtab.h"

static const char *bin, *tmp;

static int
setup(void **state)
{
	(void)state;
	bin = td_env("TD_BIN", "build/host/tracediff");
	tmp = td_env("TD_TMP", "/tmp/tracediff-test");
	return sh("mkdir -p %s", tmp);
}

/* load_raw_arch: a fixture of data/raw (or a file, when name has a /), in
 * whatever form, read for arch and lowered */
static void
load_raw_arch(struct td_trace *t, const char *name, int slot, const char *arch)
{
	char n[256];

	snprintf(n, sizeof(n), "raw/%s", name);
	assert_int_equal(td_load_any(t, strchr(name, '/') ? name : data_path(n, slot), arch), 0);
	td_lower(t, NULL);
}

static void
load_raw(struct td_trace *t, const char *name, int slot)
{
	load_raw_arch(t, name, slot, "x86_64");
}

/* raw_pair_arch: golden against kernel (fixtures, as load_raw_arch) at the raw level */
static void
raw_pair_arch(struct pair *p, const char *golden, const char *kernel, const char *arch)
{
	memset(p, 0, sizeof(*p));
	load_raw_arch(&p->g, golden, 0, arch);
	load_raw_arch(&p->k, kernel, 1, arch);
	p->o.name = kernel;
	p->o.arch = arch;
	p->o.context = 3;
	p->o.raw = 1;
	assert_int_equal(td_compare(&p->g, &p->k, &p->o, &p->r), 0);
}

static void
raw_pair(struct pair *p, const char *golden, const char *kernel)
{
	raw_pair_arch(p, golden, kernel, "x86_64");
}

/* count_calls: events of trace t named name */
static int
count_calls(const struct td_trace *t, const char *name)
{
	int n = 0;

	for (size_t i = 0; i < t->nev; i++)
		n += t->ev[i].kind == TD_EV_CALL && !strcmp(t->ev[i].name, name);
	return n;
}

static void
raw_forms_detected_success(void **state)
{
	const struct {
		const char *file;
		int form;
	} f[] = {
		{"raw/golden.raw", TD_FORM_STRACE_RAW},
		{"raw/kernel.sys", TD_FORM_TDIFF},
		{"raw/ftrace.ftrace-format", TD_FORM_FTRACE},
		{"linux-a.trace", TD_FORM_STRACE},
		{"prec-raw.trace", TD_FORM_STRACE}, /* decoded but for one call */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		struct td_trace t;

		assert_int_equal(td_load_any(&t, data_path(f[i].file, 0), "x86_64"), 0);
		assert_int_equal(t.form, f[i].form);
		assert_int_equal(t.nerr, 0);
		td_trace_free(&t);
	}
}

/* each form parses into the same tree: 4 tasks, rawprog's calls, and the
 * launcher's records (before the test's execve, other tasks) dropped */
static void
raw_forms_parse_success(void **state)
{
	const char *files[] = {"golden.raw", "kernel.sys", "kernel-nosig.sys", "ftrace.ftrace-format"};

	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct td_trace t;

		load_raw(&t, files[i], 0);
		assert_int_equal(t.nerr, 0);
		assert_int_equal(t.ntask, 4);
		assert_int_equal(count_calls(&t, "execve"), 1); /* the launcher's sh is gone */
		assert_int_equal(count_calls(&t, "umask"), 1);
		assert_int_equal(count_calls(&t, "clone"), 3);
		assert_int_equal(count_calls(&t, "exit_group"), 4);
		assert_non_null(td_trace_task_by_path(&t, "1.2.1") >= 0 ? "" : NULL);
		assert_int_equal(t.task[td_trace_task_by_path(&t, "1.2.1")].status, 2);
		assert_int_equal(t.task[td_trace_task_by_path(&t, "1.2")].status, 1);
		td_trace_free(&t);
	}
}

/* the lowered openat: dirfd and flags compared, the path left out */
static void
raw_lower_openat_success(void **state)
{
	struct td_trace t;
	int seen = 0;

	(void)state;
	load_raw(&t, "kernel.sys", 0);
	for (size_t i = 0; i < t.nev; i++) {
		if (t.ev[i].kind != TD_EV_CALL || strcmp(t.ev[i].name, "openat") || !t.ev[i].err)
			continue;
		assert_string_equal(t.ev[i].norm, "-100, *, 0x80000, 0");
		assert_string_equal(t.ev[i].nret, "-1 ENOENT");
		seen = 1;
	}
	assert_true(seen);
	assert_true(t.args_compared > 0 && t.args_left_out > 0);
	td_trace_free(&t);
}

static void
raw_same_program_success(void **state)
{
	const char *kernels[] = {"golden-b.raw", "kernel.sys", "kernel-nosig.sys", "ftrace.ftrace-format",
				 "ptr.raw"};

	(void)state;
	for (size_t i = 0; i < sizeof(kernels) / sizeof(kernels[0]); i++) {
		struct pair p;

		raw_pair(&p, "golden.raw", kernels[i]);
		if (p.r.ndiv)
			fail_msg("%s: %s", kernels[i], p.r.div[p.r.first].detail);
		pair_free(&p);
	}
}

/* check_first: the headline of golden vs kernel */
static void
check_first(const char *golden, const char *kernel, enum td_class cls, const char *syscall, const char *task,
	    const char *field)
{
	struct pair p;
	const struct td_div *d;

	raw_pair(&p, golden, kernel);
	d = first_div(&p.r);
	assert_int_equal(d->cls, cls);
	assert_string_equal(d->syscall, syscall);
	assert_string_equal(d->task, task);
	if (field)
		assert_string_equal(d->field, field);
	pair_free(&p);
}

static void
raw_errno_diverges(void **state)
{
	(void)state;
	check_first("golden.raw", "errno.raw", TD_C_ERRNO, "openat", "1", "return");
}

static void
raw_missing_call_diverges(void **state)
{
	(void)state;
	check_first("golden.raw", "skip.raw", TD_C_MISSING, "umask", "1", NULL);
	check_first("skip.raw", "golden.raw", TD_C_EXTRA, "umask", "1", NULL);
}

static void
raw_int_arg_diverges(void **state)
{
	(void)state;
	check_first("golden.raw", "oflags.raw", TD_C_ARG, "openat", "1", "flags");
	check_first("golden.raw", "ftrace-oflags.ftrace-format", TD_C_ARG, "openat", "1", "flags");
}

static void
raw_exit_status_diverges(void **state)
{
	(void)state;
	check_first("golden.raw", "exit3.raw", TD_C_EXIT, "exit_group", "1", "error_code");
	check_first("golden.raw", "kernel-exit3.sys", TD_C_EXIT, "exit_group", "1", "error_code");
}

/* --- the real corpus: golden/x86_64/<test>.raw against our kernel's
 * kernel-raw run (build/x86_64/runs/kernel-raw/<test>.trace), copied as
 * data/raw/real-<test>.{raw,sys}; "-nokill": the kernel before it printed
 * "#tdiff killed|exited" lines; .ftrace: the target linux-ftrace's run
 * (build/x86_64/runs/linux-ftrace/<test>.trace, Linux untraced, with its
 * signal events) --- */

/* mutate: TD_TMP/out, the fixture data/raw/in with the sed program prog
 * applied (one real line changed: a real difference) */
static const char *
mutate(const char *in, const char *out, const char *prog)
{
	static char path[2][4096];
	static int slot;
	char n[256];
	char *p = path[slot++ & 1];

	snprintf(n, sizeof(n), "raw/%s", in);
	snprintf(p, 4096, "%s/%s", tmp, out);
	assert_int_equal(sh("sed -e '%s' %s >%s && ! cmp -s %s %s", prog, data_path(n, 2), p, data_path(n, 2), p),
			 0);
	return p;
}

/* event: the nth (0-based) call or signal of trace t named name */
static const struct td_event *
event(const struct td_trace *t, const char *name, int nth)
{
	for (size_t i = 0; i < t->nev; i++)
		if (!strcmp(t->ev[i].name, name) && nth-- == 0)
			return &t->ev[i];
	fail_msg("no %s in %s", name, t->path);
	return NULL;
}

/* at_line: the call of trace t that returned at line */
static const struct td_event *
at_line(const struct td_trace *t, uint32_t line)
{
	for (size_t i = 0; i < t->nev; i++)
		if (t->ev[i].kind == TD_EV_CALL && (t->ev[i].end_line ? t->ev[i].end_line : t->ev[i].line) == line)
			return &t->ev[i];
	fail_msg("no call returns at line %u of %s", line, t->path);
	return NULL;
}

/* every test of the real corpus matches (as it does at full level) */
static void
raw_real_corpus_success(void **state)
{
	static const char *const pairs[][2] = {
		{"real-sigaction_restart.raw", "real-sigaction_restart.sys"},
		{"real-sigsuspend.raw", "real-sigsuspend.sys"},
		{"real-segv_child.raw", "real-segv_child.sys"},
		{"real-sh_script.raw", "real-sh_script.sys"},
		{"real-robust_garbage.raw", "real-robust_garbage.sys"},
		{"real-kill_tgkill.raw", "real-kill_tgkill.sys"},
		{"real-robust_oom.raw", "real-robust_oom.sys"},
		{"real-robust_oom.raw", "real-robust_oom-nokill.sys"},
		{"real-vfork_exec.raw", "real-vfork_exec.sys"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct pair p;

		raw_pair(&p, pairs[i][0], pairs[i][1]);
		assert_int_equal(p.g.nerr, 0);
		assert_int_equal(p.k.nerr, 0);
		if (p.r.ndiv)
			fail_msg("%s: %s", pairs[i][1], p.r.div[p.r.first].detail);
		pair_free(&p);
	}
}

/* ERESTART*: strace -X raw prints "= -1 ERESTARTNOHAND (...)", the
 * kernel "= -514": both lower to "? ERESTARTNOHAND"; ERESTART_RESTARTBLOCK
 * (516) has its name; another errno in its place is a difference */
static void
raw_restart_errno_success(void **state)
{
	struct td_trace g, k;
	const struct td_div *d;
	struct pair p;

	(void)state;
	load_raw(&g, "real-sigsuspend.raw", 0);
	load_raw(&k, "real-sigsuspend.sys", 1);
	assert_string_equal(event(&g, "rt_sigsuspend", 0)->nret, "? ERESTARTNOHAND");
	assert_string_equal(event(&k, "rt_sigsuspend", 0)->nret, "? ERESTARTNOHAND");
	td_trace_free(&g);
	td_trace_free(&k);
	load_raw(&k, "real-sigaction_restart.sys", 1);
	assert_string_equal(at_line(&k, find_line("raw/real-sigaction_restart.sys", "= -516", 0))->nret,
			    "? ERESTART_RESTARTBLOCK");
	assert_string_equal(at_line(&k, find_line("raw/real-sigaction_restart.sys", "= -512", 0))->nret,
			    "? ERESTARTSYS");
	td_trace_free(&k);
	raw_pair(&p, "real-sigsuspend.raw", mutate("real-sigsuspend.sys", "eintr.sys", "0,/= -514$/s//= -4/"));
	d = first_div(&p.r);
	assert_int_equal(d->cls, TD_C_ERRNO);
	assert_string_equal(d->syscall, "rt_sigsuspend");
	assert_string_equal(d->task, "1");
	pair_free(&p);
}

/* rt_sigreturn's "return" is the restored register (Linux 0x130, a pid
 * of the interrupted wait4; the kernel 3): not compared, on either side */
static void
raw_sigreturn_not_compared_success(void **state)
{
	struct pair p;

	(void)state;
	raw_pair(&p, "real-sh_script.raw", "real-sh_script.sys");
	assert_int_equal(event(&p.g, "rt_sigreturn", 0)->ret_num, 0x130);
	assert_int_equal(event(&p.k, "rt_sigreturn", 0)->ret_num, 3);
	assert_string_equal(event(&p.g, "rt_sigreturn", 0)->nret, "*");
	assert_string_equal(event(&p.k, "rt_sigreturn", 0)->nret, "*");
	assert_int_equal(p.r.ndiv, 0);
	pair_free(&p);
}

/* syscall numbers as "%ld" prints them: 1000, 100000 (robust_garbage),
 * a negative one; a wrong answer to one is still a difference */
static void
raw_syscall_numbers_success(void **state)
{
	struct td_trace t;
	struct pair p;
	char path[4096];

	(void)state;
	load_raw(&t, "real-robust_garbage.sys", 0);
	assert_int_equal(t.nerr, 0);
	assert_string_equal(event(&t, "syscall_0x3e8", 0)->nret, "-1 ENOSYS");
	assert_string_equal(event(&t, "syscall_0x186a0", 0)->nret, "-1 ENOSYS");
	td_trace_free(&t);
	put_file(tmp, "neg.sys", "#tdiff sys 5 -1 0 0 0 0 0 0 = -38\n");
	snprintf(path, sizeof(path), "%s/neg.sys", tmp);
	load_raw(&t, path, 0);
	assert_int_equal(t.nerr, 0);
	assert_string_equal(event(&t, "syscall_0xffffffffffffffff", 0)->nret, "-1 ENOSYS");
	td_trace_free(&t);
	raw_pair(&p, "real-robust_garbage.raw",
		 mutate("real-robust_garbage.sys", "g.sys", "s/^\\(#tdiff sys 2 100000 .*\\) = -38$/\\1 = 0/"));
	assert_int_equal(first_div(&p.r)->cls, TD_C_RESULT);
	assert_string_equal(first_div(&p.r)->syscall, "syscall_0x186a0");
	pair_free(&p);
}

/* "#tdiff killed <tid> <signo>": SIGKILL shows no signal line, only the
 * kill; another signal is a difference; without any kill line the task
 * that stops says "killed?" */
static void
raw_killed_line_success(void **state)
{
	struct td_trace t;
	struct pair p;
	const struct td_div *d;
	int k;

	(void)state;
	load_raw(&t, "real-kill_tgkill.sys", 0);
	assert_false(t.no_kills);
	assert_true((k = td_trace_task_by_path(&t, "1.5")) >= 0);
	assert_int_equal(t.task[k].out, TD_OUT_KILLED);
	assert_string_equal(t.task[k].sig, "SIGKILL");
	assert_int_equal(t.task[td_trace_task_by_path(&t, "1")].out, TD_OUT_EXITED);
	td_trace_free(&t);
	raw_pair(&p, "real-kill_tgkill.raw",
		 mutate("real-kill_tgkill.sys", "k15.sys", "s/^#tdiff killed 7 9$/#tdiff killed 7 15/"));
	d = first_div(&p.r);
	assert_int_equal(d->cls, TD_C_SIGNAL);
	assert_string_equal(d->task, "1.5");
	pair_free(&p);
	raw_pair(&p, "real-kill_tgkill.raw", "real-kill_tgkill-nokill.sys");
	assert_true(p.k.no_kills);
	d = first_div(&p.r);
	assert_int_equal(d->cls, TD_C_SIGNAL);
	assert_string_equal(d->task, "1.5");
	assert_non_null(strstr(d->detail, "ended (its parent reaped it) after write"));
	assert_non_null(strstr(d->detail, "killed? (the kernel's raw trace has no '#tdiff killed' lines"));
	pair_free(&p);
}

/* killed_by: the signal that killed task path of t (NULL: not killed) */
static const char *
killed_by(const struct td_trace *t, const char *path)
{
	int k = td_trace_task_by_path(t, path);

	assert_true(k >= 0);
	return t->task[k].out == TD_OUT_KILLED ? t->task[k].sig : NULL;
}

/* ftrace's signal events, from real runs on Linux untraced (the target
 * linux-ftrace) against their real raw golden: a fatal signal without a
 * handler kills its task, though Linux shows the kill of SIGTERM, SIGUSR2
 * and SIGHUP as SIGKILL (the signal_generate queued before it names it);
 * a SIGKILL queued while the task was in a call leaves that call
 * unreturned, as strace sees it; a SIGKILL with nothing queued kills no
 * one; each changed is a difference again */
static void
raw_ftrace_signals_success(void **state)
{
	static const char *const pairs[][2] = {
		{"real-kill_tgkill.raw", "real-kill_tgkill.ftrace"},
		{"real-robust_oom.raw", "real-robust_oom.ftrace"},
		{"real-segv_child.raw", "real-segv_child.ftrace"},
		{"real-sigchld_handler.raw", "real-sigchld_handler.ftrace"},
	};
	struct td_trace t;
	struct pair p;
	const struct td_div *d;

	(void)state;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		raw_pair(&p, pairs[i][0], pairs[i][1]);
		assert_int_equal(p.k.nerr, 0);
		assert_false(p.k.no_kills);
		if (p.r.ndiv)
			fail_msg("%s: %s", pairs[i][1], p.r.div[p.r.first].detail);
		pair_free(&p);
	}
	load_raw(&t, "real-kill_tgkill.ftrace", 0);
	assert_string_equal(killed_by(&t, "1.1"), "SIGTERM");
	assert_string_equal(killed_by(&t, "1.2"), "SIGUSR2");
	assert_string_equal(killed_by(&t, "1.3"), "SIGHUP");
	assert_string_equal(killed_by(&t, "1.4"), "SIGTERM");
	assert_string_equal(killed_by(&t, "1.5"), "SIGKILL");
	assert_null(killed_by(&t, "1"));
	td_trace_free(&t);
	load_raw(&t, "real-sigchld_handler.ftrace", 0);
	assert_string_equal(at_line(&t, find_line("raw/real-sigchld_handler.ftrace", "sys_enter: NR 62 (19, 9,", 0))->nret,
			    "?");
	td_trace_free(&t);
	/* the comm before pid= may hold anything */
	raw_pair(&p, "real-kill_tgkill.raw",
		 mutate("real-kill_tgkill.ftrace", "comm.ftrace", "s/comm=kill_tgkill pid=24 /comm=a pid=7 pid=24 /"));
	assert_int_equal(p.r.ndiv, 0);
	pair_free(&p);
	raw_pair(&p, "real-kill_tgkill.raw",
		 mutate("real-kill_tgkill.ftrace", "usr2.ftrace", "s/sig=15 \\(.* pid=24 \\)/sig=12 \\1/"));
	d = first_div(&p.r);
	assert_int_equal(d->cls, TD_C_SIGNAL);
	assert_string_equal(d->task, "1.1");
	pair_free(&p);
	raw_pair(&p, "real-kill_tgkill.raw", mutate("real-kill_tgkill.ftrace", "nosig.ftrace", "/signal_/d"));
	assert_true(p.k.no_kills);
	d = first_div(&p.r);
	assert_int_equal(d->cls, TD_C_SIGNAL);
	assert_non_null(strstr(d->detail, "killed?"));
	pair_free(&p);
	/* the SIGKILL queued after kill returned: strace would see 0 */
	raw_pair(&p, "real-sigchld_handler.raw",
		 mutate("real-sigchld_handler.ftrace", "late.ftrace", "/signal_generate: sig=9 /{h;d};/sys_exit: NR 62 = 0/G"));
	d = first_div(&p.r);
	assert_int_equal(d->cls, TD_C_RETVAL);
	assert_string_equal(d->syscall, "kill");
	pair_free(&p);
	/* SIGKILL with nothing queued for the task: no kill of it */
	load_raw(&t, mutate("real-robust_oom.ftrace", "nogen.ftrace", "/signal_generate: sig=9 /d"), 0);
	assert_null(killed_by(&t, "1.1"));
	td_trace_free(&t);
	raw_pair(&p, "real-segv_child.raw",
		 mutate("real-segv_child.ftrace", "bus.ftrace", "s/signal_deliver: sig=11 /signal_deliver: sig=7 /"));
	d = first_div(&p.r);
	assert_int_equal(d->cls, TD_C_SIGNAL);
	assert_string_equal(d->task, "1.1");
	pair_free(&p);
}

/* robust_oom: "#tdiff fault ... sig=SIGKILL" ends the task though the
 * trace has signal lines (SIGKILL has none); without the fault it is the
 * task that stops */
static void
raw_fault_sigkill_success(void **state)
{
	struct pair p;
	const struct td_div *d;

	(void)state;
	raw_pair(&p, "real-robust_oom.raw", "real-robust_oom-nokill.sys");
	assert_false(p.k.no_signals);
	assert_int_equal(p.k.task[td_trace_task_by_path(&p.k, "1.1")].out, TD_OUT_KILLED);
	pair_free(&p);
	raw_pair(&p, "real-robust_oom.raw", mutate("real-robust_oom-nokill.sys", "nofault.sys", "/^#tdiff fault/d"));
	d = first_div(&p.r);
	assert_int_equal(d->cls, TD_C_SIGNAL);
	assert_string_equal(d->task, "1.1");
	assert_non_null(strstr(d->detail, "killed?"));
	pair_free(&p);
}

/* vfork: the child's records come before its parent's clone line; the
 * child is 1.1 all the same (not a task of its own, "x1"), so a wrong
 * exit status of it is reported there */
static void
raw_vfork_child_success(void **state)
{
	struct td_trace t;
	struct pair p;
	const struct td_div *d;
	int k;

	(void)state;
	load_raw(&t, "real-vfork_exec.sys", 0);
	assert_int_equal(t.nerr, 0);
	assert_int_equal(t.ntask, 4);
	assert_true((k = td_trace_task_by_path(&t, "1.1")) >= 0);
	assert_int_equal(t.task[k].status, 3);
	assert_string_equal(t.ev[t.task[k].ev[0]].name, "nanosleep");
	td_trace_free(&t);
	raw_pair(&p, "real-vfork_exec.raw",
		 mutate("real-vfork_exec.sys", "v4.sys",
			"s/^#tdiff sysenter 3 60 3 /#tdiff sysenter 3 60 4 /; s/^#tdiff exited 3 3$/#tdiff exited 3 4/"));
	d = first_div(&p.r);
	assert_int_equal(d->cls, TD_C_EXIT);
	assert_string_equal(d->task, "1.1");
	pair_free(&p);
}

/* a foreign kernel's boot before "#tdiff start" (its init's own calls) and
 * an execve that returns argc, as xv6's does: the test starts at that
 * execve all the same, and the execve's result is the divergence, not a
 * boot call; with no execve at all the boot is still left out */
static void
raw_start_execve_result_diverges(void **state)
{
	struct pair p;
	const struct td_div *d;

	(void)state;
	raw_pair(&p, "real-sigsuspend.raw",
		 mutate("real-sigsuspend.sys", "argc.sys",
			"/^#tdiff start/i #tdiff sys 1 16 0 0 0 0 0 0 = -1\n#tdiff sys 1 220 11 0 0 0 0 0 = 2\n"
			"s/^\\(#tdiff sys 2 59 .*\\) = 0$/\\1 = 1/"));
	d = first_div(&p.r);
	assert_int_equal(d->cls, TD_C_RETVAL); /* "execve returned 0 on Linux, 1 in the kernel" */
	assert_string_equal(d->syscall, "execve");
	assert_string_equal(d->task, "1");
	pair_free(&p);
	raw_pair(&p, "real-sigsuspend.raw",
		 mutate("real-sigsuspend.sys", "noexec.sys",
			"/^#tdiff start/i #tdiff sys 1 16 0 0 0 0 0 0 = -1\n"
			"/^#tdiff sys 2 59 /d"));
	d = first_div(&p.r);
	assert_int_equal(d->cls, TD_C_MISSING);
	assert_string_equal(d->syscall, "execve");
	assert_null(strstr(d->detail, "ioctl")); /* 16: the boot's call, left out */
	pair_free(&p);
}

/* a kernel that maps page 0 (xv6-k210's): the child's NULL write does not
 * fault, and the child exits where Linux's was killed by SIGSEGV.  Its
 * raw trace has no signal lines.  The divergence is the child's missing
 * death, not the parent's later write of another message */
static void
raw_killed_child_lives_diverges(void **state)
{
	struct pair p;
	const struct td_div *d;

	(void)state;
	raw_pair(&p, "real-segv_child.raw",
		 mutate("real-segv_child.sys", "nosegv.sys",
			"/^#tdiff \\(fault\\|signal\\|exited\\) /d; "
			"s/^#tdiff killed 3 11$/#tdiff sysenter 3 231 0 0 0 0 0 0/; "
			"s/ 2c 0 0 0 = 44$/ 28 0 0 0 = 40/"));
	d = first_div(&p.r);
	assert_int_equal(d->cls, TD_C_SIGNAL);
	assert_string_equal(d->syscall, "SIGSEGV");
	assert_string_equal(d->task, "1.1");
	assert_non_null(strstr(d->detail, "went on with exit_group"));
	pair_free(&p);
}

/* a kernel nobody here wrote: limingqihust/xv6-k210 (riscv64, FAT32 image,
 * one printf in its dispatcher), running sys_getpid until it panicked in
 * mmap; data/raw/xv6-sys_getpid.sys is that run's trace as the harness
 * split it from the console, .raw the golden.  The boot's calls before
 * "#tdiff start" are left out, the first divergence is its missing
 * set_tid_address, and the task's end names the call after its last one
 * (mmap), not the first of a later run of rows (a write) */
/* riscv64_pair: data/raw/NAME.raw against NAME.sys, both riscv64 */
static void
riscv64_pair(struct pair *p, const char *name)
{
	char g[128], k[128];

	snprintf(g, sizeof(g), "%s.raw", name);
	snprintf(k, sizeof(k), "%s.sys", name);
	raw_pair_arch(p, g, k, "riscv64");
}

/* apply_expected: the expected-divergence file TEXT (written as TD_TMP/NAME) on p's result */
static void
apply_expected(struct pair *p, const char *name, const char *text)
{
	char path[4096];

	put_file(tmp, name, text);
	snprintf(path, sizeof(path), "%s/%s", tmp, name);
	assert_int_equal(td_expect_apply(&p->r, path), 0);
}

static void
raw_foreign_kernel_tail_success(void **state)
{
	struct pair p;
	const struct td_div *d = NULL;

	(void)state;
	riscv64_pair(&p, "xv6-sys_getpid");
	d = first_div(&p.r);
	assert_int_equal(d->cls, TD_C_RESULT);
	assert_string_equal(d->syscall, "set_tid_address");
	/* its dispatcher's bare -1 for a call it does not know: the hint */
	assert_non_null(strstr(d->detail, "ENOSYS, is Linux's answer to an unknown call"));
	d = NULL;
	for (size_t i = 0; i < p.r.ndiv; i++)
		if (p.r.div[i].cls == TD_C_HANG && !strcmp(p.r.div[i].task, "1"))
			d = &p.r.div[i];
	assert_non_null(d);
	if (!strstr(d->detail, "went on with mmap"))
		fail_msg("task 1's end: %s", d->detail);
	pair_free(&p);
}

/* the same kernel on segv_child: page 0 is mapped, the child's NULL write
 * does not fault, and it goes on with gettid, rt_sigprocmask and an
 * exit_group that returns -1 (not implemented) before exit.  Those calls
 * fail one after another, one run of rows; Linux's child was killed after
 * its last rt_sigprocmask.  The child's living on is a divergence of its
 * own, and once the missing calls are listed as expected it leads, not
 * the parent's later message of another length */
static void
raw_foreign_killed_child_diverges(void **state)
{
	struct pair p;
	const struct td_div *d = NULL;

	(void)state;
	riscv64_pair(&p, "xv6-segv_child");
	for (size_t i = 0; i < p.r.ndiv; i++)
		if (p.r.div[i].cls == TD_C_SIGNAL && !strcmp(p.r.div[i].task, "1.1"))
			d = &p.r.div[i];
	assert_non_null(d);
	assert_string_equal(d->syscall, "SIGSEGV");
	assert_non_null(strstr(d->detail, "went on with exit_group"));
	apply_expected(&p, "xv6.expected", "* riscv64 * set_tid_address * # not implemented\n"
					   "* riscv64 * gettid * # not implemented\n"
					   "* riscv64 * rt_sigprocmask * # not implemented\n"
					   "* riscv64 * exit_group * # not implemented\n");
	d = &p.r.div[td_first_unexpected(&p.r)];
	assert_false(d->expected);
	assert_int_equal(d->cls, TD_C_SIGNAL);
	assert_string_equal(d->task, "1.1");
	pair_free(&p);
}

/* its brk(addr) answers 0 where Linux's returns the new break, addr: at
 * the raw level a pointer result is left out but for its relations (NULL,
 * equal to an argument), and that is the divergence the test's later
 * message of another length only echoes */
static void
raw_foreign_brk_relation_diverges(void **state)
{
	struct pair p;
	const struct td_div *d;

	(void)state;
	riscv64_pair(&p, "xv6-sys_brk");
	apply_expected(&p, "xv6b.expected", "* riscv64 * set_tid_address * # not implemented\n"
					    "* riscv64 * rt_sigprocmask * # not implemented\n");
	d = &p.r.div[td_first_unexpected(&p.r)];
	assert_int_equal(d->cls, TD_C_RETVAL);
	assert_string_equal(d->syscall, "brk");
	if (!strstr(d->detail, "returned its argument brk on Linux, 0 in the kernel"))
		fail_msg("brk: %s", d->detail);
	pair_free(&p);
}

static void
raw_malformed_line_error(void **state)
{
	static const struct {
		const char *text, *msg;
		uint32_t line;
	} bad[] = {
		{"#tdiff start t\n#tdiff sys 5 59 1 2 3 4 5 6 = 0\n#tdiff sys 5 39 1 2 3 = 5\n",
		 "expected 6 arguments (hexadecimal) before '='", 3},
		{"#tdiff sys 5 59 1 2 3 4 5 6 = 0\n\n#tdiff sys x 39 0 0 0 0 0 0 = 5\n", "expected the task id (decimal)",
		 3},
		{"#tdiff sys 5 59 1 2 3 4 5 6 = zz\n", "expected the return value (signed decimal, or 0x hex)", 1},
		{"#tdiff sys 5 59 1 2 3 4 5 6 = 0\nhello\n", "not a raw trace line", 2},
		{"#tdiff signal 5 99\n", "expected a signal number (1-31) after the task id", 1},
		{"# tracer: nop\n  sh-12  [000] ..... 1.0: sys_enter: NR 59 (1, 2, 3)\n",
		 "expected ',' between the arguments of sys_enter", 2},
		{"# tracer: nop\n  sh-12  [000] ..... 1.0: sys_exit: NR 59 = \nCPU:0 [LOST 3 EVENTS]\n",
		 "expected the return value (signed decimal) in sys_exit", 2},
		{"# tracer: nop\nCPU:0 [LOST 3 EVENTS]\n", "ftrace lost events here", 2},
		{"#tdiff sys 5 99999999999999999999 0 0 0 0 0 0 = -38\n", "expected the syscall number (decimal)", 1},
		{"#tdiff sys 5 1 10000000000000000 0 0 0 0 0 = 0\n", "expected an argument (hexadecimal)", 1},
		{"#tdiff killed 5 0\n", "expected a signal number (1-31) after the task id", 1},
		{"#tdiff exited 5 256\n", "expected an exit code (0-255) after the task id", 1},
		{"# tracer: nop\n  sh-12  [000] d.... 1.0: signal_deliver: sig=9 errno=0 code=0 sa_handler=zz "
		 "sa_flags=0\n",
		 "expected 'sa_handler=<hex>' in signal_deliver", 2},
		{"# tracer: nop\n  sh-12  [000] d.... 1.0: signal_generate: sig=9 errno=0 code=0 comm=sh\n",
		 "expected 'pid=<number>' in signal_generate", 2},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct td_trace t;
		char path[4096];

		put_file(tmp, "bad.raw", bad[i].text);
		snprintf(path, sizeof(path), "%s/bad.raw", tmp);
		assert_int_equal(td_load_any(&t, path, "x86_64"), 0);
		assert_true(t.nerr >= 1);
		assert_int_equal(t.err[0].line, bad[i].line);
		if (strncmp(t.err[0].msg, bad[i].msg, strlen(bad[i].msg)))
			fail_msg("case %zu: '%s', not '%s'", i, t.err[0].msg, bad[i].msg);
		td_trace_free(&t);
	}
	/* on the command line: file and line */
	assert_int_equal(sh("printf '#tdiff sys 5 59 1 2 3 4 5 6 = 0\\nhello\\n#tdiff sys 5 39 0 0 0 0 0 0 = 5\\n"
			    "#tdiff sys 5 39 0 0 0 0 0 0 = 5\\n#tdiff sys 5 39 0 0 0 0 0 0 = 5\\n' >%s/bad.trace && "
			    "%s %s/raw/golden.raw %s/bad.trace --no-siblings --arch x86_64 --json %s/bad.json -q",
			    tmp, bin, td_env("TD_DATA", "compare/tests/data"), tmp, tmp),
			 1);
	assert_int_equal(sh("grep -q 'bad.trace:2:1: not a raw trace line' %s/bad.json", tmp), 0);
}

/* the table: counts and kinds from syscalls.h, the per-arch clone order */
static void
raw_table_success(void **state)
{
	const struct td_rawrow *o = td_raw_row("x86_64", "openat"), *cx = td_raw_row("x86_64", "clone"),
			       *cr = td_raw_row("riscv64", "clone"), *b = td_raw_row("riscv64", "brk");

	(void)state;
	assert_non_null(o);
	assert_int_equal(o->nargs, 4);
	assert_int_equal(o->arg[1].kind, 's'); /* a path: const char * */
	assert_int_equal(o->arg[2].kind, 'i');
	assert_int_equal(td_raw_row("riscv64", "write")->arg[1].kind, 'b');
	assert_int_equal(td_raw_row("x86_64", "read")->arg[1].kind, 'p');
	assert_int_equal(td_raw_row("x86_64", "mount")->arg[2].kind, 's');
	assert_string_equal(cx->arg[3].name, "child_tid");
	assert_string_equal(cr->arg[3].name, "tls");
	assert_int_equal(cr->arg[3].kind, 'a');
	assert_int_equal(b->ret, 'p');
	assert_int_equal(td_raw_row("x86_64", "wait4")->ret, 't');
	assert_null(td_raw_row("riscv64", "arch_prctl"));
	assert_string_equal(td_errno_name(2), "ENOENT");
	assert_string_equal(td_errno_name(512), "ERESTARTSYS");
	assert_string_equal(td_errno_name(516), "ERESTART_RESTARTBLOCK");
	assert_int_equal(td_raw_row("x86_64", "rt_sigreturn")->ret, 'n');
	assert_string_equal(td_signal_name(17), "SIGCHLD");
}

static void
raw_cli_levels_success(void **state)
{
	const char *d = td_env("TD_DATA", "compare/tests/data");

	(void)state;
	/* a raw kernel trace against a decoded golden: the clear error */
	assert_int_equal(sh("%s %s/linux-a.trace %s/raw/kernel.sys --no-siblings --tap >%s/out 2>%s/err", bin, d, d,
			    tmp, tmp),
			 2);
	assert_int_equal(sh("grep -q 'raw trace needs the raw golden .*linux-a.raw' %s/err", tmp), 0);
	assert_int_equal(sh("grep -q '^not ok - kernel.sys .*error: raw trace needs the raw golden' %s/out", tmp), 0);
	/* --level full on a raw trace */
	assert_int_equal(sh("%s %s/raw/golden.raw %s/raw/golden-b.raw --no-siblings --level full -q 2>%s/err", bin,
			    d, d, tmp),
			 2);
	assert_int_equal(sh("grep -q 'can be compared at raw level only' %s/err", tmp), 0);
	/* every report says the level */
	assert_int_equal(sh("%s %s/raw/golden.raw %s/raw/kernel.sys --no-siblings --tap --json %s/l.json "
			    "--text %s/l.txt --html %s/l.html >%s/out",
			    bin, d, d, tmp, tmp, tmp, tmp),
			 0);
	assert_int_equal(sh("grep -q '^ok - kernel.sys \\[x86_64\\] (raw level)$' %s/out", tmp), 0);
	assert_int_equal(sh("grep -q '\"level\": \"raw\"' %s/l.json", tmp), 0);
	assert_int_equal(sh("grep -q '\"form\": \"#tdiff sys\"' %s/l.json", tmp), 0);
	assert_int_equal(sh("grep -q '^level: raw$' %s/l.txt", tmp), 0);
	assert_int_equal(sh("grep -q '<p>level: raw' %s/l.html", tmp), 0);
	/* two decoded traces lowered with --level raw; full by default */
	assert_int_equal(sh("%s %s/linux-a.trace %s/linux-b.trace --no-siblings --level raw --json %s/d.json -q", bin,
			    d, d, tmp),
			 0);
	assert_int_equal(sh("grep -q '\"level\": \"raw\"' %s/d.json", tmp), 0);
	assert_int_equal(sh("%s %s/linux-a.trace %s/errno.trace --no-siblings --level raw --tap", bin, d, d), 1);
	assert_int_equal(sh("%s %s/linux-a.trace %s/linux-b.trace --no-siblings --json %s/f.json -q", bin, d, d, tmp),
			 0);
	assert_int_equal(sh("grep -q '\"level\": \"full\"' %s/f.json", tmp), 0);
	/* the arch of a #tdiff sys trace: from the golden's names when not given */
	assert_int_equal(sh("%s %s/raw/golden.raw %s/raw/kernel.sys --no-siblings -q", bin, d, d), 0);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(raw_forms_detected_success),
		cmocka_unit_test(raw_forms_parse_success),
		cmocka_unit_test(raw_lower_openat_success),
		cmocka_unit_test(raw_same_program_success),
		cmocka_unit_test(raw_errno_diverges),
		cmocka_unit_test(raw_missing_call_diverges),
		cmocka_unit_test(raw_int_arg_diverges),
		cmocka_unit_test(raw_exit_status_diverges),
		cmocka_unit_test(raw_real_corpus_success),
		cmocka_unit_test(raw_restart_errno_success),
		cmocka_unit_test(raw_sigreturn_not_compared_success),
		cmocka_unit_test(raw_syscall_numbers_success),
		cmocka_unit_test(raw_killed_line_success),
		cmocka_unit_test(raw_fault_sigkill_success),
		cmocka_unit_test(raw_ftrace_signals_success),
		cmocka_unit_test(raw_vfork_child_success),
		cmocka_unit_test(raw_start_execve_result_diverges),
		cmocka_unit_test(raw_killed_child_lives_diverges),
		cmocka_unit_test(raw_foreign_kernel_tail_success),
		cmocka_unit_test(raw_foreign_killed_child_diverges),
		cmocka_unit_test(raw_foreign_brk_relation_diverges),
		cmocka_unit_test(raw_malformed_line_error),
		cmocka_unit_test(raw_table_success),
		cmocka_unit_test(raw_cli_levels_success),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("raw.c, lower.c, rawtab.c tests", tests, setup, NULL);
}
