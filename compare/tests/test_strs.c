/* test_strs.c: string arguments at the raw level (strs.c, and their line
 * in raw.c): the "#tdiff str" line and its parse errors, golden's decoded
 * .trace paired with its .raw, a string that differs named as an argument
 * divergence, abbreviated strings.  The fixture data/raw/real-ext-sys_write.*
 * is a real run: our kernel (tracer off) traced from outside by exttrace
 * (kernel-ext, x86_64) and golden/x86_64/sys_write.{raw,trace}. */
#include "check.h"

#include "lower.h"
#include "raw.h"
#include "strs.h"

static const char *bin, *tmp;

static int
setup(void **state)
{
	(void)state;
	bin = td_env("TD_BIN", "build/host/tracediff");
	tmp = td_env("TD_TMP", "/tmp/tracediff-test");
	return sh("mkdir -p %s", tmp);
}

/* edited: the fixture data/raw/NAME with its first FROM replaced by TO,
 * written to TD_TMP/OUT; returns that path */
static const char *
edited(const char *name, const char *from, const char *to, const char *out)
{
	char *buf, *at, *text;
	size_t len;
	const char *p;

	assert_int_equal(td_read_file(data_path(name, 2), &buf, &len), 0);
	assert_non_null(at = strstr(buf, from));
	text = td_xmalloc(len + strlen(to) + 1);
	snprintf(text, len + strlen(to) + 1, "%.*s%s%s", (int)(at - buf), buf, to, at + strlen(from));
	p = put_file(tmp, out, text);
	free(text);
	free(buf);
	return p;
}

/* ext_pair: golden sys_write (.raw with the .trace's strings) against the
 * kernel trace at kpath, at the raw level; *st: the pairing */
static void
ext_pair(struct pair *p, const char *kpath, struct td_strs_pairing *st)
{
	struct td_trace dec;

	memset(p, 0, sizeof(*p));
	assert_int_equal(td_load_any(&p->g, data_path("raw/real-ext-sys_write.raw", 0), "x86_64"), 0);
	assert_int_equal(td_load_any(&p->k, kpath, "x86_64"), 0);
	assert_int_equal(p->k.nerr, 0);
	assert_int_equal(td_trace_load(&dec, data_path("raw/real-ext-sys_write.trace", 1), "x86_64"), 0);
	td_strs_from_args(&dec);
	td_strs_pair(&p->g, &dec, st);
	td_trace_free(&dec);
	td_lower(&p->g, NULL);
	td_lower(&p->k, NULL);
	p->o.name = "sys_write";
	p->o.arch = "x86_64";
	p->o.context = 3;
	p->o.raw = 1;
	assert_int_equal(td_compare(&p->g, &p->k, &p->o, &p->r), 0);
}

static void
strs_scan_escapes_success(void **state)
{
	static const char text[] = "\"a\\n\\x25\\33\\0\\\"b\\\\\"...) = 3";
	struct td_sb b = {0};
	const char *why = NULL;
	size_t col;
	int cut;
	long used;

	(void)state;
	used = td_str_scan(text, strlen(text), &b, &cut, &why, &col);
	assert_int_equal(used, (long)strlen(text) - strlen(") = 3"));
	assert_int_equal(cut, 1);
	assert_int_equal(b.len, 8);
	assert_memory_equal(b.s, "a\n%\033\0\"b\\", 8);
	td_sb_reset(&b);
	assert_int_equal(td_str_scan("\"abc", 4, &b, &cut, &why, &col), -1);
	assert_string_equal(why, "the string has no closing quote");
	assert_int_equal(td_str_scan("\"a\\qb\"", 6, &b, &cut, &why, &col), -1);
	assert_int_equal(col, 2);
	td_sb_free(&b);
}

/* the real run: every string of both sides the same, a verdict of
 * equivalence, and the strings were there to compare */
static void
strs_real_run_success(void **state)
{
	struct pair p;
	struct td_strs_pairing st;

	(void)state;
	ext_pair(&p, data_path("raw/real-ext-sys_write.sys", 3), &st);
	assert_int_equal(st.paired, st.tasks);
	assert_true(st.strings >= 15);
	assert_true(p.k.nstr >= 15);
	assert_int_equal(td_result_status(&p.r), 0);
	pair_free(&p);
}

/* the same run with a write's buffer changed (same length): only the
 * string tells, and the divergence names the call, the argument and both */
static void
strs_mismatch_diverges(void **state)
{
	struct pair p;
	struct td_strs_pairing st;
	const struct td_div *d;

	(void)state;
	ext_pair(&p, edited("raw/real-ext-sys_write.sys", "\"write 0 bytes: 0\\n\"", "\"write 0 bytes: 9\\n\"",
			    "buf.sys"),
		 &st);
	d = first_div(&p.r);
	assert_non_null(d);
	assert_int_equal(d->cls, TD_C_ARG);
	assert_string_equal(d->syscall, "write");
	assert_string_equal(d->field, "buf");
	assert_string_equal(d->detail, "write: argument buf differs: Linux \"write 0 bytes: 0\\n\", kernel "
				       "\"write 0 bytes: 9\\n\"");
	pair_free(&p);
	/* a path: open's filename */
	ext_pair(&p, edited("raw/real-ext-sys_write.sys", "#tdiff str 2 0 \"f\"", "#tdiff str 2 0 \"g\"", "path.sys"),
		 &st);
	d = first_div(&p.r);
	assert_non_null(d);
	assert_int_equal(d->cls, TD_C_ARG);
	assert_string_equal(d->syscall, "open");
	assert_string_equal(d->field, "filename");
	assert_non_null(strstr(d->detail, "Linux \"f\", kernel \"g\""));
	pair_free(&p);
}

/* abbreviated strings compare as far as both show them */
static void
strs_abbreviated_success(void **state)
{
	struct td_trace a = {0}, b = {0};
	struct td_event *ea, *eb;
	const struct td_str *x, *y;

	(void)state;
	assert_int_equal(td_trace_load_mem(&a, "a.trace", "1 write(1, \"abc\"..., 6) = 6\n", 28, "x86_64"), 0);
	assert_int_equal(td_strs_from_args(&a), 1);
	ea = &a.ev[0];
	assert_int_equal(td_ev_str(ea)->cut, 1);
	put_file(tmp, "b.sys", "#tdiff str 1 1 \"abcdef\"\n#tdiff sys 1 1 1 1000 6 0 0 0 = 6\n");
	assert_int_equal(td_load_any(&b, put_file(tmp, "b.sys", "#tdiff str 1 1 \"abcdef\"\n"
							    "#tdiff sys 1 1 1 1000 6 0 0 0 = 6\n"),
				     "x86_64"),
			 0);
	eb = &b.ev[0];
	assert_int_equal(td_str_diff(ea, eb, &x, &y), -1);
	td_trace_free(&b);
	assert_int_equal(td_load_any(&b, put_file(tmp, "b.sys", "#tdiff str 1 1 \"abxdef\"\n"
							    "#tdiff sys 1 1 1 1000 6 0 0 0 = 6\n"),
				     "x86_64"),
			 0);
	eb = &b.ev[0];
	assert_int_equal(td_str_diff(ea, eb, &x, &y), 1);
	td_trace_free(&b);
	/* the whole of one shorter than what the other shows: they differ */
	assert_int_equal(td_load_any(&b, put_file(tmp, "b.sys", "#tdiff str 1 1 \"ab\"\n"
							    "#tdiff sys 1 1 1 1000 6 0 0 0 = 6\n"),
				     "x86_64"),
			 0);
	assert_int_equal(td_str_diff(ea, &b.ev[0], &x, &y), 1);
	td_trace_free(&b);
	td_trace_free(&a);
}

/* golden's .trace and .raw whose calls do not line up in a task: its
 * strings are left out (no false divergence), and the note says so */
static void
strs_unpaired_task_success(void **state)
{
	struct pair p;
	struct td_strs_pairing st;
	char *buf;
	size_t len;
	struct td_trace dec;
	const char *dpath;

	(void)state;
	/* golden's decoded trace without its mkdir: task 1 no longer lines up */
	assert_int_equal(td_read_file(data_path("raw/real-ext-sys_write.trace", 2), &buf, &len), 0);
	{
		char *at = strstr(buf, "mkdir(");
		char *nl;

		assert_non_null(at);
		while (at > buf && at[-1] != '\n')
			at--;
		nl = strchr(at, '\n');
		memmove(at, nl + 1, strlen(nl + 1) + 1);
	}
	dpath = put_file(tmp, "short.trace", buf);
	free(buf);
	memset(&p, 0, sizeof(p));
	assert_int_equal(td_load_any(&p.g, data_path("raw/real-ext-sys_write.raw", 0), "x86_64"), 0);
	assert_int_equal(td_trace_load(&dec, dpath, "x86_64"), 0);
	td_strs_from_args(&dec);
	td_strs_pair(&p.g, &dec, &st);
	td_trace_free(&dec);
	assert_int_equal(st.tasks, 1);
	assert_int_equal(st.paired, 0);
	assert_string_equal(st.skipped, "1");
	assert_int_equal(p.g.nstr, 0);
	td_trace_free(&p.g);
	/* the CLI: a changed buffer against a golden whose task does not line up
	 * is no divergence, and the note names the task */
	assert_int_equal(sh("cp %s %s/short.raw && %s %s/short.raw %s --arch x86_64 --json %s/short.json -q", data_path("raw/real-ext-sys_write.raw", 0), tmp, bin, tmp,
			    edited("raw/real-ext-sys_write.sys", "\"write 0 bytes: 0\\n\"", "\"write 0 bytes: 9\\n\"",
				   "buf2.sys"),
			    tmp),
			 0);
	assert_int_equal(sh("grep -q \"no strings in task 1 (golden's .trace and .raw calls do not line up)\" "
			    "%s/short.json",
			    tmp),
			 0);
	/* with golden's own .trace beside it: the divergence */
	assert_int_equal(sh("cp %s %s/whole.raw && cp %s %s/whole.trace && %s %s/whole.raw %s/buf2.sys --arch x86_64 "
			    "--tap -q >%s/whole.tap",
			    data_path("raw/real-ext-sys_write.raw", 0), tmp, data_path("raw/real-ext-sys_write.trace", 1),
			    tmp, bin, tmp, tmp, tmp),
			 1);
	assert_int_equal(sh("grep -q 'arg in write (task 1): write: argument buf differs' %s/whole.tap", tmp), 0);
}

static void
strs_malformed_line_error(void **state)
{
	static const struct {
		const char *text, *msg;
		uint32_t line;
		uint32_t col;
	} bad[] = {
		{"#tdiff str 5 1 abc\n#tdiff sys 5 1 1 2 3 0 0 0 = 3\n", "expected a quoted string", 1, 16},
		{"#tdiff str 5 6 \"abc\"\n#tdiff sys 5 1 1 2 3 0 0 0 = 3\n",
		 "expected the argument's index (0-5) after the task id", 1, 15},
		{"#tdiff sys 5 1 1 2 3 0 0 0 = 3\n#tdiff str 5 1 \"abc\n", "the string has no closing quote", 2, 20},
		{"#tdiff str 5 1 \"a\\qc\"\n#tdiff sys 5 1 1 2 3 0 0 0 = 3\n", "unknown escape in the string", 1, 18},
		{"#tdiff str 5 1 \"abc\" x\n#tdiff sys 5 1 1 2 3 0 0 0 = 3\n", "unexpected text after the string", 1,
		 21},
		{"#tdiff str x 1 \"abc\"\n", "expected the task id (decimal)", 1, 12},
		{"#tdiff sys 5 1 1 2 3 0 0 0 = 3\n#tdiff str 5 1 \"abc\"\n",
		 "'#tdiff str' is not followed by a call of its task", 2, 1},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct td_trace t;

		assert_int_equal(td_load_any(&t, put_file(tmp, "bad.sys", bad[i].text), "x86_64"), 0);
		assert_true(t.nerr >= 1);
		if (strcmp(t.err[0].msg, bad[i].msg) || t.err[0].line != bad[i].line || t.err[0].col != bad[i].col)
			fail_msg("case %zu: %u:%u '%s', not %u:%u '%s'", i, t.err[0].line, t.err[0].col, t.err[0].msg,
				 bad[i].line, bad[i].col, bad[i].msg);
		td_trace_free(&t);
	}
	/* on the command line: file, line and column */
	assert_int_equal(sh("printf '#tdiff sys 5 59 1 2 3 4 5 6 = 0\\n#tdiff str 5 1 \"abc\\n#tdiff sys 5 1 0 0 0 0 0 0 "
			    "= 5\\n#tdiff sys 5 39 0 0 0 0 0 0 = 5\\n#tdiff sys 5 39 0 0 0 0 0 0 = 5\\n' >%s/bad.trace && %s %s %s/bad.trace --no-siblings --arch x86_64 --json %s/bad.json -q",
			    tmp, bin, data_path("raw/golden.raw", 0), tmp, tmp),
			 1);
	assert_int_equal(sh("grep -q 'bad.trace:2:20: the string has no closing quote' %s/bad.json", tmp), 0);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strs_scan_escapes_success),
		cmocka_unit_test(strs_real_run_success),
		cmocka_unit_test(strs_mismatch_diverges),
		cmocka_unit_test(strs_abbreviated_success),
		cmocka_unit_test(strs_unpaired_task_success),
		cmocka_unit_test(strs_malformed_line_error),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("strs.c tests", tests, setup, NULL);
}
