/* report.h: the outputs of a comparison: terminal summary and plain text,
 * JSON (schema in compare/README.md), one self-contained HTML page, a TAP
 * line and a JUnit XML testcase, plus merging testcases into junit.xml. */
#ifndef TD_REPORT_H
#define TD_REPORT_H

#include "diverge.h"

void td_report_text(const struct td_result *r, struct td_sb *out, int color);
void td_report_tap(const struct td_result *r, struct td_sb *out, int number);
void td_report_json(const struct td_result *r, struct td_sb *out);
void td_report_html(const struct td_result *r, struct td_sb *out);
void td_report_junit(const struct td_result *r, struct td_sb *out);

/* Merge JUnit testcase fragments (files written by td_report_junit) into
 * one <testsuites> document.  Returns 0, or -1 with a message. */
int td_junit_merge(const char *out, const char *suite, char **frags, int nfrags);

/* One-line summary of a divergence: "errno in clone3 (task 1): ..." */
void td_div_line(const struct td_result *r, const struct td_div *d, struct td_sb *out);

#endif
