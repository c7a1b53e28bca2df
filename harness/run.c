/* run.c: boot one test, classify the result, cut the test's output out of the console. */
#define _GNU_SOURCE
#include "run.h"
#include "testmeta.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *
run_result_name(enum run_result r)
{
	static const char *const names[] = {
		[RUN_OK] = "ok", [RUN_HANG] = "hang", [RUN_PANIC] = "panic",
		[RUN_GARBAGE] = "garbage", [RUN_ERROR] = "error",
	};
	return names[r];
}

/* find_line: the first line of buf that starts with prefix, or NULL. */
static const char *
find_line(const char *buf, size_t len, const char *prefix, const char **last)
{
	size_t plen = strlen(prefix), i = 0;
	const char *first = NULL;

	if (last)
		*last = NULL;
	while (i < len) {
		const char *line = buf + i, *nl = memchr(line, '\n', len - i);
		size_t n = nl ? (size_t)(nl - line) : len - i;

		if (n >= plen && !memcmp(line, prefix, plen)) {
			if (!first)
				first = line;
			if (last)
				*last = line;
		}
		i += n + 1;
	}
	return first;
}

/* copy_rest: the rest of the line at p into out (without the newline). */
static void
copy_rest(const char *p, const char *end, char *out, size_t outlen)
{
	size_t n = 0;

	while (p < end && *p != '\n' && *p != '\r' && n + 1 < outlen)
		out[n++] = *p++;
	out[n] = '\0';
}

void
run_classify(const char *trace, size_t len, const struct run_end *end, struct run_verdict *v)
{
	const char *eot = trace + len, *panic, *exitl;

	memset(v, 0, sizeof(*v));
	snprintf(v->exit_status, sizeof(v->exit_status), "none");
	find_line(trace, len, "#tdiff exit ", &exitl);
	if (exitl)
		copy_rest(exitl + strlen("#tdiff exit "), eot, v->exit_status, sizeof(v->exit_status));
	panic = find_line(trace, len, "#tdiff panic", NULL);

	if (end->spawn_failed) {
		v->result = RUN_ERROR;
		snprintf(v->reason, sizeof(v->reason), "QEMU could not be started (see the .log file)");
	} else if (panic) {
		v->result = RUN_PANIC;
		copy_rest(panic, eot, v->reason, sizeof(v->reason));
	} else if (end->flooded) {
		v->result = RUN_GARBAGE;
		snprintf(v->reason, sizeof(v->reason), "a stream grew past the size limit: QEMU killed");
	} else if (end->timed_out) {
		v->result = RUN_HANG;
		snprintf(v->reason, sizeof(v->reason), "no power-off before the timeout: QEMU killed");
	} else if (!exitl) {
		/* "#tdiff boot" and "#tdiff poweroff" are optional (a kernel
		 * that runs the fixed script of a disk image prints neither):
		 * QEMU ending after the test's exit line is a normal end */
		v->result = RUN_GARBAGE;
		snprintf(v->reason, sizeof(v->reason),
			 "QEMU ended (%s %d) without the #tdiff exit line",
			 WIFSIGNALED(end->wait_status) ? "signal" : "status",
			 WIFSIGNALED(end->wait_status) ? WTERMSIG(end->wait_status)
						       : WEXITSTATUS(end->wait_status));
	} else {
		v->result = RUN_OK;
	}
}

/* find_start: the first "#tdiff start <test>" that ends a line of
 * text[0..len) (anywhere in the line), or NULL */
static const char *
find_start(const char *text, size_t len, const char *test)
{
	char marker[256];
	const char *p, *end = text + len;
	size_t mlen = (size_t)snprintf(marker, sizeof(marker), "#tdiff start %s", test);

	for (p = text; p && p + mlen <= end; p++) {
		p = memchr(p, '#', (size_t)(end - p));
		if (!p || p + mlen > end)
			break;
		if (!memcmp(p, marker, mlen) && (p + mlen == end || p[mlen] == '\r' || p[mlen] == '\n'))
			return p;
	}
	return NULL;
}

void
run_mark_started(const char *console, size_t clen, const char *trace, size_t tlen, const char *test,
		 struct run_verdict *v)
{
	size_t rl = strlen(v->reason);

	v->started = find_start(console, clen, test) || find_start(trace, tlen, test);
	if (!v->started && v->result != RUN_OK && v->result != RUN_ERROR)
		snprintf(v->reason + rl, sizeof(v->reason) - rl, "; the test never started (no '#tdiff start %.60s')",
			 test);
}

char *
run_extract_output(const char *console, size_t len, const char *test, const char *noise,
		   size_t *outlen)
{
	char marker[256];
	const char *start = NULL, *stop = NULL, *p, *end = console + len;
	char *out;
	size_t mlen, n = 0;

	mlen = snprintf(marker, sizeof(marker), "#tdiff start %s", test);
	/* the marker must be a whole line */
	for (p = console; p + mlen <= end; p++) {
		if ((p == console || p[-1] == '\n') && !memcmp(p, marker, mlen) &&
		    (p + mlen == end || p[mlen] == '\r' || p[mlen] == '\n')) {
			start = p + mlen;
			break;
		}
	}
	out = malloc(len + 1);
	if (!start) {
		*outlen = 0;
		out[0] = '\0';
		return out;
	}
	while (start < end && *start == '\r')
		start++;
	if (start < end && *start == '\n')
		start++;
	for (p = start; p + 12 <= end; p++)
		if (!memcmp(p, "#tdiff exit ", 12))
			stop = p;
	if (!stop)
		stop = end;
	for (p = start; p < stop; p++) {
		size_t nl = noise ? strlen(noise) : 0;

		/* at a line start: skip a whole noise line, its \r\n included */
		if (nl && (p == start || p[-1] == '\n') && (size_t)(stop - p) >= nl &&
		    !memcmp(p, noise, nl)) {
			const char *eol = memchr(p, '\n', stop - p);
			p = eol ? eol : stop - 1;
			continue;
		}
		if (*p == '\r' && p + 1 < stop && p[1] == '\n')
			continue;
		out[n++] = *p;
	}
	out[n] = '\0';
	*outlen = n;
	return out;
}

char *
run_noise_lines(const char *console, size_t len, const char *noise, size_t *outlen)
{
	const char *p = console, *end = console + len;
	size_t nl = strlen(noise), n = 0;
	char *out = malloc(len + 2);

	while (p < end) {
		const char *eol = memchr(p, '\n', end - p), *q;

		if (!eol)
			eol = end;
		if ((size_t)(eol - p) >= nl && !memcmp(p, noise, nl)) {
			for (q = p; q < eol; q++)
				if (*q != '\r')
					out[n++] = *q;
			out[n++] = '\n';
		}
		p = eol + 1;
	}
	out[n] = '\0';
	*outlen = n;
	return out;
}

/* addf: append a formatted piece to buf (size len) at *n, cut when full. */
static void
addf(char *buf, size_t len, size_t *n, const char *fmt, ...)
{
	va_list ap;

	if (*n >= len)
		return;
	va_start(ap, fmt);
	*n += vsnprintf(buf + *n, len - *n, fmt, ap);
	va_end(ap);
}

int
run_meta_check(const struct testmeta *m, const char *exit_status, const char *out,
	       size_t outlen, char *why, size_t whylen)
{
	char want[64];
	size_t n = 0;
	int i;

	why[0] = '\0';
	snprintf(want, sizeof(want), "exited %d", m->exit_code);
	if (strcmp(exit_status, want))
		addf(why, whylen, &n, "exit '%s', not '%s'", exit_status, want);
	for (i = 0; i < m->n_expect; i++)
		if (!memmem(out, outlen, m->expect[i], strlen(m->expect[i])))
			addf(why, whylen, &n, "%smissing '%s'", n ? ", " : "", m->expect[i]);
	return why[0] ? -1 : 0;
}

double
run_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
run_start(struct run_job *j, char *const argv[], double timeout_s)
{
	int fd, p[2], err = 0, st;

	memset(&j->end, 0, sizeof(j->end));
	j->done = 0;
	j->cscanned = 0;
	j->last_mark = -1;
	j->starts = 0;
	j->exited = 0;
	j->quiet_size = -1;
	j->t_start = run_now();
	j->deadline = j->t_start + timeout_s;
	/* The child reports a failed exec through a close-on-exec pipe. */
	if (pipe2(p, O_CLOEXEC) < 0) {
		j->end.spawn_failed = 1;
		j->done = 1;
		return -1;
	}
	j->pid = fork();
	if (j->pid < 0) {
		close(p[0]);
		close(p[1]);
		j->end.spawn_failed = 1;
		j->done = 1;
		return -1;
	}
	if (j->pid == 0) {
		close(p[0]);
		setpgid(0, 0);
		fd = open("/dev/null", O_RDONLY);
		if (fd >= 0)
			dup2(fd, 0);
		fd = open(j->log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[0], argv);
		err = errno;
		fprintf(stderr, "harness: exec %s: %s\n", argv[0], strerror(err));
		(void)!write(p[1], &err, sizeof(err));
		_exit(127);
	}
	setpgid(j->pid, j->pid);	/* both sides, so no race with kill below */
	close(p[1]);
	if (read(p[0], &err, sizeof(err)) == sizeof(err)) {
		close(p[0]);
		while (waitpid(j->pid, &st, 0) < 0 && errno == EINTR)
			;
		j->end.spawn_failed = 1;
		j->end.wait_status = st;
		j->done = 1;
		return -1;
	}
	close(p[0]);
	return 0;
}

static long
file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_size : 0;
}

int
run_path_inside(const char *dir, const char *path)
{
	size_t n = strlen(dir);
	const char *p;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (strncmp(path, dir, n) || path[n] != '/')
		return 0;
	for (p = path + n; *p; p++) {
		if (p[0] != '/')
			continue;
		if (p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
			return 0;
		if (p[1] == '.' && p[2] == '.' && (p[3] == '/' || p[3] == '\0'))
			return 0;
	}
	return 1;
}

/* parent_of: the parent pid of pid from /proc/<pid>/stat, or -1. */
static pid_t
parent_of(pid_t pid)
{
	char path[64], buf[512], *rp;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	rp = strrchr(buf, ')');	/* the command may hold blanks and parentheses */
	if (!rp || strlen(rp) < 4)
		return -1;
	return (pid_t)strtol(rp + 4, NULL, 10);
}

/* reap_round: one pass over /proc; kills and reaps strays; how many. */
static int
reap_round(const pid_t *keep, int n)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t me = getpid(), pid;
	int count = 0, i, st;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		pid = (pid_t)atoi(e->d_name);
		if (parent_of(pid) != me)
			continue;
		for (i = 0; i < n && keep[i] != pid; i++)
			;
		if (i < n)
			continue;
		kill(pid, SIGKILL);
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		count++;
	}
	closedir(d);
	return count;
}

int
run_reap_strays(const pid_t *keep, int n)
{
	int total = 0, k, round;

	/* a killed stray's own children come to us next: go until none is left */
	for (round = 0; round < 64 && (k = reap_round(keep, n)) > 0; round++)
		total += k;
	return total;
}

int
run_trace_panicked(struct run_job *j)
{
	static const char line_pat[] = "\n#tdiff panic";	/* at a line's start, as run_classify */
	const char *pat = j->console_trace ? line_pat + 1 : line_pat;
	char buf[65536 + sizeof(line_pat)];
	int fd = open(j->console_trace ? j->console_path : j->trace_path, O_RDONLY | O_CLOEXEC);
	int found = 0;
	size_t plen = strlen(pat);
	ssize_t n;
	long from;

	if (fd < 0)
		return 0;
	/* read again the last bytes before the mark: a line cut by the last read */
	from = j->scanned > (long)sizeof(line_pat) ? j->scanned - (long)sizeof(line_pat) : 0;
	while (!found && (n = pread(fd, buf, sizeof(buf) - 1, from)) > 0) {
		found = memmem(buf, n, pat, plen) != NULL;
		j->scanned = from + n;
		if (n < (ssize_t)sizeof(buf) - 1)
			break;	/* the end of what is written so far */
		from += n - (ssize_t)sizeof(line_pat);
	}
	close(fd);
	return found;
}

void
run_kill(struct run_job *j)
{
	int st;

	if (j->done || j->pid <= 0)
		return;
	kill(-j->pid, SIGKILL);
	kill(j->pid, SIGKILL);
	while (waitpid(j->pid, &st, 0) < 0 && errno == EINTR)
		;
	j->end.wait_status = st;
	j->done = 1;
}

/* scan_markers: read the console past j->cscanned; j->exited becomes 1 at
 * a "#tdiff exit " and 0 at a "#tdiff start " (a batch's next test), in
 * their order (anywhere in a line: a logger may decorate it).  Each start
 * is counted once (the reads overlap); in a batch it gives its test its own
 * deadline. */
static void
scan_markers(struct run_job *j)
{
	enum { OVERLAP = 16 };
	char buf[65536];
	int fd = open(j->console_path, O_RDONLY | O_CLOEXEC);
	long from;
	ssize_t n;

	if (fd < 0)
		return;
	from = j->cscanned > OVERLAP ? j->cscanned - OVERLAP : 0;
	while ((n = pread(fd, buf, sizeof(buf), from)) > 0) {
		for (const char *p = buf, *e = buf + n; (p = memmem(p, (size_t)(e - p), "#tdiff ", 7)); p += 7) {
			long at = from + (p - buf);

			if (e - p >= 12 && !memcmp(p + 7, "exit ", 5)) {
				j->exited = 1;
			} else if (e - p >= 13 && !memcmp(p + 7, "start ", 6)) {
				j->exited = 0;
				if (at <= j->last_mark)
					continue;
				j->last_mark = at;
				if (j->batch > 1 && j->starts < j->batch) {
					j->started_at[j->starts] = run_now();
					j->deadline = run_now() + j->timeouts[j->starts];
				}
				j->starts++;
			}
		}
		j->cscanned = from + n;
		if (n < (ssize_t)sizeof(buf))
			break;
		from += n - OVERLAP;
	}
	close(fd);
}

/* line_start: the start of the line that holds text[at]. */
static size_t
line_start(const char *text, size_t at)
{
	while (at > 0 && text[at - 1] != '\n')
		at--;
	return at;
}

int
run_batch_cut(const char *text, size_t len, char *const names[], int n, size_t *cut)
{
	size_t pos = 0, prev = 0;
	int k;

	for (k = 0; k < n; k++)
		cut[k] = len;
	for (k = 0; k < n; k++) {
		const char *found = find_start(text + pos, len - pos, names[k]);

		if (!found)
			return k;
		size_t ls = line_start(text, (size_t)(found - text));

		cut[k] = k ? ls : 0;
		if (k) {
			/* the last "#tdiff poweroff" line since test k-1's start */
			const char *q = text + prev, *last = NULL;

			while (q < text + ls && (q = memmem(q, (size_t)(text + ls - q), "#tdiff poweroff", 15))) {
				last = q;
				q += 15;
			}
			if (last) {
				const char *nl = memchr(last, '\n', (size_t)(text + ls - last));
				cut[k] = nl ? (size_t)(nl + 1 - text) : ls;
			}
		}
		prev = ls;
		pos = (size_t)(found - text) + strlen("#tdiff start ") + strlen(names[k]);
	}
	return n;
}

int
run_poll(struct run_job *j)
{
	int st;
	pid_t r;

	if (j->done)
		return 1;
	r = waitpid(j->pid, &st, WNOHANG);
	if (r == j->pid) {
		j->end.wait_status = st;
		kill(-j->pid, SIGKILL);	/* anything QEMU left behind */
		if (j->batch > 1)
			scan_markers(j);	/* the starts since the last poll */
		j->done = 1;
		return 1;
	}
	if (!j->panic_at && run_trace_panicked(j))
		j->panic_at = run_now();
	if (j->panic_at && run_now() >= j->panic_at + RUN_PANIC_GRACE) {
		/* a panic that keeps the machine running: its report is in */
		j->end.panicked = 1;
		run_kill(j);
		return 1;
	}
	if (j->batch > 1 || j->exit_grace > 0)
		scan_markers(j);
	/* in a batch, only after the last test's exit: a warm restart may
	 * be quiet a while before the next start */
	if (j->exit_grace > 0 && j->exited && (j->batch <= 1 || j->starts >= j->batch)) {
		/* the test is over: a kernel that does not power off is
		 * stopped once its streams have been quiet exit_grace s */
		long sz = file_size(j->console_path) + file_size(j->trace_path);

		if (sz != j->quiet_size) {
			j->quiet_size = sz;
			j->quiet_since = run_now();
		} else if (run_now() >= j->quiet_since + j->exit_grace) {
			j->end.after_exit = 1;
			run_kill(j);
			return 1;
		}
	}
	if (run_now() >= j->deadline) {
		j->end.timed_out = 1;
		run_kill(j);
		return 1;
	}
	if (j->max_bytes > 0 &&
	    (file_size(j->trace_path) > j->max_bytes || file_size(j->console_path) > j->max_bytes ||
	     file_size(j->log_path) > j->max_bytes)) {
		j->end.flooded = 1;
		run_kill(j);
		return 1;
	}
	return 0;
}
