/* gdbstub_test.c: cmocka tests for gdbstub.c's pure helpers (framing, hex, target XML). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "gdbstub.h"

static void
gdb_frame_checksum_success(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(gdb_frame("c", out, sizeof(out)), 5);
	assert_string_equal(out, "$c#63");
	assert_int_equal(gdb_frame("p184", out, sizeof(out)), 8);
	assert_string_equal(out, "$p184#0d");
	assert_int_equal(gdb_frame("toolong", out, 8), -1);
}

static void
gdb_unframe_ack_and_packet_success(void **state)
{
	const char *in = "+$T05thread:01;#07$OK";
	char out[64];
	size_t n;

	(void)state;
	assert_int_equal(gdb_unframe(in, strlen(in), out, sizeof(out), &n), 18);
	assert_string_equal(out, "T05thread:01;");
	/* a packet still arriving: nothing yet */
	assert_int_equal(gdb_unframe(in + 18, strlen(in + 18), out, sizeof(out), &n), 0);
}

static void
gdb_unframe_bad_checksum_invalid(void **state)
{
	char out[64];
	size_t n;

	(void)state;
	assert_int_equal(gdb_unframe("$OK#00", 6, out, sizeof(out), &n), -1);
}

static void
gdb_unframe_run_length_success(void **state)
{
	/* "0* " is a run: the last byte and (the count byte - 29) = 3 more */
	const char *in = "$0* #7a";
	char out[64];
	size_t n;

	(void)state;
	assert_int_equal(gdb_unframe(in, strlen(in), out, sizeof(out), &n), 7);
	assert_string_equal(out, "0000");
}

static void
gdb_hex_le_success(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(gdb_hex_le("0500000000000080", 8, &v), 0);
	assert_true(v == 0x8000000000000005ULL);
	assert_int_equal(gdb_hex_le("zz", 1, &v), -1);
}

static void
gdb_xml_regs_comments_and_regnum_success(void **state)
{
	const char *xml = "<feature><reg name=\"rax\" regnum=\"0\"/><reg name=\"rbx\"/>"
			  "<!--reg name=\"ss_base\"/--><reg name=\"fs_base\"/>"
			  "<reg name=\"stvec\" regnum=\"327\"/><reg name=\"x\"/></feature>";
	const char *names[] = {"rbx", "fs_base", "stvec", "x", "none"};
	int nums[5] = {-1, -1, -1, -1, -1}, next = 0;

	(void)state;
	gdb_xml_regs(xml, &next, names, nums, 5);
	assert_int_equal(nums[0], 1);
	assert_int_equal(nums[1], 2);	/* the commented register takes no number */
	assert_int_equal(nums[2], 327);
	assert_int_equal(nums[3], 328);
	assert_int_equal(nums[4], -1);
	assert_int_equal(next, 329);
}

static void
gdb_xml_include_success(void **state)
{
	const char *xml = "<target><!--xi:include href=\"no.xml\"/--><xi:include href=\"a.xml\"/>"
			  "<xi:include href=\"b.xml\"/></target>";
	char href[64];

	(void)state;
	assert_string_equal(gdb_xml_include(xml, 0, href, sizeof(href)), "a.xml");
	assert_string_equal(gdb_xml_include(xml, 1, href, sizeof(href)), "b.xml");
	assert_null(gdb_xml_include(xml, 2, href, sizeof(href)));
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gdb_frame_checksum_success),
		cmocka_unit_test(gdb_unframe_ack_and_packet_success),
		cmocka_unit_test(gdb_unframe_bad_checksum_invalid),
		cmocka_unit_test(gdb_unframe_run_length_success),
		cmocka_unit_test(gdb_hex_le_success),
		cmocka_unit_test(gdb_xml_regs_comments_and_regnum_success),
		cmocka_unit_test(gdb_xml_include_success),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("gdbstub.c tests", tests, NULL, NULL);
}
