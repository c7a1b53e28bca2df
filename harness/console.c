/* console.c: split one console into the trace and the rest (trace: console). */
#define _GNU_SOURCE
#include "console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char prefix[] = "#tdiff ";
#define PREFIX_LEN (sizeof(prefix) - 1)

int
console_strip_compile(const char *ere, regex_t *re, char *err, size_t errlen)
{
	size_t n = strlen(ere) + 4;
	char *anchored = malloc(n);
	int rc;

	/* the decoration is what ends right before the prefix */
	snprintf(anchored, n, "(%s)$", ere);
	rc = regcomp(re, anchored, REG_EXTENDED);
	free(anchored);
	if (rc != 0) {
		regerror(rc, re, err, errlen);
		regfree(re);
		return -1;
	}
	return 0;
}

size_t
console_ansi_len(const char *p, const char *end)
{
	const char *q = p + 2;

	if (end - p < 3 || p[0] != '\x1b' || p[1] != '[')
		return 0;
	/* parameter and intermediate bytes, then one final byte */
	while (q < end && (unsigned char)*q >= 0x20 && (unsigned char)*q <= 0x3f)
		q++;
	if (q < end && (unsigned char)*q >= 0x40 && (unsigned char)*q <= 0x7e)
		return (size_t)(q + 1 - p);
	return 0;
}

/*
 * plain_copy: p[0..n) without its ANSI escapes, NUL-terminated; with
 * for_regex a NUL byte of the console becomes \x01, so a regex sees the
 * whole text.  pos[i], when pos is not NULL, is where the i-th byte kept
 * was in p.  Returns the length kept.
 */
static size_t
plain_copy(const char *p, size_t n, char *out, size_t *pos, int for_regex)
{
	size_t i = 0, m = 0, a;

	while (i < n) {
		a = console_ansi_len(p + i, p + n);
		if (a) {
			i += a;
			continue;
		}
		if (pos)
			pos[m] = i;
		out[m++] = p[i] || !for_regex ? p[i] : '\x01';
		i++;
	}
	out[m] = '\0';
	return m;
}

int
console_is_ftrace(const char *p, size_t n)
{
	/* <comm>-<tid> [(<tgid>)] [<cpu>] [<flags>] <secs>.<frac>: <event>: ; comm may hold
	 * blanks and dashes, the regex backtracks to the last -<tid> before the cpu */
	static const char pat[] = "^ *.+-[0-9]+ +(\\( *[0-9-]+\\) +)?\\[[0-9]+\\] +([^ ]+ +)?"
				  "[0-9]+\\.[0-9]+: [A-Za-z0-9_]+: ";
	static regex_t re;
	static int ready;
	char buf[256];

	if (!memmem(p, n, "]", 1) || !memmem(p, n, ": ", 2))
		return 0;
	if (!ready) {
		if (regcomp(&re, pat, REG_EXTENDED | REG_NOSUB) != 0)
			return 0;
		ready = 1;
	}
	/* the event's prefix is short (comm is at most 16 bytes): its head is enough */
	plain_copy(p, n < sizeof(buf) - 1 ? n : sizeof(buf) - 1, buf, NULL, 1);
	return regexec(&re, buf, 0, NULL, 0) == 0;
}

/*
 * decoration_start: where, in the text pre[0..n) before a `#tdiff ` prefix,
 * the part removed with the trace line begins: the start of strip's match
 * ending at the prefix (matched on the text without ANSI escapes), and in
 * any case the ANSI escapes right before the prefix or the match.  What is
 * before it stays output.
 */
static size_t
decoration_start(const char *pre, size_t n, const regex_t *strip)
{
	char *plain = malloc(n + 1);
	size_t *pos = malloc((n + 1) * sizeof(size_t));
	size_t m = plain_copy(pre, n, plain, pos, 1), s = m, cut;
	regmatch_t rm;

	if (strip && regexec(strip, plain, 1, &rm, 0) == 0 && (size_t)rm.rm_eo == m)
		s = (size_t)rm.rm_so;
	cut = s == 0 ? 0 : pos[s - 1] + 1;
	free(plain);
	free(pos);
	return cut;
}

/*
 * add_trace_line: p[0..n) to the trace without ANSI escapes and trailing
 * \r, ending in \n.  Returns the length it took in t.
 */
static size_t
add_trace_line(char *t, const char *p, size_t n)
{
	size_t m = plain_copy(p, n, t, NULL, 0);

	while (m > 0 && t[m - 1] == '\r')
		m--;
	t[m++] = '\n';
	return m;
}

/* is_marker: whether a trace line frames the output (#tdiff start / #tdiff exit). */
static int
is_marker(const char *t, size_t n)
{
	return (n >= 13 && !memcmp(t, "#tdiff start ", 13)) ||
	       (n >= 12 && !memcmp(t, "#tdiff exit ", 12));
}

/*
 * split_line: one console line p[0..n) (its \n excluded; nl says whether
 * it had one) into the trace and the rest.
 */
static void
split_line(const char *p, size_t n, int nl, const regex_t *strip, struct console_split *s)
{
	const char *hit;
	size_t cut, m;

	if (console_is_ftrace(p, n)) {
		s->tlen += add_trace_line(s->trace + s->tlen, p, n);
		return;
	}
	hit = memmem(p, n, prefix, PREFIX_LEN);
	if (!hit) {
		memcpy(s->rest + s->rlen, p, n + nl);
		s->rlen += n + nl;
		return;
	}
	cut = decoration_start(p, hit - p, strip);
	memcpy(s->rest + s->rlen, p, cut);
	s->rlen += cut;
	m = add_trace_line(s->trace + s->tlen, hit, n - (hit - p));
	/* a raw record the console ends in, with no newline, was cut (the
	 * machine stopped in it): it stays unterminated, for the harness to
	 * leave out */
	if (!nl && m > 10 && !memcmp(s->trace + s->tlen, "#tdiff sys", 10))
		m--;
	/* the markers frame the output on the console too (harness/PROTOCOL.md) */
	if (is_marker(s->trace + s->tlen, m)) {
		memcpy(s->rest + s->rlen, s->trace + s->tlen, m);
		s->rlen += m;
	}
	s->tlen += m;
}

void
console_split(const char *con, size_t len, const regex_t *strip, struct console_split *out)
{
	const char *p = con, *end = con + len;

	/* each line gives each side at most its own length and a \n */
	out->trace = malloc(len + 2);
	out->rest = malloc(len + 2);
	out->tlen = out->rlen = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		split_line(p, n, nl != NULL, strip, out);
		p += n + (nl != NULL);
	}
	out->trace[out->tlen] = '\0';
	out->rest[out->rlen] = '\0';
}

void
console_split_free(struct console_split *s)
{
	free(s->trace);
	free(s->rest);
	memset(s, 0, sizeof(*s));
}

int
console_trace_is_raw(const char *trace, size_t len)
{
	const char *p = trace, *end = trace + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if ((n >= 11 && !memcmp(p, "#tdiff sys ", 11)) ||
		    (n >= 16 && !memcmp(p, "#tdiff sysenter ", 16)))
			return 1;
		if ((memmem(p, n, ": sys_enter: NR ", 16) || memmem(p, n, ": sys_exit: NR ", 15)) &&
		    console_is_ftrace(p, n))
			return 1;
		p += n + 1;
	}
	return 0;
}
