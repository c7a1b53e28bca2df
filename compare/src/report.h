/* report.h: the outputs of a comparison: terminal summary and plain text,
 * JSON (schema in compare/README.md), one self-contained HTML page, a TAP
 * line and a JUnit XML testcase, plus merging testcases into junit.xml. */
#ifndef TD_REPORT_H
#define TD_REPORT_H

#include "diverge.h"
#include "raw.h"

void td_report_text(const struct td_result *r, struct td_sb *out, int color);
void td_report_tap(const struct td_result *r, struct td_sb *out, int number);
void td_report_json(const struct td_result *r, struct td_sb *out);
void td_report_html(const struct td_result *r, struct td_sb *out);
void td_report_junit(const struct td_result *r, struct td_sb *out);

/* Merge JUnit testcase fragments (files written by td_report_junit) into
 * one <testsuites> document.  Returns 0, or -1 with a message. */
int td_junit_merge(const char *out, const char *suite, char **frags, int nfrags);

/* report_sys.c: the per-syscall view.  td_report_sys_tsv writes one
 * comparison's calls and divergences per syscall (T.syscalls.tsv);
 * td_syscall_report adds up every DIR/<arch>/T.syscalls.tsv into
 * DIR/syscalls.{txt,json,html}.  0, or -1 with a message. */
void td_report_sys_tsv(const struct td_result *r, struct td_sb *out);
int td_syscall_report(const char *dir);

/* The line shown for event e of t: where its record is.  A "#tdiff sys"
 * trace prints a call once, at its return; a fork-like call fed early
 * (before its child's first record, raw.c's early_children) starts at a
 * line of the child's: its own line is where it ended. */
static inline uint32_t
td_shown_line(const struct td_trace *t, const struct td_event *e)
{
	return t->form == TD_FORM_TDIFF && e->end_line ? e->end_line : e->line;
}

/* One-line summary of a divergence: "errno in clone3 (task 1): ..." */
void td_div_line(const struct td_result *r, const struct td_div *d, struct td_sb *out);

#endif
