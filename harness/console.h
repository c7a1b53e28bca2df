/*
 * console.h: one console that carries the trace too (a target's
 * `trace: console`, harness/README.md).  The console stream is split by
 * line into the trace (every `#tdiff ` line, from the prefix to the end of
 * its line, and every ftrace event line) and the rest (the test's output
 * and whatever the kernel logs), from which the output is cut as on the
 * serial path.  A target's `console-strip` ERE names the log decoration a
 * kernel puts before the prefix; it is removed with the trace line.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <regex.h>
#include <stddef.h>

struct console_split {
	char *trace;	/* the trace lines, decoration and ANSI escapes removed, each ending in \n */
	size_t tlen;
	char *rest;	/* the console without them; the start/exit markers are kept */
	size_t rlen;
};

/*
 * console_strip_compile: compile the ERE of a target's `console-strip` so
 * that it matches only when its match ends at the end of the subject (the
 * text before `#tdiff `).  Returns 0, or -1 with regerror's text in err.
 */
int console_strip_compile(const char *ere, regex_t *re, char *err, size_t errlen);

/* console_ansi_len: the length of the ANSI escape (ESC [ ... final byte) at p, or 0. */
size_t console_ansi_len(const char *p, const char *end);

/*
 * console_is_ftrace: whether the line p[0..n) (no newline) is a Linux ftrace
 * event line, `<comm>-<tid> [<cpu>] <flags> <timestamp>: <event>: ...`.
 */
int console_is_ftrace(const char *p, size_t n);

/*
 * console_split: split con[0..len) (strip: a console_strip_compile'd regex,
 * or NULL) into out's two malloc'd buffers; free with console_split_free.
 */
void console_split(const char *con, size_t len, const regex_t *strip, struct console_split *out);
void console_split_free(struct console_split *s);

/*
 * console_trace_is_raw: whether a trace holds the raw level: a
 * `#tdiff sys`/`#tdiff sysenter` line or an ftrace sys_enter/sys_exit line.
 */
int console_trace_is_raw(const char *trace, size_t len);

#endif
