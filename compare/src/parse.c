/* parse.c: the strace 6.1 line grammar.
 *
 *   [pid N] | N   optional pid prefix (strace -f to stderr / to a file)
 *   [time]        optional -t/-tt/-ttt/-r timestamp (dropped)
 *   name(args) = ret [ERRNO (text)] [(annotation)]... [<duration>]
 *   name(args <unfinished ...>
 *   <... name resumed>rest-of-args) = ret ...
 *   --- SIGNAME {siginfo} ---       --- stopped by SIGSTOP ---
 *   +++ exited with N +++           +++ killed by SIGX [(core dumped)] +++
 *   +++ superseded by execve of N +++
 *   strace: Process N attached      (notes strace mixes into the log)
 *   #tdiff verb rest                (kernel events, see harness/PROTOCOL.md)
 */
#include "parse.h"

#include <string.h>

#define MAX_DEPTH 128 /* brackets nested deeper are a parse error that says so */
#define DEEP_MSG "brackets nested deeper than 128 levels"

int
td_span_eq(struct td_span s, const char *lit)
{
	size_t n = strlen(lit);

	return s.n == n && memcmp(s.p, lit, n) == 0;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
}

/* skip_spaces: strace pads " = ret" to a column: runs of blanks are
 * skipped eight bytes a step first. */
static size_t
skip_spaces(const char *p, size_t n, size_t i)
{
	uint64_t w;

	while (n - i >= 8 && (memcpy(&w, p + i, 8), w == 0x2020202020202020ULL))
		i += 8;
	while (i < n && is_space(p[i]))
		i++;
	return i;
}

static int
starts(const char *p, size_t n, size_t i, const char *lit)
{
	size_t k = strlen(lit);

	return n - i >= k && memcmp(p + i, lit, k) == 0;
}

static int
ends_with(const char *p, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	return n >= k && memcmp(p + n - k, lit, k) == 0;
}

/* special: the bytes the scanners stop at; the rest is skipped in a tight
 * loop (most of a trace is plain text). */
static const unsigned char special[256] = {
	['"'] = 1, ['/'] = 1, ['('] = 1, ['['] = 1, ['{'] = 1, ['<'] = 1,
	[')'] = 1, [']'] = 1, ['}'] = 1, ['>'] = 1, [','] = 1, ['\\'] = 2,
};

/* strstop: the bytes that end a run inside a string */
static const unsigned char strstop[256] = {['"'] = 1, ['\\'] = 1};

/* skip_string: p[i] is '"'; returns the index after the closing quote and
 * after a "..." truncation mark, or n when the string never closes. */
static size_t
skip_string(const char *p, size_t n, size_t i)
{
	for (i++; i < n; i++) {
		while (n - i >= 4 && !(strstop[(unsigned char)p[i]] | strstop[(unsigned char)p[i + 1]] |
				       strstop[(unsigned char)p[i + 2]] | strstop[(unsigned char)p[i + 3]]))
			i += 4;
		while (i < n && p[i] != '"' && p[i] != '\\')
			i++;
		if (i >= n)
			break;
		if (p[i] == '\\') {
			i++;
			continue;
		}
		if (p[i] == '"') {
			i++;
			if (starts(p, n, i, "..."))
				i += 3;
			return i;
		}
	}
	return n;
}

static size_t
skip_comment(const char *p, size_t n, size_t i)
{
	for (i += 2; i + 1 < n; i++)
		if (p[i] == '*' && p[i + 1] == '/')
			return i + 2;
	return n;
}

/* scan: walk from i over balanced groups, strings and comments; stop at a
 * top-level ',' (when stop_comma) or ')' and return its index, or n at the
 * end of text.  *bad is 1 on a closer that does not match its opener, 2
 * when the text ends inside a group, 3 on groups nested deeper than
 * MAX_DEPTH (the index is that of the opener too many). */
static size_t
scan(const char *p, size_t n, size_t i, int stop_comma, int *bad)
{
	char stack[MAX_DEPTH];
	int d = 0;

	*bad = 0;
	while (i < n) {
		char c;

		while (n - i >= 4 && !(special[(unsigned char)p[i]] | special[(unsigned char)p[i + 1]] |
				       special[(unsigned char)p[i + 2]] | special[(unsigned char)p[i + 3]]))
			i += 4;
		while (i < n && !special[(unsigned char)p[i]])
			i++;
		if (i >= n)
			break;
		c = p[i];
		if (c == '"') {
			i = skip_string(p, n, i);
			continue;
		}
		if (c == '/' && i + 1 < n && p[i + 1] == '*') {
			i = skip_comment(p, n, i);
			continue;
		}
		if (c == '(' || c == '[' || c == '{' || c == '<') {
			if (d == MAX_DEPTH) {
				*bad = 3;
				return i;
			}
			stack[d++] = c;
			i++;
			continue;
		}
		if (c == ')' || c == ']' || c == '}' || c == '>') {
			char want = c == ')' ? '(' : c == ']' ? '[' : c == '}' ? '{' : '<';

			if (d > 0 && stack[d - 1] == want) {
				d--;
			} else if (c == '>') {
				/* "=>" and "->" are not closers */
			} else if (d == 0 && c == ')') {
				return i;
			} else {
				*bad = 1;
				return i;
			}
			i++;
			continue;
		}
		if (c == ',' && d == 0 && stop_comma)
			return i;
		i++;
	}
	if (d > 0)
		*bad = 2; /* the text ended inside a group */
	return n;
}

size_t
td_skip_group(const char *p, size_t n)
{
	char stack[MAX_DEPTH];
	char close;
	int d = 1;

	if (n == 0 || !(p[0] == '(' || p[0] == '[' || p[0] == '{' || p[0] == '<'))
		return n;
	close = p[0] == '(' ? ')' : p[0] == '[' ? ']' : p[0] == '{' ? '}' : '>';
	stack[0] = p[0];
	for (size_t i = 1; i < n;) {
		char c = p[i];

		if (c == '"') {
			i = skip_string(p, n, i);
			continue;
		}
		if (c == '/' && i + 1 < n && p[i + 1] == '*') {
			i = skip_comment(p, n, i);
			continue;
		}
		if (c == '(' || c == '[' || c == '{' || c == '<') {
			if (d == MAX_DEPTH)
				return n;
			stack[d++] = c;
		} else if (c == ')' || c == ']' || c == '}' || c == '>') {
			char want = c == ')' ? '(' : c == ']' ? '[' : c == '}' ? '{' : '<';

			if (stack[d - 1] == want) {
				if (--d == 0)
					return c == close ? i : n;
			} else if (c != '>') {
				return n;
			}
		}
		i++;
	}
	return n;
}

int
td_split_args(const char *p, size_t n,
	      void (*fn)(void *ctx, int i, const char *a, size_t an), void *ctx)
{
	size_t i = skip_spaces(p, n, 0);
	int k = 0, bad;

	if (i == n)
		return 0;
	for (;;) {
		size_t j = scan(p, n, i, 1, &bad), e = j;

		if (bad || (j < n && p[j] != ','))
			return -1;
		while (e > i && (is_space(p[e - 1]) || p[e - 1] == '\n'))
			e--;
		if (fn)
			fn(ctx, k, p + i, e - i);
		k++;
		if (j >= n)
			return k;
		i = skip_spaces(p, n, j + 1);
	}
}

static int
fail(struct td_line *l, enum td_perr e, const char *msg, size_t col)
{
	l->kind = TD_L_ERROR;
	l->perr = e;
	l->errmsg = msg;
	l->errcol = col;
	return -1;
}

/* parse_tail: " = ret [ERRNO (text)] [(annot)]... [<time>]" from i to n.
 * Returns 0 when it consumes everything, else -1 with *col at the problem. */
static int
parse_tail(const char *p, size_t n, size_t i, struct td_line *l, size_t *col)
{
	size_t s;

	i = skip_spaces(p, n, i);
	if (i >= n || p[i] != '=') {
		*col = i;
		return -1;
	}
	i = skip_spaces(p, n, i + 1);
	s = i;
	if (i < n && p[i] == '?') {
		i++;
	} else {
		size_t d0;

		if (i < n && p[i] == '-')
			i++;
		while (i < n && (is_digit(p[i]) || p[i] == 'x' || (p[i] >= 'a' && p[i] <= 'f') ||
				 (p[i] >= 'A' && p[i] <= 'F')))
			i++;
		d0 = s + (s < n && p[s] == '-'); /* first digit */
		if (i <= d0 || !is_digit(p[d0])) {
			*col = s;
			return -1;
		}
		if (i < n && p[i] == '<') { /* -y: 3</dev/null> */
			size_t g = td_skip_group(p + i, n - i);

			if (g >= n - i) {
				*col = i;
				return -1;
			}
			i += g + 1;
		}
	}
	l->ret.p = p + s;
	l->ret.n = i - s;
	i = skip_spaces(p, n, i);
	if (i < n && p[i] >= 'A' && p[i] <= 'Z') {
		s = i;
		while (i < n && (is_ident(p[i])))
			i++;
		l->err.p = p + s;
		l->err.n = i - s;
		i = skip_spaces(p, n, i);
		if (i < n && p[i] == '(') {
			size_t g = td_skip_group(p + i, n - i);

			if (g >= n - i) {
				*col = i;
				return -1;
			}
			i += g + 1;
		}
	}
	for (;;) {
		i = skip_spaces(p, n, i);
		if (i < n && (p[i] == '(' || p[i] == '<')) {
			size_t g = td_skip_group(p + i, n - i);

			if (g >= n - i) {
				*col = i;
				return -1;
			}
			if (p[i] == '<') {
				/* -T duration */
			} else if (g + 1 == 10 && (starts(p, n, i, "(INJECTED)"))) {
				l->injected = 1;
			} else if (g + 1 == 9 && starts(p, n, i, "(DELAYED)")) {
				l->injected = 1;
			} else {
				if (!l->annot.p)
					l->annot.p = p + i;
				l->annot.n = (size_t)(p + i + g + 1 - l->annot.p);
			}
			i += g + 1;
			continue;
		}
		break;
	}
	if (i != n) {
		*col = i;
		return -1;
	}
	return 0;
}

/* output_nargs: calls whose last counted argument can be followed by the
 * program's own output when strace and the program share a terminal. */
static int
output_nargs(struct td_span name)
{
	if (td_span_eq(name, "write") || td_span_eq(name, "writev"))
		return 3;
	if (td_span_eq(name, "pwrite64") || td_span_eq(name, "pwritev"))
		return 4;
	return 0;
}

/* parse_output_call: write(fd, "x", 1<program output>) = 1.  Returns 0 when
 * the line has that shape (output possibly empty), -1 otherwise. */
static int
parse_output_call(const char *p, size_t n, size_t a, struct td_line *l, int nargs)
{
	size_t i = a, col, j;
	int bad;

	for (int k = 0; k < nargs - 1; k++) {
		i = scan(p, n, i, 1, &bad);
		if (bad || i >= n || p[i] != ',')
			return -1;
		i = skip_spaces(p, n, i + 1);
	}
	if (i >= n || !is_digit(p[i]))
		return -1;
	if (n - i > 2 && p[i] == '0' && p[i + 1] == 'x') {
		/* strace -X raw prints the count in hex (a count of 0 has no
		 * output that could start with 'x') */
		for (i += 2; i < n && (is_digit(p[i]) || (p[i] >= 'a' && p[i] <= 'f'));)
			i++;
	} else {
		while (i < n && is_digit(p[i]))
			i++;
	}
	for (j = n; j-- > i;) {
		struct td_line t = *l;

		if (p[j] != ')')
			continue;
		if (parse_tail(p, n, j + 1, &t, &col) == 0) {
			*l = t;
			l->args.p = p + a;
			l->args.n = i - a;
			l->output.p = p + i;
			l->output.n = j - i;
			l->kind = TD_L_CALL;
			return 0;
		}
	}
	return -1;
}

/* parse_call: "name(" already seen at a; parses args and the tail. */
static int
parse_call(const char *p, size_t n, size_t a, struct td_line *l)
{
	size_t j, col;
	int bad;

	if (ends_with(p, n, "<unfinished ...>")) {
		size_t e = n - strlen("<unfinished ...>");

		while (e > a && is_space(p[e - 1]))
			e--;
		l->kind = TD_L_UNFINISHED;
		l->args.p = p + a;
		l->args.n = e - a;
		return 0;
	}
	if (output_nargs(l->name) && parse_output_call(p, n, a, l, output_nargs(l->name)) == 0)
		return 0;
	j = scan(p, n, a, 0, &bad);
	if (bad == 3)
		return fail(l, TD_E_SYNTAX, DEEP_MSG, j);
	if (bad == 1)
		return fail(l, TD_E_SYNTAX, "unbalanced brackets in the argument list", j);
	if (j >= n)
		return fail(l, TD_E_INCOMPLETE, "line ends inside the argument list", n);
	l->args.p = p + a;
	l->args.n = j - a;
	if (parse_tail(p, n, j + 1, l, &col) < 0)
		return fail(l, TD_E_SYNTAX, "expected ' = <return value>' after the arguments", col);
	l->kind = TD_L_CALL;
	return 0;
}

static int
parse_resumed(const char *p, size_t n, size_t i, struct td_line *l)
{
	size_t s, j, col;
	int bad;

	i = skip_spaces(p, n, i + 4);
	s = i;
	while (i < n && (is_ident(p[i]) || p[i] == '?'))
		i++;
	l->name.p = p + s;
	l->name.n = i - s;
	if (i == s || !starts(p, n, i, " resumed>"))
		return fail(l, TD_E_SYNTAX, "expected '<... NAME resumed>'", i);
	i += strlen(" resumed>");
	j = scan(p, n, i, 0, &bad);
	if (bad == 3)
		return fail(l, TD_E_SYNTAX, DEEP_MSG, j);
	if (bad == 1)
		return fail(l, TD_E_SYNTAX, "unbalanced brackets in the resumed arguments", j);
	if (j >= n)
		return fail(l, TD_E_INCOMPLETE, "line ends inside the resumed arguments", n);
	l->args.p = p + i;
	l->args.n = j - i;
	if (parse_tail(p, n, j + 1, l, &col) < 0)
		return fail(l, TD_E_SYNTAX, "expected ' = <return value>' after the arguments", col);
	l->kind = TD_L_RESUMED;
	return 0;
}

static int
parse_signal(const char *p, size_t n, size_t i, struct td_line *l)
{
	size_t e = n, s;

	if (!ends_with(p, n, " ---"))
		return fail(l, TD_E_SYNTAX, "signal line does not end with ' ---'", n);
	e -= 4;
	i = skip_spaces(p, e, i + 4);
	if (starts(p, e, i, "stopped by ")) {
		l->extra.p = p + i;
		l->extra.n = strlen("stopped");
		i += strlen("stopped by ");
	}
	s = i;
	while (i < e && is_ident(p[i]))
		i++;
	if (i - s < 4 || memcmp(p + s, "SIG", 3) != 0)
		return fail(l, TD_E_SYNTAX, "expected a signal name after '---'", s);
	l->name.p = p + s;
	l->name.n = i - s;
	i = skip_spaces(p, e, i);
	if (i < e) {
		if (l->extra.p || p[i] != '{' || td_skip_group(p + i, e - i) != e - i - 1)
			return fail(l, TD_E_SYNTAX, "expected '{siginfo}' after the signal name", i);
		l->extra.p = p + i;
		l->extra.n = e - i;
	}
	l->kind = TD_L_SIGNAL;
	return 0;
}

static int
parse_number(const char *p, size_t n, size_t *i, long *v)
{
	size_t s = *i, j = *i;
	long x = 0;
	int neg = 0;

	if (j < n && p[j] == '-') {
		neg = 1;
		j++;
	}
	while (j < n && is_digit(p[j]) && x < 100000000000L)
		x = x * 10 + (p[j++] - '0');
	*i = j;
	if (j == s + (size_t)neg || (j < n && is_digit(p[j])))
		return -1;
	*v = neg ? -x : x;
	return 0;
}

static int
parse_exit(const char *p, size_t n, size_t i, struct td_line *l)
{
	size_t e = n, s;

	if (!ends_with(p, n, " +++"))
		return fail(l, TD_E_SYNTAX, "exit line does not end with ' +++'", n);
	e -= 4;
	i = skip_spaces(p, e, i + 4);
	if (starts(p, e, i, "exited with ")) {
		i += strlen("exited with ");
		if (parse_number(p, e, &i, &l->status) < 0 || skip_spaces(p, e, i) != e)
			return fail(l, TD_E_SYNTAX, "expected the exit status after 'exited with'", i);
		l->kind = TD_L_EXITED;
		return 0;
	}
	if (starts(p, e, i, "killed by ")) {
		i += strlen("killed by ");
		s = i;
		while (i < e && is_ident(p[i]))
			i++;
		if (i - s < 4 || memcmp(p + s, "SIG", 3) != 0)
			return fail(l, TD_E_SYNTAX, "expected a signal name after 'killed by'", s);
		l->name.p = p + s;
		l->name.n = i - s;
		i = skip_spaces(p, e, i);
		if (starts(p, e, i, "(core dumped)")) {
			l->core = 1;
			i += strlen("(core dumped)");
		}
		if (skip_spaces(p, e, i) != e)
			return fail(l, TD_E_SYNTAX, "unexpected text after the signal name", i);
		l->kind = TD_L_KILLED;
		return 0;
	}
	if (starts(p, e, i, "superseded by execve of ")) {
		i += strlen("superseded by execve of ");
		if (parse_number(p, e, &i, &l->status) < 0 || skip_spaces(p, e, i) != e)
			return fail(l, TD_E_SYNTAX, "expected a pid after 'superseded by execve of'", i);
		l->kind = TD_L_SUPERSEDED;
		return 0;
	}
	return fail(l, TD_E_SYNTAX, "unknown '+++' record", i);
}

static int
parse_tdiff(const char *p, size_t n, size_t i, struct td_line *l)
{
	static const char *const verbs[] = {"boot", "start", "fault", "panic", "bt", "exit", "poweroff"};
	size_t s;

	i = skip_spaces(p, n, i + strlen("#tdiff"));
	s = i;
	while (i < n && is_ident(p[i]))
		i++;
	l->name.p = p + s;
	l->name.n = i - s;
	for (size_t k = 0; k < sizeof(verbs) / sizeof(verbs[0]); k++) {
		if (td_span_eq(l->name, verbs[k])) {
			size_t e = n;

			i = skip_spaces(p, n, i);
			while (e > i && is_space(p[e - 1]))
				e--;
			l->extra.p = p + i;
			l->extra.n = e - i;
			l->kind = TD_L_TDIFF;
			return 0;
		}
	}
	return fail(l, TD_E_SYNTAX, "unknown #tdiff event (boot start fault panic bt exit poweroff)", s);
}

/* parse_prefix: "[pid N] " or "N " and an optional timestamp; returns the
 * index of the record body. */
static size_t
parse_prefix(const char *p, size_t n, struct td_line *l)
{
	size_t i = skip_spaces(p, n, 0), s;
	long v;

	if (starts(p, n, i, "[pid")) {
		size_t k = skip_spaces(p, n, i + 4);

		if (parse_number(p, n, &k, &v) == 0 && k < n && p[k] == ']') {
			l->pid = v;
			i = skip_spaces(p, n, k + 1);
		}
	} else if (i < n && is_digit(p[i])) {
		size_t k = i;

		if (parse_number(p, n, &k, &v) == 0 && k < n && is_space(p[k])) {
			l->pid = v;
			i = skip_spaces(p, n, k);
		}
	}
	/* timestamp: digits with ':' or '.' followed by a space */
	s = i;
	while (i < n && (is_digit(p[i]) || p[i] == ':' || p[i] == '.'))
		i++;
	if (i > s && i < n && is_space(p[i]) && memchr(p + s, ':', i - s) == NULL &&
	    memchr(p + s, '.', i - s) == NULL)
		return s; /* a bare number: not a timestamp */
	if (i > s && i < n && is_space(p[i]))
		return skip_spaces(p, n, i);
	return s;
}

int
td_parse_line(const char *p, size_t n, struct td_line *l)
{
	size_t i, s;

	memset(l, 0, sizeof(*l));
	l->pid = -1;
	while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (starts(p, n, 0, "#tdiff"))
		return parse_tdiff(p, n, 0, l);
	i = parse_prefix(p, n, l);
	if (i >= n) {
		if (l->pid >= 0)
			return fail(l, TD_E_SYNTAX, "pid without a record", i);
		l->kind = TD_L_BLANK;
		return 0;
	}
	if (starts(p, n, i, "--- "))
		return parse_signal(p, n, i, l);
	if (starts(p, n, i, "+++ "))
		return parse_exit(p, n, i, l);
	if (starts(p, n, i, "<... "))
		return parse_resumed(p, n, i, l);
	if (starts(p, n, i, "strace: ")) {
		l->kind = TD_L_NOTE;
		l->extra.p = p + i;
		l->extra.n = n - i;
		return 0;
	}
	s = i;
	if (starts(p, n, i, "???"))
		i += 3;
	else
		while (i < n && is_ident(p[i]))
			i++;
	if (i == s || i >= n || p[i] != '(' || is_digit(p[s]))
		return fail(l, TD_E_SYNTAX,
			    "not a strace record: expected 'name(', '<... name resumed>', '---' or '+++'", s);
	l->name.p = p + s;
	l->name.n = i - s;
	return parse_call(p, n, i + 1, l);
}
