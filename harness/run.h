/*
 * run.h: one boot of a target on one test, and what it produced.
 *
 * The harness starts QEMU from the target's template, with the console and
 * the trace channel going to two files, waits for it with a timeout, kills
 * its whole process group whatever happens, and turns the two streams into
 * the run files <test>.{trace,out,meta} (harness/PROTOCOL.md).
 */
#ifndef RUN_H
#define RUN_H

#include <stddef.h>
#include <sys/types.h>

enum run_result {
	RUN_OK,		/* powered off after the test ended */
	RUN_HANG,	/* still running at the timeout: killed */
	RUN_PANIC,	/* the kernel reported a panic */
	RUN_GARBAGE,	/* ended without the protocol's lines, or flooded the channel */
	RUN_ERROR,	/* QEMU could not be started */
};

const char *run_result_name(enum run_result r);

struct run_verdict {
	enum run_result result;
	char exit_status[64];	/* "exited 0", "killed SIGSEGV", or "none" */
	char reason[256];	/* for anything but RUN_OK */
	int started;		/* "#tdiff start <test>" seen (run_mark_started) */
	int batch;		/* how many tests its boot ran (0 or 1: it booted alone) */
};

/* How QEMU ended, as the runner saw it. */
struct run_end {
	int timed_out;		/* killed at the timeout */
	int flooded;		/* killed: a stream grew past the size limit */
	int spawn_failed;	/* exec of QEMU failed */
	int panicked;		/* killed soon after a #tdiff panic line */
	int after_exit;		/* killed when quiet exit_grace s after the test's exit line */
	int wait_status;	/* waitpid status of QEMU otherwise */
};

/*
 * run_classify: decide the verdict from the trace stream and how QEMU
 * ended.  A panic line wins over a hang; a run is OK only with the
 * `#tdiff exit` and `#tdiff poweroff` lines.
 */
void run_classify(const char *trace, size_t len, const struct run_end *end, struct run_verdict *v);

/* run_mark_started: set v->started when "#tdiff start <test>" ends a line of
 * the console or of the trace (anywhere in the line: an ftrace marker line
 * carries it after its prefix); call it after run_classify.  A run that did
 * not end well and never started says so in v->reason: what it printed was
 * the kernel's boot, not the test. */
void run_mark_started(const char *console, size_t clen, const char *trace, size_t tlen, const char *test,
		      struct run_verdict *v);

/*
 * run_extract_output: the test's output from the console stream, between
 * `#tdiff start <test>` and the last `#tdiff exit `, with \r\n turned into
 * \n.  Without a start marker the output is empty.  Whole lines starting
 * with `noise` (when not NULL) are left out: a tracer's own warnings on the
 * console it shares with the test.  Returns a malloc'd buffer and its length
 * in *outlen.
 */
char *run_extract_output(const char *console, size_t len, const char *test, const char *noise,
			 size_t *outlen);

/*
 * run_noise_lines: the console's whole lines that start with `noise` (the
 * ones run_extract_output leaves out), \r dropped, each ending in \n; kept
 * apart in <test>.noise.  Returns a malloc'd buffer and its length in *outlen.
 */
char *run_noise_lines(const char *console, size_t len, const char *noise, size_t *outlen);

struct testmeta;

/*
 * run_meta_check: whether a run did what its testcase's metadata says: it
 * ended `exited <@exit>` and its output contains every @expect line.
 * Returns 0, or -1 with what differs in why ("exit 'exited 1', missing
 * 'x'").
 */
int run_meta_check(const struct testmeta *m, const char *exit_status, const char *out,
		   size_t outlen, char *why, size_t whylen);

/* A running boot. */
struct run_job {
	const char *test;
	char trace_path[4096], console_path[4096], log_path[4096];
	pid_t pid;
	double t_start, deadline;
	long max_bytes;		/* cap of the trace, the console and the log */
	struct run_end end;
	int done;
	char disk_path[4096];	/* the test's copy of the disk image, or "" */
	int console_trace;	/* the trace comes on the console (trace: console) */
	long scanned;		/* how far the trace was searched for a panic */
	double panic_at;	/* when a panic line was seen, or 0 */
	double exit_grace;	/* > 0: stop a machine that runs on, quiet, this long
				 * after the test's exit line (target's exit-grace) */
	long cscanned;		/* how far the console was searched for markers */
	long last_mark;		/* where the last marker counted begins (-1: none yet) */
	int exited;		/* the console's last marker is "#tdiff exit " */
	int batch;		/* how many tests this boot runs (0 or 1: one) */
	const double *timeouts;	/* batch > 1: each test's timeout, counted from its start */
	double *started_at;	/* batch > 1: when each test's start marker was seen */
	int starts;		/* "#tdiff start " markers seen on the console */
	int batch_pos;		/* a test cut out of a batch boot: its place there, from 1 */
	long quiet_size;	/* console + trace bytes when last seen growing */
	double quiet_since;
};

/*
 * run_batch_cut: where each test's part of a batch boot's stream (trace or
 * console) begins.  Part k begins at the line of test k's "#tdiff start
 * NAME" (NAME ending the line, as has_start wants it), or earlier: right
 * after the last "#tdiff poweroff" line between test k-1's start and it, so
 * that the "#tdiff boot" line of a warm restart belongs to the test it
 * boots.  cut[0] is 0.  Returns how many tests' starts were found, in
 * order; cut[k] is len for each test after them.
 */
int run_batch_cut(const char *text, size_t len, char *const names[], int n, size_t *cut);

/* How long a panicking machine may go on printing its report. */
#define RUN_PANIC_GRACE 1.0

/*
 * run_path_inside: whether path lies under dir: it starts with dir and a
 * '/', and no component after that is "." or "..".
 */
int run_path_inside(const char *dir, const char *path);

/*
 * run_reap_strays: kill and reap every child of this process (with
 * PR_SET_CHILD_SUBREAPER, every orphaned descendant too, setsid or not)
 * whose pid is not among keep[0..n).  Returns how many it reaped.
 */
int run_reap_strays(const pid_t *keep, int n);

/* run_start: spawn argv in its own process group; stdout/stderr to log_path. */
int run_start(struct run_job *j, char *const argv[], double timeout_s);

/*
 * run_poll: non-blocking check of a job: reaps it, or kills its process
 * group at the deadline or when a stream passes max_bytes.  Returns 1 when
 * the job is done.
 */
int run_poll(struct run_job *j);

/*
 * run_trace_panicked: whether the trace of j has gained a `#tdiff panic`
 * line since the last call (only what was added is read).  With
 * console_trace the console is read, and the line may be decorated (the
 * prefix anywhere in a line, as console_split takes it).
 */
int run_trace_panicked(struct run_job *j);

/* run_kill: kill the job's process group now and reap it (used on exit). */
void run_kill(struct run_job *j);

double run_now(void);

#endif
