/* test_align.c: Myers' diff against a quadratic LCS on random inputs, and
 * linear behaviour on long sequences. */
#include "check.h"

#include <time.h>

#include "align.h"

/* lcs: textbook dynamic programming, for small inputs only */
static size_t
lcs(const uint64_t *a, size_t n, const uint64_t *b, size_t m)
{
	size_t *row = calloc((m + 1) * (n + 1), sizeof(size_t));
	size_t r;

	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++)
			row[i * (m + 1) + j] = a[i - 1] == b[j - 1] ? row[(i - 1) * (m + 1) + j - 1] + 1
				: row[(i - 1) * (m + 1) + j] > row[i * (m + 1) + j - 1] ? row[(i - 1) * (m + 1) + j]
											  : row[i * (m + 1) + j - 1];
	r = row[n * (m + 1) + m];
	free(row);
	return r;
}

/* check_script: edits cover a and b once each, in order, EQ only on equal
 * keys; returns the number of EQ edits. */
static size_t
check_script(const uint64_t *a, size_t n, const uint64_t *b, size_t m, const struct td_edit *e, size_t ne)
{
	size_t ai = 0, bi = 0, eq = 0;

	for (size_t i = 0; i < ne; i++) {
		if (e[i].op == TD_OP_EQ) {
			assert_int_equal(e[i].a, ai++);
			assert_int_equal(e[i].b, bi++);
			assert_true(a[e[i].a] == b[e[i].b]);
			eq++;
		} else if (e[i].op == TD_OP_DEL) {
			assert_int_equal(e[i].a, ai++);
		} else {
			assert_int_equal(e[i].b, bi++);
		}
	}
	assert_int_equal(ai, n);
	assert_int_equal(bi, m);
	return eq;
}

static void
align_matches_lcs_success(void **state)
{
	uint64_t a[40], b[40];

	(void)state;
	srand(4);
	for (int round = 0; round < 2000; round++) {
		size_t n = (size_t)rand() % 40, m = (size_t)rand() % 40, ne;
		int alpha = 1 + rand() % 5;
		struct td_edit *e;
		int trunc;

		for (size_t i = 0; i < n; i++)
			a[i] = (uint64_t)(rand() % alpha);
		for (size_t i = 0; i < m; i++)
			b[i] = (uint64_t)(rand() % alpha);
		ne = td_align(a, n, b, m, TD_ALIGN_MAX_D, &e, &trunc);
		assert_false(trunc);
		assert_int_equal(check_script(a, n, b, m, e, ne), lcs(a, n, b, m));
		free(e);
	}
}

static void
align_first_edit_success(void **state)
{
	uint64_t a[] = {1, 2, 3, 4, 5}, b[] = {1, 2, 4, 5}, c[] = {1, 2, 9, 3, 4, 5};
	struct td_edit *e;
	size_t ne;
	int trunc;

	(void)state;
	ne = td_align(a, 5, b, 4, 100, &e, &trunc);
	assert_int_equal(ne, 5);
	assert_int_equal(e[2].op, TD_OP_DEL); /* 3 is missing */
	assert_int_equal(e[2].a, 2);
	free(e);
	ne = td_align(a, 5, c, 6, 100, &e, &trunc);
	assert_int_equal(e[2].op, TD_OP_INS); /* 9 is extra */
	assert_int_equal(e[2].b, 2);
	free(e);
}

static void
align_long_linear_success(void **state)
{
	size_t n = 2000000;
	uint64_t *a = malloc(n * sizeof(*a)), *b = malloc(n * sizeof(*b));
	struct td_edit *e;
	size_t ne;
	int trunc;
	clock_t t0;

	(void)state;
	for (size_t i = 0; i < n; i++)
		a[i] = b[i] = i * 2654435761u;
	b[n / 2] = 7;	   /* one change in the middle */
	b[n - 10] = 8;	   /* and one near the end */
	t0 = clock();
	ne = td_align(a, n, b, n, TD_ALIGN_MAX_D, &e, &trunc);
	assert_false(trunc);
	assert_int_equal(check_script(a, n, b, n, e, ne), n - 2);
	/* O(ND): milliseconds, not the hours an O(N^2) table would take */
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
	free(e);
	/* completely different sequences: capped, never quadratic */
	for (size_t i = 0; i < n; i++)
		b[i] = i + 1 + n * 7;
	t0 = clock();
	ne = td_align(a, 20000, b, 20000, 500, &e, &trunc);
	assert_true(trunc);
	check_script(a, 20000, b, 20000, e, ne);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
	free(e);
	free(a);
	free(b);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(align_matches_lcs_success),
		cmocka_unit_test(align_first_edit_success),
		cmocka_unit_test(align_long_linear_success),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("align.c tests", tests, NULL, NULL);
}
