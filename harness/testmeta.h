/*
 * testmeta.h: the metadata block of a testcase.
 *
 * A testcase is one file in testcases/: NAME.c (a C program) or NAME.sh (a
 * busybox sh script).  Its leading comment lines may carry `@key: value`
 * entries (see testcases/README.md for the list); the block ends at the
 * first line that is not a comment.
 */
#ifndef TESTMETA_H
#define TESTMETA_H

#include <stddef.h>

#define TM_MAX_WORDS 32
#define TM_MAX_LINES 32

enum tm_arch {
	TM_X86_64 = 1u << 0,
	TM_RISCV64 = 1u << 1,
	TM_ALL_ARCHES = TM_X86_64 | TM_RISCV64,
};

/* The libcs a C test is built with: musl always, glibc unless @libc leaves it out. */
enum tm_libc {
	TM_MUSL = 1u << 0,
	TM_GLIBC = 1u << 1,
	TM_ALL_LIBCS = TM_MUSL | TM_GLIBC,
};

/* A C test's glibc build is the test NAME.glibc (testcases/README.md). */
#define TM_GLIBC_SUFFIX ".glibc"

enum tm_kind {
	TM_KIND_C,
	TM_KIND_SH,
};

struct testmeta {
	char name[64];		/* file name without .c/.sh (+ ".glibc" for that build) */
	enum tm_kind kind;
	char *desc;
	char *argv[TM_MAX_WORDS + 1];	/* what the target executes, NULL-terminated */
	int argc;
	int timeout;		/* seconds */
	unsigned arches;	/* enum tm_arch bits */
	unsigned smoke;		/* arches whose host smoke run includes it */
	int helper;		/* installed for other tests, not run itself */
	int exit_code;		/* expected exit status of the test */
	char *nondet[TM_MAX_LINES];	/* known nondeterminism, free text */
	int n_nondet;
	char *expect[TM_MAX_LINES];	/* lines the output must contain */
	int n_expect;
	unsigned libcs;		/* enum tm_libc bits: the builds of a C test (sh: musl) */
	char *libc_why;		/* @libc's reason (after '#'), when it leaves glibc out */
	int glibc;		/* this is the glibc build, NAME.glibc */
	int golden_runs;	/* @golden-runs: at most this many golden runs (0: no cap) */
	char *golden_runs_why;	/* its reason (after '#') */
};

/*
 * testmeta_parse: fill *m from the text of the file `filename` (its base
 * name gives the test name and kind).  Returns 0, or -1 with a message
 * "file:line: reason" in err.  On success release m with testmeta_free.
 */
int testmeta_parse(const char *filename, const char *text, size_t len, struct testmeta *m,
		   char *err, size_t errlen);

/* testmeta_load: read `path` and parse it; -1 with err set on failure. */
int testmeta_load(const char *path, struct testmeta *m, char *err, size_t errlen);

/*
 * testmeta_load also takes DIR/NAME.glibc, a path no file has: the glibc
 * build of DIR/NAME.c (as testmeta_glibc makes it).
 */

void testmeta_free(struct testmeta *m);

/*
 * testmeta_glibc: turn the parsed C test *m into its glibc build: name
 * NAME.glibc, and an argv[0] of /tests/NAME becomes /tests/NAME.glibc.
 * -1 with err set when *m is a .sh test or its @libc leaves glibc out.
 */
int testmeta_glibc(struct testmeta *m, char *err, size_t errlen);

/* testmeta_arch_bit: TM_X86_64 for "x86_64", ... ; 0 when unknown. */
unsigned testmeta_arch_bit(const char *arch);

/*
 * testmeta_split: split s into words at blanks; '...' and "..." group
 * (quotes removed, no escapes).  Words are malloc'd into out[*n...].
 * Returns 0, or -1 on an unterminated quote or too many words.
 */
int testmeta_split(const char *s, char **out, int max, int *n);

#endif
