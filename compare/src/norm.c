/* norm.c: symbolic pointers, fork-tree pids, compare modes from rules.def. */
#include "norm.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "rel.h"
#include "sets.h"
#include "parse.h"
#include "sysc.h"

#define PTR_MIN 0x10000ULL	  /* smaller hex values are numbers, not pointers */
#define ANCHOR_RADIUS 0x100000ULL /* pointers this close share a symbol */
#define MAX_ANCHORS 4096

#define RULE_CACHE 64
#define ARGS_CACHE 1024 /* a power of two */

#define KEEP_ARGS 4

/* args_cache: the normalized arguments of an argument text shared by many
 * events (trace.c's line memo shares the copy of repeated lines), kept
 * when no pointer symbol was involved (nothing else depends on state).
 * With them the first arguments as split (argp, argn: spans of that same
 * text), which effects_after reads: a cached mmap or brk still makes its
 * region from them. */
struct args_cache {
	const char *args, *name;
	char *norm;
	size_t nlen;
	const char *argp[KEEP_ARGS];
	size_t argn[KEEP_ARGS];
};

struct nctx {
	struct td_trace *t;
	struct td_arena *arena; /* where norm and nret texts go */
	int pure;   /* a helper's pass: no address space, no state changed */
	int impure; /* in it, the event needed a pointer symbol */
	struct aspace *as; /* current task's address space */
	int task;	   /* current task */
	uint32_t at;	   /* current event's line: pids name the task of that time */
	int *nmmap, *nstack; /* per task counters */
	struct td_sb sb;
	struct td_sb tmp; /* one token's normalized text (fast path) */
	struct td_sb rel; /* the relations of the event's new mapping (rel.c) */
	struct td_sched sched; /* tid addresses (sets.c) */
	unsigned long nsym;  /* pointer symbols made so far (and reused pids met) */
	struct args_cache *ac;
	/* rule and key of a name, by the (interned) name's address */
	struct {
		const char *name;
		const struct td_rule *rule;
		uint64_t key;
		uint8_t sched;	 /* td_sched_name (td_sched_wants for a call without alias) */
		uint8_t effects; /* has_effects, for a call */
	} rc[RULE_CACHE];
};

/* as_add: a new region made by the current task (rel.c numbers it) */
static struct region *
as_add(struct nctx *c, int kind, uint64_t base, uint64_t size)
{
	int *counter = kind == R_BRK ? &c->as->nbrk : kind == R_MMAP ? &c->nmmap[c->task] : &c->nstack[c->task];

	return td_as_add(c->as, kind, base, size, c->task, counter);
}

/* put_sym: prefix and a decimal number ("m3", "p12") without printf. */
static void
put_sym(struct td_sb *out, const char *prefix, size_t plen, uint64_t no)
{
	char buf[48];

	memcpy(buf, prefix, plen);
	td_sb_putn(out, buf, plen + td_put_u64(buf + plen, no));
}

/* put_task: "@1.2", a task's fork-tree position. */
static void
put_task(struct td_sb *out, const char *path)
{
	td_sb_putc(out, '@');
	td_sb_puts(out, path);
}

/* put_off: "+0x1f0" without printf (this runs for every pointer). */
static void
put_off(struct td_sb *out, uint64_t v)
{
	char buf[24];
	int i = sizeof(buf);

	do {
		buf[--i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	buf[--i] = 'x';
	buf[--i] = '0';
	buf[--i] = '+';
	td_sb_putn(out, buf + i, sizeof(buf) - (size_t)i);
}

/* sym_ptr: the symbol for pointer value v: the smallest known region
 * holding it (a region that holds it within its size before a stack that
 * holds it only in the page above its top: glibc's thread stacks lie end
 * to end, and which of them exists yet is scheduling), else the anchor
 * (first-use number) of nearby pointers. */
static void
sym_ptr(struct nctx *c, uint64_t v, struct td_sb *out)
{
	struct aspace *a = c->as;
	const struct region *best = NULL;
	int best_in = 0;

	c->nsym++;
	if (c->pure) { /* left to the ordered pass */
		c->impure = 1;
		return;
	}
	for (size_t i = 0; i < a->n; i++) {
		const struct region *r = &a->r[i];
		uint64_t lim = r->size + (r->kind == R_STACK ? 0x1000 : 0);
		int in;

		if (v < r->base || v - r->base >= lim)
			continue;
		in = v - r->base < r->size;
		if (!best || in > best_in || (in == best_in && r->size < best->size)) {
			best = r;
			best_in = in;
		}
	}
	if (best) {
		uint64_t off = v - best->base; /* + off0 once the stack part is told */

		switch (best->kind) {
		case R_BRK:
			put_sym(out, "b", 1, (uint64_t)best->no);
			break;
		case R_MMAP:
			put_sym(out, "m", 1, (uint64_t)best->no);
			break;
		default:
			put_sym(out, "stack", 5, (uint64_t)best->no);
		}
		if (best->kind != R_BRK && best->owner != c->task) /* made by another task */
			put_task(out, c->t->task[best->owner].path);
		if (best->kind == R_STACK && off >= best->size && best->size) {
			td_sb_puts(out, "+stack_size");
			off -= best->size;
		}
		off += best->off0;
		if (off)
			put_off(out, off);
		return;
	}
	for (size_t i = 0; i < a->na; i++) {
		uint64_t d = v > a->anchor[i] ? v - a->anchor[i] : a->anchor[i] - v;

		if (d < ANCHOR_RADIUS) {
			put_sym(out, "p", 1, i + 1);
			return;
		}
	}
	if (a->na < MAX_ANCHORS)
		*TD_PUSH(a->anchor, a->na, a->acap) = v;
	put_sym(out, "p", 1, a->na);
}

/* byte classes: one table lookup a byte in the scanning loops */
enum { C_IDSTART = 1, C_IDENT = 2, C_NUM = 4 };

static const unsigned char byte_class[256] = {
	['a' ... 'f'] = C_IDSTART | C_IDENT | C_NUM,
	['g' ... 'w'] = C_IDSTART | C_IDENT,
	['x'] = C_IDSTART | C_IDENT | C_NUM,
	['y' ... 'z'] = C_IDSTART | C_IDENT,
	['A' ... 'F'] = C_IDSTART | C_IDENT | C_NUM,
	['G' ... 'Z'] = C_IDSTART | C_IDENT,
	['_'] = C_IDSTART | C_IDENT,
	['0' ... '9'] = C_IDENT | C_NUM,
};

static int
is_ident_start(char ch)
{
	return byte_class[(unsigned char)ch] & C_IDSTART;
}

static int
is_ident(char ch)
{
	return byte_class[(unsigned char)ch] & C_IDENT;
}

static int
is_num(char ch)
{
	return byte_class[(unsigned char)ch] & C_NUM;
}

static void norm_seq(struct nctx *c, const char *p, size_t n, char mode, struct td_sb *out);

/* norm_number: one numeric token under a mode, in its canonical spelling
 * (num.c; canon/cn: td_num_canon's result, 0 when p is canonical). */
static void
norm_number(struct nctx *c, const char *p, size_t n, const char *canon, size_t cn, char mode,
	    struct td_sb *out)
{
	int hex;
	uint64_t v;

	if (cn)
		p = canon, n = cn;
	hex = n > 2 && p[0] == '0' && p[1] == 'x';

	if (n >= 40 || mode == TD_M_EXACT) { /* 40: longer tokens are not numbers */
		td_sb_putn(out, p, n);
		return;
	}
	v = td_strtoull0(p, n);
	if (mode == TD_M_ID && !hex && p[0] != '-') {
		int reused;
		int k = td_trace_task_by_pid_at(c->t, (long)v, c->at, &reused);

		if (reused) /* depends on the time: not for the arguments cache */
			c->nsym++;
		if (k >= 0 && v > 0) {
			put_task(out, c->t->task[k].path);
			return;
		}
		/* not in the tree: the root's parent has one name on both sides */
		if (v > 0 && (long)v == c->t->root_ppid) {
			td_sb_puts(out, "P0");
			return;
		}
	}
	/* an id below -1 names a process group (kill(-pgid), wait4(-pgid)):
	 * a group led by a task of the tree prints as -@1.2 */
	if (mode == TD_M_ID && !hex && p[0] == '-' && (int64_t)v < -1) {
		int k = td_trace_task_by_pid(c->t, -(long)v);

		if (k >= 0) {
			td_sb_putc(out, '-');
			put_task(out, c->t->task[k].path);
			return;
		}
	}
	/* ids print in decimal: a hex value where an id may stand is the
	 * address of one (parent_tid=0x7ffc... before the tid is stored) */
	if ((mode == TD_M_SYM || ((mode == TD_M_AUTO || mode == TD_M_ID) && hex)) && p[0] != '-' &&
	    v >= PTR_MIN) {
		sym_ptr(c, v, out);
		return;
	}
	td_sb_putn(out, p, n);
}

/* plain_exact: whether an exact-mode value comes out as it went in: no
 * field (=), group, comment or number spelled another way (a 0 starting
 * 0x1 or 0022) outside its strings. */
static int
plain_exact(const char *p, size_t n)
{
	static const unsigned char stop[256] = {
		['"'] = 1, ['='] = 2, ['('] = 2, ['['] = 2, ['{'] = 2, ['<'] = 2, ['/'] = 2, ['0'] = 3,
	};

	for (size_t i = 0; i < n; i++) {
		unsigned char k = stop[(unsigned char)p[i]];

		if (!k)
			continue;
		if (k == 3) {
			if ((i == 0 || (!is_ident(p[i - 1]) && p[i - 1] != '.')) && i + 1 < n &&
			    (p[i + 1] == 'x' || (p[i + 1] >= '0' && p[i + 1] <= '9')))
				return 0;
			continue;
		}
		if (k == 2)
			return 0;
		for (i++; i < n && p[i] != '"'; i++)
			if (p[i] == '\\')
				i++;
	}
	return 1;
}

/* norm_atoms: copy a value, normalizing numbers and recursing into groups. */
static void
norm_atoms(struct nctx *c, const char *p, size_t n, char mode, struct td_sb *out)
{
	size_t i = 0, run = 0, cn; /* p[run..i) is copied as is, in one piece */
	char canon[TD_NUM_MAX];

	if (mode == TD_M_NONE) {
		td_sb_putc(out, '*');
		return;
	}
	if (mode == TD_M_EXACT && plain_exact(p, n)) {
		td_sb_putn(out, p, n);
		return;
	}
	while (i < n) {
		char ch = p[i];
		size_t j = i;

		if (ch == '"') {
			for (j++; j < n && p[j] != '"'; j++)
				if (p[j] == '\\')
					j++;
			j = j < n ? j + 1 : n;
		} else if (ch == '/' && i + 1 < n && p[i + 1] == '*') {
			for (j += 2; j + 1 < n && !(p[j] == '*' && p[j + 1] == '/'); j++)
				;
			j = j + 1 < n ? j + 2 : n;
		} else if (is_ident_start(ch)) {
			while (j < n && is_ident(p[j]))
				j++;
		} else if ((ch >= '0' && ch <= '9') || (ch == '-' && i + 1 < n && p[i + 1] >= '0' && p[i + 1] <= '9')) {
			for (j++; j < n && is_num(p[j]); j++)
				;
			cn = td_num_canon(p, i, j, 0, mode == TD_M_ID, canon);
			/* canonical exact numbers stay in the run; flag bits
			 * are exact */
			if (mode != TD_M_EXACT || cn) {
				td_sb_putn(out, p + run, i - run);
				norm_number(c, p + i, j - i, canon, cn,
					    td_flag_bits(p, i, j, 0, n) ? TD_M_EXACT : mode, out);
				run = j;
			}
		} else if (ch == '(' || ch == '[' || ch == '{' || (ch == '<' && (i == 0 || p[i - 1] != '='))) {
			size_t g = td_skip_group(p + i, n - i);

			if (g >= n - i) /* unbalanced: copy the rest as is */
				break;
			td_sb_putn(out, p + run, i + 1 - run);
			norm_seq(c, p + i + 1, g - 1, mode, out);
			td_sb_putc(out, p[i + g]);
			j = i + g + 1;
			run = j;
		} else {
			j = i + 1;
		}
		i = j;
	}
	td_sb_putn(out, p + run, n - run);
}

struct seq_ctx {
	struct nctx *c;
	char mode;
	const struct td_rule *rule; /* positional modes at the top level */
	struct td_sb *out;
	/* the first top-level arguments as split (effects_after reads them) */
	const char *argp[KEEP_ARGS];
	size_t argn[KEEP_ARGS];
};

/* norm_item: one comma-separated item; "name=value" takes the field's mode. */
static void
norm_item(void *vctx, int i, const char *a, size_t n)
{
	struct seq_ctx *s = vctx;
	char mode = s->mode, fm;
	size_t k = 0;

	if (i > 0)
		td_sb_putn(s->out, ", ", 2);
	if (s->rule && i < KEEP_ARGS) {
		s->argp[i] = a;
		s->argn[i] = n;
	}
	if (s->rule && i < s->rule->nargs)
		mode = s->rule->argmode[i];
	if (n && is_ident_start(a[0])) {
		while (k < n && is_ident(a[k]))
			k++;
		if (k < n && a[k] == '=' && (k + 1 >= n || a[k + 1] != '=')) {
			fm = td_field_mode(a, k);
			if (fm)
				mode = fm;
			td_sb_putn(s->out, a, k + 1);
			norm_atoms(s->c, a + k + 1, n - k - 1, mode, s->out);
			return;
		}
	}
	norm_atoms(s->c, a, n, mode, s->out);
}

/* The fast path: most argument lists are regular (items joined by exactly
 * ", ", groups balanced, no comment), and most of their items come out as
 * they went in.  fast_args splits such a list in one pass and normalizes
 * its flat items in place (items holding groups through norm_atoms), and
 * builds the output only from the first token that changes; any other
 * shape returns -1 before a side effect, and the general path
 * (td_split_args, norm_item, norm_atoms) runs.  Both give the same text. */
struct fast {
	struct nctx *c;
	const char *p;
	size_t pend; /* p[0..pend) is accounted for in the output */
	int built;   /* c->sb holds the output so far (else it equals the input) */
};

/* fast_put: the output of p[from..to) is text[0..tn). */
static void
fast_put(struct fast *f, size_t from, size_t to, const char *text, size_t tn)
{
	struct td_sb *out = &f->c->sb;

	if (!f->built) {
		if (tn == to - from && !memcmp(text, f->p + from, tn)) {
			f->pend = to;
			return;
		}
		td_sb_putn(out, f->p, from);
		f->built = 1;
	} else {
		td_sb_putn(out, f->p + f->pend, from - f->pend);
	}
	td_sb_putn(out, text, tn);
	f->pend = to;
}

#define FAST_ITEMS 32

/* str_close: the index of the quote that closes the string opened at
 * p[i] (escapes skipped), n when it does not close; four bytes a step
 * between escapes */
static size_t
str_close(const char *p, size_t i, size_t n)
{
	static const unsigned char q[256] = {['"'] = 1, ['\\'] = 1};

	for (i++; i < n; i++) {
		while (n - i >= 4 && !(q[(unsigned char)p[i]] | q[(unsigned char)p[i + 1]] |
				       q[(unsigned char)p[i + 2]] | q[(unsigned char)p[i + 3]]))
			i += 4;
		while (i < n && !q[(unsigned char)p[i]])
			i++;
		if (i >= n || p[i] == '"')
			return i < n ? i : n;
		i++; /* the escaped byte */
	}
	return n;
}

/* fast_shape: the number of items when p[0..n) has the shape td_split_args
 * would split the same way and join back unchanged: items joined by exactly
 * ", ", no blank at an item's ends, strings closed, groups ( [ { balanced,
 * no comment, no < or >.  Each item's end goes to end[], and *grouped has
 * bit k set when item k holds a group, *digits when it holds a digit
 * outside its strings.  -1 for any other shape. */
static int
fast_shape(const char *p, size_t n, size_t *end, uint32_t *grouped, uint32_t *digits)
{
	/* 8: a digit, which the scan only notes (8 & 3 == 0: not a stop) */
	static const unsigned char stop[256] = {
		['"'] = 1, [','] = 2, ['('] = 3, ['['] = 3, ['{'] = 3, [')'] = 5, [']'] = 5, ['}'] = 5,
		['<'] = 6, ['>'] = 6, ['/'] = 6, [' '] = 4, ['\t'] = 4, ['\r'] = 4, ['\n'] = 4,
		['0'] = 8, ['1'] = 8, ['2'] = 8, ['3'] = 8, ['4'] = 8, ['5'] = 8, ['6'] = 8, ['7'] = 8,
		['8'] = 8, ['9'] = 8,
	};
	/* an item starts with a plain byte, a digit, a string or an opener */
	static const unsigned char starts_item[16] = {1, 1, 0, 1, 0, 0, 0, 0, 1};
	char st[16];
	int k = 0, d = 0;
	unsigned acc = 0; /* the classes of the current item's bytes, or'ed */

	*grouped = 0;
	*digits = 0;
	if (n == 0)
		return 0;
	if (!starts_item[stop[(unsigned char)p[0]]] || stop[(unsigned char)p[n - 1]] == 4)
		return -1;
	for (size_t i = 0; i < n; i++) {
		/* plain bytes, digits and blanks (classes 0, 8 and 4: no bit
		 * of 3), four a step: this loop reads every byte of most
		 * arguments */
		while (n - i >= 4) {
			unsigned x = stop[(unsigned char)p[i]] | stop[(unsigned char)p[i + 1]] |
				     stop[(unsigned char)p[i + 2]] | stop[(unsigned char)p[i + 3]];

			if (x & 3)
				break;
			acc |= x;
			i += 4;
		}
		while (i < n && !(stop[(unsigned char)p[i]] & 3))
			acc |= stop[(unsigned char)p[i++]];
		if (i >= n)
			break;
		switch (stop[(unsigned char)p[i]]) {
		case 1:
			i = str_close(p, i, n);
			if (i >= n)
				return -1; /* the string does not close */
			break;
		case 2: /* ", " and then the next item's first byte */
			if (d > 0)
				break;
			if (i + 2 >= n || p[i + 1] != ' ' || !starts_item[stop[(unsigned char)p[i + 2]]] ||
			    stop[(unsigned char)p[i - 1]] == 4 || k + 1 >= FAST_ITEMS)
				return -1;
			*digits |= (uint32_t)(acc >> 3 & 1) << k;
			acc = 0;
			end[k++] = i;
			i++;
			break;
		case 3:
			if (d == (int)sizeof(st))
				return -1;
			st[d++] = p[i];
			*grouped |= 1u << k;
			break;
		case 5:
			if (d == 0 || st[d - 1] != (p[i] == ')' ? '(' : p[i] == ']' ? '[' : '{'))
				return -1;
			d--;
			break;
		default:
			return -1;
		}
	}
	if (d > 0)
		return -1;
	*digits |= (uint32_t)(acc >> 3 & 1) << k;
	end[k++] = n;
	return k;
}

/* fast_value: one item's value p[a..b) under mode (the item's output is
 * its input but for the tokens that change). */
static void
fast_value(struct fast *f, size_t a, size_t b, char mode)
{
	struct nctx *c = f->c;
	const char *p = f->p;

	if (mode == TD_M_NONE) {
		fast_put(f, a, b, "*", 1);
		return;
	}
	for (size_t i = a; i < b;) {
		char ch = p[i];
		size_t j = i, cn;
		char canon[TD_NUM_MAX];

		if (ch == '"') {
			j = str_close(p, j, b);
			j = j < b ? j + 1 : b;
		} else if (is_ident_start(ch)) {
			while (j < b && is_ident(p[j]))
				j++;
		} else if ((ch >= '0' && ch <= '9') || (ch == '-' && i + 1 < b && p[i + 1] >= '0' && p[i + 1] <= '9')) {
			for (j++; j < b && is_num(p[j]); j++)
				;
			cn = td_num_canon(p, i, j, a, mode == TD_M_ID, canon);
			/* exact mode keeps canonical numbers, auto mode canonical
			 * decimals: only hex may become a pointer */
			if (cn || (mode != TD_M_EXACT &&
				   (mode != TD_M_AUTO || (j - i > 2 && p[i] == '0' && p[i + 1] == 'x')))) {
				td_sb_reset(&c->tmp);
				norm_number(c, p + i, j - i, canon, cn,
					    td_flag_bits(p, i, j, a, b) ? TD_M_EXACT : mode, &c->tmp);
				fast_put(f, i, j, c->tmp.s ? c->tmp.s : "", c->tmp.len);
			}
		} else {
			j = i + 1;
		}
		i = j;
	}
}

/* fast_args: the argument list p[0..n) of a call under rule s->rule into
 * c->sb (or *same = 1: unchanged); -1 when it is not flat. */
static int
fast_args(struct nctx *c, struct seq_ctx *s, const char *p, size_t n, int *same)
{
	struct fast f = {c, p, 0, 0};
	size_t end[FAST_ITEMS], a = 0;
	uint32_t grouped, digits;
	int nitems = fast_shape(p, n, end, &grouped, &digits);

	if (nitems < 0)
		return -1;
	for (int k = 0; k < nitems; k++) {
		size_t i = end[k], v = a;
		char mode = k < s->rule->nargs ? s->rule->argmode[k] : s->mode;

		if (k < KEEP_ARGS) {
			s->argp[k] = p + a;
			s->argn[k] = i - a;
		}
		if (is_ident_start(p[a])) {
			size_t q = a;
			char fm;

			while (q < i && is_ident(p[q]))
				q++;
			if (q < i && p[q] == '=' && (q + 1 >= i || p[q + 1] != '=')) {
				fm = td_field_mode(p + a, q - a);
				if (fm)
					mode = fm;
				v = q + 1;
			}
		}
		if ((grouped >> k & 1) && mode != TD_M_NONE) {
			/* groups: the general value normalizer, output kept
			 * only when it differs */
			td_sb_reset(&c->tmp);
			norm_atoms(c, p + v, i - v, mode, &c->tmp);
			fast_put(&f, v, i, c->tmp.s ? c->tmp.s : "", c->tmp.len);
		} else if ((digits >> k & 1) || mode == TD_M_NONE) {
			fast_value(&f, v, i, mode);
		}
		/* else: fast_value changes only numbers, which start with a
		 * digit outside strings, and the item has none: as it is */
		a = i + 2; /* after ", " */
	}
	if (f.built)
		td_sb_putn(&c->sb, p + f.pend, n - f.pend);
	*same = !f.built;
	return 0;
}

static void
norm_seq(struct nctx *c, const char *p, size_t n, char mode, struct td_sb *out)
{
	struct seq_ctx s = {c, mode, NULL, out, {0}, {0}};
	size_t start = out->len;

	if (td_split_args(p, n, norm_item, &s) < 0) {
		out->len = start;
		norm_atoms(c, p, n, mode == TD_M_NONE ? mode : TD_M_EXACT, out);
	}
}

/* arg_num: the numeric value of top-level argument pos as split while
 * normalizing; 0 when there was none. */
static uint64_t
arg_num(const struct seq_ctx *s, int pos)
{
	return s->argp[pos] ? td_strtoull0(s->argp[pos], s->argn[pos]) : 0;
}

/* field_num: value of "name=" anywhere in text; 0 when absent. */
static uint64_t
field_num(const char *text, const char *name)
{
	size_t k = strlen(name);

	for (const char *s = strstr(text, name); s; s = strstr(s + 1, name))
		if ((s == text || !is_ident(s[-1])) && s[k] == '=')
			return strtoull(s + k + 1, NULL, 0);
	return 0;
}

/* effects_before: regions that the call's own arguments define. */
static void
effects_before(struct nctx *c, const struct td_event *e)
{
	if (e->name[0] == 'c' && !strcmp(e->name, "clone3")) {
		uint64_t st = field_num(e->args, "stack"), sz = field_num(e->args, "stack_size");

		/* the stack is the caller's region, numbered by the caller:
		 * whether a child was made (and later used it) must not change
		 * its name in the call itself */
		if (st && sz)
			as_add(c, R_STACK, st, sz);
	}
}

/* map_at: a mapping made at [base, base+len): its relations to the live
 * regions first (c->rel, appended to the return value), then the region;
 * MAP_FIXED replaces what it overlaps. */
static void
map_at(struct nctx *c, uint64_t base, uint64_t len, int fixed)
{
	td_sb_reset(&c->rel);
	td_as_overlaps(c->as, base, len, c->t, c->task, &c->rel);
	if (fixed)
		td_as_unmap(c->as, base, len);
	as_add(c, R_MMAP, base, len);
}

/* effects_after: regions the call's return value creates. */
static void
effects_after(struct nctx *c, const struct td_event *e, const struct seq_ctx *s)
{
	if (!e->ret_isnum || e->err || e->ret_num == -1 || !strchr("mb", e->name[0]))
		return;
	if (!strcmp(e->name, "mmap") || !strcmp(e->name, "mmap2"))
		map_at(c, (uint64_t)e->ret_num, (arg_num(s, 1) + 0xfff) & ~0xfffULL, strstr(e->args, "MAP_FIXED") != NULL);
	else if (!strcmp(e->name, "mremap")) {
		/* the old range moves or grows: not a region the new one overlaps */
		td_as_unmap(c->as, arg_num(s, 0), arg_num(s, 1));
		map_at(c, (uint64_t)e->ret_num, (arg_num(s, 2) + 0xfff) & ~0xfffULL, 0);
	}
	else if (!strcmp(e->name, "brk") && c->as->nbrk == 0 && e->ret_num > 0)
		as_add(c, R_BRK, (uint64_t)e->ret_num, 1ULL << 34);
	else if (!strcmp(e->name, "munmap") && e->ret_num == 0)
		td_as_unmap(c->as, arg_num(s, 0), arg_num(s, 1));
}

/* plain_dec: s is a decimal number in its canonical spelling: an optional
 * '-', then digits, without a leading 0 (022 is octal) but for "0" */
static int
plain_dec(const char *s)
{
	const char *d = s + (s[0] == '-');

	if (*d < '0' || *d > '9' || (s[0] == '0' && s[1]))
		return 0;
	while (*d >= '0' && *d <= '9')
		d++;
	return *d == 0;
}

static void
norm_ret(struct nctx *c, const struct td_event *e, char mode, struct td_sb *out)
{
	if (!e->ret) {
		td_sb_puts(out, "<unfinished>");
		return;
	}
	if (e->err) {
		td_sb_puts(out, e->ret);
		td_sb_putc(out, ' ');
		td_sb_puts(out, e->err);
		return;
	}
	if (mode == TD_M_NONE) {
		/* nor its annotation, which spells the value (time's UTC date) */
		td_sb_putc(out, '*');
		return;
	}
	if (!td_ev_annot(e) && plain_dec(e->ret)) {
		/* norm_atoms would find one number token spanning it, spelled
		 * canonically (td_num_canon: 0), without flag bits: the same */
		norm_number(c, e->ret, strlen(e->ret), NULL, 0, mode, out);
		return;
	}
	norm_atoms(c, e->ret, strlen(e->ret), mode, out);
	if (td_ev_annot(e)) {
		td_sb_putc(out, ' ');
		norm_atoms(c, td_ev_annot(e), strlen(td_ev_annot(e)), TD_M_AUTO, out);
	}
}

/* plain_ret: a return value that norm_ret would print as it is: "?" or a
 * decimal (no leading zero), without errno or annotation, compared exactly
 * or in auto mode (where only hex values can be pointers). */
static int
plain_ret(const struct td_event *e, char mode)
{
	const char *s = e->ret;

	if (!s || e->err || td_ev_annot(e) || (mode != TD_M_EXACT && mode != TD_M_AUTO))
		return 0;
	if (s[0] == '?')
		return s[1] == 0;
	s += s[0] == '-';
	if (*s < '0' || *s > '9' || (s[0] == '0' && s[1])) /* 022: octal, canonical as 18 */
		return 0;
	while (*s >= '0' && *s <= '9')
		s++;
	return *s == 0;
}

/* has_effects: a call of this name changes the address space
 * (effects_before, effects_after) */
static int
has_effects(const char *n)
{
	if (n[0] != 'c' && n[0] != 'm' && n[0] != 'b')
		return 0;
	return !strcmp(n, "clone3") || !strcmp(n, "mmap") || !strcmp(n, "mmap2") || !strcmp(n, "mremap") ||
	       !strcmp(n, "brk") || !strcmp(n, "munmap");
}

/* norm_event: fill norm, nret, key and hash of one event.  In a pure pass
 * (c->pure) an event that changes state or needs a pointer symbol is left
 * as it is: -1.  Else 0. */
static int
norm_event(struct nctx *c, struct td_event *e)
{
	/* interned names lie packed in the arena: mix the address bits */
	unsigned slot = (unsigned)(((uint64_t)(uintptr_t)e->name * 0x9e3779b97f4a7c15ULL) >> 58) % RULE_CACHE;
	const struct td_rule *r;
	struct seq_ctx s; /* set below */
	struct td_trace *t = c->t;
	struct args_cache *ac;
	size_t alen, nlen;
	char *norm, *nret;
	int same;

	if (c->rc[slot].name != e->name) {
		c->rc[slot].name = e->name;
		c->rc[slot].rule = td_rule_find(e->name, strlen(e->name));
		c->rc[slot].key = td_hash(e->name, strlen(e->name));
		c->rc[slot].sched = (uint8_t)td_sched_name(e->name);
		c->rc[slot].effects = (uint8_t)has_effects(e->name);
	}
	if (c->pure && ((e->kind == TD_EV_CALL && c->rc[slot].effects) || (c->rc[slot].sched && e->kind == TD_EV_CALL && !td_ev_alias(e))))
		return -1;
	c->impure = 0;
	s.c = c;
	s.mode = TD_M_AUTO;
	s.out = &c->sb;
	memset(s.argp, 0, sizeof(s.argp));
	memset(s.argn, 0, sizeof(s.argn));
	r = s.rule = c->rc[slot].rule;
	c->at = e->end_line ? e->end_line : e->line;

	td_sb_reset(&c->sb);
	if (e->kind == TD_EV_SIGNAL) {
		norm_atoms(c, e->args, strlen(e->args), TD_M_AUTO, &c->sb);
		if (c->impure)
			return -1;
		e->norm = td_arena_strndup(c->arena, c->sb.s ? c->sb.s : "", c->sb.len);
		e->nret = "";
		e->key = td_hash_more(td_hash("---", 3), e->name, strlen(e->name));
		e->hash = td_hash_more(e->key, e->norm, strlen(e->norm));
		return 0;
	}
	effects_before(c, e);
#ifdef TD_NORM_SELFCHECK
	/* differential check (built by hand, never in the product): the
	 * general path on a copy of the address space must agree */
	{
		struct aspace *real = c->as, *copy = td_as_copy(c->as);
		struct seq_ctx s2 = s;
		struct td_sb keep = {0};

		c->as = copy;
		td_sb_reset(&c->sb);
		if (td_split_args(e->args, strlen(e->args), norm_item, &s2) < 0) {
			td_sb_reset(&c->sb);
			td_sb_puts(&c->sb, e->args);
		}
		td_sb_putn(&keep, c->sb.s ? c->sb.s : "", c->sb.len);
		c->as = real;
		td_as_free(copy);
		td_sb_reset(&c->sb);
		if (fast_args(c, &s, e->args, strlen(e->args), &same) == 0) {
			const char *got = same ? e->args : c->sb.s ? c->sb.s : "";

			if (strcmp(got, keep.s ? keep.s : "") != 0) {
				fprintf(stderr, "selfcheck: %s(%s): fast '%s' general '%s'\n", e->name, e->args, got,
					keep.s);
				abort();
			}
		}
		td_sb_free(&keep);
		td_sb_reset(&c->sb);
	}
#endif
	ac = &c->ac[((uintptr_t)e->args >> 3) & (ARGS_CACHE - 1)];
	if (ac->args == e->args && ac->name == e->name) {
		/* the same shared argument text, normalized before without a
		 * pointer symbol: the result cannot differ (a helper's NULL:
		 * it needed one, which only the text and the rule decide) */
		if (!ac->norm)
			return -1;
		norm = ac->norm;
		nlen = ac->nlen;
		memcpy(s.argp, ac->argp, sizeof(s.argp));
		memcpy(s.argn, ac->argn, sizeof(s.argn));
	} else {
		unsigned long nsym = c->nsym;

		alen = strlen(e->args);
		if (fast_args(c, &s, e->args, alen, &same) < 0) {
			td_sb_reset(&c->sb);
			if (td_split_args(e->args, alen, norm_item, &s) < 0) {
				td_sb_reset(&c->sb);
				td_sb_putn(&c->sb, e->args, alen);
			}
			same = c->sb.s && c->sb.len == alen && !memcmp(c->sb.s, e->args, alen);
		}
		/* most arguments and returns come out as they went in: share them */
		if (same) {
			norm = (char *)e->args;
			nlen = alen;
		} else {
			norm = td_arena_strndup(c->arena, c->sb.s ? c->sb.s : "", c->sb.len);
			nlen = c->sb.len;
		}
		/* mmap, munmap, mremap and brk read their split arguments
		 * afterwards (effects_after): the cache keeps them */
		if (c->nsym == nsym) {
			ac->args = e->args;
			ac->name = e->name;
			ac->norm = norm;
			ac->nlen = nlen;
			memcpy(ac->argp, s.argp, sizeof(s.argp));
			memcpy(ac->argn, s.argn, sizeof(s.argn));
		} else if (c->impure) { /* a helper's: see above */
			ac->args = e->args;
			ac->name = e->name;
			ac->norm = NULL;
		}
	}
	if (c->impure) /* a helper's pass: the return need not be looked at */
		return -1;
	effects_after(c, e, &s);
	td_sb_reset(&c->sb);
	if (plain_ret(e, r->ret)) {
		nret = (char *)e->ret;
	} else {
		norm_ret(c, e, r->ret, &c->sb);
		if (c->rel.len) { /* a new mapping over live ones */
			td_sb_putn(&c->sb, c->rel.s, c->rel.len);
			td_sb_reset(&c->rel);
		}
		if (c->sb.s && e->ret && !strcmp(c->sb.s, e->ret))
			nret = (char *)e->ret;
		else
			nret = td_arena_strndup(c->arena, c->sb.s ? c->sb.s : "", c->sb.len);
	}
	if (c->impure)
		return -1;
	e->norm = norm;
	e->nret = nret;
	e->key = td_ev_alias(e) ? td_hash(td_ev_alias(e), strlen(td_ev_alias(e))) : c->rc[slot].key;
	if (c->rc[slot].sched) /* else td_sched_event leaves it */
		nlen = td_sched_event_named(&c->sched, t, e, nlen, &e->key, c->rc[slot].sched);
	e->hash = td_hash_more(td_hash_more(e->key, e->norm, nlen + 1),
			       e->nret, strlen(e->nret));
	return 0;
}

/* Helping: another thread (td_norm_help) normalizes, in batches of events,
 * what needs no state (no pointer symbol, no region made, nothing for
 * sets.c), while the ordered pass (td_norm_run) does the rest.  A batch is
 * taken by whichever thread comes first; the ordered pass waits for one a
 * helper holds.  Results are the same: a pure event's text depends only on
 * the loaded trace. */
#ifndef HELP_BATCH /* checks build with small ones to mix the threads' work */
#define HELP_BATCH 2048 /* events */
#endif
#define HELP_LEAP 2 /* batches a helper skips past the ordered pass */
#ifndef HELP_MIN
#define HELP_MIN (8 * HELP_BATCH) /* fewer events are normalized by one thread */
#endif

enum { B_FREE, B_TAKEN, B_DONE };

struct td_norm_job {
	struct td_trace *t;
	size_t nb;	/* batches; 0: no helping */
	uint8_t *state; /* per batch, B_FREE ... (atomic) */
	pthread_mutex_t mu;
	pthread_cond_t cv; /* a batch done, or a helper gone */
	int helpers;	   /* in td_norm_help now */
	int closed;	   /* the ordered pass ended: no helper comes in */
	struct td_arena arena; /* the helpers' texts, joined to the trace's */
};

struct td_norm_job *
td_norm_job_new(struct td_trace *t, int share)
{
	struct td_norm_job *j = td_xcalloc(1, sizeof(*j));

	j->t = t;
	pthread_mutex_init(&j->mu, NULL);
	pthread_cond_init(&j->cv, NULL);
	if (share && t->nev >= HELP_MIN) {
		j->nb = (t->nev + HELP_BATCH - 1) / HELP_BATCH;
		j->state = td_xcalloc(j->nb, 1);
	}
	return j;
}

void
td_norm_job_free(struct td_norm_job *j)
{
	if (!j)
		return;
	pthread_mutex_destroy(&j->mu);
	pthread_cond_destroy(&j->cv);
	free(j->state);
	free(j);
}

static int
take_batch(struct td_norm_job *j, size_t b)
{
	uint8_t free_ = B_FREE;

	return __atomic_compare_exchange_n(&j->state[b], &free_, B_TAKEN, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

void
td_norm_help(struct td_norm_job *j)
{
	struct td_trace *t = j->t;
	struct td_arena arena = {0};
	struct nctx c = {.t = t, .arena = &arena, .pure = 1};

	pthread_mutex_lock(&j->mu);
	if (j->closed || !j->nb) {
		pthread_mutex_unlock(&j->mu);
		return;
	}
	j->helpers++;
	pthread_mutex_unlock(&j->mu);
	c.ac = td_xcalloc(ARGS_CACHE, sizeof(*c.ac));
	for (size_t b = 0; b < j->nb; b++) {
		size_t end = (b + 1) * HELP_BATCH < t->nev ? (b + 1) * HELP_BATCH : t->nev;

		if (!take_batch(j, b)) { /* the ordered pass is here: go ahead */
			b += HELP_LEAP;
			continue;
		}
		for (size_t i = b * HELP_BATCH; i < end; i++) {
			c.task = (int)t->ev[i].task;
			norm_event(&c, &t->ev[i]);
		}
		pthread_mutex_lock(&j->mu);
		__atomic_store_n(&j->state[b], B_DONE, __ATOMIC_RELEASE);
		pthread_cond_broadcast(&j->cv);
		pthread_mutex_unlock(&j->mu);
	}
	free(c.ac);
	td_sb_free(&c.sb);
	td_sb_free(&c.tmp);
	td_sb_free(&c.rel);
	pthread_mutex_lock(&j->mu);
	td_arena_take(&j->arena, &arena);
	j->helpers--;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
}

/* own_batch: whether the ordered pass normalizes batch b whole (it took
 * it), else it waits for the helper that took it */
static int
own_batch(struct td_norm_job *j, size_t b)
{
	if (take_batch(j, b))
		return 1;
	pthread_mutex_lock(&j->mu);
	while (__atomic_load_n(&j->state[b], __ATOMIC_ACQUIRE) != B_DONE)
		pthread_cond_wait(&j->cv, &j->mu);
	pthread_mutex_unlock(&j->mu);
	return 0;
}

void
td_normalize(struct td_trace *t)
{
	struct td_norm_job *j = td_norm_job_new(t, 0);

	td_norm_run(j);
	td_norm_job_free(j);
}

void
td_norm_run(struct td_norm_job *j)
{
	struct td_trace *t = j->t;
	struct aspace **as = td_xcalloc(t->ntask, sizeof(*as));
	struct aspace **all = NULL; /* every space made, freed at the end */
	size_t nall = 0, allcap = 0;
	struct nctx c = {.t = t, .arena = &t->arena};
	int own = 1;

	c.nmmap = td_xcalloc(t->ntask, sizeof(int));
	c.ac = td_xcalloc(ARGS_CACHE, sizeof(*c.ac));
	c.nstack = td_xcalloc(t->ntask, sizeof(int));
	/* events are stored in the order they started, so a parent's clone
	 * is seen before its child's first call */
	for (size_t i = 0; i < t->nev; i++) {
		struct td_event *e = &t->ev[i];
		int k = (int)e->task;

		if (j->nb && i % HELP_BATCH == 0)
			own = own_batch(j, i / HELP_BATCH);
		if (!as[k])
			*TD_PUSH(all, nall, allcap) = as[k] = td_as_new();
		c.as = as[k];
		c.task = k;
		if (own || !e->norm) /* not done by a helper */
			norm_event(&c, e);
		if (td_ev_child(e) > 0 && !as[td_ev_child(e) - 1]) {
			/* the child's memory as it was at the fork: shared with
			 * CLONE_VM, else a copy */
			int ch = td_ev_child(e) - 1;

			if (t->task[ch].shares_vm)
				as[ch] = as[k];
			else
				*TD_PUSH(all, nall, allcap) = as[ch] = td_as_copy(as[k]);
		}
		if (e->kind == TD_EV_CALL && e->name[0] == 'e' && !strcmp(e->name, "execve") && e->ret && !e->err &&
		    e->ret_num == 0) /* a new program image: fresh regions and symbols */
			*TD_PUSH(all, nall, allcap) = as[k] = td_as_new();
	}
	pthread_mutex_lock(&j->mu);
	j->closed = 1;
	while (j->helpers)
		pthread_cond_wait(&j->cv, &j->mu);
	pthread_mutex_unlock(&j->mu);
	td_arena_take(&t->arena, &j->arena);
	for (size_t i = 0; i < nall; i++)
		td_as_free(all[i]);
	free(all);
	free(as);
	free(c.nmmap);
	free(c.ac);
	free(c.nstack);
	td_sb_free(&c.sb);
	td_sb_free(&c.tmp);
	td_sb_free(&c.rel);
	td_sched_free(&c.sched);
}

char *
td_norm_value_str(struct td_trace *t, const char *text, char mode)
{
	struct aspace *a = td_as_new();
	int zero[1] = {0}, zero2[1] = {0};
	struct nctx c = {.t = t, .arena = &t->arena, .as = a, .nmmap = zero, .nstack = zero2, .at = UINT32_MAX};
	char *r;

	norm_seq(&c, text, strlen(text), mode, &c.sb);
	r = td_arena_strndup(&t->arena, c.sb.s ? c.sb.s : "", c.sb.len);
	td_sb_free(&c.sb);
	td_as_free(a);
	return r;
}
