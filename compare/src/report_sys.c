/* report_sys.c: the per-syscall view of a whole check ("which of my
 * syscalls are wrong, and where").  Each comparison with --report-dir
 * writes T.syscalls.tsv (its calls per syscall, and its divergences);
 * `tracediff --syscall-report DIR` adds up every DIR/<arch>/T.syscalls.tsv into
 * DIR/syscalls.{txt,json,html}: per syscall and arch, the calls in golden,
 * the calls that matched, the divergences by class, and the first test
 * and line of each class. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

struct ncount {
	const char *name;
	unsigned golden, matched;
};

/* count: the entry of name in v[0..*n) (added when missing) */
static struct ncount *
count(struct ncount **v, size_t *n, size_t *cap, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i].name, name))
			return &(*v)[i];
	*TD_PUSH(*v, *n, *cap) = (struct ncount){name, 0, 0};
	return &(*v)[*n - 1];
}

void
td_report_sys_tsv(const struct td_result *r, struct td_sb *o)
{
	struct ncount *v = NULL;
	size_t n = 0, cap = 0;
	const char *arch = r->o->arch ? r->o->arch : "unknown", *test = r->o->name ? r->o->name : "-";

	for (size_t t = 0; t < r->ntd; t++) {
		const struct td_taskdiff *td = &r->td[t];
		const struct td_task *gt = td->g >= 0 ? &r->g->task[td->g] : NULL;

		if (td->k < 0 && gt) /* a task the kernel never made: its calls did not match */
			for (size_t i = 0; i < gt->nev; i++)
				if (r->g->ev[gt->ev[i]].kind == TD_EV_CALL)
					count(&v, &n, &cap, r->g->ev[gt->ev[i]].name)->golden++;
		for (size_t i = 0; i < td->nrows; i++) {
			const struct td_row *w = &td->rows[i];
			const struct td_event *e = w->g >= 0 ? &r->g->ev[w->g] : NULL;
			struct ncount *c;

			if (!e || e->kind != TD_EV_CALL || w->op == TD_ROW_GSIG)
				continue;
			c = count(&v, &n, &cap, td_ev_call(e));
			c->golden++;
			c->matched += w->op == TD_ROW_EQ;
		}
	}
	for (size_t i = 0; i < n; i++)
		td_sb_printf(o, "call\t%s\t%s\t%s\t%u\t%u\n", arch, test, v[i].name, v[i].golden, v[i].matched);
	for (size_t i = 0; i < r->ndiv; i++) {
		const struct td_div *d = &r->div[i];

		td_sb_printf(o, "div\t%s\t%s\t%s\t%s\t%s\t%u\t%u\n", arch, test, d->syscall ? d->syscall : "-",
			     td_class_name(d->cls), d->task ? d->task : "-", d->gline, d->kline);
	}
	free(v);
}

/* one syscall of one arch, added up */
struct sys {
	char arch[16], name[64];
	unsigned golden, matched, ndiv[TD_C_COUNT];
	char first[TD_C_COUNT][160]; /* "test task N, line G/K" of the first */
};

struct agg {
	struct sys *v;
	size_t n, cap;
};

static struct sys *
sys_get(struct agg *a, const char *arch, const char *name)
{
	struct sys *s;

	for (size_t i = 0; i < a->n; i++)
		if (!strcmp(a->v[i].arch, arch) && !strcmp(a->v[i].name, name))
			return &a->v[i];
	s = TD_PUSH(a->v, a->n, a->cap);
	memset(s, 0, sizeof(*s));
	snprintf(s->arch, sizeof(s->arch), "%s", arch);
	snprintf(s->name, sizeof(s->name), "%s", name);
	return s;
}

/* add_line: one line of a .syscalls.tsv */
static void
add_line(struct agg *a, char *line)
{
	char *f[8];
	int n = 0, c;
	struct sys *s;

	for (char *p = strtok(line, "\t\n"); p && n < 8; p = strtok(NULL, "\t\n"))
		f[n++] = p;
	if (n == 6 && !strcmp(f[0], "call")) {
		s = sys_get(a, f[1], f[3]);
		s->golden += (unsigned)atoi(f[4]);
		s->matched += (unsigned)atoi(f[5]);
	} else if (n == 8 && !strcmp(f[0], "div") && (c = td_class_from_name(f[4])) >= 0) {
		s = sys_get(a, f[1], f[3]);
		if (!s->ndiv[c]++)
			snprintf(s->first[c], sizeof(s->first[c]), "%s task %s, line %s/%s", f[2], f[5], f[6], f[7]);
	}
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* load_dir: every DIR/<arch>/T.syscalls.tsv, in name order */
static int
load_dir(struct agg *a, const char *dir)
{
	char **files = NULL, path[4096], line[1024];
	size_t n = 0, cap = 0;
	DIR *d = opendir(dir), *sd;
	struct dirent *e, *f;

	if (!d)
		return td_err("%s: cannot open the reports directory", dir);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= (int)sizeof(path) ||
		    !(sd = opendir(path)))
			continue;
		while ((f = readdir(sd))) {
			size_t l = strlen(f->d_name);

			if (l > 13 && !strcmp(f->d_name + l - 13, ".syscalls.tsv")) {
				char *p = td_xmalloc(strlen(path) + l + 2);

				sprintf(p, "%s/%s", path, f->d_name);
				*TD_PUSH(files, n, cap) = p;
			}
		}
		closedir(sd);
	}
	closedir(d);
	qsort(files, n, sizeof(*files), name_cmp);
	for (size_t i = 0; i < n; i++) {
		FILE *fp = fopen(files[i], "r");

		while (fp && fgets(line, sizeof(line), fp))
			add_line(a, line);
		if (fp)
			fclose(fp);
		free(files[i]);
	}
	free(files);
	return 0;
}

static int
sys_cmp(const void *a, const void *b)
{
	const struct sys *x = a, *y = b;
	int c = strcmp(x->arch, y->arch);

	return c ? c : strcmp(x->name, y->name);
}

static unsigned
ndivs(const struct sys *s)
{
	unsigned t = 0;

	for (int c = 0; c < TD_C_COUNT; c++)
		t += s->ndiv[c];
	return t;
}

static void
write_txt(const struct agg *a, struct td_sb *o)
{
	td_sb_printf(o, "%-8s %-20s %7s %7s  %s\n", "arch", "syscall", "golden", "matched",
		     "divergences by class (first: test task, line golden/kernel)");
	for (size_t i = 0; i < a->n; i++) {
		const struct sys *s = &a->v[i];

		td_sb_printf(o, "%-8s %-20s %7u %7u ", s->arch, s->name, s->golden, s->matched);
		if (!ndivs(s))
			td_sb_puts(o, " -");
		for (int c = 0; c < TD_C_COUNT; c++)
			if (s->ndiv[c])
				td_sb_printf(o, " %s:%u (%s)", td_class_name(c), s->ndiv[c], s->first[c]);
		td_sb_putc(o, '\n');
	}
}

static void
write_json(const struct agg *a, struct td_sb *o)
{
	td_sb_puts(o, "{\n  \"schema\": \"tracediff-syscalls/1\",\n  \"syscalls\": [");
	for (size_t i = 0; i < a->n; i++) {
		const struct sys *s = &a->v[i];
		int any = 0;

		td_sb_printf(o, "%s\n    {\"arch\": \"%s\", \"syscall\": \"%s\", \"golden_calls\": %u, "
			     "\"matched_calls\": %u, \"divergences\": {",
			     i ? "," : "", s->arch, s->name, s->golden, s->matched);
		for (int c = 0; c < TD_C_COUNT; c++)
			if (s->ndiv[c])
				td_sb_printf(o, "%s\"%s\": {\"count\": %u, \"first\": \"%s\"}", any++ ? ", " : "",
					     td_class_name(c), s->ndiv[c], s->first[c]);
		td_sb_puts(o, "}}");
	}
	td_sb_puts(o, "\n  ]\n}\n");
}

static void
write_html(const struct agg *a, struct td_sb *o)
{
	td_sb_puts(o, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>tracediff: per syscall</title>\n"
		      "<style>body{font-family:sans-serif}td,th{padding:2px 8px;text-align:left}"
		      "tr.bad{background:#fdd}td.n{text-align:right}</style></head><body>\n"
		      "<h1>Per syscall</h1>\n<p>Calls in golden, calls that matched, divergences by class "
		      "(the first: test, task, line golden/kernel). <a href=\"index.html\">Tests</a></p>\n"
		      "<table>\n<tr><th>arch</th><th>syscall</th><th>golden</th><th>matched</th>"
		      "<th>divergences</th></tr>\n");
	for (size_t i = 0; i < a->n; i++) {
		const struct sys *s = &a->v[i];

		td_sb_printf(o, "<tr%s><td>%s</td><td>%s</td><td class=\"n\">%u</td><td class=\"n\">%u</td><td>",
			     ndivs(s) ? " class=\"bad\"" : "", s->arch, s->name, s->golden, s->matched);
		for (int c = 0; c < TD_C_COUNT; c++)
			if (s->ndiv[c])
				td_sb_printf(o, "%s: %u (<a href=\"%s/%.*s.html\">%s</a>)<br>", td_class_name(c),
					     s->ndiv[c], s->arch, (int)strcspn(s->first[c], " "), s->first[c],
					     s->first[c]);
		td_sb_puts(o, "</td></tr>\n");
	}
	td_sb_puts(o, "</table>\n</body></html>\n");
}

/* clean: names as the reports print them: letters, digits and _.-/ */
static void
clean(struct agg *a)
{
	for (size_t i = 0; i < a->n; i++) {
		struct sys *s = &a->v[i];
		char *txt[2 + TD_C_COUNT] = {s->arch, s->name};

		for (int c = 0; c < TD_C_COUNT; c++)
			txt[2 + c] = s->first[c];
		for (int k = 0; k < 2 + TD_C_COUNT; k++)
			for (char *p = txt[k]; *p; p++)
				if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-/, ", *p))
					*p = '?';
	}
}

int
td_syscall_report(const char *dir)
{
	struct agg a = {0};
	struct td_sb sb = {0};
	char path[4096];
	int rc = 0;
	void (*fn[3])(const struct agg *, struct td_sb *) = {write_txt, write_json, write_html};
	const char *ext[3] = {"txt", "json", "html"};

	if (load_dir(&a, dir) < 0)
		return -1;
	clean(&a);
	qsort(a.v, a.n, sizeof(*a.v), sys_cmp);
	for (int i = 0; i < 3; i++) {
		td_sb_reset(&sb);
		fn[i](&a, &sb);
		snprintf(path, sizeof(path), "%s/syscalls.%s", dir, ext[i]);
		rc |= td_write_file(path, sb.s ? sb.s : "", sb.len);
	}
	td_sb_free(&sb);
	free(a.v);
	return rc ? -1 : 0;
}
