/* trace.c: build the trace model from parsed lines. */
#include "trace.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "sysc.h"

#define JOIN_MAX 32 /* lines of program output a write call may span */

static void
add_error(struct td_trace *t, uint32_t line, uint32_t col, const char *msg)
{
	struct td_perror *e = TD_PUSH(t->err, t->nerr, t->errcap);

	e->line = line;
	e->col = col;
	e->msg = msg;
}

static char *
dup_span(struct td_trace *t, struct td_span s)
{
	return s.p ? td_arena_strndup(&t->arena, s.p, s.n) : NULL;
}

/* pidmap: open addressing, pid -> latest task index; the capacity is a
 * power of two (64, doubling) */
static void
pidmap_put(struct td_trace *t, long pid, int task)
{
	size_t i;

	if (t->ntask * 2 + 2 >= t->pidmap_cap) {
		long *op = t->pidmap_pid;
		int *ot = t->pidmap_task;
		size_t oc = t->pidmap_cap;

		t->pidmap_cap = oc ? oc * 2 : 64;
		t->pidmap_pid = td_xmalloc(t->pidmap_cap * sizeof(long));
		t->pidmap_task = td_xmalloc(t->pidmap_cap * sizeof(int));
		for (i = 0; i < t->pidmap_cap; i++)
			t->pidmap_task[i] = -1;
		for (i = 0; i < oc; i++)
			if (ot[i] >= 0)
				pidmap_put(t, op[i], ot[i]);
		free(op);
		free(ot);
	}
	for (i = (size_t)pid * 2654435761u & (t->pidmap_cap - 1); t->pidmap_task[i] >= 0;
	     i = (i + 1) & (t->pidmap_cap - 1)) {
		if (t->pidmap_pid[i] == pid)
			break;
	}
	t->pidmap_pid[i] = pid;
	t->pidmap_task[i] = task;
}

int
td_trace_task_by_pid(const struct td_trace *t, long pid)
{
	if (!t->pidmap_cap)
		return -1;
	for (size_t i = (size_t)pid * 2654435761u & (t->pidmap_cap - 1); t->pidmap_task[i] >= 0;
	     i = (i + 1) & (t->pidmap_cap - 1))
		if (t->pidmap_pid[i] == pid)
			return t->pidmap_task[i];
	return -1;
}

static int
new_task(struct td_trace *t, long pid, uint32_t line)
{
	struct td_task *k = TD_PUSH(t->task, t->ntask, t->taskcap);

	memset(k, 0, sizeof(*k));
	k->pid = pid;
	k->parent = -1;
	k->pending = -1;
	k->first_line = line;
	pidmap_put(t, pid, (int)(t->ntask - 1));
	return (int)(t->ntask - 1);
}

/* task_for: the live task for a pid; lines without a pid prefix belong to
 * the first task.  A pid whose task exited or was reaped names a new task,
 * except in the +++ line of a task reaped before strace printed it. */
static int
task_for(struct td_trace *t, long pid, uint32_t line, int kind)
{
	int k;

	if (pid < 0 && t->ntask > 0)
		return 0;
	k = td_trace_task_by_pid(t, pid);
	if (k >= 0 && t->task[k].out == TD_OUT_NONE &&
	    (!t->task[k].reaped || kind == TD_L_EXITED || kind == TD_L_KILLED || kind == TD_L_SUPERSEDED))
		return k;
	return new_task(t, pid, line);
}

static int
is_fork_like(const char *name)
{
	if (name[0] != 'c' && name[0] != 'f' && name[0] != 'v')
		return 0;
	return !strcmp(name, "clone") || !strcmp(name, "clone3") || !strcmp(name, "fork") ||
	       !strcmp(name, "vfork");
}

/* reaped_pid: the pid a wait call reaped, or 0: wait4/waitpid's return
 * unless the status says stopped or continued (or may, when not shown),
 * waitid's si_pid unless WNOWAIT. */
static long
reaped_pid(const struct td_event *e)
{
	const char *n = td_ev_call(e), *a = e->args ? e->args : "", *p;

	if (n[0] != 'w' || e->err || !e->ret_isnum)
		return 0;
	if (!strcmp(n, "wait4") || !strcmp(n, "waitpid")) {
		if (e->ret_num <= 0 || strstr(a, "WIFSTOPPED") || strstr(a, "WIFCONTINUED") ||
		    (!strstr(a, "WIF") && (strstr(a, "WUNTRACED") || strstr(a, "WCONTINUED"))))
			return 0;
		return (long)e->ret_num;
	}
	if (!strcmp(n, "waitid") && e->ret_num == 0 && !strstr(a, "WNOWAIT") &&
	    (strstr(a, "CLD_EXITED") || strstr(a, "CLD_KILLED") || strstr(a, "CLD_DUMPED")) &&
	    (p = strstr(a, "si_pid=")))
		return strtol(p + 7, NULL, 10);
	return 0;
}

/* on_complete: effects of a finished call on the model: a fork-like call
 * returning a pid links the child task to its parent; a wait call frees
 * the pid it reaped. */
static void
on_complete(struct td_trace *t, int k, struct td_event *e)
{
	long r = reaped_pid(e);
	int c;

	if (r > 0 && (c = td_trace_task_by_pid(t, r)) > 0)
		t->task[c].reaped = 1;
	if (!e->ret_isnum || e->ret_num <= 0 || !is_fork_like(td_ev_call(e)))
		return;
	c = td_trace_task_by_pid(t, e->ret_num);
	/* a child may run, and even exit, before strace prints the parent's
	 * return: an unlinked task first seen while the call was running */
	if (c < 0 || t->task[c].parent >= 0 || c == 0 || t->task[c].reaped ||
	    (t->task[c].out != TD_OUT_NONE && t->task[c].first_line <= e->line))
		c = new_task(t, e->ret_num, e->end_line);
	td_ev_extra(t, e)->child = c + 1;
	t->task[c].parent = k;
	t->task[c].nth = ++t->task[k].nchild;
	t->task[c].shares_vm = e->args && strstr(e->args, "CLONE_VM") != NULL;
}

/* Copies a repeated line shares (the line memo, below): a line whose body
 * (all but its pid) is byte for byte one seen before parses to the same
 * spans, so its name, arguments, return and errno are the same texts; one
 * copy of each serves every such line (nothing writes into them, and no
 * code compares them by address but norm.c's cache, for which one text is
 * one result).  The name is set by the first line on_line takes in
 * (interned, as call_name gives it). */
struct shared {
	const char *args; /* NUL-terminated copy of l.args (calls), or NULL */
	const char *ret, *err;
	const char *name;
	long long ret_num;
	int ret_isnum; /* -1: ret and err not made (set_ret makes them) */
};

static void
set_ret(struct td_trace *t, struct td_event *e, const struct td_line *l, struct shared *sh)
{
	if (sh && sh->ret_isnum >= 0) {
		e->ret = sh->ret;
		e->err = sh->err;
		e->ret_num = sh->ret_num;
		e->ret_isnum = sh->ret_isnum != 0;
		if (l->annot.p)
			td_ev_extra(t, e)->annot = dup_span(t, l->annot);
		e->injected = l->injected != 0;
		return;
	}
	e->ret = dup_span(t, l->ret);
	e->err = dup_span(t, l->err);
	if (l->annot.p)
		td_ev_extra(t, e)->annot = dup_span(t, l->annot);
	e->injected = l->injected != 0;
	e->ret_isnum = 0;
	if (e->ret && e->ret[0] != '?') {
		int ok;

		e->ret_num = td_strtoll0(l->ret.p, l->ret.n, &ok);
		e->ret_isnum = ok != 0;
	}
}

struct memo;
static const char *memo_args(struct td_arena *arena, struct memo *memo, struct td_span a);

/* shared_fill: the copies of a parsed call line that lines repeating it
 * share (the name is left to on_line: interning is the loader's); with
 * a memo, its argument text is shared too (memo_args).  Without rets the
 * return and errno are left to set_ret (ret_isnum -1): the thread that
 * parses ahead leaves them to the loader, whose thread has less to do. */
static void
shared_fill(struct td_arena *arena, struct memo *memo, const struct td_line *l, struct shared *sh, int rets)
{
	sh->name = NULL;
	sh->args = l->kind == TD_L_RESUMED ? NULL
		   : memo ? memo_args(arena, memo, l->args)
			  : td_arena_strndup(arena, l->args.p, l->args.n);
	sh->ret = rets && l->ret.p ? td_arena_strndup(arena, l->ret.p, l->ret.n) : NULL;
	sh->err = rets && l->err.p ? td_arena_strndup(arena, l->err.p, l->err.n) : NULL;
	sh->ret_num = 0;
	sh->ret_isnum = rets ? 0 : -1;
	if (sh->ret && sh->ret[0] != '?') { /* as set_ret does */
		int ok;

		sh->ret_num = td_strtoll0(l->ret.p, l->ret.n, &ok);
		sh->ret_isnum = ok != 0;
	}
}

/* intern: the trace's one copy of name s[0..n) (names repeat on nearly
 * every line: one table lookup instead of a copy per event).  The table's
 * capacity is a power of two (256, doubling). */
static struct td_name *
intern(struct td_trace *t, const char *s, size_t n)
{
	uint64_t h = td_hash(s, n);
	size_t i;

	if (t->names_n * 2 + 2 >= t->names_cap) {
		struct td_name *old = t->names;
		size_t oc = t->names_cap;

		t->names_cap = oc ? oc * 2 : 256;
		t->names = td_xcalloc(t->names_cap, sizeof(*t->names));
		for (size_t j = 0; j < oc; j++)
			if (old[j].s) {
				for (i = old[j].hash & (t->names_cap - 1); t->names[i].s; i = (i + 1) & (t->names_cap - 1))
					;
				t->names[i] = old[j];
			}
		free(old);
	}
	for (i = h & (t->names_cap - 1); t->names[i].s; i = (i + 1) & (t->names_cap - 1))
		if (t->names[i].hash == h && t->names[i].n == n && !memcmp(t->names[i].s, s, n))
			return &t->names[i];
	t->names[i].hash = h;
	t->names[i].s = td_arena_strndup(&t->arena, s, n);
	t->names[i].n = (uint32_t)n;
	t->names[i].known = -1;
	t->names_n++;
	return &t->names[i];
}

/* call_name: the syscall's name, syscall_0x1b3 resolved for the trace's
 * arch through libseccomp.  *known: libseccomp knows the name (always 1
 * when no arch is known, for "???" and for resolved numbers). */
static const char *
call_name(struct td_trace *t, struct td_span s, uint8_t *raw, int *known)
{
	struct td_name *nm;

	*raw = 0;
	*known = 1;
	if (s.n > 10 && memcmp(s.p, "syscall_0x", 10) == 0 && t->arch[0]) {
		char tmp[32];
		const char *r;

		snprintf(tmp, sizeof(tmp), "%.*s", (int)(s.n - 10 < 20 ? s.n - 10 : 20), s.p + 10);
		r = td_sys_name(t->arch, strtol(tmp, NULL, 16));
		if (r) {
			*raw = 1;
			return r;
		}
	}
	nm = intern(t, s.p, s.n);
	if (!t->arch[0]) /* not cached: a later #tdiff boot line may name the arch */
		return nm->s;
	if (nm->known < 0)
		/* "???" and syscall_0x<nr> are strace's own forms for calls it
		 * cannot name: unknown to libseccomp too, and still syscalls */
		nm->known = !strcmp(nm->s, "???") || !strncmp(nm->s, "syscall_0x", 10) ||
			    td_sys_nr(t->arch, nm->s) >= 0;
	*known = nm->known;
	return nm->s;
}

struct td_evx *
td_ev_extra(struct td_trace *t, struct td_event *e)
{
	if (!e->x) {
		e->x = td_arena_alloc(&t->arena, sizeof(*e->x));
		memset(e->x, 0, sizeof(*e->x));
	}
	return e->x;
}

static struct td_event *
new_event(struct td_trace *t, int k, uint32_t line)
{
	struct td_event *e = TD_PUSH(t->ev, t->nev, t->evcap);

	memset(e, 0, sizeof(*e));
	e->task = (uint32_t)k;
	e->line = line;
	t->task[k].nev++;
	return e;
}

static void
on_tdiff(struct td_trace *t, const struct td_line *l, uint32_t line)
{
	struct td_kevent *kv = TD_PUSH(t->kev, t->nkev, t->kevcap);

	kv->line = line;
	kv->verb = dup_span(t, l->name);
	kv->text = dup_span(t, l->extra);
	if (!strcmp(kv->verb, "boot")) {
		char target[32], arch[16];

		if (sscanf(kv->text, "%31s %15s", target, arch) == 2) {
			t->boot_target = td_arena_strndup(&t->arena, target, strlen(target));
			if (!t->boot_arch[0])
				snprintf(t->boot_arch, sizeof(t->boot_arch), "%s", arch);
			if (!t->arch[0])
				snprintf(t->arch, sizeof(t->arch), "%s", arch);
			else if (strcmp(t->arch, arch) != 0)
				add_error(t, line, 0, "#tdiff boot names another arch than the one given");
		}
	} else if (!strcmp(kv->verb, "panic") && !t->panic) {
		t->panic = kv->text;
		t->panic_line = line;
	} else if (!strcmp(kv->verb, "exit")) {
		t->exit_text = kv->text;
		t->exit_line = line;
	} else if (!strcmp(kv->verb, "poweroff")) {
		t->poweroff = 1;
	}
}

/* on_line: apply one parsed record to the model. */
static void
on_line(struct td_trace *t, const struct td_line *l, uint32_t line, uint32_t end_line, struct shared *sh)
{
	struct td_event *e;
	struct td_task *tk;
	int k;

	switch (l->kind) {
	case TD_L_BLANK:
	case TD_L_ERROR:
		return;
	case TD_L_NOTE:
		t->nrecords++;
		return;
	case TD_L_TDIFF:
		t->nrecords++;
		on_tdiff(t, l, line);
		return;
	default:
		break;
	}
	t->nrecords++;
	k = task_for(t, l->pid, line, l->kind);
	tk = &t->task[k];
	switch (l->kind) {
	case TD_L_CALL:
	case TD_L_UNFINISHED: {
		uint8_t raw = 0;
		int known = 1;
		/* a shared name is one call_name gave before: known, not raw
		 * (raw names are not kept, see below) */
		const char *nm = sh && sh->name ? sh->name : call_name(t, l->name, &raw, &known);

		if (!known) {
			size_t ln;
			const char *ls = line <= t->nlines ? td_trace_line(t, line, &ln) : NULL;

			add_error(t, line,
				  ls && l->name.p >= ls && l->name.p < t->buf + t->len
					  ? (uint32_t)(l->name.p - ls) + 1
					  : 1,
				  "not a syscall of this arch (libseccomp does not know the name)");
			return;
		}
		e = new_event(t, k, line);
		e->kind = TD_EV_CALL;
		e->name = nm;
		e->raw_name = raw != 0;
		/* a name is cached once the arch is known (call_name reads the
		 * trace's arch, which a later #tdiff boot line may set) */
		if (sh && !raw && t->arch[0])
			sh->name = nm;
		e->args = sh && sh->args ? sh->args : dup_span(t, l->args);
		if (l->output.p)
			td_ev_extra(t, e)->output = dup_span(t, l->output);
		if (l->kind == TD_L_UNFINISHED) {
			e->unfinished = 1;
			t->task[k].pending = (int)(t->nev - 1);
			return;
		}
		e->end_line = end_line;
		set_ret(t, e, l, sh);
		on_complete(t, k, e);
		return;
	}
	case TD_L_RESUMED: {
		uint8_t raw;
		int known;
		const char *nm = call_name(t, l->name, &raw, &known);
		struct td_sb sb = {0};
		size_t pn;

		if (tk->pending < 0 || strcmp(t->ev[tk->pending].name, nm) != 0) {
			add_error(t, line, 0, "'<... resumed>' without a matching '<unfinished ...>' call");
			t->nrecords--;
			return;
		}
		e = &t->ev[tk->pending];
		tk->pending = -1;
		pn = strlen(e->args);
		td_sb_putn(&sb, e->args, pn);
		if (pn && e->args[pn - 1] == ',')
			td_sb_putc(&sb, ' ');
		td_sb_putn(&sb, l->args.p, l->args.n);
		e->args = td_arena_strndup(&t->arena, sb.s, sb.len);
		td_sb_free(&sb);
		e->unfinished = 0;
		e->end_line = end_line;
		set_ret(t, e, l, sh);
		on_complete(t, k, e);
		return;
	}
	case TD_L_SIGNAL:
		e = new_event(t, k, line);
		e->kind = TD_EV_SIGNAL;
		e->skip = 1;
		tk->nsig++;
		e->end_line = line;
		e->name = intern(t, l->name.p, l->name.n)->s;
		e->args = l->extra.p ? dup_span(t, l->extra) : "";
		e->ret = "";
		return;
	case TD_L_EXITED:
	case TD_L_KILLED:
	case TD_L_SUPERSEDED:
		tk->out = l->kind == TD_L_EXITED ? TD_OUT_EXITED
			  : l->kind == TD_L_KILLED ? TD_OUT_KILLED
						   : TD_OUT_SUPERSEDED;
		tk->status = (int)l->status;
		tk->core = l->core;
		snprintf(tk->sig, sizeof(tk->sig), "%.*s", (int)l->name.n, l->name.p ? l->name.p : "");
		tk->out_line = line;
		return;
	default:
		return;
	}
}

/* task_path: fork-tree position, computed from the parent links ("x3"
 * for a task without a parent, or in a loop of them); deeper than
 * TD_PATH_FULL levels, the short form of trace.h: the parent's first 4
 * levels (head), the last 4 levels, the depth and the position's hash. */
static char *
task_path(struct td_trace *t, int k, int depth)
{
	struct td_task *tk = &t->task[k];
	char buf[32];

	if (tk->path)
		return tk->path;
	if (k == 0) {
		tk->path = "1";
		tk->head = tk->path;
		tk->phash = td_hash("1", 1);
	} else if (tk->parent < 0 || depth > 64) {
		snprintf(buf, sizeof(buf), "x%d", k);
		tk->path = td_arena_strndup(&t->arena, buf, strlen(buf));
		tk->head = tk->path;
		tk->phash = td_hash(buf, strlen(buf));
	} else {
		char *pp = task_path(t, tk->parent, depth + 1);
		const struct td_task *pk = &t->task[tk->parent];
		size_t n = strlen(pp) + 16;
		char *s;

		tk->depth = pk->depth + 1;
		tk->phash = td_hash_more(pk->phash, &tk->nth, sizeof(tk->nth));
		if (tk->depth <= TD_PATH_FULL) {
			s = td_arena_alloc(&t->arena, n);
			snprintf(s, n, "%s.%d", pp, tk->nth);
		} else {
			const struct td_task *a = pk, *b = &t->task[a->parent], *c = &t->task[b->parent];

			n = strlen(pk->head) + 80;
			s = td_arena_alloc(&t->arena, n);
			snprintf(s, n, "%s...%d.%d.%d.%d~%d~%016llx", pk->head, c->nth, b->nth, a->nth, tk->nth,
				 tk->depth, (unsigned long long)tk->phash);
		}
		tk->path = s;
		tk->head = tk->depth <= 3 ? s : pk->head;
	}
	return tk->path;
}

/* mark_skip: interrupted calls that are restarted are left out of the
 * alignment (their restart stands for them); restart_syscall is aligned as
 * the call it resumes.  Called for event i, in trace order (a task's
 * events are in that order too): a call that returned ERESTART* waits in
 * pend (per task, -1 none) for its task's next call, which decides. */
static void
mark_skip(struct td_trace *t, size_t i, long *pend)
{
	struct td_event *e = &t->ev[i];
	const char *r;

	if (e->kind != TD_EV_CALL)
		return;
	if (e->name[0] == 'r' && !strcmp(e->name, "restart_syscall") && (r = strstr(e->args, "interrupted "))) {
		size_t n = strcspn(r + 12, " .>");

		td_ev_extra(t, e)->alias = td_arena_strndup(&t->arena, r + 12, n);
	}
	if (pend[e->task] >= 0) {
		struct td_event *p = &t->ev[pend[e->task]];

		if (!strcmp(e->name, p->name) || !strcmp(e->name, "restart_syscall"))
			p->skip = 1;
		pend[e->task] = -1;
	}
	if (e->err && e->err[0] == 'E' && !strncmp(e->err, "ERESTART", 8))
		pend[e->task] = (long)i;
}

/* find_root_ppid: the parent of the root task is outside the traced tree
 * (strace on Linux, whatever starts the first process in a kernel); the
 * root's own first successful getppid() names it.  A value that is a pid
 * of the trace is not an outside parent and is left alone. */
static void
find_root_ppid(struct td_trace *t)
{
	const struct td_task *root;

	if (!t->ntask)
		return;
	root = &t->task[0];
	for (size_t i = 0; i < root->nev; i++) {
		const struct td_event *e = &t->ev[root->ev[i]];

		if (e->kind != TD_EV_CALL || strcmp(e->name, "getppid") != 0 || e->err ||
		    !e->ret_isnum || e->ret_num <= 0)
			continue;
		if (td_trace_task_by_pid(t, (long)e->ret_num) < 0)
			t->root_ppid = (long)e->ret_num;
		return;
	}
}

/* The line memo: long traces repeat many lines but for their pid prefix
 * (close(3) = 0, futex wake-ups, resumed reads).  A line "PID body" whose
 * body was parsed before takes that parse, its spans moved to the new
 * body, and shares the copy of its arguments.  The parse of such a line
 * depends only on the pid and the body's bytes, so nothing changes but the
 * time.  Direct-mapped by the body's hash; bodies compare byte for byte. */
#define MEMO_CAP 4096	    /* entries, a power of two */
#ifndef MEMO_MIN_LINES /* tests build with 0 to run the memo on every trace */
#define MEMO_MIN_LINES 4096 /* shorter traces are parsed line by line */
#endif

struct memo {
	const char *body; /* NULL: free */
	size_t blen;
	uint64_t h;
	struct td_line l; /* spans into body */
	struct shared sh; /* the copies its repeats share */
	/* a second table in the same slots, by the hash of an argument
	 * text (memo_args) */
	const char *atext;
	size_t alen;
	uint64_t ah;
};

/* memo_args: one copy of argument text a for all the memo's lines that
 * hold it (mmap(NULL, 8192, ...) = 0x7f..., whatever the address): lines
 * whose bodies differ may share their arguments' copy, as repeated lines
 * do, so that norm.c's cache of normalized arguments (keyed by the copy)
 * serves them all.  A slot holds the text last put there. */
static const char *
memo_args(struct td_arena *arena, struct memo *memo, struct td_span a)
{
	uint64_t h = td_hash(a.p, a.n);
	struct memo *m = &memo[h & (MEMO_CAP - 1)];

	if (m->atext && m->ah == h && m->alen == a.n && !memcmp(m->atext, a.p, a.n))
		return m->atext;
	m->atext = td_arena_strndup(arena, a.p, a.n);
	m->alen = a.n;
	m->ah = h;
	return m->atext;
}

/* memo_body: the body of a "PID body" line (the pid as parse_prefix reads
 * it: up to 9 digits, then blanks); NULL for any other line. */
static const char *
memo_body(const char *p, size_t n, long *pid)
{
	size_t i = 0;
	long v = 0;

	while (i < n && i < 9 && p[i] >= '0' && p[i] <= '9')
		v = v * 10 + (p[i++] - '0');
	if (i == 0 || i >= n || (p[i] != ' ' && p[i] != '\t'))
		return NULL;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r'))
		i++;
	*pid = v;
	return p + i;
}

static void
memo_move(struct td_span *s, const char *from, const char *to)
{
	if (s->p)
		s->p = to + (s->p - from);
}

/* memo_parse: parse p[0..n) through the memo: 0 with *l (and *sh, the
 * entry's shared copies, when the line is in the memo: else NULL), or -1
 * when the line is not memoizable (the caller parses it as usual). */
static int
memo_parse(struct td_arena *arena, struct memo *memo, const char *p, size_t n, struct td_line *l,
	   struct shared **sh, int rets)
{
	long pid;
	const char *b = memo_body(p, n, &pid);
	size_t bn;
	uint64_t h;
	struct memo *m;

	if (!b)
		return -1;
	bn = n - (size_t)(b - p);
	h = td_hash(b, bn);
	m = &memo[h & (MEMO_CAP - 1)];
	if (m->body && m->h == h && m->blen == bn && !memcmp(m->body, b, bn)) {
		*l = m->l;
		l->pid = pid;
		memo_move(&l->name, m->body, b);
		memo_move(&l->args, m->body, b);
		memo_move(&l->ret, m->body, b);
		memo_move(&l->err, m->body, b);
		memo_move(&l->annot, m->body, b);
		memo_move(&l->extra, m->body, b);
		memo_move(&l->output, m->body, b);
		*sh = &m->sh;
		return 0;
	}
	if (td_parse_line(p, n, l) < 0 || l->pid != pid ||
	    (l->kind != TD_L_CALL && l->kind != TD_L_UNFINISHED && l->kind != TD_L_RESUMED))
		return l->kind == TD_L_ERROR ? -1 : 0; /* parsed; errors are parsed again */
	m->body = b;
	m->blen = bn;
	m->h = h;
	m->l = *l;
	shared_fill(arena, memo, l, &m->sh, rets);
	*sh = &m->sh;
	return 0;
}

/* line_end: the offset of the newline that ends the line at off (the
 * text's length for a last line without one) */
static size_t
line_end(const struct td_trace *t, size_t off)
{
	const char *e = memchr(t->buf + off, '\n', t->len - off);

	return e ? (size_t)(e - t->buf) : t->len;
}

/* td_trace_read_line: see trace.h */
const char *
td_trace_read_line(struct td_trace *t, size_t *len)
{
	size_t off = t->scan, e;

	if (off >= t->len)
		return NULL;
	if (t->nlines % TD_LINE_STEP == 0)
		*TD_PUSH(t->line_cp, t->ncp, t->cpcap) = off;
	e = line_end(t, off);
	*len = e - off;
	t->scan = e + 1;
	t->nlines++;
	return t->buf + off;
}

/* read_line_known: td_trace_read_line for the next line when its length
 * n is known */
static const char *
read_line_known(struct td_trace *t, size_t n, size_t *len)
{
	size_t off = t->scan;

	if (t->nlines % TD_LINE_STEP == 0)
		*TD_PUSH(t->line_cp, t->ncp, t->cpcap) = off;
	*len = n;
	t->scan = off + n + 1;
	t->nlines++;
	return t->buf + off;
}

/* count_nuls: the NUL bytes of the text (binary data, not a trace), which
 * only a trace that does not parse reports: counted for such a trace
 * only (a pass over a big text costs about as much as splitting it) */
static void
count_nuls(struct td_trace *t)
{
	for (const char *z = memchr(t->buf, 0, t->len); z; z = memchr(z + 1, 0, t->len - (size_t)(z + 1 - t->buf)))
		t->binary_garbage++;
}

/* Parsing ahead: on a long trace a helper thread parses the lines (through
 * a memo of its own) while load_lines builds the model from its records,
 * in batches of AHEAD_BATCH lines, AHEAD_SLOTS batches ahead at most.  A
 * line the helper could not parse alone (a syntax error, program output
 * over several lines) is left to load_lines, which does as before. */
#ifndef AHEAD_BATCH /* checks build with small ones */
#define AHEAD_BATCH 4096
#endif
#define AHEAD_SLOTS 4
#ifndef PARSE_MIN
#define PARSE_MIN ((size_t)4 << 20) /* shorter texts are parsed on one thread */
#endif

struct parsed {
	struct td_line l;
	struct shared sh; /* copies of a call line's texts (when has_sh) */
	size_t len;	  /* the line's length: load_lines need not look for its end */
	int has_sh;
	int ok;		  /* 0: load_lines parses the line itself */
};

struct ahead {
	const struct td_trace *t;
	struct parsed *rec; /* AHEAD_SLOTS batches, batch b in slot b % AHEAD_SLOTS */
	size_t filled;	    /* batches parsed */
	size_t used;	    /* batches load_lines is done with */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct td_arena arena; /* the helper's copies, joined to the trace's */
};

/* parse_ahead: the helper's thread: every line, batch by batch, each into
 * its slot once load_lines is done with the batch that held it */
static void *
parse_ahead(void *arg)
{
	struct ahead *a = arg;
	const struct td_trace *t = a->t;
	struct memo *memo = td_xcalloc(MEMO_CAP, sizeof(*memo));
	size_t off = 0, ln = 0;
	struct shared *sh;

	for (size_t b = 0; off < t->len; b++) {
		struct parsed *r = &a->rec[(b % AHEAD_SLOTS) * AHEAD_BATCH];

		pthread_mutex_lock(&a->mu);
		while (b >= a->used + AHEAD_SLOTS)
			pthread_cond_wait(&a->cv, &a->mu);
		pthread_mutex_unlock(&a->mu);
		for (size_t i = 0; i < AHEAD_BATCH && off < t->len; i++, ln++) {
			const char *p = t->buf + off, *e = memchr(p, '\n', t->len - off);
			size_t n = e ? (size_t)(e - p) : t->len - off;

			off += n + 1;
			r[i].len = n;
			sh = NULL;
			r[i].ok = (ln >= MEMO_MIN_LINES && memo_parse(&a->arena, memo, p, n, &r[i].l, &sh, 0) == 0) ||
				  td_parse_line(p, n, &r[i].l) == 0;
			/* the copies are made here, off the loader's thread: a
			 * memo entry's by value (the loader may write its name
			 * into the record's, never into the memo's) */
			r[i].has_sh = 0;
			if (sh) {
				r[i].sh = *sh;
				r[i].has_sh = 1;
			} else if (r[i].ok && (r[i].l.kind == TD_L_CALL || r[i].l.kind == TD_L_UNFINISHED ||
					       r[i].l.kind == TD_L_RESUMED)) {
				shared_fill(&a->arena, memo, &r[i].l, &r[i].sh, 0);
				r[i].has_sh = 1;
			}
		}
		pthread_mutex_lock(&a->mu);
		__atomic_store_n(&a->filled, b + 1, __ATOMIC_RELEASE);
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
	}
	free(memo);
	return NULL;
}

/* ahead_get: the helper's record of line ln (0-based), waited for (*l
 * points into it: good until the next call), and the line's length (*n);
 * 0 when the helper left the line to load_lines */
static int
ahead_get(struct ahead *a, size_t ln, const struct td_line **l, struct shared **sh, size_t *n)
{
	size_t b = ln / AHEAD_BATCH;
	struct parsed *r;

	if (b >= __atomic_load_n(&a->filled, __ATOMIC_ACQUIRE) || b > a->used) {
		pthread_mutex_lock(&a->mu);
		if (b > a->used) { /* the batches before are done with */
			a->used = b;
			pthread_cond_broadcast(&a->cv);
		}
		while (b >= a->filled)
			pthread_cond_wait(&a->cv, &a->mu);
		pthread_mutex_unlock(&a->mu);
	}
	r = &a->rec[(b % AHEAD_SLOTS) * AHEAD_BATCH + ln % AHEAD_BATCH];
	*n = r->len;
	if (!r->ok)
		return 0;
	*l = &r->l;
	*sh = r->has_sh ? &r->sh : NULL;
	return 1;
}

/* load_lines: every line of the text into the model, in order (with a
 * helper parsing ahead when helper is set and the text is long) */
static void
load_lines(struct td_trace *t, int helper)
{
	struct td_line l;
	struct memo *memo = NULL;
	const char *p;
	size_t len;
	struct ahead ah = {.t = t, .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};
	pthread_t th;
	int ahead = 0;

	if (helper && t->len >= PARSE_MIN) {
		ah.rec = td_huge_alloc(AHEAD_SLOTS * AHEAD_BATCH * sizeof(*ah.rec), NULL);
		ahead = pthread_create(&th, NULL, parse_ahead, &ah) == 0;
	}

	/* about one event a line of 48 bytes: few regrowths, and a big
	 * array grows by remapping, not copying */
	t->ev = td_huge_alloc((t->len / 48 + 16) * sizeof(*t->ev), &t->evcap);
	t->evcap /= sizeof(*t->ev);
	for (uint32_t ln = 0;;) {
		size_t off;
		uint32_t used = 1;
		struct shared *sh = NULL;

		if (ahead && t->scan < t->len) { /* the helper found the line's end */
			const struct td_line *hl;
			size_t n;
			int got = ahead_get(&ah, ln, &hl, &sh, &n);

			p = read_line_known(t, n, &len);
			if (got) { /* parsed by the helper (not an error) */
				on_line(t, hl, ln + 1, ln + 1, sh);
				ln++;
				continue;
			}
		} else if (!(p = td_trace_read_line(t, &len))) {
			break;
		}
		off = (size_t)(p - t->buf);
		if (!ahead && !memo && ln >= MEMO_MIN_LINES)
			memo = td_xcalloc(MEMO_CAP, sizeof(*memo));
		if (memo && memo_parse(&t->arena, memo, p, len, &l, &sh, 1) == 0) {
			/* a line seen before, but for its pid */
		} else if (td_parse_line(p, len, &l) < 0 && l.perr == TD_E_INCOMPLETE) {
			/* a write whose program output holds newlines: join lines */
			struct td_line j;
			size_t jn = t->scan, skip;

			for (uint32_t k = 1; k <= JOIN_MAX && jn < t->len; k++) {
				size_t jl = line_end(t, jn);

				jn = jl + 1;
				if (td_parse_line(p, jl - off, &j) == 0 && j.output.n > 0) {
					l = j;
					used = k + 1;
					break;
				}
			}
			for (uint32_t k = 1; k < used; k++) /* the lines joined */
				td_trace_read_line(t, &skip);
		}
		if (l.kind == TD_L_ERROR && l.perr == TD_E_INCOMPLETE && t->scan > t->len) {
			/* the trace was cut off inside its last record (the
			 * machine stopped, no newline after it): take it as a
			 * call that never returned */
			struct td_sb tmp = {0};

			td_sb_putn(&tmp, p, len);
			td_sb_puts(&tmp, " <unfinished ...>");
			if (td_parse_line(tmp.s, tmp.len, &l) == 0) {
				on_line(t, &l, ln + 1, ln + 1, NULL);
				t->truncated_last = 1;
				td_sb_free(&tmp);
				ln++;
				continue;
			}
			td_sb_free(&tmp);
		}
		if (l.kind == TD_L_ERROR) {
			add_error(t, ln + 1, (uint32_t)l.errcol + 1, l.errmsg);
			t->nrecords++;
		} else {
			on_line(t, &l, ln + 1, ln + used, sh);
		}
		ln += used;
	}
	free(memo);
	if (ahead) {
		pthread_mutex_lock(&ah.mu);
		ah.used = SIZE_MAX; /* the helper may be waiting for a slot */
		pthread_cond_broadcast(&ah.cv);
		pthread_mutex_unlock(&ah.mu);
		pthread_join(th, NULL);
		td_arena_take(&t->arena, &ah.arena);
	}
	free(ah.rec);
}

/* index_events: each task's event list, in one array for all tasks
 * (events are stored in trace order, so each task's are in order too),
 * and the restarted calls marked (mark_skip), in the same pass */
static void
index_events(struct td_trace *t)
{
	size_t at = 0;
	long *pend = td_xmalloc((t->ntask + 1) * sizeof(*pend));

	t->evidx = td_huge_alloc((t->nev + 1) * sizeof(*t->evidx), NULL);
	for (size_t k = 0; k < t->ntask; k++) {
		t->task[k].ev = t->evidx + at;
		at += t->task[k].nev;
		t->task[k].nev = 0;
		pend[k] = -1;
	}
	for (size_t i = 0; i < t->nev; i++) {
		struct td_task *tk = &t->task[t->ev[i].task];

		tk->ev[tk->nev++] = (uint32_t)i;
		mark_skip(t, i, pend);
	}
	free(pend);
}

static int
cmp_pident(const void *a, const void *b)
{
	const struct td_pident *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->k - y->k;
}

/* build_indexes: tasks by pid (every one, not only the latest) and by
 * path, so that lookups cost a logarithm or a probe, not a scan. */
static void
build_indexes(struct td_trace *t)
{
	size_t cap = 64;

	t->bypid = td_xmalloc((t->ntask + 1) * sizeof(*t->bypid));
	for (size_t k = 0; k < t->ntask; k++)
		t->bypid[k] = (struct td_pident){t->task[k].pid, (int)k};
	qsort(t->bypid, t->ntask, sizeof(*t->bypid), cmp_pident);
	while (cap < t->ntask * 2)
		cap *= 2;
	t->pathidx_cap = cap;
	t->pathidx = td_xmalloc(cap * sizeof(*t->pathidx));
	for (size_t i = 0; i < cap; i++)
		t->pathidx[i] = -1;
	for (size_t k = 0; k < t->ntask; k++) {
		const char *p = t->task[k].path;
		size_t i = td_hash(p, strlen(p)) & (cap - 1);

		for (; t->pathidx[i] >= 0; i = (i + 1) & (cap - 1))
			if (!strcmp(t->task[t->pathidx[i]].path, p))
				break;
		if (t->pathidx[i] < 0) /* the first task of a path keeps it */
			t->pathidx[i] = (int)k;
	}
}

void
td_trace_begin(struct td_trace *t, const char *name, char *buf, size_t len, size_t map, const char *arch)
{
	memset(t, 0, sizeof(*t));
	t->path = td_xstrndup(name, strlen(name));
	t->buf = buf;
	t->len = len;
	t->buf_map = map;
	if (arch)
		snprintf(t->arch, sizeof(t->arch), "%s", arch);
}

void
td_trace_feed(struct td_trace *t, const struct td_line *l, uint32_t line, uint32_t end_line)
{
	if (l->kind == TD_L_ERROR) {
		add_error(t, line, (uint32_t)l->errcol + 1, l->errmsg);
		t->nrecords++;
		return;
	}
	on_line(t, l, line, end_line, NULL);
}

void
td_trace_finish(struct td_trace *t)
{
	if (t->nerr > 0 || t->nev == 0)
		count_nuls(t);
	index_events(t);
	for (size_t k = 0; k < t->ntask; k++)
		task_path(t, (int)k, 0);
	build_indexes(t);
	find_root_ppid(t);
	if (t->ntask && t->task[0].out == TD_OUT_NONE && t->exit_text) {
		/* the kernel reported the test's end but its tracer printed no
		 * "+++" line for the first task: take the reported status */
		struct td_task *tk = &t->task[0];
		char sig[24] = "", core[8] = "";

		if (sscanf(t->exit_text, "exited %d", &tk->status) == 1) {
			tk->out = TD_OUT_EXITED;
			tk->out_line = t->exit_line;
		} else if (sscanf(t->exit_text, "killed %23s %7s", sig, core) >= 1) {
			tk->out = TD_OUT_KILLED;
			tk->out_line = t->exit_line;
			snprintf(tk->sig, sizeof(tk->sig), "%s", sig);
			tk->core = !strcmp(core, "core");
		}
	}
}

/* load_owned: build the model over buf (malloc'd, NUL-terminated), which
 * the trace takes over. */
static int
load_owned(struct td_trace *t, const char *name, char *buf, size_t len, const char *arch, int helper)
{
	td_trace_begin(t, name, buf, len, 0, arch);
	load_lines(t, helper);
	td_trace_finish(t);
	return 0;
}

int
td_trace_load_mem(struct td_trace *t, const char *name, const char *buf, size_t len,
		  const char *arch)
{
	char *copy = td_xmalloc(len + 1);

	memcpy(copy, buf, len);
	copy[len] = 0;
	return load_owned(t, name, copy, len, arch, 0);
}

int
td_trace_load(struct td_trace *t, const char *path, const char *arch)
{
	char *buf;
	size_t len, map;

	if (td_map_file(path, &buf, &len, &map) < 0)
		return -1;
	td_trace_load_buf(t, path, buf, len, map, arch, 0);
	return 0;
}

void
td_trace_load_buf(struct td_trace *t, const char *name, char *buf, size_t len, size_t map, const char *arch,
		  int helper)
{
	load_owned(t, name, buf, len, arch, helper);
	t->buf_map = map;
}

void
td_trace_free(struct td_trace *t)
{
	free(t->evidx);
	free(t->task);
	free(t->ev);
	free(t->err);
	free(t->kev);
	free(t->line_cp);
	td_unmap_file(t->buf, t->buf_map);
	free(t->path);
	free(t->pidmap_pid);
	free(t->pidmap_task);
	free(t->bypid);
	free(t->pathidx);
	free(t->names);
	td_arena_free(&t->arena);
	memset(t, 0, sizeof(*t));
}

const char *
td_trace_line(const struct td_trace *t, uint32_t line, size_t *len)
{
	size_t off;

	if (line < 1 || line > t->nlines) {
		*len = 0;
		return "";
	}
	off = t->line_cp[(line - 1) / TD_LINE_STEP];
	for (uint32_t k = (line - 1) % TD_LINE_STEP; k > 0; k--)
		off = line_end(t, off) + 1;
	*len = line_end(t, off) - off;
	return t->buf + off;
}

int
td_trace_task_by_path(const struct td_trace *t, const char *path)
{
	if (!t->pathidx_cap)
		return -1;
	for (size_t i = td_hash(path, strlen(path)) & (t->pathidx_cap - 1); t->pathidx[i] >= 0;
	     i = (i + 1) & (t->pathidx_cap - 1))
		if (!strcmp(t->task[t->pathidx[i]].path, path))
			return t->pathidx[i];
	return -1;
}

int
td_trace_task_by_pid_at(const struct td_trace *t, long pid, uint32_t line, int *reused)
{
	size_t lo = 0, hi = t->ntask, a, b;

	if (reused)
		*reused = 0;
	while (lo < hi) { /* the first entry of the pid */
		size_t m = lo + (hi - lo) / 2;

		if (t->bypid[m].pid < pid)
			lo = m + 1;
		else
			hi = m;
	}
	if (lo == t->ntask || t->bypid[lo].pid != pid)
		return -1;
	a = lo;
	for (hi = t->ntask; lo < hi;) { /* one past its last */
		size_t m = lo + (hi - lo) / 2;

		if (t->bypid[m].pid <= pid)
			lo = m + 1;
		else
			hi = m;
	}
	b = lo;
	if (b - a == 1)
		return t->bypid[a].k;
	if (reused)
		*reused = 1;
	/* tasks are made in line order: the last one made by `line` */
	for (lo = a + 1, hi = b; lo < hi;) {
		size_t m = lo + (hi - lo) / 2;

		if (t->task[t->bypid[m].k].first_line <= line)
			lo = m + 1;
		else
			hi = m;
	}
	return t->bypid[lo - 1].k;
}

const char *
td_outcome_str(const struct td_task *k, char *buf, size_t n)
{
	switch (k->out) {
	case TD_OUT_EXITED:
		snprintf(buf, n, "exited %d", k->status);
		break;
	case TD_OUT_KILLED:
		snprintf(buf, n, "killed %s%s", k->sig, k->core ? " core" : "");
		break;
	case TD_OUT_SUPERSEDED:
		snprintf(buf, n, "superseded by execve");
		break;
	default:
		snprintf(buf, n, "no exit");
		break;
	}
	return buf;
}
