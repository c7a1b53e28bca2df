/* diverge.c: task matching, per-task alignment and classification. */
#include "diverge.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "divint.h"
#include "lower.h"
#include "parse.h"
#include "raw.h"
#include "strs.h"
#include "sysc.h"


static const char *const class_names[TD_C_COUNT] = {
	"errno", "result", "enosys", "missing", "extra", "arg", "retval",
	"signal", "exit", "output", "hang", "panic", "unparsable",
};

static const char *const class_texts[TD_C_COUNT] = {
	"different errno",
	"success vs failure",
	"not implemented (ENOSYS)",
	"missing call",
	"extra call",
	"argument differs",
	"return value differs",
	"signal",
	"exit status differs",
	"program output differs",
	"hang",
	"kernel panic",
	"unparsable trace",
};

const char *
td_class_name(enum td_class c)
{
	return c < TD_C_COUNT ? class_names[c] : "?";
}

const char *
td_class_text(enum td_class c)
{
	return c < TD_C_COUNT ? class_texts[c] : "?";
}

int
td_class_from_name(const char *s)
{
	for (int i = 0; i < TD_C_COUNT; i++)
		if (!strcmp(s, class_names[i]))
			return i;
	return -1;
}

char *
td_rstr(struct td_result *r, const char *s)
{
	return s ? td_arena_strndup(&r->arena, s, strlen(s)) : NULL;
}

char *
td_rprintf(struct td_result *r, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return td_rstr(r, buf);
}

/* hang_pos: a hang is only known at the end of the trace; among hung
 * tasks the deepest comes first (a parent waiting is the echo). */
uint64_t
td_hang_pos(int depth)
{
	return POS_INF - 0x100 - (uint64_t)(depth & 0xff);
}

uint64_t
td_pos_of(uint32_t line, int depth)
{
	return ((uint64_t)line << 16) + (uint64_t)(0xffff - (depth & 0x7fff));
}

/* The text of an event as a call: name(norm) = nret */
char *
td_ev_text(struct td_result *r, const struct td_trace *t, long ev)
{
	const struct td_event *e;

	if (ev < 0)
		return td_rstr(r, "(nothing)");
	e = &t->ev[ev];
	if (e->kind == TD_EV_SIGNAL)
		return td_rprintf(r, "--- %s %s ---", e->name, e->norm ? e->norm : "");
	if (e->unfinished)
		return td_rprintf(r, "%s(%s <unfinished>", e->name, e->norm ? e->norm : e->args);
	return td_rprintf(r, "%s(%s) = %s", e->name, e->norm ? e->norm : e->args, e->nret ? e->nret : "");
}

struct spans {
	const char *p[TD_RULE_MAXARGS * 4];
	size_t n[TD_RULE_MAXARGS * 4];
	int count;
};

static void
collect(void *ctx, int i, const char *a, size_t n)
{
	struct spans *s = ctx;

	if (i < (int)(sizeof(s->p) / sizeof(s->p[0]))) {
		s->p[i] = a;
		s->n[i] = n;
		s->count = i + 1;
	}
}

/* field_path: the struct field (a.b.c) where normalized value a parts from
 * b, from the "name=" items enclosing the first differing character. */
void
td_field_path(const char *a, const char *b, char *buf, size_t bn)
{
	char names[16][32];
	size_t d = 0, i = 0, at_item = 1;

	while (a[d] && a[d] == b[d])
		d++;
	memset(names, 0, sizeof(names));
	for (size_t dep = 0; i < d;) {
		char c = a[i];

		if (at_item) {
			size_t k = 0;

			while (a[i + k] && (a[i + k] == '_' || (a[i + k] >= 'a' && a[i + k] <= 'z') ||
					    (a[i + k] >= '0' && a[i + k] <= '9' && k)))
				k++;
			names[dep][0] = 0;
			if (k && a[i + k] == '=' && a[i + k + 1] != '=' && dep < 16)
				snprintf(names[dep], sizeof(names[dep]), "%.*s", (int)k, a + i);
			at_item = 0;
		}
		if (c == '"') {
			for (i++; a[i] && a[i] != '"'; i++)
				if (a[i] == '\\' && a[i + 1])
					i++;
			if (a[i])
				i++;
			continue;
		}
		if (c == '{' || c == '[' || c == '(') {
			if (dep < 15)
				dep++;
			names[dep][0] = 0;
			at_item = 1;
		} else if ((c == '}' || c == ']' || c == ')') && dep > 0) {
			dep--;
		} else if (c == ',') {
			at_item = 1;
			i++;
			while (a[i] == ' ')
				i++;
			continue;
		}
		i++;
		if (i == d) {
			size_t o = 0;

			buf[0] = 0;
			for (size_t j = 0; j <= dep && o + 1 < bn; j++)
				if (names[j][0])
					o += (size_t)snprintf(buf + o, bn - o, "%s%s", o ? "." : "", names[j]);
			return;
		}
	}
	buf[0] = 0;
	{
		size_t o = 0;

		for (size_t j = 0; j < 16 && o + 1 < bn; j++)
			if (names[j][0])
				o += (size_t)snprintf(buf + o, bn - o, "%s%s", o ? "." : "", names[j]);
	}
}

/* result_differs: one side failed and the other did not, or both failed
 * with other errnos (ENOSYS included). */
static int
result_differs(const struct td_event *g, const struct td_event *k)
{
	if (!g->err || !k->err)
		return !!g->err != !!k->err;
	return strcmp(g->err, k->err) != 0;
}

/* classify_pair: two events with the same name whose contents differ. */
static void
classify_pair(struct td_result *r, const struct td_event *g, const struct td_event *k,
	      const struct td_task *kt, struct td_div *d)
{
	const char *name = td_ev_call(g);

	d->syscall = name;
	if (k->unfinished && !g->unfinished) {
		d->cls = TD_C_HANG;
		d->pos = kt->out == TD_OUT_NONE ? td_hang_pos(kt->depth) : td_pos_of(kt->out_line, kt->depth);
		d->detail = td_rprintf(r, "%s never returned in the kernel (Linux: %s)", name, g->nret);
		d->gval = td_rstr(r, g->nret);
		d->kval = td_rstr(r, "<unfinished>");
		if (kt->out != TD_OUT_NONE) {
			d->cls = TD_C_SIGNAL;
			d->detail = td_rprintf(r, "%s never returned in the kernel: the task ended first", name);
		}
		return;
	}
	d->pos = td_pos_of(k->end_line ? k->end_line : k->line, kt->depth);
	/* the result outranks the arguments: a call that failed on one side
	 * only, or with another errno, is told by its result, whatever its
	 * arguments print (a raw-printed unimplemented call, a pointer named
	 * after a child that only one side created) */
	if (strcmp(g->norm, k->norm) != 0 && !result_differs(g, k)) {
		struct spans ga = {0}, ka = {0};
		const struct td_rule *ru = td_rule_find(name, strlen(name));
		char fp[256];
		int i;

		td_split_args(g->norm, strlen(g->norm), collect, &ga);
		td_split_args(k->norm, strlen(k->norm), collect, &ka);
		for (i = 0; i < ga.count || i < ka.count; i++)
			if (i >= ga.count || i >= ka.count || ga.n[i] != ka.n[i] ||
			    memcmp(ga.p[i], ka.p[i], ga.n[i]) != 0)
				break;
		d->gval = i < ga.count ? td_arena_strndup(&r->arena, ga.p[i], ga.n[i]) : td_rstr(r, "(none)");
		d->kval = i < ka.count ? td_arena_strndup(&r->arena, ka.p[i], ka.n[i]) : td_rstr(r, "(none)");
		td_field_path(d->gval, d->kval, fp, sizeof(fp));
		if (r->o->raw && td_lower_argname(r->o->arch, name, i))
			d->field = td_rstr(r, td_lower_argname(r->o->arch, name, i));
		else if (r->o->raw)
			d->field = td_rprintf(r, "arg%d", i + 1);
		else if (i < ru->nargs)
			d->field = fp[0] ? td_rprintf(r, "%s.%s", ru->argname[i], fp) : td_rprintf(r, "%s", ru->argname[i]);
		else
			d->field = fp[0] ? td_rprintf(r, "arg%d.%s", i + 1, fp) : td_rprintf(r, "arg%d", i + 1);
		if (!strcmp(name, "exit_group") || !strcmp(name, "exit")) {
			d->cls = TD_C_EXIT;
			d->detail = td_rprintf(r, "%s status %s on Linux, %s in the kernel", name, d->gval, d->kval);
		} else {
			d->cls = TD_C_ARG;
			d->detail = td_rprintf(r, "%s: argument %s differs: Linux %s, kernel %s", name, d->field,
					    d->gval, d->kval);
		}
		return;
	}
	if (r->o->raw && !result_differs(g, k) && !strcmp(g->nret, k->nret)) {
		/* the same numbers: a string both sides show differs (strs.h) */
		const struct td_str *gs, *ks;
		int i = td_str_diff(g, k, &gs, &ks);

		if (i >= 0) {
			struct td_sb b = {0};
			const char *an = td_lower_argname(r->o->arch, name, i);

			td_str_quote(gs, TD_STR_SHOWN, &b);
			d->gval = td_rstr(r, b.s);
			td_sb_reset(&b);
			td_str_quote(ks, TD_STR_SHOWN, &b);
			d->kval = td_rstr(r, b.s);
			td_sb_free(&b);
			d->field = an ? td_rstr(r, an) : td_rprintf(r, "arg%d", i + 1);
			d->cls = TD_C_ARG;
			d->detail = td_rprintf(r, "%s: argument %s differs: Linux %s, kernel %s", name, d->field,
					    d->gval, d->kval);
			return;
		}
	}
	d->field = td_rstr(r, "return");
	d->gval = td_rstr(r, g->nret);
	d->kval = td_rstr(r, k->nret);
	if (k->err && !strncmp(k->err, "ERESTART", 8) && kt->out == TD_OUT_KILLED && !g->err) {
		/* "= ? ERESTARTSYS", then "+++ killed by SIGX +++": the signal */
		d->cls = TD_C_SIGNAL;
		d->syscall = kt->sig;
		d->detail = td_rprintf(r, "task %s was killed by %s inside %s (Linux: it returned %s)", kt->path,
				       kt->sig, name, g->nret);
	} else if (k->err && !strcmp(k->err, "ENOSYS") && !(g->err && !strcmp(g->err, "ENOSYS"))) {
		d->cls = TD_C_ENOSYS;
		d->detail = td_rprintf(r, "%s is not implemented in the kernel (ENOSYS); Linux returned %s", name,
				    g->nret);
	} else if (g->err && k->err) {
		d->cls = TD_C_ERRNO;
		d->detail = td_rprintf(r, "%s failed with %s on Linux but %s in the kernel", name, g->err, k->err);
	} else if (!!g->err != !!k->err) {
		d->cls = TD_C_RESULT;
		d->detail = g->err ? td_rprintf(r, "%s failed on Linux (%s) but succeeded in the kernel (%s)", name,
					     g->nret, k->nret)
				   : td_rprintf(r, "%s succeeded on Linux (%s) but failed in the kernel (%s)", name,
					     g->nret, k->nret);
		if (!g->err && !strcmp(k->err, "EPERM") && r->k->form == TD_FORM_TDIFF)
			/* the -1 a young dispatcher answers to what it does not know */
			d->detail = td_rprintf(r, "%s (a bare -1 reads as EPERM: if the kernel has no %s yet, "
					       "-38, ENOSYS, is Linux's answer to an unknown call)", d->detail, name);
	} else {
		/* the raw level's pointer relations: "=addr" is "its argument addr" */
		const char *gv = g->nret[0] == '=' ? td_rprintf(r, "its argument %s", g->nret + 1) : g->nret;
		const char *kv = k->nret[0] == '=' ? td_rprintf(r, "its argument %s", k->nret + 1) : k->nret;

		d->cls = TD_C_RETVAL;
		d->detail = td_rprintf(r, "%s returned %s on Linux, %s in the kernel", name, gv, kv);
	}
}

struct seq {
	uint32_t *ev;  /* non-skipped event indices */
	uint32_t *pos; /* their position in the task's list */
	uint64_t *key;
	uint64_t *hash; /* gathered with key: the events are read once */
	uint8_t *opt;	/* and their optional flag */
	size_t n;
	size_t cap; /* room in the arrays: they serve a thread's next task */
	void *mem;  /* the arrays, in one block */
};

#define SEQ_AHEAD 8 /* events read ahead (a cache miss each) */

/* seq_build: the task's sequence into s, whose arrays (kept from the task
 * before, or none) grow when too small */
static void
seq_build(const struct td_trace *t, const struct td_task *tk, struct seq *s)
{
	if (s->cap < tk->nev + 1) {
		free(s->mem);
		s->cap = tk->nev + 1;
		s->mem = td_huge_alloc(s->cap * (2 * sizeof(uint64_t) + 2 * sizeof(uint32_t) + 1), NULL);
		s->key = s->mem;
		s->hash = s->key + s->cap;
		s->ev = (uint32_t *)(s->hash + s->cap);
		s->pos = s->ev + s->cap;
		s->opt = (uint8_t *)(s->pos + s->cap);
	}
	s->n = 0;
	for (size_t i = 0; i < tk->nev; i++) {
		const struct td_event *e = &t->ev[tk->ev[i]];

		/* a task's events lie apart among the others': ask for the
		 * one a few steps ahead while this one is read */
		if (i + SEQ_AHEAD < tk->nev)
			__builtin_prefetch(&t->ev[tk->ev[i + SEQ_AHEAD]]);
		if (e->skip)
			continue;
		s->ev[s->n] = tk->ev[i];
		s->pos[s->n] = (uint32_t)i;
		s->hash[s->n] = e->hash;
		s->opt[s->n] = e->optional;
		s->key[s->n++] = e->key;
	}
}

static void
seq_free(struct seq *s)
{
	free(s->mem);
}

/* add_row: one row; quiet as in struct td_row (an optional event on one
 * side, a signal, or an equal pair) */
static void
add_row(struct td_taskdiff *td, size_t *cap, int32_t g, int32_t k, uint8_t op, int optional)
{
	struct td_row *w = TD_PUSH(td->rows, td->nrows, *cap);

	w->g = g;
	w->k = k;
	w->op = op;
	w->quiet = op == TD_ROW_EQ || op == TD_ROW_GSIG || op == TD_ROW_KSIG ||
		   ((op == TD_ROW_DEL || op == TD_ROW_INS) && optional);
}

/* flush_skips: one-sided rows for the signals and restarted calls of a
 * task up to (not including) task position `upto`. */
static void
flush_skips(const struct td_trace *t, const struct td_task *tk, size_t *next, size_t upto,
	    struct td_taskdiff *td, size_t *cap, int golden)
{
	for (; *next < upto && *next < tk->nev; (*next)++) {
		const struct td_event *e = &t->ev[tk->ev[*next]];

		if (e->skip)
			add_row(td, cap, golden ? (int32_t)tk->ev[*next] : -1,
				golden ? -1 : (int32_t)tk->ev[*next], golden ? TD_ROW_GSIG : TD_ROW_KSIG, 0);
	}
}

static struct td_div *
push_div(struct td_result *r, const struct td_div *d)
{
	struct td_div *n = TD_PUSH(r->div, r->ndiv, r->divcap);

	*n = *d;
	return n;
}

/* outcome_div: exit status, fatal signal or hang of the task as a whole. */
static int
outcome_div(struct td_result *r, const struct td_task *gt, const struct td_task *kt, struct td_div *d)
{
	char gb[64], kb[64];

	if (gt->out == kt->out && gt->status == kt->status && !strcmp(gt->sig, kt->sig))
		return 0;
	if (kt->out == TD_OUT_NONE && gt->out == TD_OUT_NONE)
		return 0;
	d->gval = td_rstr(r, td_outcome_str(gt, gb, sizeof(gb)));
	d->kval = td_rstr(r, td_outcome_str(kt, kb, sizeof(kb)));
	d->field = td_rstr(r, "outcome");
	d->kline = kt->out_line;
	d->gline = gt->out_line;
	if (kt->out == TD_OUT_NONE) {
		const struct td_event *p = kt->pending >= 0 ? &r->k->ev[kt->pending] : NULL;

		d->cls = TD_C_HANG;
		d->pos = td_hang_pos(kt->depth);
		if (p) {
			d->syscall = p->name;
			d->kev = kt->pending;
			d->kline = p->line;
			d->detail = td_rprintf(r, "task %s never finished: stuck in %s(%s <unfinished>; %s", kt->path,
					       p->name, p->args,
					       gt->out == TD_OUT_KILLED ? td_rprintf(r, "Linux killed it with %s here", gt->sig)
									: td_rprintf(r, "on Linux it %s", d->gval));
		} else {
			const struct td_event *l = kt->nev ? &r->k->ev[kt->ev[kt->nev - 1]] : NULL;

			d->syscall = l ? l->name : "-";
			d->detail = l ? td_rprintf(r, "task %s never finished: no call after %s (line %u)", kt->path,
						l->name, l->line)
				      : td_rprintf(r, "task %s never finished", kt->path);
			if (l && r->k->no_kills) {
				/* a raw trace tells no kill: the task may have
				 * been killed (SIGKILL shows no signal line) */
				d->cls = gt->out == TD_OUT_KILLED ? TD_C_SIGNAL : TD_C_EXIT;
				d->detail = td_rprintf(r,
						       "task %s %s after %s (line %u) without an exit: killed? "
						       "(the kernel's raw trace has no '#tdiff killed' lines; "
						       "Linux: %s)",
						       kt->path,
						       kt->reaped ? "ended (its parent reaped it)" : "stopped",
						       l->name, l->line, d->gval);
			}
		}
		return 1;
	}
	d->pos = td_pos_of(kt->out_line, kt->depth);
	d->syscall = "-";
	if (kt->out == TD_OUT_KILLED || gt->out == TD_OUT_KILLED) {
		d->cls = TD_C_SIGNAL;
		d->syscall = kt->out == TD_OUT_KILLED ? kt->sig : gt->sig;
		d->detail = td_rprintf(r, "task %s: Linux %s, kernel %s", kt->path, d->gval, d->kval);
	} else {
		d->cls = TD_C_EXIT;
		d->detail = td_rprintf(r, "task %s: Linux %s, kernel %s", kt->path, d->gval, d->kval);
	}
	return 1;
}

/* last_signal: the task's last signal event, -1 if none. */
static long
last_signal(const struct td_trace *t, const struct td_task *tk)
{
	for (size_t i = tk->nev; i-- > 0;)
		if (t->ev[tk->ev[i]].kind == TD_EV_SIGNAL)
			return (long)tk->ev[i];
	return -1;
}

/* last_call: the last row of the task pair where a call of one side (the
 * kernel's, or Linux's) completes, -1 if none: rows past it are that
 * task's tail (its death, hang or exit). */
static long
last_call(const struct td_result *r, const struct td_taskdiff *td, int kernel)
{
	const struct td_trace *t = kernel ? r->k : r->g;

	for (size_t j = td->nrows; j-- > 0;) {
		const struct td_row *w = &td->rows[j];
		int32_t ev = kernel ? w->k : w->g;

		if (ev >= 0 && w->op != (kernel ? TD_ROW_KSIG : TD_ROW_GSIG) && !t->ev[ev].unfinished)
			return (long)j;
	}
	return -1;
}

/* is_tail: no kernel call completes at or after row i of the task. */
static int
is_tail(const struct td_result *r, const struct td_taskdiff *td, size_t i)
{
	return (long)i > last_call(r, td, 1);
}

/* killed_only: task a was killed, its twin b on the other side was not
 * (or by another signal) */
static int
killed_only(const struct td_task *a, const struct td_task *b)
{
	return a->out == TD_OUT_KILLED && !(b->out == TD_OUT_KILLED && !strcmp(a->sig, b->sig));
}

/* row_div: the divergence that row i of a task pair starts. */
static void
row_div(struct td_result *r, const struct td_taskdiff *td, size_t i, struct td_div *cand)
{
	const struct td_task *gt = &r->g->task[td->g], *kt = &r->k->task[td->k];
	const struct td_row *w = &td->rows[i];

	memset(cand, 0, sizeof(*cand));
	cand->td = (int)(td - r->td);
	cand->row = (long)i;
	cand->gev = w->g;
	cand->kev = w->k;
	cand->gline = w->g >= 0 ? r->g->ev[w->g].line : 0;
	cand->kline = w->k >= 0 ? r->k->ev[w->k].line : 0;
	if (w->op == TD_ROW_DIFF) {
		classify_pair(r, &r->g->ev[w->g], &r->k->ev[w->k], kt, cand);
	} else if (w->op == TD_ROW_DEL) {
		const struct td_event *ge = &r->g->ev[w->g];
		long nk = -1;

		for (size_t j = i + 1; j < td->nrows && nk < 0; j++)
			if (td->rows[j].k >= 0 && td->rows[j].op != TD_ROW_KSIG)
				nk = td->rows[j].k;
		cand->cls = TD_C_MISSING;
		cand->syscall = td_ev_call(ge);
		cand->gval = td_ev_text(r, r->g, w->g);
		cand->kval = td_ev_text(r, r->k, nk);
		cand->pos = nk >= 0 ? td_pos_of(r->k->ev[nk].line, kt->depth)
				   : kt->out != TD_OUT_NONE ? td_pos_of(kt->out_line, kt->depth)
							    : td_hang_pos(kt->depth);
		cand->kline = nk >= 0 ? r->k->ev[nk].line : 0;
		cand->detail = td_rprintf(r, "Linux called %s here; the kernel %s", cand->syscall,
				      nk >= 0 ? td_rprintf(r, "went on with %s", r->k->ev[nk].name)
					      : "made no further call");
		if (is_tail(r, td, i) && killed_only(kt, gt)) {
			char kb[64];

			long sig = last_signal(r->k, kt);

			cand->cls = TD_C_SIGNAL;
			cand->detail = td_rprintf(r, "task %s was %s before %s (Linux went on with it)", kt->path,
					      td_outcome_str(kt, kb, sizeof(kb)), cand->syscall);
			cand->syscall = kt->sig;
			cand->kline = kt->out_line;
			cand->pos = td_pos_of(kt->out_line, kt->depth);
			if (sig >= 0)
				cand->kval = td_ev_text(r, r->k, sig), cand->kev = sig;
		} else if (is_tail(r, td, i) && kt->out == TD_OUT_NONE && gt->out != TD_OUT_NONE) {
			cand->cls = TD_C_HANG;
			cand->pos = td_hang_pos(kt->depth);
			cand->detail = kt->pending >= 0
					      ? td_rprintf(r, "task %s never finished: stuck in %s (Linux went on with %s)",
							kt->path, r->k->ev[kt->pending].name, cand->syscall)
					      : td_rprintf(r, "task %s never finished: Linux went on with %s", kt->path,
							cand->syscall);
			if (kt->pending >= 0)
				cand->syscall = r->k->ev[kt->pending].name;
		}
	} else {
		const struct td_event *ke = &r->k->ev[w->k];

		cand->cls = TD_C_EXTRA;
		cand->syscall = td_ev_call(ke);
		cand->gval = td_rstr(r, "(nothing)");
		cand->kval = td_ev_text(r, r->k, w->k);
		cand->pos = td_pos_of(ke->line, kt->depth);
		cand->detail = td_rprintf(r, "the kernel called %s, Linux did not", cand->syscall);
		if (killed_only(gt, kt) && (long)i > last_call(r, td, 0)) {
			/* Linux's task died here (a fault's signal, most often): the
			 * kernel's living on is the divergence, not its next call */
			char gb[64];
			long sig = last_signal(r->g, gt);

			cand->cls = TD_C_SIGNAL;
			cand->detail = td_rprintf(r, "task %s was %s on Linux here; the kernel's went on with %s", gt->path,
					      td_outcome_str(gt, gb, sizeof(gb)), cand->syscall);
			cand->syscall = gt->sig;
			cand->gline = gt->out_line;
			if (sig >= 0)
				cand->gval = td_ev_text(r, r->g, sig), cand->gev = sig;
		}
	}
}

/* a thread's working arrays for aligning tasks, kept from one pair to
 * the next (fresh pages cost more than the work on them) */
struct align_work {
	struct seq a, b;
	struct td_edit *ed;
	size_t edcap;
};

/* align_task: the rows of one pair of tasks (td->rows), from the
 * alignment of their event sequences, with w's arrays.  Reads the traces
 * only: pairs are aligned in parallel (td_compare). */
static void
align_task(const struct td_result *r, struct td_taskdiff *td, struct align_work *w)
{
	const struct td_task *gt = &r->g->task[td->g], *kt = &r->k->task[td->k];
	struct seq *a = &w->a, *b = &w->b;
	struct td_edit *ed;
	size_t ned, cap = 0, gn = 0, kn = 0;

	seq_build(r->g, gt, a);
	seq_build(r->k, kt, b);
	if (w->edcap < a->n + b->n + 1) { /* at most an edit an event */
		free(w->ed);
		w->ed = td_huge_alloc((a->n + b->n + 1) * sizeof(*w->ed), &w->edcap);
		w->edcap /= sizeof(*w->ed);
	}
	ned = td_align_into(a->key, a->n, b->key, b->n, TD_ALIGN_MAX_D, &w->ed, &w->edcap, &td->truncated);
	ed = w->ed;
	{
		/* a row an edit and a skipped event (some edits make two: the
		 * rows grow then), room asked for at once when that is big */
		size_t need = ned + (gt->nev - a->n) + (kt->nev - b->n) + 1;

		if (need * sizeof(*td->rows) >= TD_HUGE_ALLOC_MIN) {
			td->rows = td_huge_alloc(need * sizeof(*td->rows), &cap);
			cap /= sizeof(*td->rows);
		}
	}
	for (size_t i = 0; i < ned; i++) {
		const struct td_edit *e = &ed[i];

		if (e->op != TD_OP_INS)
			flush_skips(r->g, gt, &gn, a->pos[e->a], td, &cap, 1);
		if (e->op != TD_OP_DEL)
			flush_skips(r->k, kt, &kn, b->pos[e->b], td, &cap, 0);
		if (e->op == TD_OP_EQ && a->hash[e->a] != b->hash[e->b] && a->opt[e->a] && b->opt[e->b]) {
			/* two lock calls timing made, unlike (another lock, another
			 * value): one on each side, never an argument divergence */
			add_row(td, &cap, (int32_t)a->ev[e->a], -1, TD_ROW_DEL, 1);
			add_row(td, &cap, -1, (int32_t)b->ev[e->b], TD_ROW_INS, 1);
			gn = a->pos[e->a] + 1;
			kn = b->pos[e->b] + 1;
		} else if (e->op == TD_OP_EQ) {
			int same = a->hash[e->a] == b->hash[e->b];
			const struct td_str *gs, *ks;

			if (same && r->o->raw && td_str_diff(&r->g->ev[a->ev[e->a]], &r->k->ev[b->ev[e->b]], &gs, &ks) >= 0)
				same = 0; /* a string both show differs (strs.h) */

			add_row(td, &cap, (int32_t)a->ev[e->a], (int32_t)b->ev[e->b], same ? TD_ROW_EQ : TD_ROW_DIFF, 0);
			gn = a->pos[e->a] + 1;
			kn = b->pos[e->b] + 1;
		} else if (e->op == TD_OP_DEL) {
			add_row(td, &cap, (int32_t)a->ev[e->a], -1, TD_ROW_DEL, a->opt[e->a]);
			gn = a->pos[e->a] + 1;
		} else {
			add_row(td, &cap, -1, (int32_t)b->ev[e->b], TD_ROW_INS, b->opt[e->b]);
			kn = b->pos[e->b] + 1;
		}
	}
	flush_skips(r->g, gt, &gn, gt->nev, td, &cap, 1);
	flush_skips(r->k, kt, &kn, kt->nev, td, &cap, 0);
}

/* Task pairs are aligned on two threads when the traces hold this many
 * events (a thread costs more than aligning a short trace). */
#ifndef ALIGN_PAR_MIN /* checks build with 0 */
#define ALIGN_PAR_MIN 65536
#endif

struct align_jobs {
	const struct td_result *r;
	size_t next; /* the next taskdiff to take (atomic) */
};

/* align_some: align the pairs not yet taken, one at a time */
static void *
align_some(void *arg)
{
	struct align_jobs *j = arg;
	struct align_work w = {0};
	size_t i;

	while ((i = __atomic_fetch_add(&j->next, 1, __ATOMIC_RELAXED)) < j->r->ntd) {
		struct td_taskdiff *td = &j->r->td[i];

		if (td->g >= 0 && td->k >= 0)
			align_task(j->r, td, &w);
	}
	seq_free(&w.a);
	seq_free(&w.b);
	free(w.ed);
	return NULL;
}

/* align_all: the rows of every pair of tasks, on this thread and, for big
 * traces on more than one processor, on a second one */
static void
align_all(const struct td_result *r)
{
	struct align_jobs j = {r, 0};
	pthread_t th;
	int threaded = r->g->nev + r->k->nev >= ALIGN_PAR_MIN && sysconf(_SC_NPROCESSORS_ONLN) > 1 &&
		       pthread_create(&th, NULL, align_some, &j) == 0;

	align_some(&j);
	if (threaded)
		pthread_join(th, NULL);
}

/* diff_task: record the first divergence of one aligned pair of tasks,
 * then up to TD_MORE_PER_TASK later ones (each the start of a run of
 * differing rows: a formatting difference cannot hide an ENOSYS further
 * on). */
static void
diff_task(struct td_result *r, struct td_taskdiff *td)
{
	const struct td_task *gt = &r->g->task[td->g], *kt = &r->k->task[td->k];
	struct td_div best = {0}, cand, rows[TD_MORE_PER_TASK + 1];
	int have = 0, nrow = 0, tail_seen = 0, gtail_seen = 0, killed_g;
	long last_k, last_g;

	best.td = cand.td = (int)(td - r->td);
	last_k = last_call(r, td, 1); /* once: a test per run is quadratic */
	last_g = last_call(r, td, 0);
	killed_g = killed_only(gt, kt);
	for (size_t i = 0; i < td->nrows; i++) {
		if (td->rows[i].quiet)
			continue;
		td->ndiff++;
		/* the first row of each run of differing rows starts one; past the
		 * kernel task's last call (its death, hang or exit) only the first
		 * run does: the others are what Linux did next, the same cause */
		/* the tail of a kernel task that stopped without an exit (a
		 * panic, a hang) starts a run of its own: "Linux went on with"
		 * names the call right after the kernel's last one (a killed
		 * task's run already says where it died) */
		/* and so does what the kernel's task did after Linux's was
		 * killed: "killed on Linux here; the kernel's went on with" */
		if (nrow < TD_MORE_PER_TASK + 1 &&
		    (i == 0 || td->rows[i - 1].quiet ||
		     ((long)i > last_k && !tail_seen && kt->out == TD_OUT_NONE) ||
		     ((long)i > last_g && !gtail_seen && killed_g && td->rows[i].op == TD_ROW_INS))) {
			int tail = (long)i > last_k;

			if (!(tail && tail_seen))
				row_div(r, td, i, &rows[nrow++]);
			tail_seen |= tail;
			gtail_seen |= (long)i > last_g && killed_g;
		}
	}
	if (nrow)
		best = rows[0], have = 1;
	memset(&cand, 0, sizeof(cand));
	cand.td = best.td;
	cand.row = -1;
	cand.gev = cand.kev = -1;
	if (outcome_div(r, gt, kt, &cand) && (!have || cand.pos < best.pos))
		best = cand, have = 1;
	memset(&cand, 0, sizeof(cand));
	cand.td = best.td;
	cand.row = -1;
	cand.gev = cand.kev = -1;
	/* a raw trace without "#tdiff signal" lines: signals not compared */
	if (!r->g->no_signals && !r->k->no_signals && td_signal_div(r, gt, kt, &cand) &&
	    (!have || cand.pos < best.pos))
		best = cand, have = 1;
	memset(&cand, 0, sizeof(cand));
	cand.td = best.td;
	cand.row = -1;
	cand.gev = cand.kev = -1;
	if (!r->g->no_signals && !r->k->no_signals && td_siginfo_div(r, gt, kt, &cand) &&
	    (!have || cand.pos < best.pos))
		best = cand, have = 1;
	memset(&cand, 0, sizeof(cand));
	cand.td = best.td;
	cand.row = -1;
	cand.gev = cand.kev = -1;
	if (td_set_div(r, gt, kt, &cand) && (!have || cand.pos < best.pos))
		best = cand, have = 1;
	if (have) {
		best.task = td->path;
		td->first = (int)r->ndiv;
		push_div(r, &best);
	}
	for (int i = 0; i < nrow; i++) {
		if (rows[i].row == best.row && rows[i].td == best.td && best.row >= 0)
			continue; /* the first itself */
		rows[i].task = td->path;
		rows[i].more = 1;
		if (rows[i].pos <= best.pos)
			rows[i].pos = best.pos + 1; /* never the headline */
		push_div(r, &rows[i]);
	}
}

/* lone_task: a task that exists on one side only. */
static void
lone_task(struct td_result *r, struct td_taskdiff *td)
{
	struct td_div d = {0};

	d.td = (int)(td - r->td);
	d.row = -1;
	d.task = td->path;
	d.gev = d.kev = -1;
	if (td->k < 0) {
		const struct td_task *gt = &r->g->task[td->g];

		d.cls = TD_C_MISSING;
		d.syscall = gt->nev ? r->g->ev[gt->ev[0]].name : "-";
		d.gline = gt->first_line;
		d.pos = POS_INF - 0x4000;
		d.detail = td_rprintf(r, "task %s ran on Linux but was never created by the kernel", td->path);
		d.gval = td_rprintf(r, "task %s (%zu events)", td->path, gt->nev);
		d.kval = td_rstr(r, "(no task)");
	} else {
		const struct td_task *kt = &r->k->task[td->k];

		d.cls = TD_C_EXTRA;
		d.syscall = kt->nev ? r->k->ev[kt->ev[0]].name : "-";
		d.kline = kt->first_line;
		d.pos = td_pos_of(kt->first_line, kt->depth);
		d.detail = td_rprintf(r, "task %s exists only in the kernel's trace", td->path);
		d.gval = td_rstr(r, "(no task)");
		d.kval = td_rprintf(r, "task %s (%zu events)", td->path, kt->nev);
	}
	td->first = (int)r->ndiv;
	push_div(r, &d);
}

/* output_div: compare the program output files when both are given. */
static int
output_div(struct td_result *r)
{
	char *a, *b;
	size_t an, bn, i, line = 1, ls = 0;
	struct td_div d = {0};

	if (!r->o->out_a || !r->o->out_b)
		return 0;
	if (td_read_file(r->o->out_a, &a, &an) < 0 || td_read_file(r->o->out_b, &b, &bn) < 0) {
		snprintf(r->errmsg, sizeof(r->errmsg), "cannot read the program output files");
		r->error = 1;
		return -1;
	}
	for (i = 0; i < an && i < bn && a[i] == b[i]; i++)
		if (a[i] == '\n')
			line++, ls = i + 1;
	if (i < an || i < bn) {
		size_t ae = ls, be = ls;

		while (ae < an && a[ae] != '\n')
			ae++;
		while (be < bn && b[be] != '\n')
			be++;
		d.cls = TD_C_OUTPUT;
		d.task = "1";
		d.syscall = "-";
		d.td = -1;
		d.row = -1;
		d.gev = d.kev = -1;
		d.pos = POS_INF + 2;
		d.field = td_rprintf(r, "line %zu", line);
		d.gval = ls < an || an == 0 ? td_arena_strndup(&r->arena, a + ls, ae - ls) : td_rstr(r, "(end)");
		d.kval = ls < bn || bn == 0 ? td_arena_strndup(&r->arena, b + ls, be - ls) : td_rstr(r, "(end)");
		if (ls >= an && an)
			d.gval = td_rstr(r, "(end of output)");
		if (ls >= bn && bn)
			d.kval = td_rstr(r, "(end of output)");
		d.detail = td_rprintf(r, "program output differs at line %zu (byte %zu)", line, i + 1);
		push_div(r, &d);
	}
	free(a);
	free(b);
	return 0;
}

/* exit_div: the test's exit as "#tdiff exit" reports it, when the task
 * outcomes did not already show a difference (a trace without "+++"). */
static void
exit_div(struct td_result *r)
{
	struct td_div d = {0};

	if (!r->g->exit_text || !r->k->exit_text || !strcmp(r->g->exit_text, r->k->exit_text))
		return;
	for (size_t i = 0; i < r->ndiv; i++)
		if (!strcmp(r->div[i].task, "1") && (r->div[i].cls == TD_C_EXIT || r->div[i].cls == TD_C_SIGNAL))
			return;
	d.cls = strncmp(r->k->exit_text, "killed", 6) ? TD_C_EXIT : TD_C_SIGNAL;
	d.task = "1";
	d.syscall = "-";
	d.td = -1;
	d.row = -1;
	d.gev = d.kev = -1;
	d.gline = r->g->exit_line;
	d.kline = r->k->exit_line;
	d.pos = td_pos_of(r->k->exit_line, 0);
	d.field = td_rstr(r, "#tdiff exit");
	d.gval = td_rstr(r, r->g->exit_text);
	d.kval = td_rstr(r, r->k->exit_text);
	d.detail = td_rprintf(r, "the test %s on Linux but %s in the kernel", r->g->exit_text, r->k->exit_text);
	push_div(r, &d);
}

/* kernel_level: panic and unparsable lines of the kernel's trace. */
static void
kernel_level(struct td_result *r)
{
	const struct td_trace *k = r->k;
	struct td_div d = {0};

	d.task = "-";
	d.td = -1;
	d.row = -1;
	d.gev = d.kev = -1;
	if (k->panic) {
		long ev = td_panic_call(k);

		d.cls = TD_C_PANIC;
		d.syscall = ev >= 0 ? k->ev[ev].name : "-";
		d.task = ev >= 0 ? k->task[k->ev[ev].task].path : "-"; /* the call it happened in */
		d.kev = ev;
		d.kline = k->panic_line;
		d.pos = td_pos_of(k->panic_line, 0);
		d.detail = td_rprintf(r, "kernel panic: %s", k->panic);
		d.kval = td_rstr(r, k->panic);
		d.gval = td_rstr(r, "(no panic)");
		push_div(r, &d);
	}
	if (k->nrecords == 0 || k->nev == 0 || k->nerr > 0) {
		d.cls = TD_C_UNPARSABLE;
		d.syscall = "-";
		if (k->nrecords == 0) {
			d.kline = 1;
			d.pos = 0;
			d.detail = td_rprintf(r, "%s: the kernel's trace is empty", k->path);
		} else if (k->nev == 0 || k->nerr * 4 > k->nrecords) {
			d.kline = k->nerr ? k->err[0].line : 1;
			d.pos = 0;
			d.detail = td_rprintf(r, "%s: does not look like strace -f output (%zu of %zu lines unparsable%s)",
					   k->path, k->nerr, k->nrecords, k->binary_garbage ? ", binary data" : "");
		} else {
			d.kline = k->err[0].line;
			d.pos = td_pos_of(k->err[0].line, 0);
			d.detail = td_rprintf(r, "%s:%u:%u: %s (%zu unparsable line%s)", k->path, k->err[0].line,
					   k->err[0].col, k->err[0].msg, k->nerr, k->nerr == 1 ? "" : "s");
		}
		if (d.kline) {
			size_t n;
			const char *s = td_trace_line(k, d.kline, &n);

			d.kval = td_arena_strndup(&r->arena, s, n > 300 ? 300 : n);
		}
		d.gval = td_rstr(r, "");
		push_div(r, &d);
	}
}

static int
fail(struct td_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
fail(struct td_result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->errmsg, sizeof(r->errmsg), fmt, ap);
	va_end(ap);
	r->error = 1;
	return -1;
}

int
td_compare(struct td_trace *g, struct td_trace *k, const struct td_opts *o, struct td_result *r)
{
	size_t cap = 0;
	const char *ga, *ka;

	memset(r, 0, sizeof(*r));
	r->g = g;
	r->k = k;
	r->o = o;
	r->first = -1;
	/* a #tdiff boot line says what ran, whatever arch the caller gave */
	ga = g->boot_arch[0] ? g->boot_arch : g->arch;
	ka = k->boot_arch[0] ? k->boot_arch : k->arch;
	if (ga[0] && ka[0] && strcmp(ga, ka) != 0)
		return fail(r, "mismatched arches: %s is %s, %s is %s", g->path, ga, k->path, ka);
	if (g->nrecords == 0)
		return fail(r, "%s: the golden trace is empty", g->path);
	if (g->nerr > 0)
		return fail(r, "%s:%u:%u: golden trace does not parse: %s (%zu unparsable line%s)", g->path,
			    g->err[0].line, g->err[0].col, g->err[0].msg, g->nerr, g->nerr == 1 ? "" : "s");
	/* tasks: golden order first, then kernel-only ones */
	for (size_t i = 0; i < g->ntask; i++) {
		struct td_taskdiff *td = TD_PUSH(r->td, r->ntd, cap);

		memset(td, 0, sizeof(*td));
		td->path = g->task[i].path;
		td->g = (int)i;
		td->k = td_trace_task_by_path(k, td->path);
		td->first = -1;
	}
	for (size_t i = 0; i < k->ntask; i++) {
		struct td_taskdiff *td;

		if (td_trace_task_by_path(g, k->task[i].path) >= 0)
			continue;
		td = TD_PUSH(r->td, r->ntd, cap);
		memset(td, 0, sizeof(*td));
		td->path = k->task[i].path;
		td->g = -1;
		td->k = (int)i;
		td->first = -1;
	}
	align_all(r);
	for (size_t i = 0; i < r->ntd; i++) {
		if (r->td[i].g >= 0 && r->td[i].k >= 0)
			diff_task(r, &r->td[i]);
		else
			lone_task(r, &r->td[i]);
	}
	kernel_level(r);
	exit_div(r);
	if (output_div(r) < 0)
		return -1;
	td_rank(r);
	return 0;
}

void
td_result_free(struct td_result *r)
{
	for (size_t i = 0; i < r->ntd; i++)
		free(r->td[i].rows);
	free(r->td);
	free(r->div);
	free(r->stale);
	td_arena_free(&r->arena);
	memset(r, 0, sizeof(*r));
}

int
td_first_unexpected(const struct td_result *r)
{
	int best = -1;

	for (size_t i = 0; i < r->ndiv; i++)
		if (!r->div[i].expected && (best < 0 || r->div[i].pos < r->div[best].pos))
			best = (int)i;
	return best >= 0 ? best : r->first;
}

int
td_result_status(const struct td_result *r)
{
	if (r->error)
		return 2;
	if (r->nstale)
		return 1;
	for (size_t i = 0; i < r->ndiv; i++)
		if (!r->div[i].expected)
			return 1;
	return 0;
}

const char *
td_result_verdict(const struct td_result *r)
{
	int s = td_result_status(r);

	if (s == 2)
		return "error";
	if (s == 1)
		return "divergent";
	return r->ndiv ? "expected" : "equivalent";
}
