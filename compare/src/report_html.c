/* report_html.c: one self-contained side-by-side HTML page: a summary, the
 * first divergence (anchored #first), then per task a table with Linux on
 * the left and the kernel on the right; long equal runs are folded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const char css[] =
	"body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}"
	"h1{font-size:1.4em;margin:0 0 .3em}h2{font-size:1.1em;margin:1.5em 0 .4em}"
	".v{display:inline-block;padding:.1em .6em;border-radius:.3em;color:#fff;font-weight:bold}"
	".v.divergent,.v.error{background:#c0392b}.v.equivalent,.v.expected{background:#27ae60}"
	".box{border:1px solid #e0b4b4;background:#fff6f6;padding:.6em 1em;border-radius:.4em;margin:.8em 0}"
	".box.ok{border-color:#b4e0b4;background:#f6fff6}"
	"code,td.c{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}"
	"table{border-collapse:collapse;width:100%;table-layout:fixed}"
	"td,th{padding:1px 6px;vertical-align:top;text-align:left}"
	"td.c{white-space:pre-wrap;word-break:break-all}"
	"td.n{width:4em;color:#888;text-align:right;font-family:monospace;font-size:12px}"
	"td.o{width:1.2em;text-align:center;color:#888}"
	"tr.diff td.c{background:#fff3cd}tr.missing td.g{background:#fde2e1}"
	"tr.extra td.k{background:#e1ecfd}tr.sig td.c{color:#777;font-style:italic}"
	"tr.first td{background:#f8c4c4 !important;font-weight:bold}"
	"tr.fold td{color:#888;text-align:center;background:#f4f4f4}"
	".elided{color:#888;font-style:italic}"
	"table.sum td,table.sum th{border-bottom:1px solid #eee}"
	"th.side{background:#f0f0f0}.exp{color:#888}col.wn{width:3.6em}col.wo{width:1.6em}";

/* utf8_len: the length of the valid UTF-8 sequence at p (1 to 4), or 0
 * for a byte that starts none (stray continuation, overlong, surrogate,
 * above U+10FFFF, cut short).  C1 controls (U+0080-U+009F) count as
 * invalid: HTML does not allow them either. */
static int
utf8_len(const unsigned char *p)
{
	int n = p[0] < 0x80 ? 1 : p[0] < 0xc2 ? 0 : p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : p[0] < 0xf5 ? 4 : 0;
	unsigned lo = 0x80, hi = 0xbf; /* the second byte's range */

	if (n < 2)
		return n;
	if (p[0] == 0xc2)
		lo = 0xa0;
	else if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (int i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

/* A page stays readable whatever the traces: a cell shows at most
 * HTML_CELL_MAX bytes of a line, a task table at most HTML_ROWS_MAX rows;
 * what is left out is counted in a note (the text report has it all). */
#define HTML_CELL_MAX 2048
#define HTML_ROWS_MAX 2000

/* h_n: at most max bytes of s as HTML: markup characters as entities;
 * control bytes and bytes that are not valid UTF-8 as \xNN, so the page
 * stays valid; a longer s ends with a note of how much was left out. */
static void
h_n(struct td_sb *o, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)(s ? s : ""), *start = p;

	for (; *p && (size_t)(p - start) < max; p++) {
		int n;

		switch (*p) {
		case '<': td_sb_puts(o, "&lt;"); break;
		case '>': td_sb_puts(o, "&gt;"); break;
		case '&': td_sb_puts(o, "&amp;"); break;
		case '"': td_sb_puts(o, "&quot;"); break;
		default:
			n = utf8_len(p);
			if (n == 0 || *p == 0x7f || (*p < 0x20 && *p != '\n' && *p != '\t')) {
				td_sb_printf(o, "\\x%02x", *p);
			} else {
				td_sb_putn(o, (const char *)p, (size_t)n);
				p += n - 1;
			}
		}
	}
	if (*p)
		td_sb_printf(o, " <span class=\"elided\">&hellip; %zu more bytes not shown</span>", strlen((const char *)p));
}

/* h: all of s as HTML (names, paths, messages: short by construction). */
static void
h(struct td_sb *o, const char *s)
{
	h_n(o, s, (size_t)-1);
}

static void
cell(struct td_sb *o, const struct td_trace *t, int32_t ev, const char *cls)
{
	const struct td_event *e;

	if (ev < 0) {
		td_sb_printf(o, "<td class=\"n\"></td><td class=\"c %s\"></td>", cls);
		return;
	}
	e = &t->ev[ev];
	td_sb_printf(o, "<td class=\"n\">%u</td><td class=\"c %s\">", td_shown_line(t, e), cls);
	if (e->kind == TD_EV_SIGNAL) {
		td_sb_printf(o, "--- %s ", e->name);
		h_n(o, e->norm, HTML_CELL_MAX);
		td_sb_puts(o, " ---");
	} else {
		h(o, e->name);
		td_sb_putc(o, '(');
		h_n(o, e->norm ? e->norm : e->args, HTML_CELL_MAX);
		if (e->unfinished) {
			td_sb_puts(o, " &lt;unfinished ...&gt;");
		} else {
			td_sb_puts(o, ") = ");
			h_n(o, e->nret, HTML_CELL_MAX);
		}
	}
	td_sb_puts(o, "</td>");
}

static const char *
row_class(uint8_t op)
{
	switch (op) {
	case TD_ROW_DIFF: return "diff";
	case TD_ROW_DEL: return "missing";
	case TD_ROW_INS: return "extra";
	case TD_ROW_GSIG:
	case TD_ROW_KSIG: return "sig";
	default: return "eq";
	}
}

static const char *
row_mark(uint8_t op)
{
	switch (op) {
	case TD_ROW_DIFF: return "&ne;";
	case TD_ROW_DEL: return "&lt;";
	case TD_ROW_INS: return "&gt;";
	default: return "";
	}
}

/* keep: rows near a divergence are shown, long equal runs folded. */
static void
mark_shown(const struct td_taskdiff *td, int ctx, char *show)
{
	for (size_t i = 0; i < td->nrows; i++) {
		if (td->rows[i].op == TD_ROW_EQ)
			continue;
		for (long j = (long)i - ctx; j <= (long)i + ctx; j++)
			if (j >= 0 && j < (long)td->nrows)
				show[j] = 1;
	}
	for (size_t i = 0; i < td->nrows && i < (size_t)ctx; i++)
		show[i] = 1;
	for (size_t i = td->nrows > (size_t)ctx ? td->nrows - (size_t)ctx : 0; i < td->nrows; i++)
		show[i] = 1;
}

static void
task_table(struct td_sb *o, const struct td_result *r, size_t ti)
{
	const struct td_taskdiff *td = &r->td[ti];
	const struct td_task *gt = td->g >= 0 ? &r->g->task[td->g] : NULL;
	const struct td_task *kt = td->k >= 0 ? &r->k->task[td->k] : NULL;
	const struct td_div *fd = r->first >= 0 ? &r->div[r->first] : NULL;
	char gb[64] = "-", kb[64] = "-";
	int ctx = (r->o->context > 0 ? r->o->context : 3) + 2;
	char *show = td_xcalloc(td->nrows + 1, 1);
	size_t fold = 0, shown = 0;

	if (gt)
		td_outcome_str(gt, gb, sizeof(gb));
	if (kt)
		td_outcome_str(kt, kb, sizeof(kb));
	td_sb_printf(o, "<h2 id=\"task-%s\">task %s</h2>\n<table>\n<colgroup><col class=\"wn\"><col><col class=\"wo\">"
		     "<col class=\"wn\"><col></colgroup>\n<tr><th class=\"side\" colspan=\"2\">Linux (golden)",
		     td->path, td->path);
	if (gt)
		td_sb_printf(o, " &mdash; pid %ld, %zu events, %s", gt->pid, gt->nev, gb);
	td_sb_puts(o, "</th><th class=\"side\"></th><th class=\"side\" colspan=\"2\">kernel");
	if (kt)
		td_sb_printf(o, " &mdash; pid %ld, %zu events, %s", kt->pid, kt->nev, kb);
	td_sb_puts(o, "</th></tr>\n");
	mark_shown(td, ctx, show);
	for (size_t i = 0; i < td->nrows; i++) {
		const struct td_row *w = &td->rows[i];
		int first = fd && fd->td == (int)ti && fd->row == (long)i;

		if (!show[i] && !first) {
			fold++;
			continue;
		}
		if (shown++ == HTML_ROWS_MAX) {
			td_sb_printf(o, "<tr class=\"fold\"><td colspan=\"5\">&hellip; %zu more rows not shown "
				     "(the text report has them) &hellip;</td></tr>\n", td->nrows - i);
			fold = 0;
			break;
		}
		if (fold) {
			td_sb_printf(o, "<tr class=\"fold\"><td colspan=\"5\">&hellip; %zu equal calls &hellip;</td></tr>\n",
				     fold);
			fold = 0;
		}
		td_sb_printf(o, "<tr class=\"%s%s\"%s>", row_class(w->op), first ? " first" : "",
			     first ? " id=\"first\"" : "");
		cell(o, r->g, w->g, "g");
		td_sb_printf(o, "<td class=\"o\">%s</td>", row_mark(w->op));
		cell(o, r->k, w->k, "k");
		td_sb_puts(o, "</tr>\n");
	}
	if (fold)
		td_sb_printf(o, "<tr class=\"fold\"><td colspan=\"5\">&hellip; %zu equal calls &hellip;</td></tr>\n", fold);
	td_sb_printf(o, "<tr class=\"%s\"><td></td><td class=\"c g\">%s</td><td></td><td></td><td class=\"c k\">%s</td></tr>\n",
		     strcmp(gb, kb) ? "diff" : "eq", gb, kb);
	td_sb_puts(o, "</table>\n");
	free(show);
}

void
td_report_html(const struct td_result *r, struct td_sb *o)
{
	const char *v = td_result_verdict(r);

	td_sb_puts(o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>tracediff: ");
	h(o, r->o->name);
	td_sb_puts(o, " [");
	h(o, r->o->arch ? r->o->arch : "?");
	td_sb_printf(o, "]</title>\n<style>%s</style></head><body>\n<h1>", css);
	h(o, r->o->name);
	td_sb_puts(o, " <small>[");
	h(o, r->o->arch ? r->o->arch : "?");
	td_sb_printf(o, "]</small> <span class=\"v %s\">%s</span></h1>\n", v, v);
	if (r->error) {
		td_sb_puts(o, "<div class=\"box\">error: ");
		h(o, r->errmsg);
		td_sb_puts(o, "</div></body></html>\n");
		return;
	}
	td_sb_printf(o, "<p>level: %s", r->o->raw ? "raw" : "full");
	if (r->o->note) {
		td_sb_puts(o, " &mdash; ");
		h(o, r->o->note);
	}
	td_sb_puts(o, "</p>\n<p>Linux (golden): <code>");
	h(o, r->g->path);
	td_sb_printf(o, "</code> &mdash; %zu events, %zu tasks<br>kernel: <code>", r->g->nev, r->g->ntask);
	h(o, r->k->path);
	td_sb_printf(o, "</code> &mdash; %zu events, %zu tasks</p>\n", r->k->nev, r->k->ntask);
	if (r->first >= 0) {
		const struct td_div *d = &r->div[r->first];

		td_sb_printf(o, "<div class=\"box\"><b>First divergence</b> (<a href=\"#first\">jump</a>): <b>%s</b> in <code>",
			     td_class_text(d->cls));
		h(o, d->syscall);
		td_sb_printf(o, "</code>, task <a href=\"#task-%s\">%s</a>, kernel line %u<br>", d->task, d->task, d->kline);
		h(o, d->detail);
		if (d->field || d->gval) {
			td_sb_puts(o, "<br>");
			if (d->field) {
				td_sb_puts(o, "field <code>");
				h(o, d->field);
				td_sb_puts(o, "</code>: ");
			}
			td_sb_puts(o, "Linux <code>");
			h(o, d->gval);
			td_sb_puts(o, "</code>, kernel <code>");
			h(o, d->kval);
			td_sb_puts(o, "</code>");
		}
		if (d->symbol) {
			td_sb_puts(o, "<br><code style=\"white-space:pre\">");
			h(o, d->symbol);
			td_sb_puts(o, "</code>");
		}
		td_sb_puts(o, "</div>\n");
	} else {
		td_sb_puts(o, "<div class=\"box ok\">No divergence: the traces are equivalent after normalization.</div>\n");
	}
	if (r->ndiv || r->nstale) {
		td_sb_puts(o, "<h2>Divergences (first of each task)</h2>\n<table class=\"sum\"><tr><th>task</th><th>class</th><th>syscall</th><th>kernel line</th><th>detail</th></tr>\n");
		for (size_t i = 0; i < r->ndiv; i++) {
			const struct td_div *d = &r->div[i];

			td_sb_printf(o, "<tr%s><td>%s</td><td>%s</td><td><code>", d->expected ? " class=\"exp\"" : "",
				     d->task, td_class_name(d->cls));
			h(o, d->syscall);
			td_sb_printf(o, "</code></td><td>%u</td><td>", d->kline);
			h(o, d->detail);
			if (d->expected) {
				td_sb_puts(o, " <i>(expected: ");
				h(o, d->reason);
				td_sb_puts(o, ")</i>");
			}
			td_sb_puts(o, "</td></tr>\n");
		}
		for (size_t i = 0; i < r->nstale; i++) {
			td_sb_printf(o, "<tr><td colspan=\"5\">stale expectation (line %d): <code>", r->stale[i].line);
			h(o, r->stale[i].entry);
			td_sb_puts(o, "</code></td></tr>\n");
		}
		td_sb_puts(o, "</table>\n");
	}
	for (size_t i = 0; i < r->ntd; i++)
		task_table(o, r, i);
	td_sb_puts(o, "</body></html>\n");
}
