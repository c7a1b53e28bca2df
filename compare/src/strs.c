/* strs.c: string arguments at the raw level (strs.h). */
#include "strs.h"

#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "rawtab.h"

static int
hexdig(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* escape: the byte an escape letter stands for, or -1 */
static int
escape(char c)
{
	static const char from[] = "ntrvfab\\\"'?", to[] = "\n\t\r\v\f\a\b\\\"'?";
	const char *p = c ? strchr(from, c) : NULL;

	return p ? (unsigned char)to[p - from] : -1;
}

long
td_str_scan(const char *p, size_t n, struct td_sb *out, int *cut, const char **why, size_t *col)
{
	size_t i = 1;

	*cut = 0;
	if (!n || p[0] != '"') {
		*why = "expected a quoted string";
		*col = 0;
		return -1;
	}
	while (i < n && p[i] != '"') {
		char c = p[i++];
		int v, d;

		if (c != '\\') {
			td_sb_putc(out, c);
			continue;
		}
		if (i >= n)
			break;
		c = p[i++];
		if (c == 'x' && i < n && hexdig(p[i]) >= 0) {
			for (v = 0, d = 0; d < 2 && i < n && hexdig(p[i]) >= 0; d++)
				v = v * 16 + hexdig(p[i++]);
		} else if (c >= '0' && c <= '7') {
			for (v = c - '0', d = 1; d < 3 && i < n && p[i] >= '0' && p[i] <= '7'; d++)
				v = v * 8 + (p[i++] - '0');
		} else if ((v = escape(c)) < 0) {
			*why = "unknown escape in the string";
			*col = i - 2;
			return -1;
		}
		td_sb_putc(out, (char)v);
	}
	if (i >= n) {
		*why = "the string has no closing quote";
		*col = n;
		return -1;
	}
	i++;
	if (n - i >= 3 && !memcmp(p + i, "...", 3)) {
		*cut = 1;
		i += 3;
	}
	return (long)i;
}

char
td_str_kind(const char *arch, const char *name, int i)
{
	const struct td_rawrow *row = td_raw_row(arch, name);

	if (!row || i < 0 || i >= row->nargs)
		return 0;
	return row->arg[i].kind == 's' || row->arg[i].kind == 'b' ? row->arg[i].kind : 0;
}

void
td_str_add(struct td_trace *t, struct td_event *e, int arg, const char *s, size_t n, int cut)
{
	struct td_evx *x = td_ev_extra(t, e);
	struct td_str *v = td_arena_alloc(&t->arena, sizeof(*v)), **at = &x->str;

	v->s = td_arena_strndup(&t->arena, s, n);
	v->n = (uint32_t)n;
	v->arg = (uint8_t)arg;
	v->cut = (uint8_t)cut;
	v->next = NULL;
	while (*at && (*at)->arg < arg)
		at = &(*at)->next;	/* kept in argument order */
	v->next = *at;
	*at = v;
	t->nstr++;
}

struct argv {
	const char *p[TD_RAW_MAXARGS];
	size_t n[TD_RAW_MAXARGS];
};

static void
collect(void *ctx, int i, const char *a, size_t n)
{
	struct argv *v = ctx;

	if (i < TD_RAW_MAXARGS) {
		v->p[i] = a;
		v->n[i] = n;
	}
}

size_t
td_strs_from_args(struct td_trace *t)
{
	struct td_sb b = {0};
	size_t before = t->nstr;

	for (size_t k = 0; k < t->nev; k++) {
		struct td_event *e = &t->ev[k];
		const struct td_rawrow *row;
		struct argv v;
		int na;

		if (e->kind != TD_EV_CALL || !e->args || !(row = td_raw_row(t->arch, e->name)))
			continue;
		na = td_split_args(e->args, strlen(e->args), collect, &v);
		for (int i = 0; i < row->nargs && i < na && i < TD_RAW_MAXARGS; i++) {
			const char *why;
			size_t col;
			int cut;

			if ((row->arg[i].kind != 's' && row->arg[i].kind != 'b') || !v.n[i] || v.p[i][0] != '"')
				continue;
			td_sb_reset(&b);
			if (td_str_scan(v.p[i], v.n[i], &b, &cut, &why, &col) < 0)
				continue;
			td_str_add(t, e, i, b.s ? b.s : "", b.len, cut);
		}
	}
	td_sb_free(&b);
	return t->nstr - before;
}

/* line_up: the two tasks' events are the same calls in the same order */
static int
line_up(const struct td_trace *a, const struct td_task *ta, const struct td_trace *b, const struct td_task *tb)
{
	if (ta->nev != tb->nev)
		return 0;
	for (size_t i = 0; i < ta->nev; i++) {
		const struct td_event *x = &a->ev[ta->ev[i]], *y = &b->ev[tb->ev[i]];

		if (x->kind != y->kind || strcmp(x->name, y->name) != 0)
			return 0;
	}
	return 1;
}

void
td_strs_pair(struct td_trace *raw, const struct td_trace *dec, struct td_strs_pairing *st)
{
	size_t o = 0;

	memset(st, 0, sizeof(*st));
	for (size_t k = 0; k < raw->ntask; k++) {
		const struct td_task *tr = &raw->task[k];
		int d = td_trace_task_by_path(dec, tr->path);

		st->tasks++;
		if (d < 0 || !line_up(raw, tr, dec, &dec->task[d])) {
			if (o + strlen(tr->path) + 5 < sizeof(st->skipped))
				o += (size_t)snprintf(st->skipped + o, sizeof(st->skipped) - o, "%s%s", o ? " " : "",
						      tr->path);
			else if (o + 4 < sizeof(st->skipped) && !strstr(st->skipped, "..."))
				o += (size_t)snprintf(st->skipped + o, sizeof(st->skipped) - o, " ...");
			continue;
		}
		st->paired++;
		for (size_t i = 0; i < tr->nev; i++) {
			const struct td_event *de = &dec->ev[dec->task[d].ev[i]];

			for (const struct td_str *s = td_ev_str(de); s; s = s->next) {
				td_str_add(raw, &raw->ev[tr->ev[i]], s->arg, s->s, s->n, s->cut);
				st->strings++;
			}
		}
	}
}

/* differs: two showings of one argument disagree in what both show */
static int
differs(const struct td_str *a, const struct td_str *b)
{
	size_t n = a->n < b->n ? a->n : b->n;

	if (!a->cut && !b->cut && a->n != b->n)
		return 1;
	if ((a->cut && !b->cut && b->n < a->n) || (b->cut && !a->cut && a->n < b->n))
		return 1; /* the whole of one is shorter than the shown part of the other */
	return memcmp(a->s, b->s, n) != 0;
}

int
td_str_diff(const struct td_event *g, const struct td_event *k, const struct td_str **gs, const struct td_str **ks)
{
	for (const struct td_str *a = td_ev_str(g); a; a = a->next)
		for (const struct td_str *b = td_ev_str(k); b; b = b->next)
			if (a->arg == b->arg && differs(a, b)) {
				*gs = a;
				*ks = b;
				return a->arg;
			}
	return -1;
}

void
td_str_quote(const struct td_str *s, size_t max, struct td_sb *out)
{
	size_t n = s->n < max ? s->n : max;

	td_sb_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s->s[i];

		if (c == '"' || c == '\\')
			td_sb_printf(out, "\\%c", c);
		else if (c == '\n')
			td_sb_puts(out, "\\n");
		else if (c == '\t')
			td_sb_puts(out, "\\t");
		else if (c < 0x20 || c >= 0x7f)
			td_sb_printf(out, "\\x%02x", c);
		else
			td_sb_putc(out, (char)c);
	}
	td_sb_putc(out, '"');
	if (n < s->n || s->cut)
		td_sb_puts(out, "...");
}
