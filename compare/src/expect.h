/* expect.h: the expected-divergence file.  One entry a line:
 *
 *   <test> <arch> <task> <syscall> <class>  # reason
 *
 * Each of the five fields is a shell pattern (fnmatch: *, ?, [..]).  A
 * divergence matching an entry is reported as expected.  An entry whose
 * test and arch are written out (no pattern characters) and that matches
 * the current test and arch but no divergence is reported as stale, so the
 * list only shrinks.  '#' starts a comment; the reason is required. */
#ifndef TD_EXPECT_H
#define TD_EXPECT_H

#include "diverge.h"

struct td_expect {
	char *f[5]; /* test arch task syscall class */
	char *reason;
	char *text;
	int line;
	int used;
};

struct td_expect_list {
	struct td_expect *e;
	size_t n, cap;
};

/* Parse text (file name for messages).  Returns 0 or -1 with a message. */
int td_expect_parse(struct td_expect_list *l, const char *name, const char *text);
void td_expect_free(struct td_expect_list *l);
/* Mark r's divergences and collect stale entries. */
void td_expect_match(struct td_expect_list *l, struct td_result *r);
/* Read, parse and match in one go: -1 with a message on a bad file. */
int td_expect_apply(struct td_result *r, const char *path);

#endif
