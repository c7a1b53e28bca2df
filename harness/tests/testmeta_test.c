/* testmeta_test.c: cmocka tests for testmeta.c (the testcase metadata parser). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "testmeta.h"

/* parse_ok: parse text as `file`, failing the test on an error. */
static void
parse_ok(const char *file, const char *text, struct testmeta *m)
{
	char err[256] = "";
	int rc = testmeta_parse(file, text, strlen(text), m, err, sizeof(err));

	if (rc != 0)
		fail_msg("unexpected error: %s", err);
}

/* check_error: parsing must fail with a message containing `want`. */
static void
check_error(const char *file, const char *text, const char *want)
{
	struct testmeta m;
	char err[256] = "";

	assert_int_equal(testmeta_parse(file, text, strlen(text), &m, err, sizeof(err)), -1);
	if (!strstr(err, want))
		fail_msg("error '%s' does not contain '%s'", err, want);
}

static void
parse_c_defaults_success(void **state)
{
	struct testmeta m;

	(void)state;
	parse_ok("testcases/fork.c", "// @expect: hi\n#include <stdio.h>\nint main(void){return 0;}\n", &m);
	assert_string_equal(m.name, "fork");
	assert_int_equal(m.kind, TM_KIND_C);
	assert_int_equal(m.argc, 1);
	assert_string_equal(m.argv[0], "/tests/fork");
	assert_null(m.argv[1]);
	assert_int_equal(m.timeout, 10);
	assert_int_equal(m.arches, TM_ALL_ARCHES);
	assert_int_equal(m.smoke, TM_ALL_ARCHES);
	assert_int_equal(m.helper, 0);
	testmeta_free(&m);
}

static void
parse_c_all_keys_success(void **state)
{
	struct testmeta m;
	const char *text = "// @desc: a test\n"
			   "// @args: one 'two words' \"\"\n"
			   "// @timeout: 30\n"
			   "// @arches: riscv64\n"
			   "// @exit: 3\n"
			   "// @nondet: order of A and B\n"
			   "// @expect: line one\n"
			   "// @expect: line two\n"
			   "int x;\n"
			   "// a comment about @timeout: is fine\n";

	(void)state;
	parse_ok("t/x.c", text, &m);
	assert_string_equal(m.desc, "a test");
	assert_int_equal(m.argc, 4);
	assert_string_equal(m.argv[1], "one");
	assert_string_equal(m.argv[2], "two words");
	assert_string_equal(m.argv[3], "");
	assert_int_equal(m.timeout, 30);
	assert_int_equal(m.arches, TM_RISCV64);
	assert_int_equal(m.smoke, TM_RISCV64);
	assert_int_equal(m.exit_code, 3);
	assert_int_equal(m.n_nondet, 1);
	assert_int_equal(m.n_expect, 2);
	assert_string_equal(m.expect[1], "line two");
	testmeta_free(&m);
}

static void
parse_block_comment_success(void **state)
{
	struct testmeta m;

	(void)state;
	parse_ok("a.c", "/*\n * @desc: in a block\n * @smoke: none\n * @expect: y\n */\nint y;\n", &m);
	assert_string_equal(m.desc, "in a block");
	assert_int_equal(m.smoke, 0);
	testmeta_free(&m);
	parse_ok("b.c", "/* @timeout: 5 */\n/* @expect: b */\n", &m);
	assert_int_equal(m.timeout, 5);
	testmeta_free(&m);
}

static void
parse_sh_exec_success(void **state)
{
	struct testmeta m;

	(void)state;
	parse_ok("busybox_echo.sh", "# @exec: /bin/busybox echo hello world\n# @expect: hello world\necho hi\n", &m);
	assert_int_equal(m.kind, TM_KIND_SH);
	assert_int_equal(m.argc, 4);
	assert_string_equal(m.argv[0], "/bin/busybox");
	assert_string_equal(m.argv[3], "world");
	testmeta_free(&m);
	parse_ok("script.sh", "# @desc: s\n# @expect: s\necho\n", &m);
	assert_int_equal(m.argc, 2);
	assert_string_equal(m.argv[0], "/bin/sh");
	assert_string_equal(m.argv[1], "/tests/script.sh");
	testmeta_free(&m);
}

static void
parse_smoke_limited_to_arches_success(void **state)
{
	struct testmeta m;

	(void)state;
	parse_ok("a.c", "// @smoke: x86_64 riscv64\n// @arches: x86_64\n// @expect: a\n", &m);
	assert_int_equal(m.smoke, TM_X86_64);
	testmeta_free(&m);
}

static void
parse_helper_success(void **state)
{
	struct testmeta m;

	(void)state;
	parse_ok("argv_child.c", "// @helper: yes\n", &m);
	assert_int_equal(m.helper, 1);
	testmeta_free(&m);
}

static void
parse_garbage_invalid(void **state)
{
	(void)state;
	check_error("a.c", "// @colour: red\n", "a.c:1: unknown key @colour");
	check_error("a.c", "\n// @timeout: soon\n", "a.c:2: @timeout: 'soon'");
	check_error("a.c", "// @timeout: 0\n", "@timeout");
	check_error("a.c", "// @timeout: 99999999999999999999\n", "@timeout");
	check_error("a.c", "// @exit: 256\n", "@exit");
	check_error("a.c", "// @arches: arm64\n", "unknown arch 'arm64'");
	check_error("a.c", "// @helper: maybe\n", "@helper");
	check_error("a.c", "// @args: 'open\n", "unterminated quote");
	check_error("a.c", "// @exec: busybox echo\n", "absolute path");
	check_error("a.c", "// @exec: /bin/x\n// @args: y\n", "exclude each other");
	check_error("a.c", "// @exec: /bin/x\n// @exec: /bin/y\n", "@exec given twice");
	check_error("a.c", "// @desc no colon\n", "has no ':'");
	check_error("a.c", "// @desc: d\n", "a.c: no @expect line");
	check_error("a.c", "// @expect: x\nint x;\n\n// @timeout: 99\n",
		    "a.c:4: metadata after the first line of code (line 2)");
	check_error("a.sh", "# @expect: x\necho x\n  # @exit: 1\n", "a.sh:3: metadata after");
	check_error("a.txt", "", "NAME.c or NAME.sh");
	check_error("a b.c", "", "letters, digits");
	check_error(".c", "", "1 to");
}

static void
parse_binary_invalid(void **state)
{
	struct testmeta m;
	char err[256] = "";
	const char bin[] = "// @desc: x\n\0\x7f" "ELF";

	(void)state;
	assert_int_equal(testmeta_parse("a.c", bin, sizeof(bin), &m, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "NUL byte"));
}

static void
parse_long_line_invalid(void **state)
{
	char text[3000];

	(void)state;
	memset(text, 'x', sizeof(text));
	memcpy(text, "// @desc: ", 10);
	text[sizeof(text) - 1] = '\0';
	check_error("a.c", text, "a.c:1: line longer than");
}

static void
parse_too_many_words_invalid(void **state)
{
	char text[512] = "// @args:";
	int i;

	(void)state;
	for (i = 0; i <= TM_MAX_WORDS; i++)
		strcat(text, " w");
	strcat(text, "\n");
	check_error("a.c", text, "@args");
}

static void
load_missing_file_invalid(void **state)
{
	struct testmeta m;
	char err[256] = "";

	(void)state;
	assert_int_equal(testmeta_load("/nonexistent/x.c", &m, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/x.c: No such file"));
}

static void
libc_default_and_glibc_build_success(void **state)
{
	struct testmeta m;
	char err[256] = "";

	(void)state;
	parse_ok("testcases/fork.c", "// @expect: hi\nint x;\n", &m);
	assert_int_equal(m.libcs, TM_ALL_LIBCS);
	assert_int_equal(m.glibc, 0);
	assert_int_equal(testmeta_glibc(&m, err, sizeof(err)), 0);
	assert_string_equal(m.name, "fork.glibc");
	assert_string_equal(m.argv[0], "/tests/fork.glibc");
	assert_int_equal(m.glibc, 1);
	testmeta_free(&m);
}

static void
libc_musl_only_success(void **state)
{
	struct testmeta m;
	char err[256] = "";

	(void)state;
	parse_ok("t/a.c", "// @libc: musl  # needs musl's own layout\n// @expect: hi\nint x;\n", &m);
	assert_int_equal(m.libcs, TM_MUSL);
	assert_string_equal(m.libc_why, "needs musl's own layout");
	assert_int_equal(testmeta_glibc(&m, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "musl only (needs musl's own layout)"));
	testmeta_free(&m);
}

static void
libc_invalid(void **state)
{
	struct testmeta m;
	char err[256] = "";

	(void)state;
	check_error("t/a.c", "// @libc: musl\n", "t/a.c:1: @libc: leaving glibc out needs a reason");
	check_error("t/a.c", "// @libc: musl #  \n", "needs a reason");
	check_error("t/a.c", "// @libc: glibc\n", "every C test is built with musl");
	check_error("t/a.c", "// @libc: musl uclibc # x\n", "unknown libc 'uclibc'");
	check_error("t/a.sh", "# @libc: musl # x\n", "a .sh test has no libc");
	check_error("t/a.c", "int x;\n// @libc: musl # x\n", "metadata after the first line of code");
	/* more words than fit: an error, and (under ASan) the words split
	 * before it are freed (the fuzz smoke found them leaked) */
	check_error("t/a.c",
		    "// @libc: musl musl musl musl musl musl musl musl musl musl musl musl musl musl musl musl "
		    "musl musl musl musl musl musl musl musl musl musl musl musl musl musl musl musl musl # x\n",
		    "@libc: too many words");
	parse_ok("t/a.sh", "# @expect: hi\necho hi\n", &m);
	assert_int_equal(testmeta_glibc(&m, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no glibc build"));
	testmeta_free(&m);
}

static void
golden_runs_success(void **state)
{
	struct testmeta m;

	(void)state;
	parse_ok("t/a.c", "// @expect: hi\nint x;\n", &m);
	assert_int_equal(m.golden_runs, 0);
	assert_null(m.golden_runs_why);
	testmeta_free(&m);
	parse_ok("t/a.c", "// @golden-runs: 2  # 40 s a run under Linux\n// @expect: hi\nint x;\n", &m);
	assert_int_equal(m.golden_runs, 2);
	assert_string_equal(m.golden_runs_why, "40 s a run under Linux");
	testmeta_free(&m);
}

static void
golden_runs_invalid(void **state)
{
	(void)state;
	check_error("t/a.c", "// @golden-runs: 2\n", "t/a.c:1: @golden-runs: a cap needs a reason");
	check_error("t/a.c", "// @golden-runs: 2 #  \n", "a cap needs a reason");
	check_error("t/a.c", "// @golden-runs: 0 # x\n", "'0 # x' is not a number of runs (1..9)");
	check_error("t/a.c", "// @golden-runs: 10 # x\n", "not a number of runs");
	check_error("t/a.c", "// @golden-runs: two # x\n", "not a number of runs");
	check_error("t/a.c", "// @golden-runs: 2 3 # x\n", "not a number of runs");
	check_error("t/a.c", "int x;\n// @golden-runs: 2 # x\n", "metadata after the first line of code");
}

static void
load_glibc_name_invalid(void **state)
{
	struct testmeta m;
	char err[256] = "";

	(void)state;
	assert_int_equal(testmeta_load("/nonexistent/x.glibc", &m, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/x.c: No such file"));
}

static void
arch_bit_success(void **state)
{
	(void)state;
	assert_int_equal(testmeta_arch_bit("x86_64"), TM_X86_64);
	assert_int_equal(testmeta_arch_bit("riscv64"), TM_RISCV64);
	assert_int_equal(testmeta_arch_bit("x86"), 0);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_c_defaults_success),
		cmocka_unit_test(parse_c_all_keys_success),
		cmocka_unit_test(parse_block_comment_success),
		cmocka_unit_test(parse_sh_exec_success),
		cmocka_unit_test(parse_smoke_limited_to_arches_success),
		cmocka_unit_test(parse_helper_success),
		cmocka_unit_test(parse_garbage_invalid),
		cmocka_unit_test(parse_binary_invalid),
		cmocka_unit_test(parse_long_line_invalid),
		cmocka_unit_test(parse_too_many_words_invalid),
		cmocka_unit_test(load_missing_file_invalid),
		cmocka_unit_test(arch_bit_success),
		cmocka_unit_test(libc_default_and_glibc_build_success),
		cmocka_unit_test(libc_musl_only_success),
		cmocka_unit_test(libc_invalid),
		cmocka_unit_test(load_glibc_name_invalid),
		cmocka_unit_test(golden_runs_success),
		cmocka_unit_test(golden_runs_invalid),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("testmeta.c tests", tests, NULL, NULL);
}
