/* report_text.c: terminal summary, plain text report and the TAP line. */
#include <stdio.h>
#include <string.h>

#include "report.h"

#define COLW 58

struct colors {
	const char *red, *green, *yellow, *dim, *bold, *off;
};

static const struct colors no_color = {"", "", "", "", "", ""};
static const struct colors ansi = {"\033[31m", "\033[32m", "\033[33m", "\033[2m", "\033[1m", "\033[0m"};

void
td_div_line(const struct td_result *r, const struct td_div *d, struct td_sb *out)
{
	(void)r;
	td_sb_printf(out, "%s in %s (task %s): %s", td_class_name(d->cls), d->syscall ? d->syscall : "-",
		     d->task ? d->task : "-", d->detail ? d->detail : "");
}

/* ev_cell: a short normalized rendering of an event for a column. */
static void
ev_cell(const struct td_trace *t, long ev, char *buf, size_t n)
{
	const struct td_event *e;

	if (ev < 0) {
		snprintf(buf, n, "%s", "");
		return;
	}
	e = &t->ev[ev];
	if (e->kind == TD_EV_SIGNAL)
		snprintf(buf, n, "--- %s %s ---", e->name, e->norm ? e->norm : "");
	else if (e->unfinished)
		snprintf(buf, n, "%s(%s <unfinished ...>", e->name, e->norm ? e->norm : e->args);
	else
		snprintf(buf, n, "%s(%s) = %s", e->name, e->norm ? e->norm : e->args, e->nret ? e->nret : "");
}

static void
put_cell(struct td_sb *out, const char *s, int w)
{
	int n = (int)strlen(s);

	if (n > w) {
		td_sb_putn(out, s, (size_t)(w - 3));
		td_sb_puts(out, "...");
	} else {
		td_sb_puts(out, s);
		for (; n < w; n++)
			td_sb_putc(out, ' ');
	}
}

static const char *
row_mark(uint8_t op)
{
	switch (op) {
	case TD_ROW_EQ:
		return " ";
	case TD_ROW_DIFF:
		return "|";
	case TD_ROW_DEL:
		return "<";
	case TD_ROW_INS:
		return ">";
	default:
		return "~";
	}
}

/* context: rows around the divergence, golden left, kernel right. */
static void
context(const struct td_result *r, const struct td_div *d, struct td_sb *out, const struct colors *c)
{
	const struct td_taskdiff *td = &r->td[d->td];
	long at = d->row >= 0 ? d->row : (long)td->nrows - 1, from, to;
	int ctx = r->o->context >= 0 ? r->o->context : 3;
	char gb[1024], kb[1024];

	from = at - ctx < 0 ? 0 : at - ctx;
	to = at + ctx >= (long)td->nrows ? (long)td->nrows - 1 : at + ctx;
	td_sb_printf(out, "  %s%6s  %-*s   %6s  %s%s\n", c->dim, "line", COLW, "Linux (golden)", "line",
		     "kernel", c->off);
	for (long i = from; i <= to; i++) {
		const struct td_row *w = &td->rows[i];
		const char *col = i == at && d->row >= 0 ? c->red : w->op == TD_ROW_EQ ? "" : c->yellow;

		ev_cell(r->g, w->g, gb, sizeof(gb));
		ev_cell(r->k, w->k, kb, sizeof(kb));
		td_sb_printf(out, "%s%s", col, i == at && d->row >= 0 ? ">" : " ");
		if (w->g >= 0)
			td_sb_printf(out, " %6u  ", td_shown_line(r->g, &r->g->ev[w->g]));
		else
			td_sb_printf(out, " %6s  ", "");
		put_cell(out, gb, COLW);
		td_sb_printf(out, " %s ", row_mark(w->op));
		if (w->k >= 0)
			td_sb_printf(out, "%6u  ", td_shown_line(r->k, &r->k->ev[w->k]));
		else
			td_sb_printf(out, "%6s  ", "");
		td_sb_puts(out, kb);
		td_sb_printf(out, "%s\n", c->off);
	}
}

static void
div_block(const struct td_result *r, const struct td_div *d, struct td_sb *out, const struct colors *c)
{
	td_sb_printf(out, "%s%s%s: %s, task %s%s%s%s\n", c->bold, td_class_text(d->cls), c->off,
		     d->syscall ? d->syscall : "-", d->task, d->expected ? " [expected: " : "",
		     d->expected ? d->reason : "", d->expected ? "]" : "");
	td_sb_printf(out, "  %s\n", d->detail ? d->detail : "");
	if (d->gline && d->kline)
		td_sb_printf(out, "  at %s:%u (Linux) and %s:%u (kernel)\n", r->g->path, d->gline, r->k->path,
			     d->kline);
	else if (d->gline)
		td_sb_printf(out, "  at %s:%u (Linux)\n", r->g->path, d->gline);
	else if (d->kline)
		td_sb_printf(out, "  at %s:%u (kernel)\n", r->k->path, d->kline);
	if (d->gval || d->kval) {
		if (d->field)
			td_sb_printf(out, "  field %s:\n", d->field);
		td_sb_printf(out, "    Linux:  %s\n    kernel: %s\n", d->gval ? d->gval : "", d->kval ? d->kval : "");
	}
	if (d->symbol)
		td_sb_printf(out, "  %s\n", d->symbol);
	if (d->td >= 0 && r->td[d->td].nrows > 0) {
		td_sb_puts(out, "\n");
		context(r, d, out, c);
	}
}

void
td_report_text(const struct td_result *r, struct td_sb *out, int color)
{
	const struct colors *c = color ? &ansi : &no_color;
	const char *v = td_result_verdict(r);
	const char *vc = !strcmp(v, "divergent") || !strcmp(v, "error") ? c->red : c->green;

	td_sb_printf(out, "%s%s [%s]: %s%s%s\n", c->bold, r->o->name ? r->o->name : "trace",
		     r->o->arch ? r->o->arch : "?", vc, v, c->off);
	if (r->error) {
		td_sb_printf(out, "error: %s\n", r->errmsg);
		return;
	}
	td_sb_printf(out, "level: %s\n", r->o->raw ? "raw" : "full");
	if (r->o->note)
		td_sb_printf(out, "note: %s\n", r->o->note);
	td_sb_printf(out, "golden: %s (%zu events, %zu tasks)\nkernel: %s (%zu events, %zu tasks)\n", r->g->path,
		     r->g->nev, r->g->ntask, r->k->path, r->k->nev, r->k->ntask);
	if (r->first >= 0) {
		int f = td_first_unexpected(r);

		/* the first one the expected-divergence file did not list:
		 * what is left to fix (the expected ones are in the list) */
		td_sb_puts(out, f != r->first ? "\nfirst divergence not expected: " : "\nfirst divergence: ");
		div_block(r, &r->div[f], out, c);
	}
	if (r->ndiv > 1) {
		td_sb_printf(out, "\nall divergences (each task's first, then up to %d later ones of it):\n",
			     TD_MORE_PER_TASK);
		for (size_t i = 0; i < r->ndiv; i++) {
			const struct td_div *d = &r->div[i];

			td_sb_printf(out, "  %s%-6s %-10s %-16s line %-6u %s%s%s\n", d->expected ? c->dim : "",
				     d->task, td_class_name(d->cls), d->syscall ? d->syscall : "-", d->kline,
				     d->detail ? d->detail : "", d->expected ? " [expected]" : "",
				     d->expected ? c->off : "");
		}
	}
	for (size_t i = 0; i < r->nstale; i++)
		td_sb_printf(out, "%sstale expectation%s (line %d, no longer diverges: remove it): %s\n", c->yellow,
			     c->off, r->stale[i].line, r->stale[i].entry);
	for (size_t i = 0; i < r->ntd; i++)
		if (r->td[i].truncated)
			td_sb_printf(out, "note: task %s differs in more than %d places; alignment after that is by position\n",
				     r->td[i].path, TD_ALIGN_MAX_D);
}

void
td_report_tap(const struct td_result *r, struct td_sb *out, int number)
{
	int s = td_result_status(r);
	char num[24] = "";

	if (number > 0)
		snprintf(num, sizeof(num), " %d", number);
	/* every divergence expected: "not ok ... # TODO", a known failure
	 * (TAP's form: "ok ... # TODO" would say it unexpectedly passed) */
	td_sb_printf(out, "%s%s - %s [%s]%s", s == 0 && r->ndiv == 0 ? "ok" : "not ok", num,
		     r->o->name ? r->o->name : "trace",
		     r->o->arch ? r->o->arch : "?", r->o->raw ? " (raw level)" : "");
	if (r->error) {
		td_sb_printf(out, ": error: %s", r->errmsg);
	} else if (s == 1 && r->nstale && (r->first < 0 || r->div[r->first].expected)) {
		td_sb_printf(out, ": stale expectation: %s", r->stale[0].entry);
	} else if (r->first >= 0) {
		const struct td_div *d = &r->div[td_first_unexpected(r)];

		td_sb_puts(out, ": ");
		td_div_line(r, d, out);
		if (s == 0)
			td_sb_printf(out, " # TODO expected: %s", d->reason ? d->reason : "");
	}
	/* TAP lines are single lines */
	for (size_t i = 0; i < out->len; i++)
		if (out->s[i] == '\n')
			out->s[i] = ' ';
	td_sb_putc(out, '\n');
}
