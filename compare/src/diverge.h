/* diverge.h: match tasks by fork-tree position, align each pair of tasks,
 * and classify where the kernel parts from the golden trace. */
#ifndef TD_DIVERGE_H
#define TD_DIVERGE_H

#include <stddef.h>
#include <stdint.h>

#include "align.h"
#include "trace.h"

enum td_class {
	TD_C_ERRNO,	 /* both failed, different errno */
	TD_C_RESULT,	 /* success vs failure */
	TD_C_ENOSYS,	 /* the kernel answered ENOSYS: not implemented */
	TD_C_MISSING,	 /* Linux made a call the kernel did not */
	TD_C_EXTRA,	 /* the kernel made a call Linux did not */
	TD_C_ARG,	 /* an argument differs (field named) */
	TD_C_RETVAL,	 /* both succeeded with different values */
	TD_C_SIGNAL,	 /* fatal signal, or a signal only one side got */
	TD_C_EXIT,	 /* exit status */
	TD_C_OUTPUT,	 /* program stdout/stderr */
	TD_C_HANG,	 /* a task never finished */
	TD_C_PANIC,	 /* kernel panic */
	TD_C_UNPARSABLE, /* the kernel's trace does not parse */
	TD_C_COUNT
};

/* Stable names, used in the expected-divergence file and in JSON. */
const char *td_class_name(enum td_class c);
int td_class_from_name(const char *s);
/* Human text: "different errno", "not implemented (ENOSYS)" ... */
const char *td_class_text(enum td_class c);

enum td_row_op {
	TD_ROW_EQ,   /* same call, same normalized content */
	TD_ROW_DIFF, /* same call, content differs */
	TD_ROW_DEL,  /* golden only */
	TD_ROW_INS,  /* kernel only */
	TD_ROW_GSIG, /* golden signal/restarted call (not aligned) */
	TD_ROW_KSIG, /* kernel signal/restarted call (not aligned) */
};

struct td_row {
	int32_t g, k; /* event indices, -1 when absent */
	uint8_t op;
	uint8_t quiet; /* no divergence: equal, a signal, or a lock wait on
			* one side only (sets.c) */
};

struct td_taskdiff {
	const char *path;
	int g, k; /* task indices, -1 when the task is only on one side */
	struct td_row *rows;
	size_t nrows;
	int truncated; /* alignment gave up after TD_ALIGN_MAX_D edits */
	int ndiff;     /* rows that are not EQ (and not signals) */
	int first;     /* index into result divs of the task's first, -1 */
};

struct td_div {
	enum td_class cls;
	const char *task; /* fork-tree path, "-" for the kernel as a whole */
	const char *syscall;
	int td;		 /* taskdiff index, -1 */
	long row;	 /* row in that taskdiff, -1 */
	long gev, kev;	 /* event indices, -1 */
	uint32_t gline, kline;
	uint64_t pos;	 /* order in the kernel's trace: smaller happened first */
	char *field;	 /* "cl_args.flags", "ret", ... or NULL */
	char *detail;	 /* one sentence */
	char *gval, *kval; /* the differing values, side by side */
	char *symbol;	 /* symbolized fault pc or panic backtrace, or NULL */
	int expected;
	char *reason; /* from the expected file */
	int more;     /* a later divergence of its task, not the task's first */
};

/* later divergences reported per task, after its first */
#define TD_MORE_PER_TASK 8

struct td_stale {
	char *entry;
	int line;
};

struct td_opts {
	const char *name;    /* test name */
	const char *arch;    /* x86_64 | riscv64 */
	const char *out_a, *out_b; /* program output files (optional) */
	const char *binary;  /* test ELF for fault pcs */
	const char *kernel_elf;
	int context;	     /* rows of context */
	int raw;	     /* compared at raw level (lower.h), not full */
	const char *note;    /* what the level leaves out, for the reports, or NULL */
};

struct td_result {
	struct td_trace *g, *k;
	const struct td_opts *o;
	struct td_taskdiff *td;
	size_t ntd;
	struct td_div *div;
	size_t ndiv, divcap;
	int first; /* overall first divergence (index), -1 */
	struct td_stale *stale;
	size_t nstale, stalecap;
	int error; /* the comparison could not be made */
	char errmsg[512];
	struct td_arena arena;
};

/* Compare two normalized traces.  Fills r; returns 0, or -1 when r->error
 * (then errmsg says why: golden unparsable, mismatched arches ...). */
int td_compare(struct td_trace *g, struct td_trace *k, const struct td_opts *o,
	       struct td_result *r);
void td_result_free(struct td_result *r);
/* td_rank (rank.c): set r->first, the headline: the earliest divergence
 * in the kernel's trace, a created task ranked after the diverging call
 * that created it. */
void td_rank(struct td_result *r);

/* td_first_unexpected: the index of the first divergence (by position)
 * that no expected-divergence entry matched; r->first when all were
 * expected (or none, -1).  What the TAP line and the text report lead with. */
int td_first_unexpected(const struct td_result *r);

/* 0 equivalent (or only expected divergences), 1 divergent, 2 error */
int td_result_status(const struct td_result *r);
/* "equivalent", "divergent", "expected", "error" */
const char *td_result_verdict(const struct td_result *r);

#endif
