/* sets.c: scheduling's freedom compared as sets (sets.h).  The kernel ABI
 * lets wait4(-1) and waitid(P_ALL) reap any child that is a zombie, and a
 * libc lock be found free or taken: the order of reaping and whether a
 * FUTEX_WAIT happened depend on timing, on Linux as in any kernel.  What
 * is compared instead: the multiset of (child, status) a task reaped with
 * its wait-any calls (td_set_div), and every call's result where both
 * sides made it. */
#include "sets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "divint.h"
#include "parse.h"

#define MAX_ARGS 8

struct args {
	const char *p[MAX_ARGS];
	size_t n[MAX_ARGS];
	int count;
};

static void
collect(void *ctx, int i, const char *a, size_t n)
{
	struct args *s = ctx;

	if (i < MAX_ARGS) {
		s->p[i] = a;
		s->n[i] = n;
		s->count = i + 1;
	}
}

static int
arg_is(const struct args *a, int i, const char *lit)
{
	return i < a->count && a->n[i] == strlen(lit) && !memcmp(a->p[i], lit, a->n[i]);
}

/* futex_op_is: argument 1 is futex operation `base` in any of its forms:
 * base, base_PRIVATE, base_BITSET, base_BITSET_PRIVATE, each alone or with
 * |FUTEX_CLOCK_REALTIME (glibc waits with FUTEX_WAIT_BITSET|
 * FUTEX_CLOCK_REALTIME where musl waits with FUTEX_WAIT). */
static int
futex_op_is(const struct args *a, const char *base)
{
	static const char *const tails[] = { "", "_PRIVATE", "_BITSET", "_BITSET_PRIVATE" };
	size_t bl = strlen(base), n;
	const char *p;

	if (a->count < 2 || a->n[1] < bl || memcmp(a->p[1], base, bl))
		return 0;
	p = a->p[1] + bl;
	n = a->n[1] - bl;
	if (n >= 21 && !memcmp(p + n - 21, "|FUTEX_CLOCK_REALTIME", 21))
		n -= 21;
	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++)
		if (n == strlen(tails[i]) && !memcmp(p, tails[i], n))
			return 1;
	return 0;
}

/* rejoin: the arguments with argument `i` replaced by `with` */
static char *
rejoin(struct td_trace *t, const struct args *a, int i, const char *with, size_t *len)
{
	struct td_sb sb = {0};
	char *r;

	for (int k = 0; k < a->count; k++) {
		if (k)
			td_sb_puts(&sb, ", ");
		if (k == i)
			td_sb_puts(&sb, with);
		else
			td_sb_putn(&sb, a->p[k], a->n[k]);
	}
	*len = sb.len;
	r = td_arena_strndup(&t->arena, sb.s ? sb.s : "", sb.len);
	td_sb_free(&sb);
	return r;
}

/* wait_any: wait4(-1, ...) or waitid(P_ALL, ...) that reaped a child:
 * the child and its status go to e->setitem, "*" and "@any" stay */
static size_t
wait_any(struct td_trace *t, struct td_event *e, const struct args *a, size_t nlen)
{
	int w4 = !strcmp(e->name, "wait4");
	int i = w4 ? 1 : 2;
	struct td_sb sb = {0};

	if (e->err || !e->ret || (w4 ? !arg_is(a, 0, "-1") || e->ret_num <= 0 : !arg_is(a, 0, "P_ALL")) ||
	    a->count <= i)
		return nlen;
	if (w4) {
		td_sb_puts(&sb, e->nret);
		td_sb_putc(&sb, ' ');
	}
	td_sb_putn(&sb, a->p[i], a->n[i]);
	td_ev_extra(t, e)->setitem = td_arena_strndup(&t->arena, sb.s, sb.len);
	t->task[e->task].nset++;
	td_sb_free(&sb);
	e->norm = rejoin(t, a, i, "*", &nlen);
	if (w4)
		e->nret = (char *)"@any";
	return nlen;
}

static void
tid_addr_add(struct td_sched *st, uint64_t v)
{
	if (v)
		*TD_PUSH(st->tidaddr, st->n, st->cap) = v;
}

/* field_hex: "name=0x..." in raw argument text, 0 when absent */
static uint64_t
field_hex(const char *args, const char *name)
{
	const char *p = strstr(args, name);

	return p ? strtoull(p + strlen(name), NULL, 0) : 0;
}

/* td_futex_timing: a futex call's result is one timing decides: a WAIT
 * woken (0), too late (EAGAIN: the value had changed), timed out, or
 * interrupted; a WAKE that succeeded; either unfinished.  Any other
 * result (ENOSYS, EINVAL, EFAULT, ...) is the kernel's answer to the call
 * and compares as such. */
int
td_futex_timing(const struct td_event *e, int wait)
{
	static const char *const werr[] = { "EAGAIN", "ETIMEDOUT", "EINTR", "ERESTARTSYS" };

	if (!e->ret)
		return 1;
	if (!e->err)
		return !wait || e->ret_num == 0;
	for (size_t i = 0; wait && i < sizeof(werr) / sizeof(werr[0]); i++)
		if (!strcmp(e->err, werr[i]))
			return 1;
	return 0;
}

/* futex_event: see td_sched_event */
static size_t
futex_event(struct td_sched *st, struct td_trace *t, struct td_event *e, const struct args *a, size_t nlen)
{
	uint64_t uaddr = 0;
	int wait = futex_op_is(a, "FUTEX_WAIT");

	if (wait) {
		/* the address is read only when some tid address is known */
		if (st->n)
			uaddr = strtoull(e->args, NULL, 0);
		e->optional = (uint8_t)td_futex_timing(e, 1);
		/* woken (0), or the value had changed already (EAGAIN): timing */
		if (e->ret && ((!e->err && e->ret_num == 0) || (e->err && !strcmp(e->err, "EAGAIN"))))
			e->nret = (char *)"0|EAGAIN";
		for (size_t i = 0; i < st->n && a->count > 2; i++) {
			char tmp[32], path[300];
			int k;

			if (st->tidaddr[i] != uaddr)
				continue;
			snprintf(tmp, sizeof(tmp), "%.*s", (int)(a->n[2] < 31 ? a->n[2] : 31), a->p[2]);
			k = td_trace_task_by_pid_at(t, strtol(tmp, NULL, 10), e->end_line ? e->end_line : e->line,
						    NULL);
			if (k < 0)
				break;
			snprintf(path, sizeof(path), "@%s", t->task[k].path);
			return e->norm = rejoin(t, a, 2, path, &nlen), nlen;
		}
	} else if (futex_op_is(a, "FUTEX_WAKE")) {
		e->optional = (uint8_t)td_futex_timing(e, 0); /* libc wakes when it saw a waiter */
		if (!e->err && e->ret)
			e->nret = (char *)"*"; /* how many waited: timing */
	}
	return nlen;
}

int
td_sched_name(const char *n)
{
	if (!strchr("wcfs", n[0]))
		return 0;
	return !strcmp(n, "clone")		? TD_SCHED_CLONE
	       : !strcmp(n, "clone3")		? TD_SCHED_CLONE3
	       : !strcmp(n, "set_tid_address") ? TD_SCHED_SET_TID
	       : !strcmp(n, "wait4")		? TD_SCHED_WAIT4
	       : !strcmp(n, "waitid")		? TD_SCHED_WAITID
	       : !strcmp(n, "futex")		? TD_SCHED_FUTEX
						: 0;
}

int
td_sched_wants(const struct td_event *e)
{
	return e->kind == TD_EV_CALL && !td_ev_alias(e) && td_sched_name(e->name);
}

size_t
td_sched_event(struct td_sched *st, struct td_trace *t, struct td_event *e, size_t nlen, uint64_t *key)
{
	return td_sched_event_named(st, t, e, nlen, key, td_sched_name(e->name));
}

size_t
td_sched_event_named(struct td_sched *st, struct td_trace *t, struct td_event *e, size_t nlen, uint64_t *key,
		     int name)
{
	struct args a;

	/* td_sched_wants, with the name's kind known */
	if (e->kind != TD_EV_CALL || td_ev_alias(e) || !name)
		return nlen;
	memset(&a, 0, sizeof(a));
	if (name == TD_SCHED_CLONE)
		tid_addr_add(st, field_hex(e->args, "child_tidptr="));
	else if (name == TD_SCHED_CLONE3)
		tid_addr_add(st, field_hex(e->args, "child_tid="));
	else if (name == TD_SCHED_SET_TID)
		tid_addr_add(st, strtoull(e->args, NULL, 0));
	if (name != TD_SCHED_WAIT4 && name != TD_SCHED_WAITID && name != TD_SCHED_FUTEX)
		return nlen;
	if (td_split_args(e->norm, nlen, collect, &a) < 0)
		return nlen;
	if (name != TD_SCHED_FUTEX)
		return wait_any(t, e, &a, nlen);
	if (a.count > 1)
		*key = td_hash_more(*key, a.p[1], a.n[1]);
	return futex_event(st, t, e, &a, nlen);
}

void
td_sched_free(struct td_sched *st)
{
	free(st->tidaddr);
	memset(st, 0, sizeof(*st));
}

struct item {
	const char *s;
	long ev;
};

static int
item_cmp(const void *a, const void *b)
{
	return strcmp(((const struct item *)a)->s, ((const struct item *)b)->s);
}

/* items: the set items of a task's events, sorted */
static struct item *
items(const struct td_trace *t, const struct td_task *tk, size_t *n)
{
	struct item *v = td_xmalloc((tk->nset ? tk->nset : 1) * sizeof(*v));

	*n = 0;
	for (size_t i = 0; i < tk->nev && *n < tk->nset; i++)
		if (td_ev_setitem(&t->ev[tk->ev[i]]))
			v[(*n)++] = (struct item){td_ev_setitem(&t->ev[tk->ev[i]]), (long)tk->ev[i]};
	qsort(v, *n, sizeof(*v), item_cmp);
	return v;
}

/* set_fill: item x of one side only (golden: Linux reaped it) */
static void
set_fill(struct td_result *r, const struct td_task *kt, const struct item *x, int golden, struct td_div *d)
{
	const struct td_event *e = &(golden ? r->g : r->k)->ev[x->ev];

	d->cls = TD_C_RETVAL;
	d->syscall = e->name;
	d->field = td_rstr(r, "return (as a set)");
	d->gval = td_rstr(r, golden ? x->s : "(never)");
	d->kval = td_rstr(r, golden ? "(never)" : x->s);
	d->detail = td_rprintf(r, "%s reaped %s %s but never %s (any order is right; this one is missing)",
			       e->name, x->s, golden ? "on Linux" : "in the kernel",
			       golden ? "in the kernel" : "on Linux");
	if (golden) {
		d->gev = x->ev, d->gline = e->line;
		d->pos = kt->out != TD_OUT_NONE ? td_pos_of(kt->out_line, kt->depth) : POS_INF - 0x80;
	} else {
		d->kev = x->ev, d->kline = e->line;
		d->pos = td_pos_of(e->end_line ? e->end_line : e->line, kt->depth);
	}
}

int
td_set_div(struct td_result *r, const struct td_task *gt, const struct td_task *kt, struct td_div *d)
{
	size_t ng, nk, i = 0, j = 0;
	struct item *g = items(r->g, gt, &ng), *k = items(r->k, kt, &nk);
	int found = 0;

	while (!found && (i < ng || j < nk)) {
		int c = i >= ng ? 1 : j >= nk ? -1 : strcmp(g[i].s, k[j].s);

		if (c == 0)
			i++, j++;
		else
			set_fill(r, kt, c < 0 ? &g[i] : &k[j], c < 0, d), found = 1;
	}
	free(g);
	free(k);
	return found;
}
