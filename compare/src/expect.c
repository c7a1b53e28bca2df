/* expect.c: parse and apply the expected-divergence file. */
#include "expect.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

int
td_expect_parse(struct td_expect_list *l, const char *name, const char *text)
{
	int ln = 0;

	memset(l, 0, sizeof(*l));
	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n'), *hash;
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *line = td_xstrndup(p, n), *save = NULL, *tok;
		struct td_expect x = {0};
		int k = 0;

		ln++;
		p += n + (e ? 1 : 0);
		hash = strchr(line, '#');
		if (hash) {
			const char *r = hash + 1;

			while (*r == ' ' || *r == '\t')
				r++;
			x.reason = td_xstrndup(r, strlen(r));
			line[hash - line] = 0;
		}
		for (tok = strtok_r(line, " \t\r", &save); tok; tok = strtok_r(NULL, " \t\r", &save)) {
			if (k == 5)
				break;
			x.f[k++] = td_xstrndup(tok, strlen(tok));
		}
		if (k == 0) { /* blank or comment-only line */
			free(x.reason);
			free(line);
			continue;
		}
		if (k != 5 || tok) {
			for (int i = 0; i < k; i++)
				free(x.f[i]);
			free(x.reason);
			free(line);
			td_expect_free(l);
			return td_err("%s:%d: expected 5 fields: <test> <arch> <task> <syscall> <class>  # reason",
				      name, ln);
		}
		if (strpbrk(x.f[4], "*?[") == NULL && td_class_from_name(x.f[4]) < 0) {
			td_err("%s:%d: unknown class '%s' (errno result enosys missing extra arg retval signal "
			       "exit output hang panic unparsable)", name, ln, x.f[4]);
			goto bad;
		}
		if (!x.reason || !x.reason[0]) {
			td_err("%s:%d: an expected divergence needs a reason after '#'", name, ln);
			goto bad;
		}
		x.line = ln;
		x.text = td_xstrndup(p - n - (e ? 1 : 0), n);
		*TD_PUSH(l->e, l->n, l->cap) = x;
		free(line);
		continue;
bad:
		for (int i = 0; i < 5; i++)
			free(x.f[i]);
		free(x.reason);
		free(line);
		td_expect_free(l);
		return -1;
	}
	return 0;
}

void
td_expect_free(struct td_expect_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		for (int k = 0; k < 5; k++)
			free(l->e[i].f[k]);
		free(l->e[i].reason);
		free(l->e[i].text);
	}
	free(l->e);
	memset(l, 0, sizeof(*l));
}

static int
m(const char *pat, const char *s)
{
	return fnmatch(pat, s ? s : "-", 0) == 0;
}

void
td_expect_match(struct td_expect_list *l, struct td_result *r)
{
	const char *test = r->o->name ? r->o->name : "", *arch = r->o->arch ? r->o->arch : "";

	for (size_t i = 0; i < r->ndiv; i++) {
		struct td_div *d = &r->div[i];

		for (size_t j = 0; j < l->n; j++) {
			struct td_expect *x = &l->e[j];

			if (m(x->f[0], test) && m(x->f[1], arch) && m(x->f[2], d->task) &&
			    m(x->f[3], d->syscall) && m(x->f[4], td_class_name(d->cls))) {
				d->expected = 1;
				d->reason = td_arena_strndup(&r->arena, x->reason, strlen(x->reason));
				x->used = 1;
				break;
			}
		}
	}
	for (size_t j = 0; j < l->n; j++) {
		struct td_expect *x = &l->e[j];
		struct td_stale *s;

		if (x->used || strpbrk(x->f[0], "*?[") || strpbrk(x->f[1], "*?[") || strcmp(x->f[0], test) ||
		    strcmp(x->f[1], arch))
			continue;
		s = TD_PUSH(r->stale, r->nstale, r->stalecap);
		s->entry = td_arena_strndup(&r->arena, x->text, strlen(x->text));
		s->line = x->line;
	}
}

int
td_expect_apply(struct td_result *r, const char *path)
{
	struct td_expect_list l;
	char *buf;
	size_t n;

	if (td_read_file(path, &buf, &n) < 0)
		return -1;
	if (td_expect_parse(&l, path, buf) < 0) {
		free(buf);
		return -1;
	}
	free(buf);
	td_expect_match(&l, r);
	td_expect_free(&l);
	return 0;
}
