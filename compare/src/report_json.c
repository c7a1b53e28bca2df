/* report_json.c: the JSON report (schema "tracediff/1", documented in
 * compare/README.md), JUnit testcase fragments and their merge. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "raw.h"
#include "report.h"

#define MAX_PERR 100

/* json_str: a JSON string literal (UTF-8 passed through, control bytes
 * and invalid bytes escaped). */
static void
json_str(struct td_sb *o, const char *s)
{
	if (!s) {
		td_sb_puts(o, "null");
		return;
	}
	td_sb_putc(o, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			td_sb_printf(o, "\\%c", *p);
		else if (*p == '\n')
			td_sb_puts(o, "\\n");
		else if (*p == '\t')
			td_sb_puts(o, "\\t");
		else if (*p < 0x20 || *p >= 0x80)
			td_sb_printf(o, "\\u%04x", *p);
		else
			td_sb_putc(o, (char)*p);
	}
	td_sb_putc(o, '"');
}

static void
json_strn(struct td_sb *o, const char *s, size_t n)
{
	char *t = td_xstrndup(s, n);

	json_str(o, t);
	free(t);
}

static void
json_line(struct td_sb *o, uint32_t l)
{
	if (l)
		td_sb_printf(o, "%u", l);
	else
		td_sb_puts(o, "null");
}

static const char *
op_name(uint8_t op)
{
	static const char *const n[] = {"eq", "diff", "missing", "extra", "golden-signal", "kernel-signal"};

	return op < 6 ? n[op] : "?";
}

static void
json_ev(struct td_sb *o, const struct td_trace *t, int32_t ev)
{
	const struct td_event *e;

	if (ev < 0) {
		td_sb_puts(o, "null");
		return;
	}
	e = &t->ev[ev];
	td_sb_printf(o, "{\"line\": %u, \"call\": ", e->line);
	if (e->kind == TD_EV_SIGNAL) {
		struct td_sb s = {0};

		td_sb_printf(&s, "--- %s %s ---", e->name, e->norm ? e->norm : "");
		json_str(o, s.s);
		td_sb_free(&s);
	} else {
		struct td_sb s = {0};

		td_sb_printf(&s, "%s(%s)%s%s", e->name, e->norm ? e->norm : e->args, e->unfinished ? "" : " = ",
			     e->unfinished ? " <unfinished ...>" : e->nret ? e->nret : "");
		json_str(o, s.s);
		td_sb_free(&s);
	}
	td_sb_putc(o, '}');
}

static void
json_side(struct td_sb *o, const struct td_trace *t, int kernel, int raw)
{
	td_sb_puts(o, "{\"trace\": ");
	json_str(o, t->path);
	td_sb_puts(o, ", \"form\": ");
	json_str(o, td_form_name(t->form));
	if (raw)
		td_sb_printf(o, ", \"args_compared\": %zu, \"args_left_out\": %zu", t->args_compared,
			     t->args_left_out);
	td_sb_printf(o, ", \"lines\": %u, \"events\": %zu, \"tasks\": %zu, \"arch\": ", t->nlines, t->nev,
		     t->ntask);
	json_str(o, t->arch[0] ? t->arch : NULL);
	td_sb_puts(o, ", \"parse_errors\": [");
	for (size_t i = 0; i < t->nerr && i < MAX_PERR; i++) {
		td_sb_printf(o, "%s{\"line\": %u, \"col\": %u, \"message\": ", i ? ", " : "", t->err[i].line,
			     t->err[i].col);
		json_str(o, t->err[i].msg);
		td_sb_putc(o, '}');
	}
	td_sb_printf(o, "], \"parse_error_count\": %zu", t->nerr);
	if (kernel) {
		td_sb_puts(o, ", \"panic\": ");
		json_str(o, t->panic);
		td_sb_puts(o, ", \"exit\": ");
		json_str(o, t->exit_text);
	}
	td_sb_putc(o, '}');
}

static void
json_div(struct td_sb *o, const struct td_result *r, const struct td_div *d)
{
	size_t n;
	const char *s;

	td_sb_puts(o, "{\"class\": ");
	json_str(o, td_class_name(d->cls));
	td_sb_puts(o, ", \"class_text\": ");
	json_str(o, td_class_text(d->cls));
	td_sb_puts(o, ", \"task\": ");
	json_str(o, d->task);
	td_sb_puts(o, ", \"syscall\": ");
	json_str(o, d->syscall ? d->syscall : "-");
	td_sb_puts(o, ", \"field\": ");
	json_str(o, d->field);
	td_sb_puts(o, ", \"detail\": ");
	json_str(o, d->detail);
	td_sb_puts(o, ", \"golden\": {\"line\": ");
	json_line(o, d->gline);
	td_sb_puts(o, ", \"value\": ");
	json_str(o, d->gval);
	td_sb_puts(o, ", \"text\": ");
	if (d->gline) {
		s = td_trace_line(r->g, d->gline, &n);
		json_strn(o, s, n);
	} else {
		td_sb_puts(o, "null");
	}
	td_sb_puts(o, "}, \"kernel\": {\"line\": ");
	json_line(o, d->kline);
	td_sb_puts(o, ", \"value\": ");
	json_str(o, d->kval);
	td_sb_puts(o, ", \"text\": ");
	if (d->kline) {
		s = td_trace_line(r->k, d->kline, &n);
		json_strn(o, s, n);
	} else {
		td_sb_puts(o, "null");
	}
	td_sb_printf(o, "}, \"more\": %s, \"expected\": %s, \"reason\": ", d->more ? "true" : "false",
		     d->expected ? "true" : "false");
	json_str(o, d->reason);
	td_sb_puts(o, ", \"symbol\": ");
	json_str(o, d->symbol);
	td_sb_puts(o, ", \"context\": [");
	if (d->td >= 0 && r->td[d->td].nrows) {
		const struct td_taskdiff *td = &r->td[d->td];
		int c = r->o->context >= 0 ? r->o->context : 3;
		long at = d->row >= 0 ? d->row : (long)td->nrows - 1;
		long from = at - c < 0 ? 0 : at - c, to = at + c >= (long)td->nrows ? (long)td->nrows - 1 : at + c;

		for (long i = from; i <= to; i++) {
			td_sb_printf(o, "%s{\"op\": \"%s\", \"at\": %s, \"golden\": ", i > from ? ", " : "",
				     op_name(td->rows[i].op), i == d->row ? "true" : "false");
			json_ev(o, r->g, td->rows[i].g);
			td_sb_puts(o, ", \"kernel\": ");
			json_ev(o, r->k, td->rows[i].k);
			td_sb_putc(o, '}');
		}
	}
	td_sb_puts(o, "]}");
}

void
td_report_json(const struct td_result *r, struct td_sb *o)
{
	char b[64];

	td_sb_puts(o, "{\n  \"schema\": \"tracediff/1\",\n  \"test\": ");
	json_str(o, r->o->name);
	td_sb_puts(o, ",\n  \"arch\": ");
	json_str(o, r->o->arch);
	td_sb_printf(o, ",\n  \"level\": \"%s\",\n  \"level_note\": ", r->o->raw ? "raw" : "full");
	json_str(o, r->o->note);
	td_sb_printf(o, ",\n  \"verdict\": \"%s\",\n  \"exit_status\": %d,\n  \"error\": ", td_result_verdict(r),
		     td_result_status(r));
	json_str(o, r->error ? r->errmsg : NULL);
	td_sb_puts(o, ",\n  \"golden\": ");
	json_side(o, r->g, 0, r->o->raw);
	td_sb_puts(o, ",\n  \"kernel\": ");
	json_side(o, r->k, 1, r->o->raw);
	if (r->first >= 0)
		td_sb_printf(o, ",\n  \"first\": %d", r->first);
	else
		td_sb_puts(o, ",\n  \"first\": null");
	td_sb_puts(o, ",\n  \"divergences\": [");
	for (size_t i = 0; i < r->ndiv; i++) {
		td_sb_puts(o, i ? ",\n    " : "\n    ");
		json_div(o, r, &r->div[i]);
	}
	td_sb_puts(o, r->ndiv ? "\n  ],\n  \"stale_expectations\": [" : "],\n  \"stale_expectations\": [");
	for (size_t i = 0; i < r->nstale; i++) {
		td_sb_printf(o, "%s{\"line\": %d, \"entry\": ", i ? ", " : "", r->stale[i].line);
		json_str(o, r->stale[i].entry);
		td_sb_putc(o, '}');
	}
	td_sb_puts(o, "],\n  \"tasks\": [");
	for (size_t i = 0; i < r->ntd; i++) {
		const struct td_taskdiff *td = &r->td[i];
		const struct td_task *gt = td->g >= 0 ? &r->g->task[td->g] : NULL;
		const struct td_task *kt = td->k >= 0 ? &r->k->task[td->k] : NULL;

		td_sb_puts(o, i ? ",\n    {\"task\": " : "\n    {\"task\": ");
		json_str(o, td->path);
		td_sb_puts(o, ", \"golden_pid\": ");
		gt ? td_sb_printf(o, "%ld", gt->pid) : td_sb_puts(o, "null");
		td_sb_puts(o, ", \"kernel_pid\": ");
		kt ? td_sb_printf(o, "%ld", kt->pid) : td_sb_puts(o, "null");
		td_sb_printf(o, ", \"golden_events\": %zu, \"kernel_events\": %zu, \"golden_outcome\": ",
			     gt ? gt->nev : 0, kt ? kt->nev : 0);
		json_str(o, gt ? td_outcome_str(gt, b, sizeof(b)) : NULL);
		td_sb_puts(o, ", \"kernel_outcome\": ");
		json_str(o, kt ? td_outcome_str(kt, b, sizeof(b)) : NULL);
		td_sb_printf(o, ", \"differences\": %d, \"truncated\": %s, \"first\": ", td->ndiff,
			     td->truncated ? "true" : "false");
		td->first >= 0 ? td_sb_printf(o, "%d", td->first) : td_sb_puts(o, "null");
		td_sb_putc(o, '}');
	}
	td_sb_puts(o, r->ntd ? "\n  ]\n}\n" : "]\n}\n");
}

static void
xml_esc(struct td_sb *o, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '<': td_sb_puts(o, "&lt;"); break;
		case '>': td_sb_puts(o, "&gt;"); break;
		case '&': td_sb_puts(o, "&amp;"); break;
		case '"': td_sb_puts(o, "&quot;"); break;
		default:
			if (*p < 0x20 && *p != '\n' && *p != '\t')
				td_sb_printf(o, "\\x%02x", *p);
			else if (*p >= 0x80)
				td_sb_printf(o, "\\x%02x", *p); /* keep the XML valid whatever the trace holds */
			else
				td_sb_putc(o, (char)*p);
		}
	}
}

void
td_report_junit(const struct td_result *r, struct td_sb *o)
{
	int s = td_result_status(r);
	struct td_sb msg = {0}, text = {0};

	td_sb_puts(o, "<testcase classname=\"tracediff.");
	xml_esc(o, r->o->arch ? r->o->arch : "unknown");
	td_sb_puts(o, "\" name=\"");
	xml_esc(o, r->o->name);
	td_sb_puts(o, "\">\n");
	td_report_tap(r, &msg, 0);
	if (msg.len && msg.s[msg.len - 1] == '\n')
		msg.s[--msg.len] = 0;
	td_report_text(r, &text, 0);
	if (s == 2) {
		td_sb_puts(o, "  <error message=\"");
		xml_esc(o, r->errmsg);
		td_sb_puts(o, "\" type=\"error\">");
		xml_esc(o, text.s);
		td_sb_puts(o, "</error>\n");
	} else if (s == 1) {
		const char *type = r->first >= 0 ? td_class_name(r->div[r->first].cls) : "stale";

		td_sb_puts(o, "  <failure message=\"");
		xml_esc(o, msg.s);
		td_sb_printf(o, "\" type=\"%s\">", type);
		xml_esc(o, text.s);
		td_sb_puts(o, "</failure>\n");
	} else if (r->ndiv) {
		td_sb_puts(o, "  <system-out>");
		xml_esc(o, text.s);
		td_sb_puts(o, "</system-out>\n");
	}
	td_sb_puts(o, "</testcase>\n");
	td_sb_free(&msg);
	td_sb_free(&text);
}

static size_t
count(const char *s, const char *w)
{
	size_t n = 0;

	for (const char *p = strstr(s, w); p; p = strstr(p + 1, w))
		n++;
	return n;
}

int
td_junit_merge(const char *out, const char *suite, char **frags, int nfrags)
{
	struct td_sb body = {0}, doc = {0};
	size_t tests = 0, fails = 0, errs = 0;
	int rc;

	for (int i = 0; i < nfrags; i++) {
		char *buf;
		size_t n;
		const char *p;

		if (td_read_file(frags[i], &buf, &n) < 0) {
			td_sb_free(&body);
			return -1;
		}
		for (p = buf; *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'; p++)
			;
		if (strncmp(p, "<testcase", 9) != 0 || strlen(buf) != n) {
			free(buf);
			td_sb_free(&body);
			return td_err("%s: not a tracediff JUnit fragment (expected '<testcase')", frags[i]);
		}
		tests += count(buf, "<testcase");
		fails += count(buf, "<failure");
		errs += count(buf, "<error");
		td_sb_puts(&body, buf);
		free(buf);
	}
	td_sb_puts(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"");
	xml_esc(&doc, suite);
	td_sb_printf(&doc, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n<testsuite name=\"", tests, fails,
		     errs);
	xml_esc(&doc, suite);
	td_sb_printf(&doc, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"0\">\n", tests, fails, errs);
	td_sb_putn(&doc, body.s ? body.s : "", body.len);
	td_sb_puts(&doc, "</testsuite>\n</testsuites>\n");
	rc = td_write_file(out, doc.s, doc.len);
	td_sb_free(&body);
	td_sb_free(&doc);
	return rc;
}
