/* raw.c: trace forms, and the loader of "#tdiff sys" and ftrace text
 * (raw.h).  Three passes: lines into records (an entry and its exit
 * paired per task), the test's start and its task tree (what is kept),
 * then the kept records fed to the trace model as strace -X raw would
 * print them, with the outcomes a raw trace implies (exit_group's status,
 * a fatal signal or fault as a task's last record). */
#include "raw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "rawtab.h"
#include "strs.h"
#include "sysc.h"

#define DETECT_LINES 4096 /* lines read to tell a form */

enum rkind {
	R_CALL,	  /* a call that returned (sys, or sysenter + sys) */
	R_ENTER,  /* an entry never closed */
	R_SIGNAL, /* #tdiff signal */
	R_EVENT,  /* another #tdiff line (boot, start, fault, exit ...) */
	R_RESUME, /* the return of an R_CALL begun on an earlier line (pair) */
	R_KILLED, /* #tdiff killed <tid> <signo>: the task ended by a signal */
	R_EXITED, /* #tdiff exited <tid> <code>: the task ended by exit */
};

struct rrec {
	uint32_t line, end_line;
	uint8_t kind;
	uint8_t drop;
	long tid;
	long nr;
	long pair; /* R_RESUME: the index of its call; R_CALL: of its return, or -1 */
	long pre;  /* a fork-like R_CALL to feed as unfinished before this
		    * record (its child's first), or -1 */
	uint8_t split; /* R_CALL: fed unfinished at a later record's pre */
	uint64_t a[6];
	long long ret;
	long str;	   /* R_CALL, R_ENTER: its first string (rload's s[]), -1 */
	struct td_line ev; /* R_EVENT: the parsed #tdiff line */
	char name[40];	   /* R_CALL: its name as fed (syscall_0x.. when unknown) */
};

struct rload {
	struct td_trace *t;
	int form;
	struct rrec *r;
	size_t n, cap;
	/* open entries: tid -> record index, open addressing */
	long *otid;
	long *oidx;
	size_t ocap, on;
	/* ftrace's signal_generate events that queued a signal (res=0) */
	struct rgen *gen;
	size_t ngen, gcap;
	/* "#tdiff str" lines, their bytes, and those waiting for their call */
	struct rstr *s;
	size_t ns, scap;
	struct td_sb sbytes;
	long *spend;
	size_t nspend, spcap;
};

/* a "#tdiff str" line: argument arg of tid's next call shows
 * bytes[off..off+n) of the loader's sbytes */
struct rstr {
	long tid, next; /* next: the same call's next string, -1 */
	uint32_t line;
	int arg, cut;
	size_t off, n;
};

/* an ftrace signal_generate event: sig queued for the task pid at line */
struct rgen {
	uint32_t line;
	long sig, pid;
};

const char *
td_form_name(int form)
{
	switch (form) {
	case TD_FORM_STRACE_RAW:
		return "strace raw";
	case TD_FORM_TDIFF:
		return "#tdiff sys";
	case TD_FORM_FTRACE:
		return "ftrace";
	default:
		return "strace";
	}
}

int
td_form_is_raw(int form)
{
	return form != TD_FORM_STRACE;
}

static int
starts(const char *p, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	return n >= k && !memcmp(p, lit, k);
}

static const char *
find(const char *p, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	for (size_t i = 0; i + k <= n; i++)
		if (p[i] == lit[0] && !memcmp(p + i, lit, k))
			return p + i;
	return NULL;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* ftrace_prefix: "<comm>-<tid> [<cpu>]" at the start of an ftrace event
 * line (comm may hold blanks and dashes: the tid is the number before the
 * first " [<digits>]" that follows "-<digits>").  Returns the index after
 * the ']' and sets *tid, or 0 when the line has no such prefix. */
static size_t
ftrace_prefix(const char *p, size_t n, long *tid)
{
	for (size_t i = 1; i + 3 < n; i++) {
		size_t j = i + 2, k = i;

		if (p[i] != ' ' || p[i + 1] != '[' || !is_digit(p[j]))
			continue;
		while (j < n && is_digit(p[j]))
			j++;
		if (j >= n || p[j] != ']')
			continue;
		while (k > 0 && p[k - 1] == ' ')
			k--; /* "comm-12    [000]": the tid is padded */
		if (k == 0 || !is_digit(p[k - 1]))
			continue;
		{
			size_t e = k;

			while (k > 0 && is_digit(p[k - 1]))
				k--;
			if (k == 0 || p[k - 1] != '-' || e - k > 9)
				continue;
			*tid = strtol(p + k, NULL, 10);
		}
		return j + 1;
	}
	return 0;
}

/* ftrace_event: the event name and its text in an ftrace line whose prefix
 * ends at i ("<flags> <timestamp>: <event>: <text>").  0, or -1. */
static int
ftrace_event(const char *p, size_t n, size_t i, struct td_span *ev, struct td_span *text)
{
	const char *c = find(p + i, n - i, ": "), *e;

	if (!c)
		return -1;
	ev->p = c + 2;
	e = find(ev->p, (size_t)(p + n - ev->p), ": ");
	if (!e) {
		e = p + n; /* an event without text */
		while (e > ev->p && e[-1] == ':')
			e--;
	}
	ev->n = (size_t)(e - ev->p);
	for (size_t k = 0; k < ev->n; k++)
		if (!(ev->p[k] == '_' || is_digit(ev->p[k]) || (ev->p[k] >= 'a' && ev->p[k] <= 'z') ||
		      (ev->p[k] >= 'A' && ev->p[k] <= 'Z')))
			return -1;
	text->p = e + (e < p + n ? 2 : 0);
	text->n = (size_t)(p + n - text->p);
	return ev->n ? 0 : -1;
}

/* the line's text without the trailing blanks and carriage return */
static size_t
trim(const char *p, size_t n)
{
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	return n;
}

/* the "#tdiff" lines of the raw level that name a task (the others are
 * events the strace parser reads) */
static const char *const raw_verbs[] = {"#tdiff sys ", "#tdiff sysenter ", "#tdiff signal ", "#tdiff killed ",
					"#tdiff exited ", "#tdiff str "};

enum { V_SYS, V_SYSENTER, V_SIGNAL, V_KILLED, V_EXITED, V_STR };

/* raw_verb: the raw_verbs index p[0..n) starts with, or -1 */
static int
raw_verb(const char *p, size_t n)
{
	for (size_t i = 0; i < sizeof(raw_verbs) / sizeof(raw_verbs[0]); i++)
		if (starts(p, n, raw_verbs[i]))
			return (int)i;
	return -1;
}

static int
is_tdiff_raw(const char *p, size_t n)
{
	return raw_verb(p, n) >= 0;
}

/* strace_numeric: the arguments of a parsed strace call are all numbers
 * (1), one is not (0), or it has none (-1). */
struct numctx {
	int all, any;
};

static void
num_arg(void *ctx, int i, const char *a, size_t n)
{
	struct numctx *c = ctx;
	size_t k = 0;

	(void)i;
	if (k < n && a[k] == '-')
		k++;
	if (n - k > 2 && a[k] == '0' && a[k + 1] == 'x') {
		for (k += 2; k < n && is_hex(a[k]); k++)
			;
	} else {
		while (k < n && is_digit(a[k]))
			k++;
	}
	c->any = 1;
	if (k != n || n == 0)
		c->all = 0;
}

enum td_form
td_detect_form(const char *buf, size_t len)
{
	size_t i = 0;
	int lines = 0, numeric = 0;

	while (i < len && lines < DETECT_LINES) {
		const char *e = memchr(buf + i, '\n', len - i), *p = buf + i;
		size_t n = trim(p, e ? (size_t)(e - p) : len - i);
		struct td_line l;
		long tid;
		size_t k;

		i = e ? (size_t)(e - buf) + 1 : len;
		if (n == 0)
			continue;
		lines++;
		if (is_tdiff_raw(p, n))
			return TD_FORM_TDIFF;
		if (starts(p, n, "# tracer:"))
			return TD_FORM_FTRACE;
		if ((k = ftrace_prefix(p, n, &tid)) > 0) {
			struct td_span ev, text;

			if (ftrace_event(p, n, k, &ev, &text) == 0 &&
			    (td_span_eq(ev, "sys_enter") || td_span_eq(ev, "sys_exit") ||
			     td_span_eq(ev, "tracing_mark_write")))
				return TD_FORM_FTRACE;
		}
		if (td_parse_line(p, n, &l) == 0 && (l.kind == TD_L_CALL || l.kind == TD_L_UNFINISHED)) {
			struct numctx c = {1, 0};

			if (td_split_args(l.args.p, l.args.n, num_arg, &c) < 0 || (c.any && !c.all))
				return TD_FORM_STRACE;
			numeric += c.any;
		}
	}
	return numeric ? TD_FORM_STRACE_RAW : TD_FORM_STRACE;
}

/* --- the open entries of tasks: tid -> record index --- */

static long
open_get(struct rload *L, long tid)
{
	if (!L->ocap)
		return -1;
	for (size_t i = (size_t)tid * 2654435761u & (L->ocap - 1); L->otid[i] != -1; i = (i + 1) & (L->ocap - 1))
		if (L->otid[i] == tid)
			return L->oidx[i];
	return -1;
}

/* open_put: tid's open entry is record idx (-1: none) */
static void
open_put(struct rload *L, long tid, long idx)
{
	size_t i;

	if (L->on * 2 + 2 >= L->ocap) {
		long *ot = L->otid, *oi = L->oidx;
		size_t oc = L->ocap;

		L->ocap = oc ? oc * 2 : 64;
		L->otid = td_xmalloc(L->ocap * sizeof(long));
		L->oidx = td_xmalloc(L->ocap * sizeof(long));
		for (i = 0; i < L->ocap; i++)
			L->otid[i] = -1;
		L->on = 0;
		for (i = 0; i < oc; i++)
			if (ot[i] != -1)
				open_put(L, ot[i], oi[i]);
		free(ot);
		free(oi);
	}
	for (i = (size_t)tid * 2654435761u & (L->ocap - 1); L->otid[i] != -1; i = (i + 1) & (L->ocap - 1))
		if (L->otid[i] == tid)
			break;
	if (L->otid[i] == -1)
		L->on++;
	L->otid[i] = tid;
	L->oidx[i] = idx;
}

/* --- pass 1: lines into records --- */

/* default_ignored: a signal whose default action is to ignore it or stop
 * the task (not fatal as the task's last record) */
static int
default_ignored(long sig)
{
	return sig == 17 || sig == 18 || sig == 19 || sig == 20 || sig == 21 || sig == 22 || sig == 23 ||
	       sig == 28;
}

static void
line_error(struct rload *L, uint32_t line, size_t col, const char *msg)
{
	struct td_line l = {0};

	l.kind = TD_L_ERROR;
	l.errmsg = msg;
	l.errcol = col;
	td_trace_feed(L->t, &l, line, line);
}

static struct rrec *
new_rec(struct rload *L, uint32_t line, int kind, long tid)
{
	struct rrec *r = TD_PUSH(L->r, L->n, L->cap);

	memset(r, 0, sizeof(*r));
	r->line = r->end_line = line;
	r->kind = (uint8_t)kind;
	r->tid = tid;
	r->pair = -1;
	r->pre = -1;
	r->str = -1;
	return r;
}

/* take_strings: the strings waiting for tid's call, chained (first index,
 * or -1); they wait no more */
static long
take_strings(struct rload *L, long tid)
{
	long head = -1, *tail = &head;
	size_t k = 0;

	for (size_t i = 0; i < L->nspend; i++) {
		long si = L->spend[i];

		if (L->s[si].tid == tid) {
			*tail = si;
			tail = &L->s[si].next;
		} else {
			L->spend[k++] = si;
		}
	}
	L->nspend = k;
	return head;
}

/* scan_num: a number at p[*i] (decimal, or hex when hex or "0x" leads),
 * of 64 bits: a hex one any bit pattern, a decimal one what "%ld" or
 * "%lu" prints (a '-' only when sign); 0 and *v, or -1 (not a number,
 * or too large for 64 bits) */
static int
scan_num(const char *p, size_t n, size_t *i, int hex, int sign, long long *v)
{
	size_t k = *i, s;
	int neg = 0, ovf = 0;
	unsigned long long x = 0, base;

	if (sign && k < n && p[k] == '-')
		neg = 1, k++;
	if (n - k > 2 && p[k] == '0' && (p[k + 1] == 'x' || p[k + 1] == 'X'))
		hex = 1, k += 2;
	base = hex ? 16 : 10;
	s = k;
	while (k < n && (hex ? is_hex(p[k]) : is_digit(p[k]))) {
		unsigned d = is_digit(p[k]) ? (unsigned)(p[k] - '0') : (unsigned)((p[k] | 0x20) - 'a' + 10);

		ovf |= x > (~0ULL - d) / base;
		x = x * base + d;
		k++;
	}
	if (k == s || ovf || (neg && x > 1ULL << 63) ||
	    (k < n && p[k] != ' ' && p[k] != '\t' && p[k] != ',' && p[k] != ')'))
		return -1;
	*v = neg ? (long long)(0 - x) : (long long)x;
	*i = k;
	return 0;
}

static size_t
skip_blank(const char *p, size_t n, size_t i)
{
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i;
}

/* add_call: the entry (enter) or the return (ret != NULL) of syscall nr in
 * task tid: a return closes the task's open entry of the same call. */
static void
add_call(struct rload *L, uint32_t line, long tid, long nr, const uint64_t *a, const long long *ret, int enter)
{
	long o = open_get(L, tid);
	struct rrec *r;

	if (o >= 0) {
		open_put(L, tid, -1);
		if (!enter && L->r[o].nr == nr) {
			/* the call as strace shows one that others' records
			 * interrupt: unfinished at its entry, resumed here (its
			 * effects, a child reaped, happen at the return) */
			L->r[o].kind = R_CALL;
			L->r[o].ret = *ret;
			if (L->r[o].str < 0)
				L->r[o].str = take_strings(L, tid);
			L->r[o].end_line = line;
			r = new_rec(L, line, R_RESUME, tid);
			r->nr = nr;
			r->ret = *ret;
			r->pair = o;
			L->r[o].pair = (long)(L->n - 1);
			return;
		}
	}
	if (!enter && !a)
		return; /* an exit without its entry: the trace began inside it,
			 * or a new task's return from fork (its parent has it) */
	r = new_rec(L, line, enter ? R_ENTER : R_CALL, tid);
	r->nr = nr;
	r->str = take_strings(L, tid);
	memcpy(r->a, a, sizeof(r->a));
	if (enter)
		open_put(L, tid, (long)(L->n - 1));
	else
		r->ret = *ret;
}

/* parse_task_event: the rest of "#tdiff signal|killed <tid> <signo>" or
 * "#tdiff exited <tid> <code>" from p[i] (the task id) on */
static void
parse_task_event(struct rload *L, const char *p, size_t n, size_t i, uint32_t line, size_t col0, int kind)
{
	long long tid, v;

	if (scan_num(p, n, &i, 0, 0, &tid) < 0 || tid > 0x7fffffff)
		return line_error(L, line, col0 + i, "expected the task id (decimal)");
	i = skip_blank(p, n, i);
	if (kind == R_EXITED) {
		if (scan_num(p, n, &i, 0, 0, &v) < 0 || v > 255 || skip_blank(p, n, i) != n)
			return line_error(L, line, col0 + i, "expected an exit code (0-255) after the task id");
	} else if (scan_num(p, n, &i, 0, 0, &v) < 0 || !td_signal_name(v) || skip_blank(p, n, i) != n) {
		return line_error(L, line, col0 + i, "expected a signal number (1-31) after the task id");
	}
	new_rec(L, line, kind, (long)tid)->nr = (long)v;
}

/* parse_str: the rest of "#tdiff str <tid> <arg> "<escaped>"[...]" from
 * p[i] (the task id) on: argument arg (0-5) of tid's next call */
static void
parse_str(struct rload *L, const char *p, size_t n, size_t i, uint32_t line, size_t col0)
{
	long long tid, arg;
	const char *why;
	size_t off = L->sbytes.len, col;
	struct rstr *s;
	long used;
	int cut;

	if (scan_num(p, n, &i, 0, 0, &tid) < 0 || tid > 0x7fffffff)
		return line_error(L, line, col0 + i, "expected the task id (decimal)");
	i = skip_blank(p, n, i);
	if (scan_num(p, n, &i, 0, 0, &arg) < 0 || arg > 5)
		return line_error(L, line, col0 + i, "expected the argument's index (0-5) after the task id");
	i = skip_blank(p, n, i);
	if ((used = td_str_scan(p + i, n - i, &L->sbytes, &cut, &why, &col)) < 0) {
		L->sbytes.len = off;
		return line_error(L, line, col0 + i + col, why);
	}
	if (skip_blank(p, n, i + (size_t)used) != n) {
		L->sbytes.len = off;
		return line_error(L, line, col0 + i + (size_t)used, "unexpected text after the string");
	}
	s = TD_PUSH(L->s, L->ns, L->scap);
	s->tid = (long)tid;
	s->next = -1;
	s->line = line;
	s->arg = (int)arg;
	s->cut = cut;
	s->off = off;
	s->n = L->sbytes.len - off;
	*TD_PUSH(L->spend, L->nspend, L->spcap) = (long)(L->ns - 1);
}

/* parse_tdiff_raw: "#tdiff sys|sysenter|signal|killed|exited|str ..."
 * (p[0..n)).  The syscall number is what "%ld" prints: any, negative or
 * beyond the table too (a test may call syscall(100000)). */
static void
parse_tdiff_raw(struct rload *L, const char *p, size_t n, uint32_t line, size_t col0)
{
	static const int kinds[] = {[V_SIGNAL] = R_SIGNAL, [V_KILLED] = R_KILLED, [V_EXITED] = R_EXITED};
	int verb = raw_verb(p, n), enter = verb == V_SYSENTER;
	size_t i = skip_blank(p, n, strlen(raw_verbs[verb]));
	long long tid, nr, ret = 0;
	uint64_t a[6];

	if (verb == V_STR)
		return parse_str(L, p, n, i, line, col0);
	if (verb != V_SYS && !enter)
		return parse_task_event(L, p, n, i, line, col0, kinds[verb]);
	if (scan_num(p, n, &i, 0, 0, &tid) < 0 || tid > 0x7fffffff)
		return line_error(L, line, col0 + i, "expected the task id (decimal)");
	i = skip_blank(p, n, i);
	if (scan_num(p, n, &i, 0, 1, &nr) < 0)
		return line_error(L, line, col0 + i, "expected the syscall number (decimal)");
	for (int k = 0; k < 6; k++) {
		long long v;

		i = skip_blank(p, n, i);
		if (i < n && p[i] == '=')
			return line_error(L, line, col0 + i, "expected 6 arguments (hexadecimal) before '='");
		if (scan_num(p, n, &i, 1, 0, &v) < 0)
			return line_error(L, line, col0 + i, "expected an argument (hexadecimal)");
		a[k] = (uint64_t)v;
	}
	i = skip_blank(p, n, i);
	if (enter) {
		if (i != n)
			return line_error(L, line, col0 + i, "unexpected text after the 6 arguments of sysenter");
		return add_call(L, line, (long)tid, (long)nr, a, NULL, 1);
	}
	if (i >= n || p[i] != '=')
		return line_error(L, line, col0 + i, "expected ' = <return value>' after the 6 arguments");
	i = skip_blank(p, n, i + 1);
	if (scan_num(p, n, &i, 0, 1, &ret) < 0 || skip_blank(p, n, i) != n)
		return line_error(L, line, col0 + i, "expected the return value (signed decimal, or 0x hex)");
	add_call(L, line, (long)tid, (long)nr, a, &ret, 0);
}

/* parse_event: another #tdiff line (boot, start, fault ...), kept as the
 * strace parser reads it. */
static void
parse_event(struct rload *L, const char *p, size_t n, uint32_t line, size_t col0)
{
	struct td_line l;

	if (td_parse_line(p, n, &l) < 0 || l.kind != TD_L_TDIFF)
		return line_error(L, line, col0 + l.errcol, l.errmsg ? l.errmsg : "not a #tdiff line");
	new_rec(L, line, R_EVENT, -1)->ev = l;
}

/* ftrace_field: the number after "<key>=" in an event's text p[0..n)
 * (the key at the start or after a blank; the last such key when last is
 * set, as a comm= before it may hold anything), in hex when hex; 0 and
 * *v, or -1 */
static int
ftrace_field(const char *p, size_t n, const char *key, int hex, int last, long long *v)
{
	size_t k = strlen(key), at = n, i;

	for (i = 0; i + k < n; i++)
		if ((i == 0 || p[i - 1] == ' ') && !memcmp(p + i, key, k) && p[i + k] == '=') {
			at = i + k + 1;
			if (!last)
				break;
		}
	if (at == n)
		return -1;
	return scan_num(p, n, &at, hex, 1, v);
}

/* ftrace_signal_field: ftrace_field (the last key for the fields after
 * signal_generate's comm=), or the parse error msg (a literal: the trace
 * keeps it) at col; 0 or -1 */
static int
ftrace_signal_field(struct rload *L, struct td_span text, uint32_t line, size_t col, const char *key, int hex,
		    const char *msg, long long *v)
{
	int last = !strcmp(key, "pid") || !strcmp(key, "res");

	if (ftrace_field(text.p, text.n, key, hex, last, v) == 0)
		return 0;
	line_error(L, line, col, msg);
	return -1;
}

/* parse_signal_generate: "signal_generate: sig=S errno=E code=C comm=X
 * pid=P grp=G res=R" (Linux's include/trace/events/signal.h): a signal
 * queued for P (res 0; other results, ignored or already pending, queue
 * nothing) is kept for parse_signal_deliver. */
static void
parse_signal_generate(struct rload *L, struct td_span text, uint32_t line, size_t col)
{
	long long sig, pid, res;
	struct rgen *g;

	if (ftrace_signal_field(L, text, line, col, "sig", 0, "expected 'sig=<number>' in signal_generate", &sig) < 0 ||
	    ftrace_signal_field(L, text, line, col, "pid", 0, "expected 'pid=<number>' in signal_generate", &pid) < 0 ||
	    ftrace_signal_field(L, text, line, col, "res", 0, "expected 'res=<number>' in signal_generate", &res) < 0)
		return;
	if (res != 0)
		return;
	g = TD_PUSH(L->gen, L->ngen, L->gcap);
	g->line = line;
	g->sig = (long)sig;
	g->pid = (long)pid;
}

/* last_call: the index of tid's latest call record (entered, returned or
 * not), or -1 */
static long
last_call(const struct rload *L, long tid)
{
	for (size_t i = L->n; i-- > 0;)
		if (L->r[i].tid == tid && (L->r[i].kind == R_CALL || L->r[i].kind == R_ENTER))
			return (long)i;
	return -1;
}

/* killing_gen: the signal queued for tid after its call c was entered
 * that ends it, the latest one whose default action is fatal; NULL if none */
static const struct rgen *
killing_gen(const struct rload *L, long tid, long c)
{
	uint32_t after = c >= 0 ? L->r[c].line : 0;

	for (size_t i = L->ngen; i-- > 0;) {
		const struct rgen *g = &L->gen[i];

		if (g->line <= after)
			break;
		if (g->pid == tid && td_signal_name(g->sig) && !default_ignored(g->sig))
			return g;
	}
	return NULL;
}

/*
 * parse_signal_deliver: "signal_deliver: sig=S errno=E code=C
 * sa_handler=H sa_flags=F" in task tid.  With no handler (H 0) and a
 * fatal default action the task dies here: a "#tdiff killed" record.
 * Linux, untraced, kills a process with a fatal signal that has no
 * handler at once, as if by SIGKILL: the task then takes SIGKILL (S 9)
 * and the signal that killed it is the one queued for it since its last
 * call began (signal_generate); SIGKILL with none queued is a thread
 * ended by its group's exit, which the records already tell.  A SIGKILL
 * queued while the task was in its last call (it killed itself, or was
 * killed while blocked) ends it before the return, which strace never
 * sees ("= ?"): that call is left unreturned.
 */
static void
parse_signal_deliver(struct rload *L, long tid, struct td_span text, uint32_t line, size_t col)
{
	long long sig, handler;
	const struct rgen *g = NULL;
	long c;

	if (ftrace_signal_field(L, text, line, col, "sig", 0, "expected 'sig=<number>' in signal_deliver", &sig) < 0 ||
	    ftrace_signal_field(L, text, line, col, "sa_handler", 1,
				"expected 'sa_handler=<hex>' in signal_deliver", &handler) < 0)
		return;
	if (handler != 0 || !td_signal_name(sig) || default_ignored(sig))
		return;
	c = last_call(L, tid);
	if (sig == 9 && !(g = killing_gen(L, tid, c)))
		return;
	new_rec(L, line, R_KILLED, tid)->nr = g ? g->sig : (long)sig;
	if (g && g->sig == 9 && c >= 0 && L->r[c].kind == R_CALL && g->line < L->r[c].end_line) {
		struct rrec *r = &L->r[c];

		if (r->pair >= 0)
			L->r[r->pair].drop = 1;
		r->pair = -1;
		r->kind = R_ENTER;
		r->end_line = r->line;
	}
}

/* parse_ftrace: one ftrace event line; events other than sys_enter,
 * sys_exit, signal_generate, signal_deliver and tracing_mark_write are
 * ignored. */
static void
parse_ftrace(struct rload *L, const char *p, size_t n, uint32_t line)
{
	long tid;
	size_t k = ftrace_prefix(p, n, &tid), i;
	struct td_span ev, text;
	long long nr, ret;
	uint64_t a[6];

	if (!k || ftrace_event(p, n, k, &ev, &text) < 0)
		return line_error(L, line, 0, "not an ftrace event line ('<comm>-<tid> [<cpu>] ... <event>: <text>')");
	i = (size_t)(text.p - p);
	if (td_span_eq(ev, "tracing_mark_write")) {
		size_t tn = trim(text.p, text.n);

		if (is_tdiff_raw(text.p, tn))
			parse_tdiff_raw(L, text.p, tn, line, i);
		else if (starts(text.p, tn, "#tdiff "))
			parse_event(L, text.p, tn, line, i);
		return;
	}
	if (td_span_eq(ev, "signal_generate"))
		return parse_signal_generate(L, text, line, i);
	if (td_span_eq(ev, "signal_deliver"))
		return parse_signal_deliver(L, tid, text, line, i);
	if (!td_span_eq(ev, "sys_enter") && !td_span_eq(ev, "sys_exit"))
		return;
	if (!starts(p + i, n - i, "NR "))
		return line_error(L, line, i, "expected 'NR <number>' in a raw_syscalls event");
	i += 3;
	if (scan_num(p, n, &i, 0, 1, &nr) < 0)
		return line_error(L, line, i, "expected the syscall number after 'NR '");
	i = skip_blank(p, n, i);
	if (td_span_eq(ev, "sys_exit")) {
		if (i >= n || p[i] != '=')
			return line_error(L, line, i, "expected ' = <return value>' in sys_exit");
		i = skip_blank(p, n, i + 1);
		if (scan_num(p, n, &i, 0, 1, &ret) < 0 || skip_blank(p, n, i) != n)
			return line_error(L, line, i, "expected the return value (signed decimal) in sys_exit");
		return add_call(L, line, tid, (long)nr, NULL, &ret, 0);
	}
	if (i >= n || p[i] != '(')
		return line_error(L, line, i, "expected '(' and 6 arguments in sys_enter");
	i++;
	for (int j = 0; j < 6; j++) {
		long long v;

		i = skip_blank(p, n, i);
		if (scan_num(p, n, &i, 1, 0, &v) < 0)
			return line_error(L, line, i, "expected an argument (hexadecimal) in sys_enter");
		a[j] = (uint64_t)v;
		i = skip_blank(p, n, i);
		if (i >= n || p[i] != (j == 5 ? ')' : ','))
			return line_error(L, line, i, j == 5 ? "expected ')' after 6 arguments in sys_enter"
								 : "expected ',' between the arguments of sys_enter");
		i++;
	}
	if (skip_blank(p, n, i) != n)
		return line_error(L, line, i, "unexpected text after the arguments of sys_enter");
	add_call(L, line, tid, (long)nr, a, NULL, 1);
}

/* read_lines: pass 1 over the text */
static void
read_lines(struct rload *L)
{
	struct td_trace *t = L->t;
	const char *p;
	size_t len;

	for (uint32_t ln = 0; (p = td_trace_read_line(t, &len)); ln++) {
		size_t n = trim(p, len);
		long tid;

		if (n == 0)
			continue;
		if (is_tdiff_raw(p, n))
			parse_tdiff_raw(L, p, n, ln + 1, 0);
		else if (starts(p, n, "#tdiff"))
			parse_event(L, p, n, ln + 1, 0);
		else if (p[0] == '#')
			continue; /* an ftrace header */
		else if (L->form == TD_FORM_FTRACE && starts(p, n, "CPU:") && find(p, n, " [LOST "))
			line_error(L, ln + 1, 0, "ftrace lost events here: the trace is incomplete");
		else if (L->form == TD_FORM_FTRACE || ftrace_prefix(p, n, &tid))
			parse_ftrace(L, p, n, ln + 1);
		else
			line_error(L, ln + 1, 0, "not a raw trace line ('#tdiff sys', '#tdiff sysenter', "
						 "'#tdiff signal', '#tdiff killed', '#tdiff exited', '#tdiff str', "
						 "another '#tdiff' event, or ftrace)");
	}
	for (size_t i = 0; i < L->nspend; i++)
		line_error(L, L->s[L->spend[i]].line, 0, "'#tdiff str' is not followed by a call of its task");
	L->nspend = 0;
}

/* --- pass 2: where the test starts, and its tasks --- */

static int
is_fork_nr(const char *arch, long nr)
{
	const char *s = td_sys_name(arch, nr);

	return s && (!strcmp(s, "clone") || !strcmp(s, "clone3") || !strcmp(s, "fork") || !strcmp(s, "vfork"));
}

static int
event_is(const struct rrec *r, const char *verb)
{
	return r->kind == R_EVENT && td_span_eq(r->ev.name, verb);
}

/* tidset: a small set of tids (linear: the tasks of one test) */
struct tidset {
	long *v;
	size_t n, cap;
};

static int
tid_in(const struct tidset *s, long tid)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == tid)
			return 1;
	return 0;
}

/* select_test: drop the records before the test's first successful execve
 * after "#tdiff start" (before the marker when there is none) and after its
 * "#tdiff exit", those of tasks that are not the test's, and a new task's
 * own return from fork. */
static void
select_test(struct rload *L)
{
	const char *arch = L->t->arch;
	long execve = td_sys_nr(arch, "execve");
	size_t start = L->n, stop = L->n, from = 0;
	struct tidset keep = {0}, seen = {0};
	int grew = 1, marked = 0;

	for (size_t i = 0; i < L->n; i++)
		if (event_is(&L->r[i], "start")) {
			from = i;
			marked = 1;
			break;
		}
	/* successful: not an errno; a kernel whose execve returns something
	 * else than 0 (xv6's argc) still started the test there, and the
	 * comparison names that result */
	for (size_t i = from; i < L->n && start == L->n; i++)
		if (L->r[i].kind == R_CALL && L->r[i].nr == execve && L->r[i].ret >= 0)
			start = i;
	if (start == L->n) {
		/* no execve: everything from the marker on is the test (what
		 * came before it is the boot, never the test's) */
		for (size_t i = 0; marked && i < from; i++)
			if (L->r[i].kind != R_EVENT)
				L->r[i].drop = 1;
		return;
	}
	for (size_t i = start; i < L->n; i++)
		if (event_is(&L->r[i], "exit")) {
			stop = i;
			break;
		}
	*TD_PUSH(keep.v, keep.n, keep.cap) = L->r[start].tid;
	while (grew) { /* a child may print before its parent's fork returns */
		grew = 0;
		for (size_t i = start; i < stop; i++) {
			const struct rrec *r = &L->r[i];

			if (r->kind == R_CALL && r->ret > 0 && is_fork_nr(arch, r->nr) && tid_in(&keep, r->tid) &&
			    !tid_in(&keep, (long)r->ret)) {
				*TD_PUSH(keep.v, keep.n, keep.cap) = (long)r->ret;
				grew = 1;
			}
		}
	}
	for (size_t i = 0; i < L->n; i++) {
		struct rrec *r = &L->r[i];

		if (r->kind == R_EVENT)
			continue;
		if (i < start || i >= stop || !tid_in(&keep, r->tid)) {
			r->drop = 1;
			continue;
		}
		if (!tid_in(&seen, r->tid)) {
			*TD_PUSH(seen.v, seen.n, seen.cap) = r->tid;
			if (r->kind == R_CALL && r->ret == 0 && is_fork_nr(arch, r->nr) && i != start)
				r->drop = 1; /* the child's return from fork */
		}
	}
	free(keep.v);
	free(seen.v);
}

/* early_children: the records of a child that come before its parent's
 * fork-like call returns (vfork: the parent waits until the child execs
 * or exits, and a "#tdiff sys" line is printed at the return only).
 * strace shows such a call unfinished before the child's first line and
 * resumed at its return, and the model links the child so: the call is
 * fed unfinished just before the child's first record (at the line above
 * it, the latest its entry can be) and resumed at its own line.  The
 * child's records are looked for after the parent's previous record (a
 * task of the same tid before it is another one). */
static void
early_children(struct rload *L)
{
	const char *arch = L->t->arch;

	for (size_t i = 0; i < L->n; i++) {
		struct rrec *r = &L->r[i];
		size_t j = i;

		if (r->drop || r->kind != R_CALL || r->pair >= 0 || r->ret <= 0 || !is_fork_nr(arch, r->nr))
			continue;
		while (j > 0 && (L->r[j - 1].tid != r->tid || L->r[j - 1].drop || L->r[j - 1].kind == R_EVENT))
			j--;
		for (; j < i; j++) {
			struct rrec *c = &L->r[j];

			if (c->drop || c->kind == R_EVENT || c->tid != (long)r->ret)
				continue;
			if (c->pre < 0 && c->line > 1) {
				c->pre = (long)i;
				r->split = 1;
				r->line = c->line - 1;
			}
			break;
		}
	}
}

/* --- pass 3: feed the model --- */

static void
span(struct td_span *s, const char *p)
{
	s->p = p;
	s->n = strlen(p);
}

/* ret_text: a return value as strace prints it: the number, or "-1"
 * ("?" for ERESTART*) and the errno's name, returned (NULL: no error) */
static const char *
ret_text(long long v, char *buf, size_t n)
{
	static char unk[32]; /* copied by the feed before the next call */
	const char *err;
	long e = (long)-v;

	if (v >= 0 || v < -4095) {
		snprintf(buf, n, "%lld", v);
		return NULL;
	}
	snprintf(buf, n, "%s", e >= 512 && e <= 516 ? "?" : "-1");
	if ((err = td_errno_name(e)))
		return err;
	snprintf(unk, sizeof(unk), "E%ld", e);
	return unk;
}

/* feed_call: a call as strace -X raw prints it (unfinished: its return
 * is a later R_RESUME record) */
static void
feed_call(struct rload *L, struct rrec *r, int unfinished, int noreturn)
{
	char name[40], args[6 * 20], ret[32];
	const char *nm = td_sys_name(L->t->arch, r->nr), *err = NULL;
	struct td_line l = {0};
	size_t o = 0;

	if (!nm)
		snprintf(name, sizeof(name), "syscall_0x%lx", r->nr), nm = name;
	snprintf(r->name, sizeof(r->name), "%s", nm);
	for (int k = 0; k < 6; k++)
		o += (size_t)snprintf(args + o, sizeof(args) - o, "%s%#llx", k ? ", " : "",
				      (unsigned long long)r->a[k]);
	l.kind = unfinished ? TD_L_UNFINISHED : TD_L_CALL;
	l.pid = r->tid;
	span(&l.name, nm);
	span(&l.args, args);
	if (noreturn)
		snprintf(ret, sizeof(ret), "?");
	else
		err = ret_text(r->ret, ret, sizeof(ret));
	span(&l.ret, ret);
	if (err)
		span(&l.err, err);
	{
		size_t before = L->t->nev;

		td_trace_feed(L->t, &l, r->line, unfinished ? 0 : r->end_line);
		for (long si = r->str; si >= 0 && L->t->nev > before; si = L->s[si].next)
			td_str_add(L->t, &L->t->ev[L->t->nev - 1], L->s[si].arg, L->sbytes.s ? L->sbytes.s + L->s[si].off : "",
				   L->s[si].n, L->s[si].cut);
	}
}

/* feed_resume: the return of call c (fed unfinished before) at line */
static void
feed_resume(struct rload *L, const struct rrec *c, uint32_t line)
{
	struct td_line l = {0};
	char ret[32];
	const char *err = ret_text(c->ret, ret, sizeof(ret));

	l.kind = TD_L_RESUMED;
	l.pid = c->tid;
	span(&l.name, c->name);
	span(&l.args, "");
	span(&l.ret, ret);
	if (err)
		span(&l.err, err);
	td_trace_feed(L->t, &l, line, line);
}

static void
feed_outcome(struct rload *L, long tid, uint32_t line, const char *sig, long status)
{
	struct td_line l = {0};

	l.pid = tid;
	if (sig) {
		l.kind = TD_L_KILLED;
		span(&l.name, sig);
	} else {
		l.kind = TD_L_EXITED;
		l.status = status;
	}
	td_trace_feed(L->t, &l, line, line);
}

/* fault_tid: the task of a "#tdiff fault <tid> ... sig=SIGX" line and
 * its signal (into sig), or -1 */
static long
fault_tid(const struct rrec *r, char *sig, size_t sn)
{
	const char *p = r->ev.extra.p, *s;
	size_t n = r->ev.extra.n, k = 0;

	if (!event_is(r, "fault") || !n || !is_digit(p[0]))
		return -1;
	s = find(p, n, "sig=");
	if (s)
		for (s += 4; s < p + n && *s != ' ' && k + 1 < sn; s++)
			sig[k++] = *s;
	sig[k] = 0;
	return strtol(p, NULL, 10);
}

/* last_records: per record, whether it is its task's last call or
 * signal (a "#tdiff killed|exited" line is neither) */
static uint8_t *
last_records(const struct rload *L)
{
	uint8_t *last = td_xcalloc(L->n + 1, 1);
	struct tidset seen = {0};

	for (size_t i = L->n; i-- > 0;) {
		const struct rrec *r = &L->r[i];

		if (r->drop || r->kind == R_EVENT || r->kind == R_KILLED || r->kind == R_EXITED ||
		    tid_in(&seen, r->tid))
			continue;
		*TD_PUSH(seen.v, seen.n, seen.cap) = r->tid;
		last[i] = 1;
	}
	free(seen.v);
	return last;
}

/* group_exit: exit_group by tid at record i: the threads of its group
 * (made by clone with CLONE_THREAD, or by clone3, whose flags a raw trace
 * cannot show) that print nothing after it end with it (told: the tasks
 * a "#tdiff killed|exited" line ends) */
static void
group_exit(struct rload *L, size_t i, const struct tidset *told, long status, struct tidset *ended)
{
	const char *arch = L->t->arch;
	long tid = L->r[i].tid;

	for (size_t j = 0; j < L->n; j++) {
		const struct rrec *c = &L->r[j];
		const char *nm;
		long ch = (long)c->ret;

		if (c->drop || c->kind != R_CALL || c->ret <= 0 || !is_fork_nr(arch, c->nr) || c->tid != tid ||
		    tid_in(ended, ch) || tid_in(told, ch))
			continue;
		nm = td_sys_name(arch, c->nr);
		if (!strcmp(nm, "clone3") || (!strcmp(nm, "clone") && (c->a[0] & 0x10000))) {
			int later = 0;

			for (size_t k = i + 1; k < L->n && !later; k++)
				later = !L->r[k].drop && L->r[k].kind != R_EVENT && L->r[k].tid == ch;
			if (!later) {
				*TD_PUSH(ended->v, ended->n, ended->cap) = ch;
				feed_outcome(L, ch, L->r[i].line, NULL, status);
			}
		}
	}
}

/* what pass 3 knows of the tasks' ends */
struct ends {
	uint8_t *last;	      /* per record: its task's last call or signal */
	struct tidset ended;  /* tasks given an outcome */
	struct tidset killed; /* tasks a fatal signal or a fault ends */
	struct tidset told;   /* tasks a "#tdiff killed|exited" line ends */
	long ex, exg;	      /* exit, exit_group */
};

/* end_task: tid's outcome at line (sig NULL: exited with status), once */
static void
end_task(struct rload *L, struct ends *E, long tid, uint32_t line, const char *sig, long status)
{
	if (tid_in(&E->ended, tid))
		return;
	*TD_PUSH(E->ended.v, E->ended.n, E->ended.cap) = tid;
	feed_outcome(L, tid, line, sig, status);
}

/* find_ends: the tasks a "#tdiff killed|exited" line ends (those lines
 * say it; nothing is inferred for them), and the others whose last
 * record is a fatal signal or a fault */
static void
find_ends(struct rload *L, struct ends *E)
{
	for (size_t i = 0; i < L->n; i++) {
		const struct rrec *r = &L->r[i];

		if (!r->drop && (r->kind == R_KILLED || r->kind == R_EXITED) && !tid_in(&E->told, r->tid))
			*TD_PUSH(E->told.v, E->told.n, E->told.cap) = r->tid;
	}
	for (size_t i = 0; i < L->n; i++) {
		const struct rrec *r = &L->r[i];
		char sig[32];
		long tid;

		if (!r->drop && r->kind == R_SIGNAL && E->last[i] && !default_ignored(r->nr) &&
		    !tid_in(&E->told, r->tid))
			*TD_PUSH(E->killed.v, E->killed.n, E->killed.cap) = r->tid;
		if ((tid = fault_tid(r, sig, sizeof(sig))) >= 0 && !tid_in(&E->told, tid)) {
			int later = 0;

			for (size_t k = i + 1; k < L->n && !later; k++)
				later = !L->r[k].drop && L->r[k].kind == R_CALL && L->r[k].tid == tid;
			if (!later && !tid_in(&E->killed, tid))
				*TD_PUSH(E->killed.v, E->killed.n, E->killed.cap) = tid;
		}
	}
}

/* feed_event: a #tdiff event line; a fault that ends its task gives the
 * outcome when no signal line will (the trace has none, or the signal is
 * SIGKILL, which strace never shows as delivered) */
static void
feed_event(struct rload *L, struct ends *E, const struct rrec *r)
{
	char sig[32];
	long tid;

	td_trace_feed(L->t, &r->ev, r->line, r->line);
	if ((tid = fault_tid(r, sig, sizeof(sig))) >= 0 && sig[0] && tid_in(&E->killed, tid) &&
	    (L->t->no_signals || !strcmp(sig, "SIGKILL")))
		end_task(L, E, tid, r->line, sig, 0);
}

static void
feed_signal(struct rload *L, struct ends *E, size_t i)
{
	const struct rrec *r = &L->r[i];
	struct td_line l = {0};

	l.kind = TD_L_SIGNAL;
	l.pid = r->tid;
	span(&l.name, td_signal_name(r->nr));
	td_trace_feed(L->t, &l, r->line, r->line);
	if (E->last[i] && tid_in(&E->killed, r->tid))
		end_task(L, E, r->tid, r->line, td_signal_name(r->nr), 0);
}

/* feed_enter: a call that never returned: the task ended in it (strace's
 * "= ?"), or hangs there if nothing came after */
static void
feed_enter(struct rload *L, struct ends *E, size_t i)
{
	struct rrec *r = &L->r[i];
	int ends = r->nr == E->ex || r->nr == E->exg;
	int hangs = !ends && E->last[i] && !tid_in(&E->killed, r->tid) && !tid_in(&E->told, r->tid);
	long st = (long)(r->a[0] & 0xff);

	feed_call(L, r, hangs, !hangs);
	if (!ends || tid_in(&E->told, r->tid) || tid_in(&E->ended, r->tid))
		return;
	end_task(L, E, r->tid, r->line, NULL, st);
	if (r->nr == E->exg)
		group_exit(L, i, &E->told, st, &E->ended);
}

static void
feed_records(struct rload *L)
{
	const char *arch = L->t->arch;
	struct ends E = {0};
	int any_signal = 0, any_killed = 0;

	for (size_t i = 0; i < L->n; i++) {
		any_signal |= L->r[i].kind == R_SIGNAL;
		any_killed |= L->r[i].kind == R_KILLED;
	}
	L->t->no_signals = !any_signal;
	L->t->no_kills = !any_killed;
	E.last = last_records(L);
	E.ex = td_sys_nr(arch, "exit");
	E.exg = td_sys_nr(arch, "exit_group");
	find_ends(L, &E);
	for (size_t i = 0; i < L->n; i++) {
		struct rrec *r = &L->r[i];

		if (r->drop)
			continue;
		if (r->pre >= 0)
			feed_call(L, &L->r[r->pre], 1, 0); /* its parent's call, unfinished */
		switch (r->kind) {
		case R_EVENT:
			feed_event(L, &E, r);
			break;
		case R_SIGNAL:
			feed_signal(L, &E, i);
			break;
		case R_KILLED:
		case R_EXITED:
			end_task(L, &E, r->tid, r->line, r->kind == R_KILLED ? td_signal_name(r->nr) : NULL, r->nr);
			break;
		case R_ENTER:
			feed_enter(L, &E, i);
			break;
		case R_RESUME:
			if (!L->r[r->pair].drop)
				feed_resume(L, &L->r[r->pair], r->line);
			break;
		default:
			if (r->split)
				feed_resume(L, r, r->end_line);
			else
				feed_call(L, r, r->pair >= 0 && !L->r[r->pair].drop, 0);
		}
	}
	free(E.last);
	free(E.ended.v);
	free(E.killed.v);
	free(E.told.v);
}

/* boot_arch: the arch named by a "#tdiff boot <target> <arch>" line */
static int
boot_arch(const char *buf, size_t len, char *arch, size_t an)
{
	const char *p = buf;

	while ((p = find(p, len - (size_t)(p - buf), "#tdiff boot "))) {
		char target[64], a[32];

		if (sscanf(p + 12, "%63s %31s", target, a) == 2 && td_arch_known(a) >= 0) {
			snprintf(arch, an, "%s", a);
			return 0;
		}
		p += 12;
	}
	return -1;
}

int
td_load_any(struct td_trace *t, const char *path, const char *arch)
{
	return td_load_any_helped(t, path, arch, 0);
}

int
td_load_any_helped(struct td_trace *t, const char *path, const char *arch, int helper)
{
	return td_load_any_notified(t, path, arch, helper, NULL, NULL);
}

int
td_load_any_notified(struct td_trace *t, const char *path, const char *arch, int helper,
		     void (*known)(void *ctx, int form), void *ctx)
{
	char *buf, barch[32];
	size_t len, map;
	int form;
	struct rload L = {0};

	if (td_map_file(path, &buf, &len, &map) < 0)
		return -1;
	form = td_detect_form(buf, len);
	if (known)
		known(ctx, form);
	if (!td_form_is_raw(form) || form == TD_FORM_STRACE_RAW) {
		td_trace_load_buf(t, path, buf, len, map, arch, helper);
		t->form = form;
		return 0;
	}
	if (!arch && boot_arch(buf, len, barch, sizeof(barch)) == 0)
		arch = barch;
	if (!arch) {
		td_unmap_file(buf, map);
		return td_err("%s: a %s trace gives syscall numbers: the arch is needed (--arch, a .meta file, "
			      "or a '#tdiff boot' line)",
			      path, td_form_name(form));
	}
	td_trace_begin(t, path, buf, len, map, arch);
	t->form = form;
	L.t = t;
	L.form = form;
	read_lines(&L);
	select_test(&L);
	early_children(&L);
	feed_records(&L);
	td_trace_finish(t);
	free(L.r);
	free(L.gen);
	free(L.otid);
	free(L.oidx);
	free(L.s);
	free(L.spend);
	td_sb_free(&L.sbytes);
	return 0;
}
