/* testmeta.c: parse the @key: value metadata block of a testcase. */
#include "testmeta.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

unsigned
testmeta_arch_bit(const char *arch)
{
	if (!strcmp(arch, "x86_64"))
		return TM_X86_64;
	if (!strcmp(arch, "riscv64"))
		return TM_RISCV64;
	return 0;
}

int
testmeta_split(const char *s, char **out, int max, int *n)
{
	while (*s) {
		char word[1024];
		size_t w = 0;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		while (*s && *s != ' ' && *s != '\t') {
			if (*s == '\'' || *s == '"') {
				char q = *s++;
				while (*s && *s != q) {
					if (w + 1 >= sizeof(word))
						return -1;
					word[w++] = *s++;
				}
				if (*s != q)
					return -1;	/* unterminated quote */
				s++;
			} else {
				if (w + 1 >= sizeof(word))
					return -1;
				word[w++] = *s++;
			}
		}
		if (*n >= max)
			return -1;
		word[w] = '\0';
		out[(*n)++] = strdup(word);
	}
	return 0;
}

/* parse_arches: "x86_64 riscv64" into bits; -1 on an unknown name. */
static int
parse_arches(const char *v, unsigned *bits, char *bad, size_t badlen)
{
	char *words[TM_MAX_WORDS];
	int n = 0, i, rc = 0;

	*bits = 0;
	if (testmeta_split(v, words, TM_MAX_WORDS, &n) < 0) {
		snprintf(bad, badlen, "%s", v);
		rc = -1;
	}
	for (i = 0; i < n; i++) {
		unsigned b = testmeta_arch_bit(words[i]);
		if (!strcmp(words[i], "none"))
			b = 0;
		else if (!b && rc == 0) {
			snprintf(bad, badlen, "%s", words[i]);
			rc = -1;
		}
		*bits |= b;
	}
	for (i = 0; i < n; i++)
		free(words[i]);
	return rc;
}

/*
 * parse_libc: `@libc: musl glibc` or `@libc: musl  # reason` into m->libcs
 * and m->libc_why.  musl is always built (the test's own name); leaving
 * glibc out needs a reason after '#'.
 */
static int
parse_libc(struct testmeta *m, const char *val, const char *where, char *err, size_t errlen)
{
	char list[256], *hash, *words[TM_MAX_WORDS], *why;
	int n = 0, i, rc = 0;

	snprintf(list, sizeof(list), "%s", val);
	hash = strchr(list, '#');
	why = hash ? hash + 1 : NULL;
	if (hash)
		*hash = '\0';
	m->libcs = 0;
	if (testmeta_split(list, words, TM_MAX_WORDS, &n) < 0) {
		/* the words split before the one that failed are ours to free */
		for (i = 0; i < n; i++)
			free(words[i]);
		seterr(err, errlen, "%s: @libc: too many words or a word too long (musl or glibc)", where);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!strcmp(words[i], "musl"))
			m->libcs |= TM_MUSL;
		else if (!strcmp(words[i], "glibc"))
			m->libcs |= TM_GLIBC;
		else if (rc == 0) {
			seterr(err, errlen, "%s: @libc: unknown libc '%s' (musl or glibc)", where, words[i]);
			rc = -1;
		}
		free(words[i]);
	}
	if (rc < 0)
		return -1;
	if (!(m->libcs & TM_MUSL)) {
		seterr(err, errlen, "%s: @libc: every C test is built with musl: say 'musl' or 'musl glibc'",
		       where);
		return -1;
	}
	while (why && isspace((unsigned char)*why))
		why++;
	if (!(m->libcs & TM_GLIBC) && (!why || !*why)) {
		seterr(err, errlen, "%s: @libc: leaving glibc out needs a reason: @libc: musl  # why",
		       where);
		return -1;
	}
	free(m->libc_why);
	m->libc_why = why && *why ? strdup(why) : NULL;
	return 0;
}

/* comment_body: the text after a comment leader, or NULL if not a comment. */
static const char *
comment_body(const char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	if (line[0] == '/' && line[1] == '/')
		return line + 2;
	if (line[0] == '/' && line[1] == '*')
		return line + 2;
	if (line[0] == '*')
		return line + 1;
	if (line[0] == '#')
		return line + 1;
	return NULL;
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	/* A one-line C comment may close on the same line. */
	if (e - s >= 2 && e[-2] == '*' && e[-1] == '/') {
		e[-2] = '\0';
		return trim(s);
	}
	return s;
}

/* set_name: name and kind from the base name of filename. */
static int
set_name(const char *filename, struct testmeta *m, char *err, size_t errlen)
{
	const char *base = strrchr(filename, '/');
	const char *dot;
	size_t len, i;

	base = base ? base + 1 : filename;
	dot = strrchr(base, '.');
	if (!dot || (strcmp(dot, ".c") && strcmp(dot, ".sh"))) {
		seterr(err, errlen, "%s: a testcase is NAME.c or NAME.sh", filename);
		return -1;
	}
	m->kind = strcmp(dot, ".c") ? TM_KIND_SH : TM_KIND_C;
	len = dot - base;
	if (len == 0 || len >= sizeof(m->name)) {
		seterr(err, errlen, "%s: test name must be 1 to %zu characters", filename,
		       sizeof(m->name) - 1);
		return -1;
	}
	for (i = 0; i < len; i++) {
		if (!isalnum((unsigned char)base[i]) && base[i] != '_' && base[i] != '-') {
			seterr(err, errlen, "%s: test name may hold only letters, digits, '_' and '-'",
			       filename);
			return -1;
		}
	}
	memcpy(m->name, base, len);
	m->name[len] = '\0';
	return 0;
}

/* default_argv: /tests/NAME for C, /bin/sh /tests/NAME.sh for scripts. */
static void
default_argv(struct testmeta *m)
{
	char path[96];

	if (m->kind == TM_KIND_C) {
		snprintf(path, sizeof(path), "/tests/%s", m->name);
		m->argv[m->argc++] = strdup(path);
	} else {
		snprintf(path, sizeof(path), "/tests/%s.sh", m->name);
		m->argv[m->argc++] = strdup("/bin/sh");
		m->argv[m->argc++] = strdup(path);
	}
}

/*
 * apply_key: one `@key: value` entry.  exec and args are kept aside in
 * *exec / *args until the whole block is read, since either may come first.
 */
static int
apply_key(struct testmeta *m, const char *key, const char *val, char **exec, char **args,
	  const char *where, char *err, size_t errlen)
{
	char bad[64];
	char *end;
	long n;

	if (!strcmp(key, "desc")) {
		free(m->desc);
		m->desc = strdup(val);
	} else if (!strcmp(key, "exec") || !strcmp(key, "args")) {
		char **slot = key[0] == 'e' ? exec : args;
		if (*slot) {
			seterr(err, errlen, "%s: @%s given twice", where, key);
			return -1;
		}
		*slot = strdup(val);
	} else if (!strcmp(key, "timeout") || !strcmp(key, "exit")) {
		errno = 0;
		n = strtol(val, &end, 10);
		if (errno || end == val || *end || n < 0 || n > (key[0] == 't' ? 3600 : 255) ||
		    (key[0] == 't' && n == 0)) {
			seterr(err, errlen, "%s: @%s: '%s' is not a valid %s", where, key, val,
			       key[0] == 't' ? "number of seconds (1..3600)" : "exit status (0..255)");
			return -1;
		}
		if (key[0] == 't')
			m->timeout = (int)n;
		else
			m->exit_code = (int)n;
	} else if (!strcmp(key, "arches") || !strcmp(key, "smoke")) {
		unsigned bits;
		if (parse_arches(val, &bits, bad, sizeof(bad)) < 0) {
			seterr(err, errlen, "%s: @%s: unknown arch '%s' (x86_64, riscv64 or none)",
			       where, key, bad);
			return -1;
		}
		if (key[0] == 'a')
			m->arches = bits;
		else
			m->smoke = bits;
	} else if (!strcmp(key, "libc")) {
		if (m->kind != TM_KIND_C) {
			seterr(err, errlen, "%s: @libc: a .sh test has no libc of its own (busybox's is musl)",
			       where);
			return -1;
		}
		if (parse_libc(m, val, where, err, errlen) < 0)
			return -1;
	} else if (!strcmp(key, "golden-runs")) {
		const char *why = strchr(val, '#');
		errno = 0;
		n = strtol(val, &end, 10);
		while (*end == ' ' || *end == '\t')
			end++;
		if (errno || end == val || (*end && *end != '#') || n < 1 || n > 9) {
			seterr(err, errlen, "%s: @golden-runs: '%s' is not a number of runs (1..9)",
			       where, val);
			return -1;
		}
		while (why && (*why == '#' || isspace((unsigned char)*why)))
			why++;
		if (!why || !*why) {
			seterr(err, errlen, "%s: @golden-runs: a cap needs a reason: @golden-runs: %ld  # why",
			       where, n);
			return -1;
		}
		m->golden_runs = (int)n;
		free(m->golden_runs_why);
		m->golden_runs_why = strdup(why);
	} else if (!strcmp(key, "helper")) {
		if (strcmp(val, "yes") && strcmp(val, "no")) {
			seterr(err, errlen, "%s: @helper: say yes or no, not '%s'", where, val);
			return -1;
		}
		m->helper = !strcmp(val, "yes");
	} else if (!strcmp(key, "nondet") || !strcmp(key, "expect")) {
		char **list = key[0] == 'n' ? m->nondet : m->expect;
		int *count = key[0] == 'n' ? &m->n_nondet : &m->n_expect;
		if (*count >= TM_MAX_LINES) {
			seterr(err, errlen, "%s: more than %d @%s lines", where, TM_MAX_LINES, key);
			return -1;
		}
		list[(*count)++] = strdup(val);
	} else {
		seterr(err, errlen,
		       "%s: unknown key @%s (known: desc exec args timeout arches smoke helper exit nondet expect libc golden-runs)",
		       where, key);
		return -1;
	}
	return 0;
}

/* finish_argv: build argv from @exec, or the default plus @args. */
static int
finish_argv(struct testmeta *m, const char *exec, const char *args, const char *filename,
	    char *err, size_t errlen)
{
	if (exec && args) {
		seterr(err, errlen, "%s: @exec and @args exclude each other", filename);
		return -1;
	}
	if (exec) {
		if (testmeta_split(exec, m->argv, TM_MAX_WORDS, &m->argc) < 0 || m->argc == 0) {
			seterr(err, errlen, "%s: @exec: empty, unterminated quote or over %d words",
			       filename, TM_MAX_WORDS);
			return -1;
		}
		if (m->argv[0][0] != '/') {
			seterr(err, errlen, "%s: @exec: the program must be an absolute path, not '%s'",
			       filename, m->argv[0]);
			return -1;
		}
	} else {
		default_argv(m);
		if (args && testmeta_split(args, m->argv, TM_MAX_WORDS, &m->argc) < 0) {
			seterr(err, errlen, "%s: @args: unterminated quote or over %d words", filename,
			       TM_MAX_WORDS);
			return -1;
		}
	}
	m->argv[m->argc] = NULL;
	return 0;
}

/*
 * late_meta: after the header block has ended at a line of code, look for a
 * comment that still carries `@key:` with a key testmeta knows (it would be
 * silently ignored).  Returns the line number of the first one, or 0.
 */
static int
late_meta(const char *text, size_t len, size_t pos, int lineno)
{
	static const char *const keys[] = { "desc", "exec", "args", "timeout", "arches",
					     "smoke", "helper", "exit", "nondet", "expect", "libc",
					     "golden-runs" };

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		char line[1024];
		const char *cb;

		lineno++;
		snprintf(line, sizeof(line), "%.*s", (int)(end - pos), text + pos);
		pos = end + 1;
		cb = comment_body(line);
		if (!cb)
			continue;
		while (*cb == ' ' || *cb == '\t')
			cb++;
		if (*cb++ != '@')
			continue;
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			size_t k = strlen(keys[i]);
			if (!strncmp(cb, keys[i], k) && cb[k] == ':')
				return lineno;
		}
	}
	return 0;
}

int
testmeta_parse(const char *filename, const char *text, size_t len, struct testmeta *m,
	       char *err, size_t errlen)
{
	char *exec = NULL, *args = NULL;
	size_t pos = 0;
	int lineno = 0, rc = -1, smoke_given = 0;

	memset(m, 0, sizeof(*m));
	m->timeout = 10;
	m->arches = TM_ALL_ARCHES;
	if (set_name(filename, m, err, errlen) < 0)
		return -1;
	m->libcs = m->kind == TM_KIND_C ? TM_ALL_LIBCS : TM_MUSL;
	if (memchr(text, '\0', len)) {
		seterr(err, errlen, "%s: binary data (a NUL byte) in a testcase source", filename);
		goto out;
	}

	while (pos < len) {
		char line[1024], where[256], *body, *at, *colon, *key, *val;
		size_t end = pos, n;
		const char *cb;

		while (end < len && text[end] != '\n')
			end++;
		n = end - pos;
		lineno++;
		if (n >= sizeof(line)) {
			seterr(err, errlen, "%s:%d: line longer than %zu bytes in the header", filename,
			       lineno, sizeof(line) - 1);
			goto out;
		}
		memcpy(line, text + pos, n);
		line[n] = '\0';
		pos = end + 1;

		cb = comment_body(line);
		if (!cb) {
			int late;

			if (trim(line)[0] == '\0')
				continue;	/* blank lines inside the header are fine */
			/* the first code line ends the block: no @key may follow */
			late = late_meta(text, len, pos, lineno);
			if (late) {
				seterr(err, errlen,
				       "%s:%d: metadata after the first line of code (line %d): "
				       "move it into the leading comment block", filename, late,
				       lineno);
				goto out;
			}
			break;
		}
		body = trim((char *)cb);
		if (body[0] != '@')
			continue;
		snprintf(where, sizeof(where), "%s:%d", filename, lineno);
		at = body + 1;
		colon = strchr(at, ':');
		if (!colon) {
			seterr(err, errlen, "%s: '@%s' has no ':' (write @key: value)", where, at);
			goto out;
		}
		*colon = '\0';
		key = trim(at);
		val = trim(colon + 1);
		if (!strcmp(key, "smoke"))
			smoke_given = 1;
		if (apply_key(m, key, val, &exec, &args, where, err, errlen) < 0)
			goto out;
	}
	if (!smoke_given)
		m->smoke = m->arches;
	m->smoke &= m->arches;
	if (finish_argv(m, exec, args, filename, err, errlen) < 0)
		goto out;
	if (!m->helper && m->arches && !m->n_expect) {
		seterr(err, errlen, "%s: no @expect line (a test that runs needs at least one "
		       "line its output must contain)", filename);
		goto out;
	}
	rc = 0;
out:
	free(exec);
	free(args);
	if (rc < 0)
		testmeta_free(m);
	return rc;
}

int
testmeta_glibc(struct testmeta *m, char *err, size_t errlen)
{
	char base[sizeof(m->name)], path[sizeof(m->name) + 16];
	size_t sl = strlen(TM_GLIBC_SUFFIX);

	if (m->kind != TM_KIND_C) {
		seterr(err, errlen, "%s.sh: a .sh test has no glibc build", m->name);
		return -1;
	}
	if (!(m->libcs & TM_GLIBC)) {
		seterr(err, errlen, "%s.c: no glibc build: its @libc says musl only (%s)", m->name,
		       m->libc_why ? m->libc_why : "no reason");
		return -1;
	}
	if (m->glibc)
		return 0;
	if (strlen(m->name) + sl >= sizeof(m->name)) {
		seterr(err, errlen, "%s.c: name too long for its glibc build", m->name);
		return -1;
	}
	snprintf(base, sizeof(base), "%s", m->name);
	strcat(m->name, TM_GLIBC_SUFFIX);
	snprintf(path, sizeof(path), "/tests/%s", base);
	if (m->argc > 0 && !strcmp(m->argv[0], path)) {
		free(m->argv[0]);
		snprintf(path, sizeof(path), "/tests/%s", m->name);
		m->argv[0] = strdup(path);
	}
	m->glibc = 1;
	return 0;
}

/*
 * load_glibc: DIR/NAME.glibc names the glibc build of DIR/NAME.c; 1 when
 * path is such a name (and *m is loaded or err set), 0 when it is not.
 */
static int
load_glibc(const char *path, struct testmeta *m, int *rc, char *err, size_t errlen)
{
	size_t l = strlen(path), sl = strlen(TM_GLIBC_SUFFIX);
	char src[4096];

	if (l <= sl || strcmp(path + l - sl, TM_GLIBC_SUFFIX) || l - sl + 3 > sizeof(src))
		return 0;
	snprintf(src, sizeof(src), "%.*s.sh", (int)(l - sl), path);
	if (access(src, F_OK) == 0) {
		seterr(err, errlen, "%s: a .sh test has no glibc build (%s)", path, src);
		*rc = -1;
		return 1;
	}
	snprintf(src, sizeof(src), "%.*s.c", (int)(l - sl), path);
	*rc = testmeta_load(src, m, err, errlen);
	if (*rc == 0 && testmeta_glibc(m, err, errlen) < 0) {
		testmeta_free(m);
		*rc = -1;
	}
	return 1;
}

int
testmeta_load(const char *path, struct testmeta *m, char *err, size_t errlen)
{
	FILE *f;
	char *buf = NULL;
	size_t cap = 0, len = 0, got;
	int rc;

	memset(m, 0, sizeof(*m));
	if (load_glibc(path, m, &rc, err, errlen))
		return rc;
	f = fopen(path, "rb");
	if (!f) {
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	do {
		if (len + 4096 > cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 8192);
			if (!nb) {
				free(buf);
				fclose(f);
				seterr(err, errlen, "%s: out of memory", path);
				return -1;
			}
			buf = nb;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	if (ferror(f)) {
		seterr(err, errlen, "%s: read error", path);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	rc = testmeta_parse(path, buf ? buf : "", len, m, err, errlen);
	free(buf);
	return rc;
}

void
testmeta_free(struct testmeta *m)
{
	int i;

	free(m->desc);
	free(m->libc_why);
	free(m->golden_runs_why);
	for (i = 0; i < m->argc; i++)
		free(m->argv[i]);
	for (i = 0; i < m->n_nondet; i++)
		free(m->nondet[i]);
	for (i = 0; i < m->n_expect; i++)
		free(m->expect[i]);
	memset(m, 0, sizeof(*m));
}
