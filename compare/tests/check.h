/* check.h: helpers shared by the tracediff cmocka suites.  Paths come from
 * the environment set by `make unit-compare`: TD_DATA (recorded fixtures),
 * TD_BIN (the CLI under sanitizers), TD_TMP. */
#ifndef TD_CHECK_H
#define TD_CHECK_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "diverge.h"
#include "norm.h"
#include "parse.h"
#include "trace.h"

static inline const char *
td_env(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v && *v ? v : def;
}

/* data_path: TD_DATA/name in a static buffer (one at a time per slot). */
static inline const char *
data_path(const char *name, int slot)
{
	static char buf[4][4096];

	snprintf(buf[slot & 3], sizeof(buf[0]), "%s/%s", td_env("TD_DATA", "compare/tests/data"), name);
	return buf[slot & 3];
}

/* load_str: a trace from a string literal, normalized. */
static inline void
load_str(struct td_trace *t, const char *text, const char *arch)
{
	assert_int_equal(td_trace_load_mem(t, "mem.trace", text, strlen(text), arch), 0);
	td_normalize(t);
}

static inline void
load_data(struct td_trace *t, const char *name, int slot)
{
	assert_int_equal(td_trace_load(t, data_path(name, slot), "x86_64"), 0);
	td_normalize(t);
}

/* find_line: the 1-based number of the first line of a fixture holding
 * `needle` after skipping `skip` matches (so tests don't hard-code line
 * numbers that re-recording changes). */
static inline uint32_t
find_line(const char *name, const char *needle, int skip)
{
	FILE *f = fopen(data_path(name, 3), "r");
	char line[8192];
	uint32_t n = 0;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		n++;
		if (strstr(line, needle) && skip-- == 0) {
			fclose(f);
			return n;
		}
	}
	fclose(f);
	fail_msg("%s: no line holds '%s'", name, needle);
	return 0;
}

/* first_div: the overall first divergence, which must exist. */
static inline const struct td_div *
first_div(const struct td_result *r)
{
	assert_false(r->error);
	assert_true(r->first >= 0);
	return &r->div[r->first];
}

/* A golden and a kernel fixture compared with the suites' usual options
 * (x86_64, 3 lines of context): run_pair loads and compares, pair_free
 * releases both traces and the result. */
struct pair {
	struct td_trace g, k;
	struct td_result r;
	struct td_opts o;
};

static inline void
run_pair(struct pair *p, const char *golden, const char *kernel)
{
	memset(p, 0, sizeof(*p));
	load_data(&p->g, golden, 0);
	load_data(&p->k, kernel, 1);
	p->o.name = kernel;
	p->o.arch = "x86_64";
	p->o.context = 3;
	assert_int_equal(td_compare(&p->g, &p->k, &p->o, &p->r), 0);
}

static inline void
pair_free(struct pair *p)
{
	td_result_free(&p->r);
	td_trace_free(&p->g);
	td_trace_free(&p->k);
}

/* put_file: TEXT into DIR/NAME; returns the path (static, until the next call) */
static inline const char *
put_file(const char *dir, const char *name, const char *text)
{
	static char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	return path;
}

/* sh: run a shell command, return its exit status */
static inline int
sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#endif
