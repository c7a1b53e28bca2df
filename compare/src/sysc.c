/* sysc.c: the comparison rules table (rules.def) and libseccomp look-ups. */
#include "sysc.h"

#include <pthread.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct rule_row {
	const char *name;
	char ret;
	const char *spec;
};

static const struct rule_row rule_rows[] = {
#define TD_RULE(n, r, s) {#n, #r[0], s},
#define TD_FIELD(n, m)
#include "rules.def"
#undef TD_RULE
#undef TD_FIELD
};

static const struct {
	const char *name;
	char mode;
} field_rows[] = {
#define TD_RULE(n, r, s)
#define TD_FIELD(n, m) {#n, #m[0]},
#include "rules.def"
#undef TD_RULE
#undef TD_FIELD
};

#define NRULES (sizeof(rule_rows) / sizeof(rule_rows[0]))
#define NFIELDS (sizeof(field_rows) / sizeof(field_rows[0]))
#define HSIZE 512

static struct td_rule rules[NRULES];
static int rule_hash[HSIZE]; /* index+1, open addressing */
static int field_hash[HSIZE];
static pthread_once_t rules_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t name_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned
slot(const char *s, size_t n)
{
	return (unsigned)(td_hash(s, n) % HSIZE);
}

/* rules_init: parse the rows once ("name:mode name ...") into td_rule. */
static void
rules_init(void)
{
	for (size_t r = 0; r < NRULES; r++) {
		struct td_rule *ru = &rules[r];
		const char *s = rule_rows[r].spec;
		unsigned h;

		ru->name = rule_rows[r].name;
		ru->ret = rule_rows[r].ret;
		while (*s && ru->nargs < TD_RULE_MAXARGS) {
			size_t k = 0;

			while (*s == ' ')
				s++;
			if (!*s)
				break;
			while (*s && *s != ' ' && *s != ':' && k + 1 < sizeof(ru->argname[0]))
				ru->argname[ru->nargs][k++] = *s++;
			ru->argmode[ru->nargs] = TD_M_AUTO;
			if (*s == ':') {
				ru->argmode[ru->nargs] = s[1];
				s += 2;
			}
			while (*s && *s != ' ')
				s++;
			ru->nargs++;
		}
		for (h = slot(ru->name, strlen(ru->name)); rule_hash[h]; h = (h + 1) % HSIZE)
			;
		rule_hash[h] = (int)r + 1;
	}
	for (size_t f = 0; f < NFIELDS; f++) {
		unsigned h;

		for (h = slot(field_rows[f].name, strlen(field_rows[f].name)); field_hash[h];
		     h = (h + 1) % HSIZE)
			;
		field_hash[h] = (int)f + 1;
	}
}

const struct td_rule *
td_rule_find(const char *name, size_t n)
{
	pthread_once(&rules_once, rules_init);
	for (unsigned h = slot(name, n); rule_hash[h]; h = (h + 1) % HSIZE) {
		const struct td_rule *r = &rules[rule_hash[h] - 1];

		if (strlen(r->name) == n && memcmp(r->name, name, n) == 0)
			return r;
	}
	return &rules[0]; /* the default row comes first */
}

char
td_field_mode(const char *name, size_t n)
{
	pthread_once(&rules_once, rules_init);
	for (unsigned h = slot(name, n); field_hash[h]; h = (h + 1) % HSIZE) {
		const char *f = field_rows[field_hash[h] - 1].name;

		if (strlen(f) == n && memcmp(f, name, n) == 0)
			return field_rows[field_hash[h] - 1].mode;
	}
	return 0;
}

static uint32_t
arch_token(const char *arch)
{
	if (!arch)
		return 0;
	if (strcmp(arch, "x86_64") == 0)
		return SCMP_ARCH_X86_64;
	if (strcmp(arch, "riscv64") == 0)
		return SCMP_ARCH_RISCV64;
	return 0;
}

int
td_arch_known(const char *arch)
{
	return arch_token(arch) ? 0 : -1;
}

/* Names resolved so far; libseccomp returns malloc'd strings, which we keep
 * for the life of the process so callers can hold on to them. */
static struct {
	uint32_t tok;
	long nr;
	char *name;
} name_cache[256];
static size_t name_cache_n;

const char *
td_sys_name(const char *arch, long nr)
{
	uint32_t tok = arch_token(arch);
	char *s;

	const char *r = NULL;

	if (!tok || nr < 0 || nr > 100000)
		return NULL;
	pthread_mutex_lock(&name_lock); /* traces load in parallel */
	for (size_t i = 0; i < name_cache_n && !r; i++)
		if (name_cache[i].tok == tok && name_cache[i].nr == nr)
			r = name_cache[i].name;
	if (!r && (s = seccomp_syscall_resolve_num_arch(tok, (int)nr))) {
		if (name_cache_n == sizeof(name_cache) / sizeof(name_cache[0])) {
			free(s);
		} else {
			name_cache[name_cache_n].tok = tok;
			name_cache[name_cache_n].nr = nr;
			r = name_cache[name_cache_n++].name = s;
		}
	}
	pthread_mutex_unlock(&name_lock);
	return r;
}

long
td_sys_nr(const char *arch, const char *name)
{
	uint32_t tok = arch_token(arch);
	int nr;

	if (!tok)
		return -1;
	nr = seccomp_syscall_resolve_name_arch(tok, name);
	return nr < 0 ? -1 : nr;
}
