/* parse.h: one strace -f line (or a #tdiff event line) into its parts.
 * The parser is pure: spans point into the caller's text, nothing is
 * allocated, so it can be fuzzed and unit-tested line by line. */
#ifndef TD_PARSE_H
#define TD_PARSE_H

#include <stddef.h>
#include <stdint.h>

struct td_span {
	const char *p;
	size_t n;
};

enum td_line_kind {
	TD_L_BLANK,	 /* only whitespace: ignored */
	TD_L_CALL,	 /* name(args) = ret */
	TD_L_UNFINISHED, /* name(args <unfinished ...> */
	TD_L_RESUMED,	 /* <... name resumed>args) = ret */
	TD_L_SIGNAL,	 /* --- SIGX {...} --- */
	TD_L_EXITED,	 /* +++ exited with N +++ */
	TD_L_KILLED,	 /* +++ killed by SIGX [(core dumped)] +++ */
	TD_L_SUPERSEDED, /* +++ superseded by execve of N +++ */
	TD_L_NOTE,	 /* strace: Process N attached|detached ... */
	TD_L_TDIFF,	 /* #tdiff <verb> <rest> */
	TD_L_ERROR,
};

/* Why a line did not parse; TD_E_INCOMPLETE lets the loader try joining
 * the next lines (program output printed inside a write call). */
enum td_perr {
	TD_E_NONE,
	TD_E_SYNTAX,
	TD_E_INCOMPLETE,
};

struct td_line {
	enum td_line_kind kind;
	long pid;	     /* -1 when the line has no pid prefix */
	struct td_span name; /* call, signal, or #tdiff verb */
	struct td_span args; /* call arguments (partial for unfinished/resumed) */
	struct td_span ret;  /* "?", "-1", "0x...", "3</dev/null>" */
	struct td_span err;  /* errno name: ENOENT, ERESTARTSYS ... */
	struct td_span annot;  /* "(flags O_RDONLY)" etc., (INJECTED) excluded */
	struct td_span extra;  /* signal info "{...}", #tdiff rest, note text */
	struct td_span output; /* program output printed inside a write call */
	long status;	       /* exit status, or superseding pid */
	int core;	       /* killed ... (core dumped) */
	int injected;	       /* (INJECTED) or (DELAYED) */
	enum td_perr perr;
	const char *errmsg; /* static reason for TD_L_ERROR */
	size_t errcol;	    /* 0-based column of the problem */
};

/* Parse text[0..n) (no trailing newline; may contain newlines when the
 * loader joined lines).  Always fills *l; returns 0, or -1 for TD_L_ERROR. */
int td_parse_line(const char *text, size_t n, struct td_line *l);

/* Split an argument list at top-level commas: calls fn for each argument
 * (trimmed).  Returns the number of arguments, or -1 when brackets or quotes
 * do not balance. */
int td_split_args(const char *p, size_t n,
		  void (*fn)(void *ctx, int i, const char *a, size_t an), void *ctx);

/* Index of the matching close of the group starting at p[0] (one of
 * ( [ { <), or n when unbalanced; strings and comments inside are skipped. */
size_t td_skip_group(const char *p, size_t n);

int td_span_eq(struct td_span s, const char *lit);

#endif
