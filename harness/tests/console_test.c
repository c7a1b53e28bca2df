/* console_test.c: cmocka tests for console.c (one console carrying the trace). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "run.h"

/* The decoration of an ArceOS/starry log line: `[  0.123456 0:2 path:line] `. */
#define ARCEOS_STRIP "\\[ *[0-9]+\\.[0-9]+ [0-9]+:[0-9]+ [^]]*\\][ ]"

/* check_split: split con (with strip, or NULL) and expect the trace and the rest. */
static void
check_split(const char *con, size_t len, const char *strip, const char *trace, const char *rest)
{
	struct console_split sp;
	regex_t re;
	char err[256];

	if (strip)
		assert_int_equal(console_strip_compile(strip, &re, err, sizeof(err)), 0);
	console_split(con, len, strip ? &re : NULL, &sp);
	assert_int_equal(sp.tlen, strlen(trace));
	assert_memory_equal(sp.trace, trace, sp.tlen);
	assert_int_equal(sp.rlen, strlen(rest));
	assert_memory_equal(sp.rest, rest, sp.rlen);
	console_split_free(&sp);
	if (strip)
		regfree(&re);
}

/* output_of: the .out the harness cuts from console (split first when split). */
static char *
output_of(const char *con, const char *strip, int split, size_t *olen)
{
	struct console_split sp;
	regex_t re;
	char err[256], *out;

	if (!split)
		return run_extract_output(con, strlen(con), "fork", NULL, olen);
	if (strip)
		assert_int_equal(console_strip_compile(strip, &re, err, sizeof(err)), 0);
	console_split(con, strlen(con), strip ? &re : NULL, &sp);
	out = run_extract_output(sp.rest, sp.rlen, "fork", NULL, olen);
	console_split_free(&sp);
	if (strip)
		regfree(&re);
	return out;
}

/* check_same_out: the serial console and the one console give the same .out, want. */
static void
check_same_out(const char *serial, const char *one, const char *strip, const char *want)
{
	size_t a, b;
	char *oa = output_of(serial, NULL, 0, &a), *ob = output_of(one, strip, 1, &b);

	assert_int_equal(a, strlen(want));
	assert_memory_equal(oa, want, a);
	assert_int_equal(b, a);
	assert_memory_equal(ob, oa, a);
	free(oa);
	free(ob);
}

/* A trace line in the middle of an output line: the text before it stays output. */
static void
split_interleaved_midline_success(void **state)
{
	const char *con = "#tdiff boot k x86_64 1\n#tdiff start fork\nhel"
			  "#tdiff sys 1 1 1 4000 3 0 0 0 = 3\nlo\n#tdiff exit exited 0\n"
			  "#tdiff poweroff\n";

	(void)state;
	check_split(con, strlen(con), NULL,
		    "#tdiff boot k x86_64 1\n#tdiff start fork\n#tdiff sys 1 1 1 4000 3 0 0 0 = 3\n"
		    "#tdiff exit exited 0\n#tdiff poweroff\n",
		    "#tdiff start fork\nhello\n#tdiff exit exited 0\n");
	check_same_out("#tdiff start fork\nhello\n#tdiff exit exited 0\n", con, NULL, "hello\n");
	/* abc#tdiff sys ...\n gives output abc, no newline */
	check_split("abc#tdiff sys 1 2 0 0 0 0 0 0 = 0\n", 34, NULL,
		    "#tdiff sys 1 2 0 0 0 0 0 0 = 0\n", "abc");
	/* an exit marker after output without a newline */
	check_same_out("#tdiff start fork\r\nno newline#tdiff exit exited 0\r\n",
		       "#tdiff start fork\r\nno newline#tdiff sys 1 1 1 0 a 0 0 0 = 10\r\n"
		       "#tdiff exit exited 0\r\n#tdiff poweroff\r\n",
		       NULL, "no newline");
}

/* ArceOS/starry log lines: timestamp, cpu:task, path:line, ANSI colours. */
static void
split_decorated_ansi_success(void **state)
{
	const char *con =
		"\x1b[37m[  0.001000 0:1 axruntime:130] \x1b[32mLogging is enabled.\x1b[m\x1b[m\r\n"
		"\x1b[37m[  0.002000 0:1 axruntime:140] \x1b[32m#tdiff boot starry riscv64 0.1\x1b[m\x1b[m\r\n"
		"#tdiff start fork\r\n"
		"\x1b[37m[  0.123456 0:2 axruntime::lang_items:5] \x1b[36m#tdiff sys 2 56 ffffff9c 3f8a0 0 0 0 0 = -2\x1b[m\x1b[m\r\n"
		"out\x1b[37m[  0.200000 0:2 starry::syscall:88] \x1b[36m#tdiff sys 2 64 1 10 4 0 0 0 = 4\x1b[m\x1b[m\r\n"
		"put\r\n"
		"#tdiff exit exited 0\r\n"
		"\x1b[37m[  0.300000 0:1 axhal::power:9] \x1b[32m#tdiff poweroff\x1b[m\x1b[m\r\n";

	(void)state;
	check_split(con, strlen(con), ARCEOS_STRIP,
		    "#tdiff boot starry riscv64 0.1\n#tdiff start fork\n"
		    "#tdiff sys 2 56 ffffff9c 3f8a0 0 0 0 0 = -2\n#tdiff sys 2 64 1 10 4 0 0 0 = 4\n"
		    "#tdiff exit exited 0\n#tdiff poweroff\n",
		    "\x1b[37m[  0.001000 0:1 axruntime:130] \x1b[32mLogging is enabled.\x1b[m\x1b[m\r\n"
		    "#tdiff start fork\n" "output\r\n" "#tdiff exit exited 0\n");
	check_same_out("#tdiff start fork\r\noutput\r\n#tdiff exit exited 0\r\n", con, ARCEOS_STRIP,
		       "output\n");
	/* without console-strip the decoration stays output; the colour next to the prefix goes */
	check_split("\x1b[37m[  0.1 0:2 m:5] \x1b[36m#tdiff sys 2 1 0 0 0 0 0 0 = 0\x1b[m\n", 60,
		    NULL, "#tdiff sys 2 1 0 0 0 0 0 0 = 0\n", "\x1b[37m[  0.1 0:2 m:5] ");
	/* a pattern that does not end at the prefix removes nothing */
	check_split("[x] out #tdiff exit exited 0\n", 29, "\\[x\\]",
		    "#tdiff exit exited 0\n", "[x] out #tdiff exit exited 0\n");
}

/* Linux ftrace lines as trace_pipe prints them are trace lines, whole. */
static void
split_ftrace_success(void **state)
{
	const char *con =
		"# tracer: nop\n"
		"           <...>-300     [000] .....    12.345678: tracing_mark_write: #tdiff start fork\n"
		"            fork-300     [000] .....    12.345700: sys_enter: NR 56 (ffffff9c, 3f8a0, 0, 0, 0, 0)\n"
		"   my prog-name-301      [000] d..1.    12.345800: sys_exit: NR 56 = -2\n"
		"x-1 [y] not an event\n";

	(void)state;
	check_split(con, strlen(con), NULL,
		    "           <...>-300     [000] .....    12.345678: tracing_mark_write: #tdiff start fork\n"
		    "            fork-300     [000] .....    12.345700: sys_enter: NR 56 (ffffff9c, 3f8a0, 0, 0, 0, 0)\n"
		    "   my prog-name-301      [000] d..1.    12.345800: sys_exit: NR 56 = -2\n",
		    "# tracer: nop\nx-1 [y] not an event\n");
	assert_true(console_is_ftrace("sh-1 [001] 0.5: sys_exit: NR 1 = 0", 34));
	assert_false(console_is_ftrace("sh-1 [001] no timestamp here: x: ", 33));
}

/* A console without any marker: everything is output, the trace is empty. */
static void
split_no_markers_empty(void **state)
{
	const char *con = "booting\nhello # tdiff not a prefix\nno newline at the end";
	size_t olen;
	char *out;

	(void)state;
	check_split(con, strlen(con), NULL, "", con);
	out = output_of(con, NULL, 1, &olen);
	assert_int_equal(olen, 0);
	free(out);
	check_split("", 0, NULL, "", "");
}

/* a raw record the console ends in, cut by the machine's stop, keeps no
 * newline (the harness leaves it out); a marker there gets one */
static void
split_cut_record_success(void **state)
{
	const char *con = "#tdiff start fork\n#tdiff sys 1 39 0 0 0 0 0 0 = 1\n#tdiff sys 1 6";
	const char *con2 = "#tdiff start fork\nout\n#tdiff exit exited 0";

	(void)state;
	check_split(con, strlen(con), NULL, "#tdiff start fork\n#tdiff sys 1 39 0 0 0 0 0 0 = 1\n#tdiff sys 1 6",
		    "#tdiff start fork\n");
	check_split(con2, strlen(con2), NULL, "#tdiff start fork\n#tdiff exit exited 0\n",
		    "#tdiff start fork\nout\n#tdiff exit exited 0\n");
}

/* CRLF: trace lines end in \n alone; the output's \r\n become \n as on the serial path. */
static void
split_crlf_success(void **state)
{
	const char *con = "#tdiff start fork\r\na\r\n#tdiff sys 1 1 0 0 0 0 0 0 = 0\r\r\nb\r\n"
			  "#tdiff exit exited 0\r\n";

	(void)state;
	check_split(con, strlen(con), NULL,
		    "#tdiff start fork\n#tdiff sys 1 1 0 0 0 0 0 0 = 0\n#tdiff exit exited 0\n",
		    "#tdiff start fork\na\r\nb\r\n#tdiff exit exited 0\n");
	check_same_out("#tdiff start fork\r\na\r\nb\r\n#tdiff exit exited 0\r\n", con, NULL, "a\nb\n");
	/* a last trace line without its newline still ends in one */
	check_split("x#tdiff poweroff", 16, NULL, "#tdiff poweroff\n", "x");
}

/* NUL bytes and cut escapes in the console: no crash, bytes kept. */
static void
split_garbage_invalid(void **state)
{
	static const char con[] = "a\0b#tdiff sys 1\0 2\n\x1b[#tdiff x\n\x1b";
	static const char trace[] = "#tdiff sys 1\0 2\n#tdiff x\n", rest[] = "a\0b\x1b[\x1b";
	struct console_split sp;
	regex_t re;
	char err[256];

	(void)state;
	assert_int_equal(console_strip_compile(ARCEOS_STRIP, &re, err, sizeof(err)), 0);
	console_split(con, sizeof(con) - 1, &re, &sp);
	regfree(&re);
	assert_int_equal(sp.tlen, sizeof(trace) - 1);
	assert_memory_equal(sp.trace, trace, sp.tlen);
	assert_int_equal(sp.rlen, sizeof(rest) - 1);
	assert_memory_equal(sp.rest, rest, sp.rlen);
	console_split_free(&sp);
}

/* Which traces are raw: #tdiff sys/sysenter lines, ftrace syscall events. */
static void
trace_is_raw_success(void **state)
{
	static const char strace[] = "#tdiff start fork\n1  getpid() = 1\n#tdiff exit exited 0\n";
	static const char sys[] = "#tdiff start fork\n#tdiff sys 1 172 0 0 0 0 0 0 = 1\n";
	static const char enter[] = "#tdiff sysenter 1 93 0 0 0 0 0 0\n";
	static const char ftrace[] = "fork-300 [000] ..... 1.5: sys_exit: NR 56 = -2\n";
	static const char mid[] = "x #tdiff sys 1 1 0 0 0 0 0 0 = 0\n";

	(void)state;
	assert_false(console_trace_is_raw(strace, sizeof(strace) - 1));
	assert_true(console_trace_is_raw(sys, sizeof(sys) - 1));
	assert_true(console_trace_is_raw(enter, sizeof(enter) - 1));
	assert_true(console_trace_is_raw(ftrace, sizeof(ftrace) - 1));
	assert_false(console_trace_is_raw(mid, sizeof(mid) - 1));	/* split traces start lines */
	assert_false(console_trace_is_raw("", 0));
}

/* console-strip must be an ERE. */
static void
strip_compile_bad_invalid(void **state)
{
	regex_t re;
	char err[256] = "";

	(void)state;
	assert_int_equal(console_strip_compile("([0-9]", &re, err, sizeof(err)), -1);
	assert_true(err[0] != '\0');
	assert_int_equal(console_strip_compile(ARCEOS_STRIP, &re, err, sizeof(err)), 0);
	regfree(&re);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(split_interleaved_midline_success),
		cmocka_unit_test(split_decorated_ansi_success),
		cmocka_unit_test(split_ftrace_success),
		cmocka_unit_test(split_no_markers_empty),
		cmocka_unit_test(split_cut_record_success),
		cmocka_unit_test(split_crlf_success),
		cmocka_unit_test(split_garbage_invalid),
		cmocka_unit_test(trace_is_raw_success),
		cmocka_unit_test(strip_compile_bad_invalid),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("console.c tests", tests, NULL, NULL);
}
