/* lower.c: the raw level's normalization (lower.h). */
#include "lower.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "rawtab.h"
#include "sets.h"

#define MAX_SPLIT 16

struct args {
	const char *p[MAX_SPLIT];
	size_t n[MAX_SPLIT];
	int count;
};

static void
collect(void *ctx, int i, const char *a, size_t n)
{
	struct args *s = ctx;

	if (i < MAX_SPLIT) {
		s->p[i] = a;
		s->n[i] = n;
		s->count = i + 1;
	}
}

/* number: the token as a number (decimal, 0x hex, a leading '-'); 0 and
 * *v, or -1 for anything else (a decoded flag name, a string ...) */
static int
number(const char *p, size_t n, uint64_t *v)
{
	size_t used;
	int neg, ovf;
	uint64_t x;

	if (!n)
		return -1;
	x = td_scan_num(p, n, &used, &neg, &ovf);
	if (used != n || ovf)
		return -1;
	*v = neg ? (uint64_t)0 - x : x;
	return 0;
}

/* at_width: v as a signed or unsigned value of `bits` bits */
static int64_t
signed_at(uint64_t v, int bits)
{
	if (bits >= 64)
		return (int64_t)v;
	v &= ((uint64_t)1 << bits) - 1;
	if (v >> (bits - 1))
		return (int64_t)(v | ~(((uint64_t)1 << bits) - 1));
	return (int64_t)v;
}

static uint64_t
unsigned_at(uint64_t v, int bits)
{
	return bits >= 64 ? v : v & (((uint64_t)1 << bits) - 1);
}

/* put_pid: a pid value as the task it named at line (@1.2), P0 for the
 * root's parent, a negative one as a process group, else the number */
static void
put_pid(const struct td_trace *t, int64_t v, uint32_t line, struct td_sb *o)
{
	int64_t a = v < -1 ? -v : v;
	int k = a > 0 ? td_trace_task_by_pid_at(t, (long)a, line, NULL) : -1;

	if (k >= 0) {
		td_sb_printf(o, "%s@%s", v < -1 ? "-" : "", t->task[k].path);
	} else if (a > 0 && a == t->root_ppid) {
		td_sb_printf(o, "%sP0", v < -1 ? "-" : "");
	} else {
		td_sb_printf(o, "%lld", (long long)v);
	}
}

/* argument values other arguments decide by */
struct callctx {
	const struct td_rawrow *row;
	const struct args *a;
	uint64_t num[TD_RAW_MAXARGS];
	int isnum[TD_RAW_MAXARGS];
};

static int
in(long v, const long *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == v)
			return 1;
	return 0;
}

/* pick_kind: the kind of a pointer-or-integer argument ('v'): 'i' when
 * the call's other arguments make it an integer, else 'p' */
static char
pick_kind(const char *name, int i, const struct callctx *c)
{
	/* commands whose argument is an integer, not a pointer */
	static const long fcntl_int[] = {0, 2, 4, 8, 10, 1024, 1026, 1030, 1031, 1033};
	static const long ioctl_int[] = {0x5409, 0x540a, 0x540b, 0x540e, 0x5425};
	/* prctl options with integer arguments: option, then a mask of
	 * arg2..arg5 (bit 1 = arg2) */
	static const long prctl_int[][2] = {
		{1, 0x2},  {4, 0x2},  {8, 0x2},	 {22, 0x2}, {23, 0x2},	{24, 0x2}, {28, 0x2}, {29, 0x2},
		{33, 0x6}, {35, 0x2}, {36, 0x2}, {38, 0x1e}, {41, 0x2}, {45, 0x2}, {47, 0x6}, {52, 0x2},
		{53, 0x6}, {57, 0x2}, {0x53564d41, 0xa},
	};
	long other = c->isnum[1] ? (long)signed_at(c->num[1], 32) : -1;

	if (!strcmp(name, "fcntl"))
		return c->isnum[1] && in(other, fcntl_int, sizeof(fcntl_int) / sizeof(fcntl_int[0])) ? 'i' : 'p';
	if (!strcmp(name, "ioctl"))
		return c->isnum[1] && in(other, ioctl_int, sizeof(ioctl_int) / sizeof(ioctl_int[0])) ? 'i' : 'p';
	if (!strcmp(name, "prctl")) {
		long opt = c->isnum[0] ? (long)signed_at(c->num[0], 32) : -1;

		for (size_t k = 0; k < sizeof(prctl_int) / sizeof(prctl_int[0]); k++)
			if (prctl_int[k][0] == opt)
				return prctl_int[k][1] >> i & 1 ? 'i' : 'p';
		return 'p';
	}
	if (!strcmp(name, "futex") && c->isnum[1]) {
		long cmd = other & 0x7f; /* without FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME */

		if (i == 2) /* val: a WAIT's expected value may be a tid */
			return cmd == 0 || cmd == 9 ? 'p' : 'i';
		if (i == 3) /* utime, or val2 */
			return cmd == 3 || cmd == 4 || cmd == 5 || cmd == 12 ? 'i' : 'p';
		if (i == 5) /* val3 */
			return cmd == 4 || cmd == 5 || cmd == 9 || cmd == 10 ? 'i' : 'p';
	}
	return 'p';
}

/* flagish: an argument named as flags or a mode reads best in hex */
static int
flagish(const char *name)
{
	return strstr(name, "flag") || strstr(name, "mode") || strstr(name, "prot") || strstr(name, "mask");
}

/* put_arg: argument i of a call, lowered; 1 when it is compared */
static int
put_arg(const struct td_trace *t, const struct td_event *e, int i, const struct callctx *c, struct td_sb *o)
{
	const struct td_rawarg *ra = &c->row->arg[i];
	char kind = ra->kind;
	int bits = ra->bits;

	if (i >= c->a->count) {
		td_sb_puts(o, "?"); /* not printed on this side */
		return 1;
	}
	if (kind == 'v') {
		kind = pick_kind(e->name, i, c);
		bits = 64;
	}
	if (kind == 'p' || kind == 's' || kind == 'b' || kind == 'a' || kind == 'n') {
		td_sb_putc(o, '*');
		return 0;
	}
	if (!c->isnum[i]) { /* decoded text (both sides are decoded) */
		td_sb_putn(o, c->a->p[i], c->a->n[i]);
		return 1;
	}
	if (kind == 't')
		put_pid(t, signed_at(c->num[i], ra->bits == 64 && !strcmp(e->name, "ptrace") ? 64 : 32),
			e->end_line ? e->end_line : e->line, o);
	else if (kind == 'i' && !(flagish(ra->name) && signed_at(c->num[i], bits) >= 4096))
		td_sb_printf(o, "%lld", (long long)signed_at(c->num[i], bits));
	else if (unsigned_at(c->num[i], bits) < 4096)
		td_sb_printf(o, "%llu", (unsigned long long)unsigned_at(c->num[i], bits));
	else
		td_sb_printf(o, "%#llx", (unsigned long long)unsigned_at(c->num[i], bits));
	return 1;
}

/* restart_err: an errno a task never sees (ERESTARTSYS 512,
 * ERESTARTNOINTR 513, ERESTARTNOHAND 514, ERESTART_RESTARTBLOCK 516): a
 * call a signal interrupted.  strace prints it "= ? ERESTARTSYS" decoded
 * but "= -1 ERESTARTSYS" with -X raw, a kernel's raw line "= -512". */
static int
restart_err(const char *err)
{
	return !strcmp(err, "ERESTARTSYS") || !strcmp(err, "ERESTARTNOINTR") || !strcmp(err, "ERESTARTNOHAND") ||
	       !strcmp(err, "ERESTART_RESTARTBLOCK");
}

/* put_ret: the lowered return: "-1 ENOENT", "? ERESTARTSYS" (however
 * the side printed it), "?", a pid's task, "*" for a pointer or time,
 * else the number */
static void
put_ret(const struct td_trace *t, const struct td_event *e, char kind, const struct callctx *c,
	struct td_sb *o)
{
	if (kind == 'n') {
		/* rt_sigreturn: its "result" is the restored register (another
		 * call's errno, a pid), and Linux's ftrace prints no sys_exit
		 * for it at all: nothing to compare */
		td_sb_putc(o, '*');
	} else if (!e->ret) {
		return;
	} else if (e->err) {
		td_sb_printf(o, "%s %s", e->ret[0] == '?' || restart_err(e->err) ? "?" : "-1", e->err);
	} else if (e->ret[0] == '?' || !e->ret_isnum) {
		td_sb_puts(o, e->ret);
	} else if (kind == 'p') {
		/* a pointer: its value is left out, but not its relations a
		 * kernel can get wrong: NULL, or one of the call's own
		 * arguments (brk(addr) = addr, mmap(addr, MAP_FIXED) = addr) */
		int k = -1;

		for (int i = 0; c && c->row && i < c->row->nargs && k < 0; i++)
			if (c->isnum[i] && c->num[i] && (uint64_t)e->ret_num == c->num[i])
				k = i;
		if (e->ret_num == 0)
			td_sb_putc(o, '0');
		else if (k >= 0)
			td_sb_printf(o, "=%s", c->row->arg[k].name);
		else
			td_sb_putc(o, '*');
	} else if (kind == 'n') {
		td_sb_putc(o, '*');
	} else if (kind == 't') {
		put_pid(t, e->ret_num, e->end_line ? e->end_line : e->line, o);
	} else {
		td_sb_printf(o, "%lld", e->ret_num);
	}
}

static char *
sb_dup(struct td_trace *t, const struct td_sb *b)
{
	return td_arena_strndup(&t->arena, b->s ? b->s : "", b->len);
}

/* sched: the scheduling rules of sets.c at raw level: a wait4 for any
 * child (pid -1) compares "@any" and keeps the child as a set item; a
 * futex call aligns by its operation, a WAIT may happen on one side only
 * and returns 0 or EAGAIN alike, a WAKE too, its count not compared */
static void
sched(struct td_trace *t, struct td_event *e, const struct callctx *c)
{
	if (!strcmp(e->name, "wait4") && c->isnum[0] && signed_at(c->num[0], 32) == -1 && !e->err && e->ret_isnum &&
	    e->ret_num > 0) {
		td_ev_extra(t, e)->setitem = e->nret;
		t->task[e->task].nset++;
		e->nret = (char *)"@any";
	} else if (!strcmp(e->name, "futex") && c->isnum[1]) {
		long cmd = (long)(c->num[1] & 0x7f);
		char op[32];

		snprintf(op, sizeof(op), "%llx", (unsigned long long)unsigned_at(c->num[1], 32));
		e->key = td_hash_more(e->key, op, strlen(op));
		if (cmd == 0 || cmd == 9) {
			e->optional = (uint8_t)td_futex_timing(e, 1);
			if (e->ret && ((!e->err && e->ret_num == 0) || (e->err && !strcmp(e->err, "EAGAIN"))))
				e->nret = (char *)"0|EAGAIN";
		} else if (cmd == 1 || cmd == 10) {
			e->optional = (uint8_t)td_futex_timing(e, 0);
			if (!e->err && e->ret)
				e->nret = (char *)"*";
		}
	}
}

/* lower_call: one call event */
static void
lower_call(struct td_trace *t, struct td_event *e, struct td_sb *b, struct td_lower_stats *st)
{
	const char *name = td_ev_call(e);
	const struct td_rawrow *row = td_raw_row(t->arch[0] ? t->arch : NULL, name);
	struct args a = {0};
	struct callctx c = {row, &a, {0}, {0}};

	st->calls++;
	e->key = td_hash(name, strlen(name));
	td_sb_reset(b);
	if (e->args && td_split_args(e->args, strlen(e->args), collect, &a) < 0)
		a.count = 0;
	if (!row) {
		st->no_row++;
		st->left_out += (size_t)a.count;
	} else {
		for (int i = 0; i < row->nargs && i < a.count; i++)
			c.isnum[i] = number(a.p[i], a.n[i], &c.num[i]) == 0;
		for (int i = 0; i < row->nargs; i++) {
			if (i)
				td_sb_puts(b, ", ");
			if (put_arg(t, e, i, &c, b))
				st->compared++;
			else
				st->left_out++;
		}
	}
	e->norm = sb_dup(t, b);
	td_sb_reset(b);
	put_ret(t, e, row ? row->ret : 'd', &c, b);
	e->nret = sb_dup(t, b);
	if (row)
		sched(t, e, &c);
}

void
td_lower(struct td_trace *t, struct td_lower_stats *st)
{
	struct td_sb b = {0};
	struct td_lower_stats dummy;

	if (!st)
		st = &dummy;
	memset(st, 0, sizeof(*st));
	for (size_t i = 0; i < t->nev; i++) {
		struct td_event *e = &t->ev[i];

		if (e->kind == TD_EV_SIGNAL) {
			/* delivered or not: no siginfo at raw level */
			e->norm = (char *)"";
			e->nret = (char *)"";
			e->key = td_hash_more(td_hash("---", 3), e->name, strlen(e->name));
		} else {
			lower_call(t, e, &b, st);
		}
		e->hash = td_hash_more(td_hash_more(e->key, e->norm, strlen(e->norm) + 1), e->nret, strlen(e->nret));
	}
	t->args_compared = st->compared;
	t->args_left_out = st->left_out;
	td_sb_free(&b);
}

const char *
td_lower_argname(const char *arch, const char *name, int i)
{
	const struct td_rawrow *row = td_raw_row(arch, name);

	return row && i >= 0 && i < row->nargs ? row->arg[i].name : NULL;
}
