/* test_expect.c: the expected-divergence file. */
#include "check.h"

#include "expect.h"

static void
compare_errno(struct td_trace *g, struct td_trace *k, struct td_opts *o, struct td_result *r)
{
	load_data(g, "linux-a.trace", 0);
	load_data(k, "errno.trace", 1);
	memset(o, 0, sizeof(*o));
	o->name = "errno";
	o->arch = "x86_64";
	assert_int_equal(td_compare(g, k, o, r), 0);
}

static void
expect_parse_success(void **state)
{
	struct td_expect_list l;

	(void)state;
	assert_int_equal(td_expect_parse(&l, "x",
					 "# test arch task syscall class\n\n"
					 "clone3_*  riscv64  *  clone3  enosys   # clone3 not written yet\n"
					 "errno x86_64 1 openat errno #EACCES on purpose\n"),
			 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.e[0].f[0], "clone3_*");
	assert_string_equal(l.e[0].reason, "clone3 not written yet");
	assert_int_equal(l.e[1].line, 4);
	td_expect_free(&l);
}

static void
expect_parse_bad_invalid(void **state)
{
	struct td_expect_list l;

	(void)state;
	assert_int_equal(td_expect_parse(&l, "x", "a b c d\n"), -1);				  /* 4 fields */
	assert_int_equal(td_expect_parse(&l, "x", "a b c d errno e # r\n"), -1);		  /* 6 fields */
	assert_int_equal(td_expect_parse(&l, "x", "a b c d nosuchclass # r\n"), -1);	  /* class */
	assert_int_equal(td_expect_parse(&l, "x", "a b c d errno\n"), -1);		  /* no reason */
	assert_int_equal(td_expect_parse(&l, "x", "a b c d errno #   \n"), -1);		  /* empty reason */
}

static void
expect_match_success(void **state)
{
	struct td_trace g, k;
	struct td_opts o;
	struct td_result r;
	struct td_expect_list l;

	(void)state;
	compare_errno(&g, &k, &o, &r);
	assert_int_equal(td_result_status(&r), 1);
	assert_int_equal(td_expect_parse(&l, "x", "err* x86_64 1 open* errno # injected EACCES\n"), 0);
	td_expect_match(&l, &r);
	assert_true(r.div[r.first].expected);
	assert_string_equal(r.div[r.first].reason, "injected EACCES");
	assert_int_equal(r.nstale, 0);
	assert_int_equal(td_result_status(&r), 0);
	assert_string_equal(td_result_verdict(&r), "expected");
	td_expect_free(&l);
	td_result_free(&r);
	td_trace_free(&g);
	td_trace_free(&k);
}

static void
expect_stale_found(void **state)
{
	struct td_trace g, k;
	struct td_opts o;
	struct td_result r;
	struct td_expect_list l;

	(void)state;
	compare_errno(&g, &k, &o, &r);
	/* a written-out entry for this test that no longer diverges is stale;
	 * a pattern entry, or one for another test, is not */
	assert_int_equal(td_expect_parse(&l, "x",
					 "errno x86_64 1 openat errno # injected\n"
					 "errno x86_64 1.1 clone3 enosys # fixed since\n"
					 "* x86_64 1.1 clone3 enosys # pattern\n"
					 "other x86_64 1 openat errno # other test\n"),
			 0);
	td_expect_match(&l, &r);
	assert_int_equal(r.nstale, 1);
	assert_int_equal(r.stale[0].line, 2);
	assert_int_equal(td_result_status(&r), 1);
	td_expect_free(&l);
	td_result_free(&r);
	td_trace_free(&g);
	td_trace_free(&k);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(expect_parse_success),
		cmocka_unit_test(expect_parse_bad_invalid),
		cmocka_unit_test(expect_match_success),
		cmocka_unit_test(expect_stale_found),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("expect.c tests", tests, NULL, NULL);
}
