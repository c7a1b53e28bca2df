/* test_raw.c: the raw level (raw.c, lower.c, rawtab.c) on real traces of
 * tests/progs/rawprog.c (data/raw, recorded by record-raw.sh): the raw
 * golden as `strace -f -X raw -e raw=all` prints it, the "#tdiff sys"
 * lines a kernel prints (rawtrace, behind a launcher shell) and ftrace
 * text; the classes a raw comparison names; malformed lines; the CLI's
 * level option, errors and reports. */
#include "check.h"

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

/* load_raw: a fixture of data/raw, in whatever form, lowered */
static void
load_raw(struct td_trace *t, const char *name, int slot)
{
	char n[256];

	snprintf(n, sizeof(n), "raw/%s", name);
	assert_int_equal(td_load_any(t, data_path(n, slot), "x86_64"), 0);
	td_lower(t, NULL);
}

static void
raw_pair(struct pair *p, const char *golden, const char *kernel)
{
	memset(p, 0, sizeof(*p));
	load_raw(&p->g, golden, 0);
	load_raw(&p->k, kernel, 1);
	p->o.name = kernel;
	p->o.arch = "x86_64";
	p->o.context = 3;
	p->o.raw = 1;
	assert_int_equal(td_compare(&p->g, &p->k, &p->o, &p->r), 0);
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

/* write TEXT into TD_TMP/NAME */
static void
put_file(const char *name, const char *text)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmp, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
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
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct td_trace t;
		char path[4096];

		put_file("bad.raw", bad[i].text);
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
	assert_int_equal(o->arg[1].kind, 'p');
	assert_int_equal(o->arg[2].kind, 'i');
	assert_string_equal(cx->arg[3].name, "child_tid");
	assert_string_equal(cr->arg[3].name, "tls");
	assert_int_equal(cr->arg[3].kind, 'a');
	assert_int_equal(b->ret, 'p');
	assert_int_equal(td_raw_row("x86_64", "wait4")->ret, 't');
	assert_null(td_raw_row("riscv64", "arch_prctl"));
	assert_string_equal(td_errno_name(2), "ENOENT");
	assert_string_equal(td_errno_name(512), "ERESTARTSYS");
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
		cmocka_unit_test(raw_malformed_line_error),
		cmocka_unit_test(raw_table_success),
		cmocka_unit_test(raw_cli_levels_success),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("raw.c, lower.c, rawtab.c tests", tests, setup, NULL);
}
