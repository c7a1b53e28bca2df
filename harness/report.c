/* report.c: per-test result files, index.html and junit.xml. */
#include "report.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define MAX_ROWS 2048

static const char *const status_names[] = {"pass", "fail", "error", "expected"};

int
report_save_row(const char *dir, const struct report_row *r)
{
	char path[PATH_MAX], tmp[PATH_MAX + 8];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s.result", dir, r->arch, r->test);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		return -1;
	fprintf(f, "test: %s\narch: %s\nstatus: %s\nrun: %s\nsummary: %s\ndetail: %s\n", r->test,
		r->arch, status_names[r->status], r->run_result, r->summary, r->detail);
	if (fclose(f) != 0)
		return -1;
	return rename(tmp, path);
}

int
report_load_row(const char *path, struct report_row *r)
{
	char line[2048];
	FILE *f = fopen(path, "r");
	int have = 0;

	if (!f)
		return -1;
	memset(r, 0, sizeof(*r));
	while (fgets(line, sizeof(line), f)) {
		char *v = strstr(line, ": ");
		if (!v)
			continue;
		*v = '\0';
		v += 2;
		v[strcspn(v, "\n")] = '\0';
		if (!strcmp(line, "test"))
			have |= 1, snprintf(r->test, sizeof(r->test), "%s", v);
		else if (!strcmp(line, "arch"))
			have |= 2, snprintf(r->arch, sizeof(r->arch), "%s", v);
		else if (!strcmp(line, "status")) {
			have |= 4;
			r->status = !strcmp(v, "pass")       ? REPORT_PASS
				    : !strcmp(v, "fail")     ? REPORT_FAIL
				    : !strcmp(v, "expected") ? REPORT_EXPECTED
							     : REPORT_ERROR;
		} else if (!strcmp(line, "run"))
			snprintf(r->run_result, sizeof(r->run_result), "%s", v);
		else if (!strcmp(line, "summary"))
			snprintf(r->summary, sizeof(r->summary), "%s", v);
		else if (!strcmp(line, "detail"))
			snprintf(r->detail, sizeof(r->detail), "%s", v);
	}
	fclose(f);
	return have == 7 ? 0 : -1;
}

void
report_escape(const char *s, char *out, unsigned long outlen)
{
	unsigned long n = 0;

	for (; *s && n + 7 < outlen; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		}
		if (rep) {
			strcpy(out + n, rep);
			n += strlen(rep);
		} else if ((unsigned char)*s < 0x20 && *s != '\t') {
			out[n++] = '?';
		} else {
			out[n++] = *s;
		}
	}
	out[n] = '\0';
}

static int
load_rows(const char *dir, struct report_row *rows, int max)
{
	char path[PATH_MAX + 600];
	DIR *d = opendir(dir), *sd;
	struct dirent *e, *f;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)) && n < max) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		sd = opendir(path);
		if (!sd)
			continue;
		while ((f = readdir(sd)) && n < max) {
			size_t l = strlen(f->d_name);
			if (l < 8 || strcmp(f->d_name + l - 7, ".result"))
				continue;
			snprintf(path, sizeof(path), "%s/%s/%s", dir, e->d_name, f->d_name);
			if (report_load_row(path, &rows[n]) == 0)
				n++;
		}
		closedir(sd);
	}
	closedir(d);
	return n;
}

static int
cmp_rows(const void *a, const void *b)
{
	const struct report_row *x = a, *y = b;
	int c = strcmp(x->test, y->test);

	return c ? c : strcmp(x->arch, y->arch);
}

/* write_html: the tests x arches table. */
static int
write_html(const char *dir, struct report_row *rows, int n)
{
	static const char *const arches[] = {"x86_64", "riscv64"};
	char path[PATH_MAX], tmp[PATH_MAX + 8], esc[4096];
	int i, a, pass = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/index.html", dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		return -1;
	for (i = 0; i < n; i++)
		pass += rows[i].status == REPORT_PASS || rows[i].status == REPORT_EXPECTED;
	fprintf(f, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>tdiff: %d/%d match Linux</title>\n"
		   "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
		   "td,th{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}"
		   ".pass{background:#d9f2d9}.expected{background:#e4e4f7}.fail{background:#f8d0d0}.error{background:#f3e2b3}"
		   ".none{color:#999}code{font-size:90%%}</style></head><body>\n"
		   "<h1>Our kernel against Linux</h1>\n<p>%d of %d (test, arch) pairs match golden or diverge only as expected. "
		   "Each cell links to tracediff's side-by-side report; "
		   "<a href=\"syscalls.html\">per syscall</a>: which syscalls diverge, and where.</p>\n"
		   "<table><tr><th>test</th>",
		pass, n, pass, n);
	for (a = 0; a < 2; a++)
		fprintf(f, "<th>%s</th>", arches[a]);
	fprintf(f, "</tr>\n");
	for (i = 0; i < n;) {
		int j = i;
		report_escape(rows[i].test, esc, sizeof(esc));
		fprintf(f, "<tr><td><code>%s</code></td>", esc);
		for (a = 0; a < 2; a++) {
			int k, found = -1;
			for (k = i; k < n && !strcmp(rows[k].test, rows[i].test); k++)
				if (!strcmp(rows[k].arch, arches[a]))
					found = k;
			if (found < 0) {
				fprintf(f, "<td class=\"none\">not run</td>");
				continue;
			}
			report_escape(rows[found].summary, esc, sizeof(esc));
			fprintf(f, "<td class=\"%s\"><a href=\"%s/%s.html\">%s</a><br><small>%s</small></td>",
				status_names[rows[found].status], arches[a], rows[found].test,
				status_names[rows[found].status], esc);
		}
		fprintf(f, "</tr>\n");
		while (j < n && !strcmp(rows[j].test, rows[i].test))
			j++;
		i = j;
	}
	fprintf(f, "</table></body></html>\n");
	if (fclose(f) != 0)
		return -1;
	return rename(tmp, path);
}

static int
write_junit(const char *dir, struct report_row *rows, int n)
{
	char path[PATH_MAX], tmp[PATH_MAX + 8], esc[4096], esc2[4096];
	int i, fails = 0, errors = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/junit.xml", dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		return -1;
	for (i = 0; i < n; i++) {
		fails += rows[i].status == REPORT_FAIL;
		errors += rows[i].status == REPORT_ERROR;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		   "<testsuites><testsuite name=\"tdiff\" tests=\"%d\" failures=\"%d\" errors=\"%d\">\n",
		n, fails, errors);
	for (i = 0; i < n; i++) {
		report_escape(rows[i].summary, esc, sizeof(esc));
		report_escape(rows[i].detail, esc2, sizeof(esc2));
		fprintf(f, "  <testcase classname=\"%s\" name=\"%s\"", rows[i].arch, rows[i].test);
		if (rows[i].status == REPORT_PASS)
			fprintf(f, "/>\n");
		else if (rows[i].status == REPORT_EXPECTED)
			fprintf(f, ">\n    <skipped message=\"expected divergence: %s\"/>\n  </testcase>\n", esc);
		else
			fprintf(f, ">\n    <%s message=\"%s\">%s/%s.txt: %s</%s>\n  </testcase>\n",
				rows[i].status == REPORT_FAIL ? "failure" : "error", esc, rows[i].arch,
				rows[i].test, esc2, rows[i].status == REPORT_FAIL ? "failure" : "error");
	}
	fprintf(f, "</testsuite></testsuites>\n");
	if (fclose(f) != 0)
		return -1;
	return rename(tmp, path);
}

int
report_write_index(const char *dir)
{
	struct report_row *rows = calloc(MAX_ROWS, sizeof(*rows));
	int n = load_rows(dir, rows, MAX_ROWS), rc;

	if (n < 0) {
		free(rows);
		return -1;
	}
	qsort(rows, n, sizeof(*rows), cmp_rows);
	rc = write_html(dir, rows, n) < 0 || write_junit(dir, rows, n) < 0 ? -1 : 0;
	free(rows);
	return rc;
}
