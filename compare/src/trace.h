/* trace.h: a loaded trace: tasks (with fork-tree links), each task's event
 * sequence (unfinished/resumed merged), outcomes, #tdiff kernel events and
 * parse errors with their line numbers. */
#ifndef TD_TRACE_H
#define TD_TRACE_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum td_ev_kind {
	TD_EV_CALL,
	TD_EV_SIGNAL,
};

/* a string argument of a call (a path, a write buffer) as one side showed
 * it, for the raw level (strs.h) */
struct td_str {
	struct td_str *next;
	const char *s; /* its bytes, escapes decoded (a NUL after them) */
	uint32_t n;
	uint8_t arg;   /* the argument's index, 0-based */
	uint8_t cut;   /* shown abbreviated: only its first n bytes are known */
};

/* the fields most events leave NULL, kept apart so that an event stays
 * small (a million-line trace holds about a million events) */
struct td_evx {
	const char *alias;   /* restart_syscall: the call it resumes */
	const char *annot;
	const char *output;  /* program output printed inside the call */
	const char *setitem; /* compared as a set, not in place (sets.c) */
	int32_t child;	     /* task index + 1 this fork-like call created, 0 */
	struct td_str *str;  /* string arguments (raw level, strs.h), by arg */
};

struct td_event {
	uint8_t kind : 2;	/* enum td_ev_kind */
	uint8_t unfinished : 1; /* never completed within the trace */
	uint8_t injected : 1;	/* strace (INJECTED)/(DELAYED) */
	uint8_t skip : 1;	/* left out of alignment: signals, restarted calls */
	uint8_t raw_name : 1;	/* printed as syscall_0x..., named via libseccomp */
	uint8_t optional : 1;	/* may happen on one side only (sets.c: a lock wait) */
	uint8_t ret_isnum : 1;
	uint32_t task;
	/* what the alignment reads of every event, with skip above, kept
	 * together at the front (one cache line in most events) */
	uint64_t key;	   /* alignment key */
	uint64_t hash;	   /* hash of norm and nret */
	uint32_t line;	   /* line where the record starts */
	uint32_t end_line; /* line where it completed (0: never) */
	long long ret_num;
	const char *name;
	const char *args;
	const char *ret; /* NULL while unfinished */
	const char *err; /* errno name or NULL */
	char *norm;	 /* normalized arguments (norm.c) */
	char *nret;	 /* normalized return */
	struct td_evx *x; /* the rare fields, NULL when all are NULL */
};

/* the rare fields of an event (NULL when it has none) */
static inline const char *
td_ev_alias(const struct td_event *e)
{
	return e->x ? e->x->alias : NULL;
}
static inline const char *
td_ev_annot(const struct td_event *e)
{
	return e->x ? e->x->annot : NULL;
}
static inline const char *
td_ev_output(const struct td_event *e)
{
	return e->x ? e->x->output : NULL;
}
static inline const char *
td_ev_setitem(const struct td_event *e)
{
	return e->x ? e->x->setitem : NULL;
}
/* td_ev_str: the event's string arguments (raw level), NULL when none */
static inline const struct td_str *
td_ev_str(const struct td_event *e)
{
	return e->x ? e->x->str : NULL;
}
/* td_ev_child: task index + 1 of the task a fork-like call created, 0 */
static inline int
td_ev_child(const struct td_event *e)
{
	return e->x ? e->x->child : 0;
}
/* td_ev_call: the call an event stands for (restart_syscall: the one it
 * resumes) */
static inline const char *
td_ev_call(const struct td_event *e)
{
	return e->x && e->x->alias ? e->x->alias : e->name;
}

enum td_outcome {
	TD_OUT_NONE,
	TD_OUT_EXITED,
	TD_OUT_KILLED,
	TD_OUT_SUPERSEDED,
};

struct td_task {
	long pid;
	int parent; /* task index, -1 for the root and unlinked tasks */
	int nth;    /* 1-based among the parent's children */
	int nchild;
	int depth;
	int shares_vm; /* created with CLONE_VM */
	int reaped;    /* a wait call of its parent returned it: its pid is free */
	char *path;    /* fork-tree position: "1", "1.2", "x3" when unlinked;
			* deeper than TD_PATH_FULL levels, a short form (below) */
	const char *head; /* the path of its ancestor 3 levels below the root
			   * (its own when it is not that deep) */
	uint64_t phash;   /* hash of the whole position */
	uint32_t *ev; /* its events (indices into the trace's), in order */
	size_t nev;
	uint32_t nsig; /* its signal events: none, and a scan for one is spared */
	uint32_t nset; /* its events with a set item (sets.c, lower.c) */
	int pending; /* event index of the unfinished call, -1 */
	enum td_outcome out;
	int status;
	char sig[24];
	int core;
	uint32_t out_line;
	uint32_t first_line;
};

struct td_perror {
	uint32_t line, col;
	const char *msg;
};

/* #tdiff lines, in order */
struct td_kevent {
	uint32_t line;
	const char *verb;
	const char *text;
};

/* an interned name: every event of one call name shares its string */
struct td_name {
	uint64_t hash;
	const char *s; /* NULL: free slot */
	uint32_t n;
	int8_t known; /* libseccomp knows it on the trace's arch: 1, 0, -1 not asked */
};

struct td_trace {
	char *path;
	char *buf;
	size_t len;
	size_t buf_map; /* buf is a file mapping of this length (0: malloc'd) */
	size_t *line_cp; /* offset of every TD_LINE_STEP-th line */
	size_t ncp, cpcap;
	size_t scan;	 /* offset of the next line td_trace_read_line gives */
	uint32_t nlines; /* lines read so far: all, once loaded */
	struct td_event *ev;
	size_t nev, evcap;
	uint32_t *evidx; /* the tasks' event lists, one after the other */
	struct td_task *task;
	size_t ntask, taskcap;
	struct td_perror *err;
	size_t nerr, errcap;
	struct td_kevent *kev;
	size_t nkev, kevcap;
	size_t nrecords; /* non-blank lines */
	char arch[16];	 /* from "#tdiff boot" or the caller */
	char boot_arch[16]; /* from "#tdiff boot" only */
	uint32_t panic_line, exit_line;
	const char *panic, *exit_text, *boot_target;
	int poweroff;
	int binary_garbage; /* NUL bytes, counted when nerr > 0 or nev == 0 */
	int truncated_last; /* last line cut off inside a call: kept as unfinished */
	int form;	    /* enum td_form (raw.h): the syntax it was read in */
	int no_signals;	    /* a raw trace without "#tdiff signal" lines */
	int no_kills;	    /* a raw trace without "#tdiff killed" lines: a task
			     * that stops with no exit may have been killed */
	size_t args_compared, args_left_out; /* at raw level (lower.c) */
	size_t nstr;	    /* string arguments attached to events (strs.h) */
	long root_ppid;	    /* the root task's parent (outside the trace), from
			     * the root's first getppid(); 0 when unknown */
	struct td_arena arena;
	struct td_name *names; /* interned call and signal names, open addressing */
	size_t names_cap, names_n;
	long *pidmap_pid;
	int *pidmap_task;
	size_t pidmap_cap;
	struct td_pident {
		long pid;
		int k;
	} *bypid;	  /* every task by pid, then creation (td_trace_task_by_pid_at) */
	int *pathidx;	  /* open addressing: path -> task index, -1 free */
	size_t pathidx_cap;
};

/* td_ev_extra: the event's rare fields, made (all NULL) on first use */
struct td_evx *td_ev_extra(struct td_trace *t, struct td_event *e);

/* Fork-tree positions deeper than this many levels are named by their
 * first and last 4 levels, their depth and a 64-bit hash of the whole
 * position ("1.1.1.1...1.1.1.2~10000~9f3c...": names stay short, so a
 * 10,000-deep chain costs linear memory). */
#define TD_PATH_FULL 64

/* Load a trace from a file or from memory (the buffer is copied).  arch
 * ("x86_64", "riscv64" or NULL) names raw syscall numbers.  Returns 0, or
 * -1 with a message when the file cannot be read.  Parse errors are kept in
 * t->err, not returned. */
int td_trace_load(struct td_trace *t, const char *path, const char *arch);
int td_trace_load_mem(struct td_trace *t, const char *name, const char *buf, size_t len,
		      const char *arch);
void td_trace_free(struct td_trace *t);
/* td_trace_load_buf: the model of the strace text buf[0..len) (NUL after
 * it), which the trace takes over (map: td_map_file's mapping length);
 * helper: a long text may be parsed on a second thread (trace.c). */
void td_trace_load_buf(struct td_trace *t, const char *name, char *buf, size_t len, size_t map,
		       const char *arch, int helper);

/* Building a trace from records of another syntax (raw.c): begin over the
 * text (taken over, as above), feed records as the strace parser gives
 * them (spans are copied; a TD_L_ERROR record is a parse error at line),
 * then finish (task paths, indexes, restarts, the root's parent). */
struct td_line;
void td_trace_begin(struct td_trace *t, const char *name, char *buf, size_t len, size_t map,
		    const char *arch);
void td_trace_feed(struct td_trace *t, const struct td_line *l, uint32_t line, uint32_t end_line);
void td_trace_finish(struct td_trace *t);

/* The text of line `line` (1-based), without its newline: found from the
 * offset of a line at most TD_LINE_STEP - 1 before it (a full index of
 * line offsets costs 8 bytes a line). */
#define TD_LINE_STEP 32
const char *td_trace_line(const struct td_trace *t, uint32_t line, size_t *len);
/* td_trace_read_line: the next line of the text (its length in *len,
 * without the newline), NULL after the last; counts it in nlines and
 * indexes it for td_trace_line.  The loaders read every line this way,
 * once, in order. */
const char *td_trace_read_line(struct td_trace *t, size_t *len);
/* Task index for a fork-tree path, or -1. */
int td_trace_task_by_path(const struct td_trace *t, const char *path);
/* Index of the task with this pid (the latest one), or -1. */
int td_trace_task_by_pid(const struct td_trace *t, long pid);
/* td_trace_task_by_pid_at: the task a pid named at line `line`: a pid
 * names a new task once its last one has exited (+++ line) or was reaped,
 * so this is the last task with that pid created at or before the line
 * (else the first one).  *reused (may be NULL) is set when the pid named
 * more than one task.  -1 when no task had the pid. */
int td_trace_task_by_pid_at(const struct td_trace *t, long pid, uint32_t line, int *reused);
/* "exited 0", "killed SIGSEGV core", "superseded", "running" */
const char *td_outcome_str(const struct td_task *k, char *buf, size_t n);

#endif
