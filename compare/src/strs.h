/* strs.h: string arguments at the raw level (compare/README.md, "Levels",
 * strings).  A raw trace holds numbers only; a kernel traced from outside
 * (harness/exttrace.c) adds the text of a call's path and write buffer on
 * a line before its call:
 *
 *     #tdiff str <tid> <arg> "<escaped>"[...]
 *
 * and golden's decoded <test>.trace, recorded in the same boot as its
 * <test>.raw, shows Linux's.  Which arguments are strings: the kinds 's'
 * (a NUL-terminated string) and 'b' (a buffer whose length is the next
 * argument) of rawtab.def.  Strings compare only where both sides show
 * them, and only as far as both show them (an abbreviated "..."...). */
#ifndef TD_STRS_H
#define TD_STRS_H

#include <stddef.h>

#include "trace.h"

/* the longest string a side shows (strace -s 4096, exttrace alike) */
#define TD_STR_MAX 4096
/* the bytes of a string a divergence message shows */
#define TD_STR_SHOWN 64

/*
 * td_str_scan: a quoted C/strace string at p[0..n) (p[0] is '"'): its bytes,
 * escapes decoded (\n \t \r \v \f \a \b \\ \" \' \xHH \NNN), into out, and
 * *cut when "..." follows the closing quote (strace's abbreviation).
 * Returns the bytes used from p, or -1 with *why (a literal) and *col (the
 * offset of the problem).
 */
long td_str_scan(const char *p, size_t n, struct td_sb *out, int *cut, const char **why, size_t *col);

/* td_str_kind: the kind of argument i of call name on arch: 's', 'b', or 0 */
char td_str_kind(const char *arch, const char *name, int i);

/* td_str_add: argument arg of event e shows the bytes s[0..n) (cut: only a
 * prefix); copied into t's arena. */
void td_str_add(struct td_trace *t, struct td_event *e, int arg, const char *s, size_t n, int cut);

/* td_strs_from_args: a decoded strace trace's own strings, from its
 * quoted 's' and 'b' arguments.  Returns how many. */
size_t td_strs_from_args(struct td_trace *t);

/* what td_strs_pair did */
struct td_strs_pairing {
	size_t tasks;	  /* tasks of the raw trace */
	size_t paired;	  /* of them, those whose calls line up with the decoded's */
	size_t strings;	  /* strings taken over */
	char skipped[160]; /* the paths of tasks left out, "1.2 1.3 ..." */
};

/* td_strs_pair: give the raw golden (strace -X raw) the strings of the
 * decoded one (td_strs_from_args done) of the same run, task by task
 * (fork-tree position), call by call: only in tasks whose events have the
 * same count and the same names in the same order on both. */
void td_strs_pair(struct td_trace *raw, const struct td_trace *dec, struct td_strs_pairing *st);

/* td_str_diff: the first string argument that both events show and that
 * differs (in what both show), or -1; *gs, *ks the two strings. */
int td_str_diff(const struct td_event *g, const struct td_event *k, const struct td_str **gs,
		const struct td_str **ks);

/* td_str_quote: s quoted and escaped for a message, at most max bytes of
 * it shown, then "..." */
void td_str_quote(const struct td_str *s, size_t max, struct td_sb *out);

#endif
