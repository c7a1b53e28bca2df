/*
 * report.h: the harness's own record of each (test, arch) result, and the
 * two aggregate files built from them: index.html (tests x arches, each
 * cell linking to tracediff's page for it) and junit.xml.
 */
#ifndef REPORT_H
#define REPORT_H

enum report_status { REPORT_PASS, REPORT_FAIL, REPORT_ERROR, REPORT_EXPECTED };

struct report_row {
	char test[64], arch[16], run_result[16];
	enum report_status status;
	char summary[1024];	/* tracediff's TAP description: the first divergence */
	char detail[1024];
};

/* report_save_row: write DIR/<arch>/<test>.result (key: value lines). */
int report_save_row(const char *dir, const struct report_row *r);

/* report_load_row: read one .result file; -1 if it is not one. */
int report_load_row(const char *path, struct report_row *r);

/* report_write_index: DIR/index.html and DIR/junit.xml from every .result file under DIR. */
int report_write_index(const char *dir);

/* report_escape: s with &<>"' escaped for HTML/XML into out. */
void report_escape(const char *s, char *out, unsigned long outlen);

#endif
