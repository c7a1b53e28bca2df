/* test_seeds.c: the strace output quoted in the seed diaries (000, 001, 004)
 * parses.  Each fenced trace block of a diary is kept as test data,
 * TD_DATA/seedNNN-K.trace (K from 1, in the diary's order), from its first
 * record to its last "+++" line (shell prompts and "Segmentation fault"
 * around it are not trace). */
#include "check.h"

#define MAX_BLOCKS 16

struct block {
	char *text;
	size_t len;
};

static int nblocks;
static struct block blocks[MAX_BLOCKS];

/* read_all: the whole file at path (NUL-terminated) into *b; 0 when absent. */
static int
read_all(const char *path, struct block *b)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		return 0;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b->text = calloc(1, n + 1);
	assert_non_null(b->text);
	assert_int_equal(fread(b->text, 1, n, f), (size_t)n);
	b->len = n;
	fclose(f);
	return 1;
}

/* load_seed: the trace blocks of seed NNN (seedNNN-1.trace, ...) into blocks[]. */
static void
load_seed(const char *num)
{
	char name[64];

	for (int i = 0; i < nblocks; i++)
		free(blocks[i].text);
	nblocks = 0;
	while (nblocks < MAX_BLOCKS) {
		snprintf(name, sizeof(name), "seed%s-%d.trace", num, nblocks + 1);
		if (!read_all(data_path(name, 0), &blocks[nblocks]))
			break;
		nblocks++;
	}
	assert_true(nblocks > 0);
}

static void
load_block(struct td_trace *t, int i, const char *arch)
{
	assert_int_equal(td_trace_load_mem(t, "seed", blocks[i].text, blocks[i].len, arch), 0);
	td_normalize(t);
}

static void
seeds_000_parse_success(void **state)
{
	struct td_trace t;
	int outputs = 0;

	(void)state;
	load_seed("000");
	assert_int_equal(nblocks, 1);
	load_block(&t, 0, "x86_64");
	assert_int_equal(t.nerr, 0);
	assert_true(t.nev > 100);
	for (size_t i = 0; i < t.nev; i++)
		outputs += td_ev_output(&t.ev[i]) != NULL;
	assert_int_equal(outputs, 4); /* ls's messages printed inside its writes */
	assert_int_equal(t.task[0].out, TD_OUT_EXITED);
	assert_int_equal(t.task[0].status, 2);
	td_trace_free(&t);
}

static void
seeds_001_parse_success(void **state)
{
	struct td_trace t;
	int killed = 0;

	(void)state;
	load_seed("001");
	assert_int_equal(nblocks, 3);
	for (int i = 0; i < nblocks; i++) {
		load_block(&t, i, "x86_64");
		assert_int_equal(t.nerr, 0);
		assert_string_equal(t.ev[0].name, "execve");
		killed += t.task[0].out == TD_OUT_KILLED && !strcmp(t.task[0].sig, "SIGSEGV");
		td_trace_free(&t);
	}
	assert_int_equal(killed, 1);
}

static void
seeds_004_parse_success(void **state)
{
	struct td_trace t, q;
	struct td_opts o = {0};
	struct td_result r;
	int qi = -1, si = -1;

	(void)state;
	load_seed("004");
	assert_int_equal(nblocks, 2);
	for (int i = 0; i < nblocks; i++)
		if (strstr(blocks[i].text, "execve("))
			si = i;
		else
			qi = i;
	assert_true(si >= 0 && qi >= 0);
	/* the strace block: clone3 with CLONE_DETACHED fails with EINVAL */
	load_block(&t, si, "x86_64");
	assert_int_equal(t.nerr, 0);
	for (size_t i = 0; i < t.nev; i++)
		if (!strcmp(t.ev[i].name, "clone3"))
			assert_string_equal(t.ev[i].err, "EINVAL");
	/* the qemu-user -strace block is another tool's format: its lines that
	 * strace would never print are errors with their line numbers */
	load_block(&q, qi, "riscv64");
	assert_true(q.nerr >= 5);
	{
		uint32_t ln = 1, unknown = 0;

		for (const char *p = blocks[qi].text; *p; p++) {
			if (!strncmp(p, "Unknown syscall", 15))
				unknown = ln;
			if (*p == '\n')
				ln++;
		}
		assert_true(unknown > 0);
		assert_int_equal(q.err[0].line, unknown);
	}
	/* compared with the strace block it is unparsable, never a crash */
	td_trace_free(&q);
	load_block(&q, qi, NULL);
	o.name = "seed004";
	assert_int_equal(td_compare(&t, &q, &o, &r), 0);
	assert_string_equal(td_class_name(first_div(&r)->cls), "unparsable");
	td_result_free(&r);
	td_trace_free(&q);
	td_trace_free(&t);
}

static int
teardown(void **state)
{
	(void)state;
	for (int i = 0; i < nblocks; i++)
		free(blocks[i].text);
	nblocks = 0;
	return 0;
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(seeds_000_parse_success, teardown),
		cmocka_unit_test_teardown(seeds_001_parse_success, teardown),
		cmocka_unit_test_teardown(seeds_004_parse_success, teardown),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("seeds tests", tests, NULL, NULL);
}
