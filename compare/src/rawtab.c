/* rawtab.c: look-ups in rawtab.def (rawtab.h). */
#include "rawtab.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct row_src {
	const char *name, *arch;
	char ret;
	const char *spec;
};

static const struct row_src row_src[] = {
#define TD_RAW(n, a, r, s) {#n, #a, #r[0], s},
#define TD_ERRNO(n, v)
#define TD_SIGNAL(n, v)
#include "rawtab.def"
#undef TD_RAW
#undef TD_ERRNO
#undef TD_SIGNAL
};

static const struct {
	const char *name;
	long nr;
} errnos[] = {
#define TD_RAW(n, a, r, s)
#define TD_ERRNO(n, v) {#n, v},
#define TD_SIGNAL(n, v)
#include "rawtab.def"
#undef TD_RAW
#undef TD_ERRNO
#undef TD_SIGNAL
}, signals[] = {
#define TD_RAW(n, a, r, s)
#define TD_ERRNO(n, v)
#define TD_SIGNAL(n, v) {#n, v},
#include "rawtab.def"
#undef TD_RAW
#undef TD_ERRNO
#undef TD_SIGNAL
};

#define NROWS (sizeof(row_src) / sizeof(row_src[0]))

static struct td_rawrow rows[NROWS];
static pthread_once_t rows_once = PTHREAD_ONCE_INIT;

/* parse_spec: "name:kind[bits] ..." into r */
static void
parse_spec(struct td_rawrow *r, const char *s)
{
	while (*s && r->nargs < TD_RAW_MAXARGS) {
		struct td_rawarg *a = &r->arg[r->nargs];
		size_t k = 0;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		while (*s && *s != ':' && k + 1 < sizeof(a->name))
			a->name[k++] = *s++;
		if (*s == ':')
			s++;
		a->kind = *s ? *s++ : 'n';
		a->bits = (unsigned char)strtoul(s, NULL, 10);
		if (!a->bits)
			a->bits = 64;
		while (*s && *s != ' ')
			s++;
		r->nargs++;
	}
}

static void
rows_init(void)
{
	for (size_t i = 0; i < NROWS; i++) {
		rows[i].name = row_src[i].name;
		rows[i].ret = row_src[i].ret;
		parse_spec(&rows[i], row_src[i].spec);
	}
}

/* the rows are sorted by name (the generator writes them so): a binary
 * search for the first row of the name, then its arch */
const struct td_rawrow *
td_raw_row(const char *arch, const char *name)
{
	size_t lo = 0, hi = NROWS;

	pthread_once(&rows_once, rows_init);
	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;

		if (strcmp(row_src[m].name, name) < 0)
			lo = m + 1;
		else
			hi = m;
	}
	for (; lo < NROWS && !strcmp(row_src[lo].name, name); lo++)
		if (!strcmp(row_src[lo].arch, "all") || (arch && !strcmp(row_src[lo].arch, arch)))
			return &rows[lo];
	return NULL;
}

const char *
td_errno_name(long n)
{
	for (size_t i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (errnos[i].nr == n)
			return errnos[i].name;
	return NULL;
}

const char *
td_signal_name(long n)
{
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (signals[i].nr == n)
			return signals[i].name;
	return NULL;
}

long
td_signal_nr(const char *name)
{
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (!strcmp(signals[i].name, name))
			return signals[i].nr;
	return -1;
}
