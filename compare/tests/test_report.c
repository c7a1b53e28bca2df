/* test_report.c: JSON (parsed back), HTML, TAP, JUnit, and the CLI end to
 * end (exit statuses and the files --report-dir writes). */
#include "check.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include "report.h"

/* a small JSON syntax checker: returns the end of the value or NULL */
static const char *json_value(const char *p);

static const char *
ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *
json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	for (; *p && *p != '"'; p++) {
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
						return NULL;
				p += 4;
			} else if (!strchr("\"\\/bfnrt", *p) || !*p) {
				return NULL;
			}
		}
	}
	return *p == '"' ? p + 1 : NULL;
}

static const char *
json_value(const char *p)
{
	p = ws(p);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		int obj = *p == '{';

		p = ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (obj) {
				if (!(p = json_string(ws(p))))
					return NULL;
				p = ws(p);
				if (*p++ != ':')
					return NULL;
			}
			if (!(p = json_value(p)))
				return NULL;
			p = ws(p);
			if (*p == ',') {
				p++;
				continue;
			}
			return *p == close ? p + 1 : NULL;
		}
	}
	if (*p == '"')
		return json_string(p);
	if (!strncmp(p, "true", 4) || !strncmp(p, "null", 4))
		return p + 4;
	if (!strncmp(p, "false", 5))
		return p + 5;
	if (*p == '-' || (*p >= '0' && *p <= '9')) {
		p++;
		while ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == '-')
			p++;
		return p;
	}
	return NULL;
}

static void
assert_json(const char *s)
{
	const char *e = json_value(s);

	assert_non_null(e);
	assert_int_equal(*ws(e), 0);
}

struct cmp {
	struct td_trace g, k;
	struct td_opts o;
	struct td_result r;
};

static void
cmp_run(struct cmp *c, const char *golden, const char *kernel)
{
	memset(c, 0, sizeof(*c));
	load_data(&c->g, golden, 0);
	load_data(&c->k, kernel, 1);
	c->o.name = "t";
	c->o.arch = "x86_64";
	c->o.context = 3;
	assert_int_equal(td_compare(&c->g, &c->k, &c->o, &c->r), 0);
}

static void
cmp_free(struct cmp *c)
{
	td_result_free(&c->r);
	td_trace_free(&c->g);
	td_trace_free(&c->k);
}

static void
report_json_valid_success(void **state)
{
	static const char *const kernels[] = {"linux-b.trace", "errno.trace", "segv.trace", "hang.trace",
					      "msg.trace"};
	struct td_sb sb = {0};
	struct cmp c;

	(void)state;
	for (size_t i = 0; i < sizeof(kernels) / sizeof(kernels[0]); i++) {
		cmp_run(&c, "linux-a.trace", kernels[i]);
		td_sb_reset(&sb);
		td_report_json(&c.r, &sb);
		assert_json(sb.s);
		assert_non_null(strstr(sb.s, "\"schema\": \"tracediff/1\""));
		if (i == 0)
			assert_non_null(strstr(sb.s, "\"verdict\": \"equivalent\""));
		if (i == 1) {
			assert_non_null(strstr(sb.s, "\"class\": \"errno\""));
			assert_non_null(strstr(sb.s, "\"first\": 0"));
			assert_non_null(strstr(sb.s, "\"at\": true"));
		}
		cmp_free(&c);
	}
	td_sb_free(&sb);
}

static void
report_html_success(void **state)
{
	struct td_sb sb = {0};
	struct cmp c;

	(void)state;
	cmp_run(&c, "linux-a.trace", "errno.trace");
	td_report_html(&c.r, &sb);
	assert_non_null(strstr(sb.s, "<!DOCTYPE html>"));
	assert_non_null(strstr(sb.s, "class=\"diff first\" id=\"first\""));
	assert_non_null(strstr(sb.s, "id=\"task-1.2\""));
	assert_null(strstr(sb.s, "<script")); /* self-contained, no scripts or links */
	assert_null(strstr(sb.s, "href=\"http"));
	td_sb_free(&sb);
	cmp_free(&c);
}

/* utf8_ok: s is valid UTF-8 without C0/C1 controls but \n and \t */
static int
utf8_ok(const unsigned char *s)
{
	while (*s) {
		int n = *s < 0x80 ? 1 : (*s & 0xe0) == 0xc0 ? 2 : (*s & 0xf0) == 0xe0 ? 3 : (*s & 0xf8) == 0xf0 ? 4 : 0;
		unsigned cp;

		if (!n || (*s < 0x20 && *s != '\n' && *s != '\t') || *s == 0x7f)
			return 0;
		cp = n == 1 ? *s : *s & (0x7f >> n);
		for (int i = 1; i < n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i] & 0x3f);
		}
		if ((n > 1 && cp < (n == 2 ? 0xa0u : n == 3 ? 0x800u : 0x10000u)) || (cp >= 0xd800 && cp < 0xe000) ||
		    cp > 0x10ffff)
			return 0;
		s += n;
	}
	return 1;
}

static void
report_html_invalid_utf8_escaped(void **state)
{
	struct td_sb sb = {0};
	struct cmp c;

	(void)state;
	memset(&c, 0, sizeof(c));
	/* bytes a kernel may print raw: café, a stray \xff, a cut sequence,
	 * an overlong '/', a surrogate, a C1 control, DEL */
	load_str(&c.g, "1 write(1, \"caf\xc3\xa9\", 5) = 5\n1 exit_group(0) = ?\n", "x86_64");
	load_str(&c.k,
		 "1 write(1, \"caf\xc3\xa9 \xff \xe2\x82 \xc0\xaf \xed\xa0\x80 \xc2\x85 \x7f\xc3\", 5) = 5\n"
		 "1 exit_group(0) = ?\n",
		 "x86_64");
	c.o.name = "utf8\xff";
	c.o.arch = "x86_64";
	c.o.context = 3;
	assert_int_equal(td_compare(&c.g, &c.k, &c.o, &c.r), 0);
	td_report_html(&c.r, &sb);
	assert_true(utf8_ok((const unsigned char *)sb.s));
	assert_non_null(strstr(sb.s, "caf\xc3\xa9 \\xff \\xe2\\x82 \\xc0\\xaf \\xed\\xa0\\x80 \\xc2\\x85 \\x7f\\xc3"));
	assert_non_null(strstr(sb.s, "utf8\\xff"));
	td_sb_free(&sb);
	cmp_free(&c);
}

/* huge_trace: a 100,000-byte write, then n getpid calls returning ret. */
static char *
huge_trace(int n, int ret)
{
	size_t cap = 200000 + (size_t)n * 32, len = 0;
	char *s = malloc(cap);

	len += sprintf(s, "1 write(1, \"");
	memset(s + len, 'A', 100000);
	len += 100000;
	len += sprintf(s + len, "\", 100000) = 100000\n");
	for (int i = 0; i < n; i++)
		len += sprintf(s + len, "1 getpid() = %d\n", ret + (i % 2));
	sprintf(s + len, "1 exit_group(0) = ?\n");
	return s;
}

/* A huge line is cut with a note, and a table stops after its row cap. */
static void
report_html_huge_elided(void **state)
{
	struct td_sb sb = {0};
	struct cmp c;
	char *g = huge_trace(5000, 1), *k = huge_trace(5000, 7);

	(void)state;
	memset(&c, 0, sizeof(c));
	load_str(&c.g, g, "x86_64");
	load_str(&c.k, k, "x86_64");
	c.o.name = "huge";
	c.o.arch = "x86_64";
	c.o.context = 3;
	assert_int_equal(td_compare(&c.g, &c.k, &c.o, &c.r), 0);
	td_report_html(&c.r, &sb);
	assert_non_null(strstr(sb.s, "more bytes not shown"));
	assert_non_null(strstr(sb.s, "more rows not shown"));
	assert_true(sb.len < 2000000);	/* 5,000 divergent rows and a 100 kB line: under 2 MB */
	td_sb_free(&sb);
	cmp_free(&c);
	free(g);
	free(k);
}

static void
report_tap_junit_success(void **state)
{
	struct td_sb sb = {0};
	struct cmp c;

	(void)state;
	cmp_run(&c, "linux-a.trace", "errno.trace");
	td_report_tap(&c.r, &sb, 7);
	assert_string_equal(sb.s, "not ok 7 - t [x86_64]: errno in openat (task 1): openat failed with ENOENT on Linux "
				  "but EACCES in the kernel\n");
	td_sb_reset(&sb);
	td_report_junit(&c.r, &sb);
	assert_true(strncmp(sb.s, "<testcase classname=\"tracediff.x86_64\" name=\"t\">", 48) == 0);
	assert_non_null(strstr(sb.s, "<failure message=\"not ok - t [x86_64]: errno in openat"));
	cmp_free(&c);
	cmp_run(&c, "linux-a.trace", "linux-b.trace");
	td_sb_reset(&sb);
	td_report_tap(&c.r, &sb, 0);
	assert_string_equal(sb.s, "ok - t [x86_64]\n");
	cmp_free(&c);
	td_sb_free(&sb);
}

static int
exists(const char *dir, const char *file)
{
	char p[8192];
	struct stat st;

	snprintf(p, sizeof(p), "%s/%s", dir, file);
	return stat(p, &st) == 0 && st.st_size > 0;
}

static void
cli_end_to_end_success(void **state)
{
	const char *bin = td_env("TD_BIN", "build/host/tracediff");
	const char *tmp = td_env("TD_TMP", "/tmp/tracediff-test");
	const char *data = td_env("TD_DATA", "compare/tests/data");
	char out[8192];

	(void)state;
	assert_int_equal(sh("mkdir -p %s", tmp), 0);
	assert_int_equal(sh("%s --help >/dev/null", bin), 0);
	assert_int_equal(sh("%s %s/linux-a.trace %s/linux-b.trace -q", bin, data, data), 0);
	assert_int_equal(sh("%s %s/linux-a.trace %s/errno.trace --report-dir %s/r --name errno --tap --tap-number 3 "
			    "-q >%s/tap.txt",
			    bin, data, data, tmp, tmp),
			 1);
	snprintf(out, sizeof(out), "%s/r", tmp);
	assert_true(exists(out, "errno.txt"));
	assert_true(exists(out, "errno.json"));
	assert_true(exists(out, "errno.html"));
	assert_true(exists(out, "errno.junit.xml"));
	assert_int_equal(sh("grep -q '^not ok 3 - errno \\[x86_64\\]: errno in openat' %s/tap.txt", tmp), 0);
	/* all divergences expected: status 0, TAP says "not ok ... # TODO" */
	assert_int_equal(sh("printf 'errno * 1 openat errno # injected on purpose\\n' >%s/exp && "
			    "%s %s/linux-a.trace %s/errno.trace --name errno --expected %s/exp --tap -q | "
			    "grep -q '^not ok - errno .*# TODO expected: injected on purpose'",
			    tmp, bin, data, data, tmp),
			 0);
	/* the program output beside the traces is used (.out siblings) */
	assert_int_equal(sh("%s %s/linux-s4.trace %s/msg-s4.trace -q --json %s/o.json && false || "
			    "grep -q '\"class\": \"output\"' %s/o.json",
			    bin, data, data, tmp, tmp),
			 0);
	/* JUnit merge of two fragments */
	assert_int_equal(sh("%s %s/linux-a.trace %s/linux-b.trace -q --name same --junit %s/same.junit.xml", bin, data,
			    data, tmp),
			 0);
	assert_int_equal(sh("%s --junit-merge %s/junit.xml %s/same.junit.xml %s/r/errno.junit.xml && "
			    "grep -q 'tests=\"2\" failures=\"1\" errors=\"0\"' %s/junit.xml",
			    bin, tmp, tmp, tmp, tmp),
			 0);
	/* errors: status 2 with a message, never a crash */
	assert_int_equal(sh("%s %s/nope.trace %s/errno.trace -q 2>/dev/null", bin, data, data), 2);
	assert_int_equal(sh("%s %s/errno.trace 2>/dev/null", bin, data), 2);
	assert_int_equal(sh("%s --bogus 2>/dev/null", bin), 2);
	assert_int_equal(sh("%s --arch sparc %s/linux-a.trace %s/errno.trace 2>/dev/null", bin, data, data), 2);
	assert_int_equal(sh("%s --junit-merge %s/j.xml %s/linux-a.trace 2>/dev/null", bin, tmp, data), 2);
	assert_int_equal(sh("printf 'bad line\\n' >%s/bad && %s %s/linux-a.trace %s/errno.trace --expected %s/bad -q "
			    "2>/dev/null",
			    tmp, bin, data, data, tmp),
			 2);
	/* a kernel trace of random bytes is classified, not a crash */
	assert_int_equal(sh("head -c 5000 /dev/urandom >%s/rand.trace && %s %s/linux-a.trace %s/rand.trace -q", tmp,
			    bin, data, tmp),
			 1);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(report_json_valid_success),
		cmocka_unit_test(report_html_success),
		cmocka_unit_test(report_html_invalid_utf8_escaped),
		cmocka_unit_test(report_html_huge_elided),
		cmocka_unit_test(report_tap_junit_success),
		cmocka_unit_test(cli_end_to_end_success),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("report tests", tests, NULL, NULL);
}
