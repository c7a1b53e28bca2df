/* target.c: target description files and their command templates. */
#include "target.h"
#include "console.h"
#include "testmeta.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/*
 * target_name_ok: whether s may name a target.  The name becomes a directory
 * (build/<arch>/runs/<name>), so it is one path component of letters,
 * digits, '_', '-' and '.', not starting with '.', at most 32 bytes.
 */
int
target_name_ok(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.");

	return n > 0 && n <= 32 && s[n] == '\0' && s[0] != '.';
}

int
target_arch_index(const char *arch)
{
	if (!strcmp(arch, "x86_64"))
		return TARGET_X86_64;
	if (!strcmp(arch, "riscv64"))
		return TARGET_RISCV64;
	return -1;
}

const char *
target_disk_name(enum target_disk d)
{
	return d == DISK_EXT4 ? "ext4" : d == DISK_FAT32 ? "fat32" : NULL;
}

/*
 * set_mode_key: the keys of one console (trace, console-strip) and of the
 * disk (disk).  Returns 1 when key is one of them and val is good, 0 when
 * key is another, -1 (err set, "path:line: ...") when val is bad.
 */
/* parse_seconds: val as seconds, more than 0 (or 0 too with zero_ok) and
 * at most max, into *v; 0, or -1 when it is not */
static int
parse_seconds(const char *val, int zero_ok, double max, double *v)
{
	char *end;

	*v = strtod(val, &end);
	return end == val || *end || !(*v > 0 || (zero_ok && *v == 0)) || !(*v <= max) ? -1 : 0;
}

static int
set_mode_key(struct target *t, const char *key, const char *val, const char *where, char *err,
	     size_t errlen)
{
	char why[256];

	if (!strcmp(key, "trace")) {
		if (!strcmp(val, "serial"))
			t->trace = TRACE_SERIAL;
		else if (!strcmp(val, "console"))
			t->trace = TRACE_CONSOLE;
		else if (!strcmp(val, "external"))
			t->trace = TRACE_EXTERNAL;	/* exttrace, through QEMU's gdbstub */
		else
			goto bad;
		return 1;
	}
	if (!strcmp(key, "disk")) {
		if (!strcmp(val, "ext4"))
			t->disk = DISK_EXT4;
		else if (!strcmp(val, "fat32"))
			t->disk = DISK_FAT32;
		else
			goto bad;
		return 1;
	}
	if (strcmp(key, "console-strip"))
		return 0;
	if (t->strip)
		regfree(&t->strip_re);
	free(t->strip);
	t->strip = NULL;
	if (console_strip_compile(val, &t->strip_re, why, sizeof(why)) < 0) {
		seterr(err, errlen, "%s: console-strip: not a POSIX extended regex: %s", where, why);
		return -1;
	}
	t->strip = strdup(val);
	return 1;
bad:
	seterr(err, errlen, "%s: %s: '%.64s' is not one of %s", where, key, val,
	       !strcmp(key, "trace") ? "serial, console, external" : "ext4, fat32");
	return -1;
}

/* The keys a target may give per arch (key.ARCH) or for every arch (key). */
static const struct {
	const char *key;
	size_t off;
} arch_keys[] = {
	{"qemu", offsetof(struct target, qemu)},
	{"prepare", offsetof(struct target, prepare)},
	{"elf", offsetof(struct target, elf)},
	{"gdb", offsetof(struct target, gdb)},
	{"syscall-entry", offsetof(struct target, entry)},
	{"syscall-arm", offsetof(struct target, arm)},
};

/*
 * set_arch_key: store val under a per-arch key: "qemu.x86_64" sets the
 * x86_64 slot of qemu[], "qemu" every arch's.  Returns 0 when key is not one
 * of arch_keys (or names an unknown arch).
 */
static int
set_arch_key(struct target *t, const char *key, const char *val)
{
	size_t i, n;
	int a;

	for (i = 0; i < sizeof(arch_keys) / sizeof(arch_keys[0]); i++) {
		char **slots = (char **)((char *)t + arch_keys[i].off);

		n = strlen(arch_keys[i].key);
		if (strncmp(key, arch_keys[i].key, n))
			continue;
		if (key[n] == '.' && (a = target_arch_index(key + n + 1)) >= 0) {
			free(slots[a]);
			slots[a] = strdup(val);
			return 1;
		}
		if (key[n] != '\0')
			return 0;
		for (a = 0; a < TARGET_NARCH; a++) {
			free(slots[a]);
			slots[a] = strdup(val);
		}
		return 1;
	}
	return 0;
}

int
target_parse(const char *path, const char *text, struct target *t, char *err, size_t errlen)
{
	const char *p = text;
	int lineno = 0, a, any = 0, mode;
	char where[4200];

	memset(t, 0, sizeof(*t));
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		char *line = strndup(p, n), *s = line, *colon, *key, *val, *e;

		p += n + (eol ? 1 : 0);
		lineno++;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#') {
			free(line);
			continue;
		}
		colon = strchr(s, ':');
		if (!colon) {
			seterr(err, errlen, "%s:%d: expected 'key: value'", path, lineno);
			free(line);
			goto fail;
		}
		*colon = '\0';
		key = s;
		for (e = colon; e > key && (e[-1] == ' ' || e[-1] == '\t');)
			*--e = '\0';
		snprintf(where, sizeof(where), "%s:%d", path, lineno);
		val = colon + 1;
		while (*val == ' ' || *val == '\t')
			val++;
		for (e = val + strlen(val); e > val && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r');)
			*--e = '\0';
		if (!strcmp(key, "name")) {
			if (!target_name_ok(val)) {
				seterr(err, errlen,
				       "%s:%d: name '%.64s' is not one word of [A-Za-z0-9_.-] (at most 32, no leading '.')",
				       path, lineno, val);
				free(line);
				goto fail;
			}
			snprintf(t->name, sizeof(t->name), "%s", val);
		} else if (!strcmp(key, "description")) {
			free(t->description);
			t->description = strdup(val);
		} else if (!strcmp(key, "console-noise")) {
			free(t->noise);
			t->noise = strdup(val);
		} else if (!strcmp(key, "timeout-add") || !strcmp(key, "exit-grace")) {
			/* timeout-add: a slow boot or a long trace dump, more time per
			 * test; exit-grace: a kernel that does not power off after it */
			int add = key[0] == 't';
			double v;
			if (parse_seconds(val, add, add ? 3600 : 60, &v) < 0) {
				seterr(err, errlen, "%s:%d: %s: not a number of seconds 0..%d: '%.64s'",
				       path, lineno, key, add ? 3600 : 60, val);
				free(line);
				goto fail;
			}
			*(add ? &t->timeout_add : &t->exit_grace) = v;
		} else if (!strcmp(key, "batch")) {
			/* a kernel that runs a list of tests in one boot */
			char *end;
			long n = strtol(val, &end, 10);
			if (end == val || *end || n < 1 || n > 64) {
				seterr(err, errlen, "%s:%d: batch: not a number of tests 1..64: '%.64s'",
				       path, lineno, val);
				free(line);
				goto fail;
			}
			t->batch = (int)n;
		} else if ((mode = set_mode_key(t, key, val, where, err, errlen)) != 0) {
			if (mode < 0) {
				free(line);
				goto fail;
			}
		} else if (!set_arch_key(t, key, val)) {
			seterr(err, errlen,
			       "%s:%d: unknown key '%s' (name, description, qemu[.ARCH], prepare[.ARCH], elf[.ARCH], gdb[.ARCH], syscall-entry[.ARCH], syscall-arm[.ARCH], console-noise, timeout-add, exit-grace, batch, trace, console-strip, disk)",
			       path, lineno, key);
			free(line);
			goto fail;
		}
		free(line);
	}
	for (a = 0; a < TARGET_NARCH; a++)
		any |= t->qemu[a] != NULL;
	if (!t->name[0]) {
		seterr(err, errlen, "%s: no 'name:' line", path);
		goto fail;
	}
	if (!any) {
		seterr(err, errlen, "%s: no 'qemu.ARCH:' command template", path);
		goto fail;
	}
	for (a = 0; a < TARGET_NARCH; a++)
		if (((t->entry[a] && strncmp(t->entry[a], "0x", 2)) || t->arm[a]) && !t->elf[a]) {
			seterr(err, errlen, "%s: %s needs elf: the ELF that holds the symbol",
			       path, t->entry[a] ? "syscall-entry" : "syscall-arm");
			goto fail;
		}
	return 0;
fail:
	target_free(t);
	return -1;
}

int
target_load(const char *top, const char *name_or_path, struct target *t, char *err, size_t errlen)
{
	char path[4096], *text;
	FILE *f;
	long len;
	int rc;

	if (strchr(name_or_path, '/') || strstr(name_or_path, ".target"))
		snprintf(path, sizeof(path), "%s", name_or_path);
	else
		snprintf(path, sizeof(path), "%s/harness/targets/%s.target", top, name_or_path);
	f = fopen(path, "rb");
	if (!f) {
		seterr(err, errlen, "%s: %s (targets are harness/targets/NAME.target or a path)", path,
		       strerror(errno));
		return -1;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	if (len < 0 || len > (1 << 20)) {
		fclose(f);
		seterr(err, errlen, "%s: not a target file (size)", path);
		return -1;
	}
	text = calloc(1, len + 1);
	if (fread(text, 1, len, f) != (size_t)len || memchr(text, '\0', len)) {
		fclose(f);
		free(text);
		seterr(err, errlen, "%s: unreadable or binary", path);
		return -1;
	}
	fclose(f);
	rc = target_parse(path, text, t, err, errlen);
	free(text);
	return rc;
}

void
target_free(struct target *t)
{
	int a;

	free(t->description);
	free(t->noise);
	if (t->strip)
		regfree(&t->strip_re);
	free(t->strip);
	for (a = 0; a < TARGET_NARCH; a++) {
		free(t->prepare[a]);
		free(t->qemu[a]);
		free(t->elf[a]);
		free(t->gdb[a]);
		free(t->entry[a]);
		free(t->arm[a]);
	}
	memset(t, 0, sizeof(*t));
}

char *
target_expand(const char *tmpl, const struct target_vars *v, char *err, size_t errlen)
{
	size_t cap = strlen(tmpl) + 256, len = 0;
	char *out = malloc(cap);
	const char *p = tmpl;

	while (*p) {
		const char *val = NULL, *close;
		char name[32];
		size_t n;

		if (*p != '{' || !(close = strchr(p, '}')) || (size_t)(close - p - 1) >= sizeof(name)) {
			if (len + 2 > cap)
				out = realloc(out, cap *= 2);
			out[len++] = *p++;
			continue;
		}
		memcpy(name, p + 1, close - p - 1);
		name[close - p - 1] = '\0';
		if (!strcmp(name, "arch"))
			val = v->arch;
		else if (!strcmp(name, "test"))
			val = v->test;
		else if (!strcmp(name, "B"))
			val = v->b;
		else if (!strcmp(name, "top"))
			val = v->top;
		else if (!strcmp(name, "console"))
			val = v->console;
		else if (!strcmp(name, "trace"))
			val = v->trace;
		else if (!strcmp(name, "extra"))
			val = v->extra;
		else if (!strcmp(name, "disk"))
			val = v->disk;
		else {
			seterr(err, errlen,
			       "unknown variable {%s} (arch, test, B, top, console, trace, extra, disk)",
			       name);
			free(out);
			return NULL;
		}
		if (!val)
			val = "";
		n = strlen(val);
		while (len + n + 1 > cap)
			out = realloc(out, cap *= 2);
		memcpy(out + len, val, n);
		len += n;
		p = close + 1;
	}
	out[len] = '\0';
	return out;
}

/* trimmed_len: the length of s without its trailing blanks. */
static size_t
trimmed_len(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

int
target_argv(const char *tmpl, const struct target_vars *v, char **argv, int max, char *err,
	    size_t errlen)
{
	char *words[TM_MAX_WORDS * 4];
	int n = 0, i, rc = 0;
	int cap = (int)(sizeof(words) / sizeof(words[0]));

	if (testmeta_split(tmpl, words, max < cap ? max : cap, &n) < 0) {
		for (i = 0; i < n; i++)
			free(words[i]);
		seterr(err, errlen, "command template: unterminated quote or too many words");
		return -1;
	}
	for (i = 0; i < n; i++) {
		argv[i] = rc < 0 ? NULL : target_expand(words[i], v, err, errlen);
		if (!argv[i])
			rc = -1;
		else	/* 'tdiff.test={test} {extra}' with no extra words: no blank at the end */
			argv[i][trimmed_len(argv[i])] = '\0';
		free(words[i]);
	}
	if (rc < 0) {
		target_argv_free(argv, n);
		return -1;
	}
	argv[n] = NULL;
	return n;
}

void
target_argv_free(char **argv, int argc)
{
	int i;

	for (i = 0; i < argc; i++) {
		free(argv[i]);
		argv[i] = NULL;
	}
}
