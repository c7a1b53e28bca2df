/*
 * harness: boot tests on a target in QEMU, one boot per test (or a batch of
 * them, batch: in the target), in parallel, and compare them with golden.
 * Subcommands (a table, as git does):
 *
 *   harness run   [options] [TEST...]   boot each test, write the run files
 *   harness run --console TEST          the same for one test, its console shown live
 *   harness run --debug TEST            one test halted for gdb, gdb attached
 *   harness check [options] [TEST...]   run, then tracediff against golden: TAP + reports
 *                 [--shard I/N]        only shard I (0..N-1) of N: CI machines split the corpus
 *   harness cmdline [options] TEST      the QEMU command run and check start for TEST
 *   harness index [--reports DIR]       rebuild index.html and junit.xml from the results
 *   harness targets                     list the known targets
 *
 * Exit status: 0 all passed, 1 a test failed (or diverged unexpectedly),
 * 2 usage or setup error.  harness/README.md has the details.
 */
#include "console.h"
#include "disk.h"
#include "report.h"
#include "run.h"
#include "target.h"
#include "testmeta.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_TESTS 512
#define MAX_ARGV 256
#define MAX_BATCH 64		/* target.c caps batch: there */
#define MAX_BATCH_LIST 600	/* bytes of "a,b,c" on the kernel command line */

struct opts {
	const char *top, *target, *arch, *out, *golden, *reports, *expected, *tracediff, *cmdline, *qemu_extra;
	const char *gdb_args;
	int jobs, console, debug, gdb_port, meta_check, no_prepare, shard_i, shard_n, keep;
	int batch;		/* --batch N: tests a boot (0: the target's batch:) */
	double timeout_scale, timeout_add;
	long max_bytes;
	int ntests;
	char *tests[MAX_TESTS];
	struct testmeta meta[MAX_TESTS];
};

static volatile sig_atomic_t interrupted;

/* scopy: copy s into d (size n), cut if needed, always terminated. */
static void
scopy(char *d, size_t n, const char *s)
{
	size_t l = strlen(s);

	if (l >= n)
		l = n - 1;
	memcpy(d, s, l);
	d[l] = '\0';
}

static void
on_signal(int sig)
{
	interrupted = sig;
}

/*
 * die_by_signal: end the harness by the signal that interrupted it, its
 * default action restored: the shell or make that started it sees a death
 * by SIGINT (status 130) and stops too, as after Ctrl-C it must.
 */
static void __attribute__((noreturn))
die_by_signal(int sig)
{
	fflush(NULL);
	signal(sig, SIG_DFL);
	raise(sig);
	exit(128 + sig);
}

static void
die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("harness: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* read_file: whole file, NUL-terminated; NULL (len 0) if absent. */
static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	*len = 0;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n > 0 ? n + 1 : 1);
	if (n > 0 && fread(buf, 1, n, f) != (size_t)n)
		n = 0;
	buf[n > 0 ? n : 0] = '\0';
	fclose(f);
	*len = n > 0 ? n : 0;
	return buf;
}

/* write_atomic: write data to path through path.tmp and a rename. */
static int
write_atomic(const char *path, const char *data, size_t len)
{
	char tmp[PATH_MAX];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "wb");
	if (!f)
		return -1;
	if (fwrite(data, 1, len, f) != len) {
		fclose(f);
		return -1;
	}
	if (fclose(f) != 0)
		return -1;
	return rename(tmp, path);
}

static void
mkdirs(const char *path)
{
	char buf[PATH_MAX], *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0755);
			*p = '/';
		}
	}
	mkdir(buf, 0755);
}

/*
 * take_test: keep the loaded test *m (the musl or the glibc build of one
 * file) if the run wants it: every test of the arch (all), or one named.
 * Otherwise free it.
 */
static void
take_test(struct opts *o, struct testmeta *m, unsigned bit, int all)
{
	int k;

	/* a helper runs only when named (benchmarks, debugging) */
	if ((m->helper && all) || !(m->arches & bit)) {
		testmeta_free(m);
		return;
	}
	if (all) {
		if (o->ntests >= MAX_TESTS)
			die("more than %d tests", MAX_TESTS);
		o->tests[o->ntests] = strdup(m->name);
		o->meta[o->ntests++] = *m;
		return;
	}
	for (k = 0; k < o->ntests; k++)
		if (!strcmp(o->tests[k], m->name))
			break;
	if (k < o->ntests && !o->meta[k].name[0])
		o->meta[k] = *m;
	else
		testmeta_free(m);
}

/*
 * load_tests: the named tests, or every test of the arch (testcases/
 * metadata): each C test twice, NAME (musl) and NAME.glibc, unless its
 * @libc leaves glibc out.
 */
static void
load_tests(struct opts *o)
{
	char dir[PATH_MAX], path[PATH_MAX + 300], err[512];
	struct dirent **ents;
	unsigned bit = testmeta_arch_bit(o->arch);
	int n, i, k, all = o->ntests == 0;

	snprintf(dir, sizeof(dir), "%s/testcases", o->top);
	n = scandir(dir, &ents, NULL, alphasort);
	if (n < 0)
		die("%s: %s", dir, strerror(errno));
	for (i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;
		size_t l = strlen(nm);
		struct testmeta m, g;

		if (!((l > 2 && !strcmp(nm + l - 2, ".c")) || (l > 3 && !strcmp(nm + l - 3, ".sh"))))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, nm);
		if (testmeta_load(path, &m, err, sizeof(err)) < 0)
			die("%s", err);
		if (m.kind == TM_KIND_C && (m.libcs & TM_GLIBC)) {
			if (testmeta_load(path, &g, err, sizeof(err)) < 0 ||
			    testmeta_glibc(&g, err, sizeof(err)) < 0)
				die("%s", err);
			take_test(o, &m, bit, all);
			take_test(o, &g, bit, all);
		} else
			take_test(o, &m, bit, all);
	}
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	for (k = 0; k < o->ntests; k++)
		if (!o->meta[k].name[0])
			die("no test '%s' for %s in testcases/ (a NAME.c or NAME.sh whose @arches include it, "
			    "or NAME.glibc for a NAME.c whose @libc does not leave glibc out)",
			    o->tests[k], o->arch);
}

/*
 * format_command: argv as one line into buf (size len), words with blanks
 * in '...', as the .meta records it and `harness cmdline` prints it.
 */
static void
format_command(char *const argv[], char *buf, size_t len)
{
	size_t m = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; argv[i] && m < len; i++)
		m += snprintf(buf + m, len - m, strchr(argv[i], ' ') ? "%s'%s'" : "%s%s", i ? " " : "",
			      argv[i]);
}

/*
 * save_noise: the console lines the target's console-noise takes out of
 * the output (a tracer's own warnings), kept in <test>.noise; their count,
 * 0 when there are none (and no file).
 */
static int
save_noise(const struct opts *o, const struct target *t, const struct run_job *j,
	   const char *console, size_t clen)
{
	char path[PATH_MAX + 64], *lines;
	size_t n, i;
	int count = 0;

	snprintf(path, sizeof(path), "%s/%s.noise", o->out, j->test);
	unlink(path);
	if (!t->noise)
		return 0;
	lines = run_noise_lines(console, clen, t->noise, &n);
	for (i = 0; i < n; i++)
		count += lines[i] == '\n';
	if (count)
		write_atomic(path, lines, n);
	free(lines);
	return count;
}

/*
 * split_console: with `trace: console`, the trace is cut out of the console
 * (console_split): *trace becomes its trace lines and *console the rest,
 * from which the output is cut as on the serial path; the buffers given are
 * freed.  Without it nothing changes.
 */
static void
split_console(const struct target *t, char **trace, size_t *tlen, char **console, size_t *clen)
{
	struct console_split sp;

	if (t->trace != TRACE_CONSOLE)
		return;
	console_split(*console ? *console : "", *clen, t->strip ? &t->strip_re : NULL, &sp);
	free(*trace);
	free(*console);
	*trace = sp.trace;
	*tlen = sp.tlen;
	*console = sp.rest;
	*clen = sp.rlen;
}

/* finish_job: turn the raw streams of a finished boot into the run files. */
static enum run_result
finish_job(const struct opts *o, const struct target *t, struct run_job *j, char *const argv[],
	   struct run_verdict *v)
{
	char path[PATH_MAX + 64], meta[16384];
	size_t tlen, clen, olen, m = 0;
	char *trace = read_file(j->trace_path, &tlen);
	char *console = read_file(j->console_path, &clen);
	char *out;
	int noise, cut_record = 0;

	split_console(t, &trace, &tlen, &console, &clen);
	/* a raw record the machine stopped in the middle of (killed, or a
	 * panic mid-printf): no newline ends it, and its numbers are cut */
	if (trace && tlen && trace[tlen - 1] != '\n') {
		size_t ls = tlen;

		while (ls > 0 && trace[ls - 1] != '\n')
			ls--;
		if (tlen - ls >= 10 && !memcmp(trace + ls, "#tdiff sys", 10))
			tlen = ls, cut_record = 1;
	}

	run_classify(trace ? trace : "", tlen, &j->end, v);
	run_mark_started(console ? console : "", clen, trace ? trace : "", tlen, j->test, v);
	out = run_extract_output(console ? console : "", clen, j->test, t->noise, &olen);
	noise = save_noise(o, t, j, console ? console : "", clen);

	snprintf(path, sizeof(path), "%s/%s.trace", o->out, j->test);
	write_atomic(path, trace ? trace : "", tlen);
	snprintf(path, sizeof(path), "%s/%s.out", o->out, j->test);
	write_atomic(path, out, olen);
	m += snprintf(meta + m, sizeof(meta) - m,
		      "target: %s\narch: %s\ntest: %s\nresult: %s\nexit: %s\n", o->target, o->arch,
		      j->test, run_result_name(v->result), v->exit_status);
	if (v->result != RUN_OK)
		m += snprintf(meta + m, sizeof(meta) - m, "reason: %s\n", v->reason);
	m += snprintf(meta + m, sizeof(meta) - m, "wall: %.3f\n", run_now() - j->t_start);
	if (cut_record)
		m += snprintf(meta + m, sizeof(meta) - m,
			      "trace: its last record had no end (the machine stopped in it): left out\n");
	if (j->end.after_exit)
		m += snprintf(meta + m, sizeof(meta) - m,
			      "end: no power-off: stopped %.1f s after the test's exit line (exit-grace)\n",
			      j->exit_grace);
	if (j->batch > 1)
		m += snprintf(meta + m, sizeof(meta) - m,
			      "batch: test %d of %d in one boot, a warm restart before each "
			      "(harness/PROTOCOL.md, \"Batches\")\n", j->batch_pos, j->batch);
	if (noise)
		m += snprintf(meta + m, sizeof(meta) - m,
			      "noise: %d console line(s) taken out of the output (%s.noise)\n", noise,
			      j->test);
	m += snprintf(meta + m, sizeof(meta) - m, "command: ");
	format_command(argv, meta + m, sizeof(meta) - m - 1);
	m += strlen(meta + m);
	meta[m++] = '\n';
	snprintf(path, sizeof(path), "%s/%s.meta", o->out, j->test);
	write_atomic(path, meta, m);
	free(trace);
	free(console);
	free(out);
	return v->result;
}

/* disk_path: the test's copy of the disk image, <out>/<test>.<ext4|fat32>, or "" without disk:. */
static void
disk_path(const struct opts *o, const struct target *t, const char *test, char *buf, size_t len)
{
	buf[0] = '\0';
	if (t->disk != DISK_NONE)
		snprintf(buf, len, "%s/%s.%s", o->out, test, target_disk_name(t->disk));
}

/*
 * start_job: make the test's disk (disk_make: the image copied, /tdiff/test
 * written) when the target has one, then start QEMU.  A disk that cannot be
 * made is a setup error as a QEMU that cannot start is: its reason goes to
 * stderr and the .log.  Returns 0, or -1 (the job is done, spawn_failed).
 */
static int
start_job(const struct opts *o, const struct target *t, struct run_job *j, char *const argv[],
	  double timeout_s)
{
	char image[PATH_MAX], err[PATH_MAX + 256];
	FILE *log;

	unlink(j->trace_path);
	unlink(j->console_path);
	if (!j->disk_path[0])
		return run_start(j, argv, timeout_s);
	unlink(j->log_path);
	snprintf(image, sizeof(image), "%s/build/%s/rootfs.%s", o->top, o->arch,
		 target_disk_name(t->disk));
	if (disk_make(target_disk_name(t->disk), image, j->disk_path, j->test, j->log_path, err,
		      sizeof(err)) == 0)
		return run_start(j, argv, timeout_s);
	fprintf(stderr, "harness: %s/%s: %s\n", o->arch, j->test, err);
	if ((log = fopen(j->log_path, "a"))) {
		fprintf(log, "harness: %s\n", err);
		fclose(log);
	}
	memset(&j->end, 0, sizeof(j->end));
	j->end.spawn_failed = 1;
	j->done = 1;
	j->t_start = run_now();
	return -1;
}

/* Failed tests whose disk copy is kept, to look into (a FAT32 copy is
 * ~130 MB where nothing can reflink it: a new kernel failing the whole
 * corpus would fill the disk). */
#define KEEP_FAILED_DISKS 3

/*
 * drop_disk: remove a test's copy of the disk after its run, unless --keep
 * or it failed and fewer than KEEP_FAILED_DISKS failed copies are kept.
 */
static void
drop_disk(const struct opts *o, const struct target *t, const char *test, int failed)
{
	static int kept, said;
	char path[PATH_MAX + 64];

	disk_path(o, t, test, path, sizeof(path));
	if (!path[0] || o->keep)
		return;
	if (failed && kept < KEEP_FAILED_DISKS) {
		kept++;
		return;
	}
	if (failed && !said++)
		fprintf(stderr, "harness: the disk copies of failed tests after the first %d are removed "
			"(--keep keeps them all)\n", KEEP_FAILED_DISKS);
	unlink(path);
}

/*
 * program_entry: the ELF entry of the program test runs first, in b/rootfs
 * (line 1 of /tests/<test>.argv, else /tests/<test>); 0 if unknown.
 */
static uint64_t
program_entry(const char *b, const char *test)
{
	char path[PATH_MAX + 64], prog[PATH_MAX] = "";
	unsigned char h[64];
	uint64_t e = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/rootfs/tests/%s.argv", b, test);
	if ((f = fopen(path, "r"))) {
		if (!fgets(prog, sizeof(prog), f))
			prog[0] = 0;
		prog[strcspn(prog, "\n")] = 0;
		fclose(f);
	}
	if (!prog[0])
		snprintf(prog, sizeof(prog), "/tests/%s", test);
	snprintf(path, sizeof(path), "%s/rootfs%s", b, prog);
	if (!(f = fopen(path, "rb")))
		return 0;
	if (fread(h, 1, sizeof(h), f) == sizeof(h) && !memcmp(h, "\177ELF", 4) && h[4] == 2 && h[5] == 1)
		memcpy(&e, h + 24, 8);	/* ELF64, little-endian: e_entry */
	fclose(f);
	return e;
}

/*
 * exttrace_words: with `trace: external` QEMU is started by exttrace, which
 * traces it through the gdbstub and writes the trace file: its words go
 * before QEMU's (harness/exttrace.c).  Returns their count.
 */
static int
exttrace_words(const struct opts *o, const struct target *t, const struct target_vars *v,
	       char **argv)
{
	int a = target_arch_index(o->arch), n = 0;
	char path[PATH_MAX], err[512];

	snprintf(path, sizeof(path), "%s/build/host/exttrace", o->top);
	argv[n++] = strdup(path);
	argv[n++] = strdup("--arch");
	argv[n++] = strdup(o->arch);
	argv[n++] = strdup("--trace");
	argv[n++] = strdup(v->trace);
	argv[n++] = strdup("--console");
	argv[n++] = strdup(v->console);
	if (t->entry[a] && !strncmp(t->entry[a], "0x", 2)) {
		/* an address: a trap vector that runs where no symbol is (an
		 * xv6 trampoline mapped high, linked elsewhere) */
		argv[n++] = strdup("--entry-addr");
		argv[n++] = strdup(t->entry[a]);
		if (t->arm[a]) {
			argv[n++] = strdup("--elf");
			if (!(argv[n++] = target_expand(t->elf[a], v, err, sizeof(err))))
				die("target %s: elf: %s", t->name, err);
			argv[n++] = strdup("--arm");
			argv[n++] = strdup(t->arm[a]);
		}
	} else if (t->entry[a]) {
		argv[n++] = strdup("--elf");
		if (!(argv[n++] = target_expand(t->elf[a], v, err, sizeof(err))))
			die("target %s: elf: %s", t->name, err);
		argv[n++] = strdup("--entry");
		argv[n++] = strdup(t->entry[a]);
		if (t->arm[a]) {
			argv[n++] = strdup("--arm");
			argv[n++] = strdup(t->arm[a]);
		}
	}
	if (!t->entry[a]) {
		/* no entry named: exttrace finds it (x86_64: LSTAR by stepping a
		 * syscall; riscv64: stvec) at the test program's first
		 * instruction, so that none of its calls is missed */
		char b[PATH_MAX], hex[32];
		uint64_t e;

		snprintf(b, sizeof(b), "%s/build/%s", o->top, o->arch);
		if ((e = program_entry(b, v->test))) {
			snprintf(hex, sizeof(hex), "%llx", (unsigned long long)e);
			argv[n++] = strdup("--user-entry");
			argv[n++] = strdup(hex);
		}
	}
	argv[n++] = strdup("--");
	return n;
}

/*
 * job_argv_as: point j's stream files into the run directory (named after
 * stem) and build the QEMU command from the target's template with {test}
 * = word, --qemu-extra appended.  A batch's word is "a,b,c" and its stem
 * "<first test>.batch".  argv has room for MAX_ARGV words and the NULL;
 * returns the word count.  Dies on a template error.
 */
static int
job_argv_as(const struct opts *o, const struct target *t, struct run_job *j, char **argv,
	    const char *word, const char *stem)
{
	struct target_vars v;
	char b[PATH_MAX], err[512];
	int a = target_arch_index(o->arch), n, x;

	snprintf(b, sizeof(b), "%s/build/%s", o->top, o->arch);
	snprintf(j->trace_path, sizeof(j->trace_path), "%s/%s.trace.raw", o->out, stem);
	snprintf(j->console_path, sizeof(j->console_path), "%s/%s.console", o->out, stem);
	snprintf(j->log_path, sizeof(j->log_path), "%s/%s.log", o->out, stem);
	disk_path(o, t, j->test, j->disk_path, sizeof(j->disk_path));
	j->max_bytes = o->max_bytes;
	j->console_trace = t->trace == TRACE_CONSOLE;
	j->exit_grace = t->exit_grace;
	if (!run_path_inside(o->out, j->trace_path) || !run_path_inside(o->out, j->console_path) ||
	    !run_path_inside(o->out, j->log_path) ||
	    (j->disk_path[0] && !run_path_inside(o->out, j->disk_path)))
		die("test name '%s' would put run files outside %s", j->test, o->out);
	v = (struct target_vars){o->arch, word, b, o->top, j->console_path, j->trace_path,
				 o->cmdline, j->disk_path};
	n = t->trace == TRACE_EXTERNAL ? exttrace_words(o, t, &v, argv) : 0;
	x = target_argv(t->qemu[a], &v, argv + n, MAX_ARGV - n, err, sizeof(err));
	if (x < 0)
		die("target %s: %s", t->name, err);
	n += x;
	if (o->qemu_extra && o->qemu_extra[0]) {
		x = target_argv(o->qemu_extra, &v, argv + n, MAX_ARGV - n, err, sizeof(err));
		if (x < 0)
			die("--qemu-extra: %s", err);
		n += x;
	}
	return n;
}

/* job_argv: job_argv_as for j's one test. */
static int
job_argv(const struct opts *o, const struct target *t, struct run_job *j, char **argv)
{
	return job_argv_as(o, t, j, argv, j->test, j->test);
}

/* show_command: "harness: WHAT: the command" on stderr (run --console, --debug). */
static void
show_command(const char *what, char *const argv[])
{
	char line[16384];

	format_command(argv, line, sizeof(line));
	fprintf(stderr, "harness: %s: %s\n", what, line);
}

/* test_timeout: test i's @timeout, scaled and extended by the options. */
static double
test_timeout(const struct opts *o, int i)
{
	return o->meta[i].timeout * o->timeout_scale + o->timeout_add;
}

/* follow: copy what the file at path gained past *off to stdout (--console). */
static void
follow(const char *path, long *off)
{
	char buf[8192];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return;
	if (fseek(f, *off, SEEK_SET) == 0)
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
			fwrite(buf, 1, n, stdout);
			*off += n;
		}
	fclose(f);
	fflush(stdout);
}

/* A boot of run_all: one test, or a batch of them (the target's batch:). */
struct slot {
	struct run_job j;
	char **argv;
	int argc, n, idx[MAX_BATCH];
	double timeouts[MAX_BATCH], started_at[MAX_BATCH];
};

/* The tests waiting to boot, in order: a ring of o->ntests + 1 slots (a
 * test is in it once at most); alone[i]: test i must boot by itself. */
struct queue {
	int *v, cap;
	long head, tail;
	char *alone;
};

static void
queue_push(struct queue *q, int i, int alone)
{
	q->v[q->tail++ % q->cap] = i;
	q->alone[i] = (char)alone;
}

/* queue_peek: the next test, or -1 */
static int
queue_peek(const struct queue *q)
{
	return q->head < q->tail ? q->v[q->head % q->cap] : -1;
}

/* reap_strays: what the running boots' QEMUs left behind, all but the boots. */
static void
reap_strays(const struct slot *slots, int nslots)
{
	pid_t keep[64];
	int s, n = 0;

	for (s = 0; s < nslots && n < 64; s++)
		if (slots[s].n && !slots[s].j.done)
			keep[n++] = slots[s].j.pid;
	run_reap_strays(keep, n);
}

/*
 * interrupted_exit: on SIGINT, SIGTERM or SIGHUP: kill every boot still
 * running and whatever its QEMU started (setsid or not: the harness is their
 * subreaper), and die by the same signal (130 for SIGINT).  Run files are written whole or not at all, so
 * none is left half-written.
 */
static void __attribute__((noreturn))
interrupted_exit(struct slot *slots, int nslots)
{
	int s;

	for (s = 0; s < nslots; s++)
		if (slots[s].n)
			run_kill(&slots[s].j);
	run_reap_strays(NULL, 0);
	fprintf(stderr, "harness: interrupted by signal %d: every QEMU started was killed\n",
		(int)interrupted);
	die_by_signal(interrupted);
}

/*
 * batch_size: how many tests a boot may run: --batch, else the target's
 * batch:; 1 for a boot that must be one test's (--console, --debug, a disk
 * written for its test, a tracer from outside).
 */
static int
batch_size(const struct opts *o, const struct target *t)
{
	int b = o->batch ? o->batch : t->batch;

	if (o->console || o->debug || t->disk != DISK_NONE || t->trace == TRACE_EXTERNAL)
		return 1;
	return b < 1 ? 1 : b > MAX_BATCH ? MAX_BATCH : b;
}

/* copy_file: from's bytes into to (written whole or not at all); missing from: nothing. */
static void
copy_file(const char *from, const char *to)
{
	size_t len;
	char *data = read_file(from, &len);

	if (data)
		write_atomic(to, data, len);
	free(data);
}

/*
 * finish_batch: cut a finished batch boot into its tests' run files, as if
 * each had booted alone (run_batch_cut: the trace and the console, each at
 * its markers; the log copied), and finish each test whose part is whole:
 * the next test started after it, or it was the last and QEMU ended.  Its
 * verdict must be ok; a test whose part is not whole or whose verdict is
 * not ok goes back on the queue to boot alone, so that a verdict other
 * than ok always comes from a boot of its own.  The tests after the one the
 * boot died in never ran: they go back as they were, to the next batch;
 * unless the boot started none (a kernel that cannot run a list): then
 * all boot alone.
 */
static void
finish_batch(const struct opts *o, const struct target *t, struct slot *sl,
	     struct run_verdict *results, struct queue *q)
{
	size_t tlen = 0, clen = 0, tcut[MAX_BATCH], ccut[MAX_BATCH];
	char *trace = read_file(sl->j.trace_path, &tlen), *console = read_file(sl->j.console_path, &clen);
	char *names[MAX_BATCH];
	int k, cn, tn, started;
	double now = run_now();

	for (k = 0; k < sl->n; k++)
		names[k] = o->tests[sl->idx[k]];
	cn = run_batch_cut(console ? console : "", clen, names, sl->n, ccut);
	if (t->trace == TRACE_CONSOLE) {
		/* the trace is in the console: each part's is cut from it there */
		tn = cn;
		tlen = 0;
		memset(tcut, 0, sizeof(tcut));
	} else {
		tn = run_batch_cut(trace ? trace : "", tlen, names, sl->n, tcut);
	}
	started = cn < tn ? cn : tn;
	for (k = 0; k < sl->n; k++) {
		int i = sl->idx[k], last = k == sl->n - 1;
		struct run_job pj;
		size_t te = k + 1 < sl->n ? tcut[k + 1] : tlen, ce = k + 1 < sl->n ? ccut[k + 1] : clen;
		double t0 = k ? sl->started_at[k] : sl->j.t_start;
		double t1 = k + 1 < sl->n && k + 1 < sl->j.starts ? sl->started_at[k + 1] : now;

		if (!(k + 1 < started || (last && started == sl->n))) {
			/* its part has no end: it boots alone; one that never
			 * started waits for the next batch */
			queue_push(q, i, started == 0 || k < started);
			continue;
		}
		memset(&pj, 0, sizeof(pj));
		pj.test = names[k];
		snprintf(pj.trace_path, sizeof(pj.trace_path), "%s/%s.trace.raw", o->out, names[k]);
		snprintf(pj.console_path, sizeof(pj.console_path), "%s/%s.console", o->out, names[k]);
		snprintf(pj.log_path, sizeof(pj.log_path), "%s/%s.log", o->out, names[k]);
		write_atomic(pj.trace_path, trace && tlen ? trace + tcut[k] : "", tlen ? te - tcut[k] : 0);
		write_atomic(pj.console_path, console ? console + ccut[k] : "", console ? ce - ccut[k] : 0);
		copy_file(sl->j.log_path, pj.log_path);
		if (last)
			pj.end = sl->j.end;
		pj.exit_grace = sl->j.exit_grace;
		pj.t_start = run_now() - (t1 > t0 ? t1 - t0 : 0);
		pj.batch = sl->n;
		pj.batch_pos = k + 1;
		finish_job(o, t, &pj, sl->argv, &results[i]);
		if (results[i].result != RUN_OK) {
			fprintf(stderr, "  RUN     %s/%s: %s in a batch boot: it boots again alone\n",
				o->arch, names[k], run_result_name(results[i].result));
			queue_push(q, i, 1);
			continue;
		}
		results[i].batch = sl->n;
		fprintf(stderr, "  RUN     %s/%s: %s (%.2f s, test %d of %d in one boot)\n", o->arch,
			names[k], run_result_name(results[i].result), t1 > t0 ? t1 - t0 : 0, k + 1, sl->n);
	}
	if (!o->keep) {
		unlink(sl->j.trace_path);
		unlink(sl->j.console_path);
		unlink(sl->j.log_path);
	}
	free(trace);
	free(console);
}

/*
 * start_slot: the next boot from the queue: one test, or the next bsize
 * (never tests marked to boot alone, never more than MAX_BATCH_LIST bytes
 * of names).  Which tests share a boot depends on the list and the batch
 * size only, never on -j: a test's neighbours in a boot can change what
 * carries over a warm restart (PROTOCOL.md, "Batches").
 */
static int
start_slot(const struct opts *o, const struct target *t, struct slot *sl, struct queue *q,
	   int bsize, int show)
{
	char list[MAX_BATCH_LIST + 256], stem[PATH_MAX];
	int want = bsize, len, i;

	memset(&sl->j, 0, sizeof(sl->j));
	sl->n = 0;
	i = queue_peek(q);
	q->head++;
	sl->idx[sl->n] = i;
	sl->timeouts[sl->n++] = test_timeout(o, i);
	len = snprintf(list, sizeof(list), "%s", o->tests[i]);
	while (!q->alone[i] && sl->n < want && queue_peek(q) >= 0 && !q->alone[queue_peek(q)] &&
	       len + 1 + (int)strlen(o->tests[queue_peek(q)]) <= MAX_BATCH_LIST) {
		i = queue_peek(q);
		q->head++;
		len += snprintf(list + len, sizeof(list) - len, ",%s", o->tests[i]);
		sl->idx[sl->n] = i;
		sl->timeouts[sl->n++] = test_timeout(o, i);
	}
	sl->j.test = o->tests[sl->idx[0]];
	if (sl->n == 1) {
		sl->argc = job_argv(o, t, &sl->j, sl->argv);
		if (show)
			show_command("boot", sl->argv);
		return start_job(o, t, &sl->j, sl->argv, sl->timeouts[0]);
	}
	snprintf(stem, sizeof(stem), "%s.batch", sl->j.test);
	sl->argc = job_argv_as(o, t, &sl->j, sl->argv, list, stem);
	sl->j.batch = sl->n;
	sl->j.timeouts = sl->timeouts;
	sl->j.started_at = sl->started_at;
	/* until the first test starts, the boot has the first test's time */
	return start_job(o, t, &sl->j, sl->argv, sl->timeouts[0]);
}

/*
 * run_all: boot the tests pick[0..npick) of o (every test when pick is
 * NULL) on the target, at most o->jobs boots at once, several tests a boot
 * when the target runs batches (batch_size; with alone set, one test a
 * boot).  With --console, the one test, its console copied to stdout as it
 * grows.  results[i] gets each test's verdict.  Returns 0, or 2 on a setup
 * error (a QEMU that could not be started).
 */
static int
run_all(struct opts *o, struct target *t, struct run_verdict *results, const int *pick, int npick,
	int alone_all)
{
	struct slot *slots = calloc(o->jobs, sizeof(*slots));
	char **argvs = calloc((size_t)o->jobs * (MAX_ARGV + 1), sizeof(char *));
	struct queue q = {calloc(o->ntests + 1, sizeof(int)), o->ntests + 1, 0, 0,
			  calloc(o->ntests + 1, 1)};
	int running = 0, s, done, setup_error = 0, bsize = batch_size(o, t);
	long shown = 0;

	for (s = 0; s < (pick ? npick : o->ntests); s++)
		queue_push(&q, pick ? pick[s] : s, alone_all);
	for (s = 0; s < o->jobs; s++)
		slots[s].argv = argvs + (size_t)s * (MAX_ARGV + 1);
	mkdirs(o->out);
	while ((queue_peek(&q) >= 0 || running > 0) && !interrupted) {
		for (s = 0; s < o->jobs && queue_peek(&q) >= 0; s++) {
			struct slot *sl = &slots[s];

			if (sl->n)
				continue;
			if (start_slot(o, t, sl, &q, bsize, o->console) < 0)
				setup_error = 1;
			running++;
		}
		for (s = 0; s < o->jobs; s++) {
			struct slot *sl = &slots[s];
			struct run_job *j = &sl->j;

			if (!sl->n)
				continue;
			done = run_poll(j);
			if (o->console)
				follow(j->console_path, &shown);
			if (!done)
				continue;
			if (sl->n == 1) {
				struct run_verdict *v = &results[sl->idx[0]];

				finish_job(o, t, j, sl->argv, v);
				v->batch = 0;
				fprintf(stderr, "  RUN     %s/%s: %s (%.2f s)\n", o->arch, j->test,
					run_result_name(v->result), run_now() - j->t_start);
			} else {
				finish_batch(o, t, sl, results, &q);
			}
			target_argv_free(sl->argv, sl->argc);
			sl->n = 0;
			running--;
			reap_strays(slots, o->jobs);
		}
		if (running > 0) {
			struct timespec ts = {0, 5 * 1000 * 1000};
			nanosleep(&ts, NULL);
		}
	}
	if (interrupted)
		interrupted_exit(slots, o->jobs);
	run_reap_strays(NULL, 0);
	free(slots);
	free(argvs);
	free(q.v);
	free(q.alone);
	return setup_error ? 2 : 0;
}

/*
 * run_shell: cmd under sh -c in a process group of its own; its exit status
 * (-1 when it could not run).  On SIGINT, SIGTERM or SIGHUP the group is
 * killed and the harness exits 130 (system() would ignore SIGINT).
 */
static int
run_shell(const char *cmd)
{
	pid_t pid = fork(), r;
	int st = 0;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		setpgid(0, 0);
		dup2(2, 1); /* stdout is the TAP stream: the build's words go to stderr */
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	setpgid(pid, pid);
	while ((r = waitpid(pid, &st, 0)) < 0 && errno == EINTR && !interrupted)
		;
	if (interrupted) {
		kill(-pid, SIGKILL);
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		run_reap_strays(NULL, 0);
		fprintf(stderr, "harness: interrupted by signal %d during prepare: its commands were killed\n",
			(int)interrupted);
		die_by_signal(interrupted);
	}
	return r < 0 ? -1 : WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* prepare_cmd: run the target's prepare command for o's arch; dies when it fails. */
static void
prepare_cmd(const struct opts *o, const struct target *t)
{
	int a = target_arch_index(o->arch), rc;
	struct target_vars v = {o->arch, "", "", o->top, "", "", "", ""};
	char b[PATH_MAX], err[512], *cmd;

	snprintf(b, sizeof(b), "%s/build/%s", o->top, o->arch);
	v.b = b;
	cmd = target_expand(t->prepare[a], &v, err, sizeof(err));
	if (!cmd)
		die("target %s: prepare: %s", t->name, err);
	rc = run_shell(cmd);
	if (rc != 0)
		die("target %s: prepare for %s failed (%s): fix the build above", t->name, o->arch, cmd);
	free(cmd);
}

/*
 * prepare: what the boots need: the target's build command for this arch,
 * if any, then the disk image when the target boots from one.  Dies on a
 * target that cannot run here.
 */
static void
prepare(const struct opts *o, const struct target *t)
{
	int a = target_arch_index(o->arch);
	char b[PATH_MAX];

	if (!t->qemu[a])
		die("target %s has no qemu.%s template: it does not support %s", t->name, o->arch,
		    o->arch);
	if (t->trace == TRACE_EXTERNAL) {
		snprintf(b, sizeof(b), "%s/build/host/exttrace", o->top);
		if (access(b, X_OK) != 0)
			die("target %s: trace: external needs %s: build it with 'make harness'",
			    t->name, b);
	}
	if (t->prepare[a] && !o->no_prepare)
		prepare_cmd(o, t);
	if (t->disk != DISK_NONE) {
		snprintf(b, sizeof(b), "%s/build/%s/rootfs.%s", o->top, o->arch,
			 target_disk_name(t->disk));
		if (access(b, R_OK) != 0)
			die("target %s: %s: %s (make testcases ARCH=%s builds it)", t->name, b,
			    strerror(errno), o->arch);
	}
}

static const struct option long_opts[] = {
	{"target", required_argument, 0, 't'}, {"arch", required_argument, 0, 'a'},
	{"out", required_argument, 0, 'o'},    {"jobs", required_argument, 0, 'j'},
	{"golden", required_argument, 0, 'g'}, {"reports", required_argument, 0, 'r'},
	{"expected", required_argument, 0, 'e'}, {"tracediff", required_argument, 0, 'd'},
	{"timeout-scale", required_argument, 0, 's'}, {"max-bytes", required_argument, 0, 'm'},
	{"cmdline", required_argument, 0, 'c'}, {"qemu-extra", required_argument, 0, 'x'},
	{"timeout-add", required_argument, 0, 'A'}, {"no-prepare", no_argument, 0, 'P'},
	{"meta", no_argument, 0, 'M'},          {"console", no_argument, 0, 'C'},
	{"debug", no_argument, 0, 'D'},         {"gdb-args", required_argument, 0, 'G'},
	{"gdb-port", required_argument, 0, 'p'}, {"help", no_argument, 0, 'h'},
	{"shard", required_argument, 0, 'S'},  {"keep", no_argument, 0, 'K'},
	{"batch", required_argument, 0, 'B'},
	{0, 0, 0, 0},
};

static const char usage[] =
	"usage: harness run   [--target T] [--arch A] [--out DIR] [-j N] [--meta] [TEST...]\n"
	"       harness run   [--target T] [--arch A] --console TEST\n"
	"       harness run   [--target T] [--arch A] --debug [--gdb-args 'ARGS'] [--gdb-port N] TEST\n"
	"       harness check [--target T] [--arch A] [-j N] [--golden DIR] [--reports DIR]\n"
	"                     [--expected FILE] [--tracediff PATH] [--shard I/N] [TEST...]\n"
	"       harness cmdline [--target T] [--arch A] [--out DIR] TEST\n"
	"       harness index [--reports DIR]\n"
	"       harness targets\n"
	"T is a name in harness/targets/ (kernel, linux) or a .target file; A is x86_64 or riscv64.\n"
	"run --console shows the console as it is written; run --debug boots halted (-S) with\n"
	"QEMU's gdb stub on a free local port (or --gdb-port) and runs gdb-multiarch on the\n"
	"target's elf, attached, with the target's gdb words and then --gdb-args; run --meta also\n"
	"checks each test's @exit and @expect lines.  check's reports go to build/reports for\n"
	"the kernel target and build/reports-<target name> for any other (or --reports DIR).\n"
	"Other options: --timeout-scale F (multiply each test's @timeout), --timeout-add S (add S\n"
	"seconds to it), --max-bytes N (kill a boot whose trace or console grows past N bytes;\n"
	"default 64 MiB), --cmdline 'WORDS' (added to the kernel command line: {extra}, e.g.\n"
	"tdiff.trace=0), --qemu-extra 'ARGS' (appended to the QEMU command), --no-prepare (skip\n"
	"the target's prepare command), --keep (keep every test's disk copy, {disk}; without it\n"
	"only the first 3 failed tests' are kept), --batch N (at most N tests a boot, on a target\n"
	"with batch:; 1 boots each test alone).  A @helper testcase runs only when named.\n"
	"--shard I/N (run, check; or, without TEST, TEST_SHARD_INDEX=I TEST_TOTAL_SHARDS=N)\n"
	"keeps shard I (0..N-1) of the tests: every Nth of the sorted names, from the Ith.\n";

/* shard_arg: "I/N" (0 <= I < N) into o's shard; dies on anything else. */
static void
shard_arg(const char *name, const char *arg, struct opts *o)
{
	char *end;
	long i = strtol(arg, &end, 10), n;

	if (end == arg || *end != '/')
		die("%s %s: use I/N, shard I (from 0) of N", name, arg);
	n = strtol(end + 1, &end, 10);
	if (*end || n < 1 || n > MAX_TESTS || i < 0 || i >= n)
		die("%s %s: use I/N with 0 <= I < N", name, arg);
	o->shard_i = (int)i;
	o->shard_n = (int)n;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * shard_tests: keep only o's shard of its tests: with the names sorted, the
 * test at sorted position k belongs to shard k mod N (round robin, so the
 * shards differ in size by one at most, whatever -j or the order given).
 */
static void
shard_tests(struct opts *o)
{
	char **sorted = malloc(sizeof(char *) * (o->ntests + 1));
	int i, k, n = 0;

	memcpy(sorted, o->tests, sizeof(char *) * o->ntests);
	qsort(sorted, o->ntests, sizeof(char *), cmp_names);
	for (i = 0; i < o->ntests; i++) {
		for (k = 0; strcmp(sorted[k], o->tests[i]); k++)
			;
		if (k % o->shard_n != o->shard_i) {
			testmeta_free(&o->meta[i]);
			continue;
		}
		o->tests[n] = o->tests[i];
		o->meta[n++] = o->meta[i];
	}
	o->ntests = n;
	free(sorted);
}

/* num_arg: an option's number, which must lie in [lo, hi]; dies otherwise. */
static double
num_arg(const char *name, const char *arg, double lo, double hi)
{
	char *end;
	double v = strtod(arg, &end);

	if (end == arg || *end || !(v >= lo && v <= hi))
		die("%s %s: give a number from %g to %g", name, arg, lo, hi);
	return v;
}

static void
parse_opts(int argc, char **argv, struct opts *o)
{
	static char top[PATH_MAX];
	int c;

	memset(o, 0, sizeof(*o));
	o->top = getenv("TDIFF_TOP");
	if (!o->top)
		o->top = getcwd(top, sizeof(top));
	o->target = "kernel";
	o->arch = "x86_64";
	o->jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	o->timeout_scale = 1.0;
	o->max_bytes = 64L << 20;
	o->tracediff = NULL;
	o->cmdline = "";
	while ((c = getopt_long(argc, argv, "j:h", long_opts, NULL)) != -1) {
		switch (c) {
		case 't': o->target = optarg; break;
		case 'a': o->arch = optarg; break;
		case 'o': o->out = optarg; break;
		case 'g': o->golden = optarg; break;
		case 'r': o->reports = optarg; break;
		case 'e': o->expected = optarg; break;
		case 'd': o->tracediff = optarg; break;
		case 'c': o->cmdline = optarg; break;
		case 'x': o->qemu_extra = optarg; break;
		case 'P': o->no_prepare = 1; break;
		case 'K': o->keep = 1; break;
		case 'M': o->meta_check = 1; break;
		case 'C': o->console = 1; break;
		case 'D': o->debug = 1; break;
		case 'G': o->gdb_args = optarg; break;
		case 'p': o->gdb_port = (int)num_arg("--gdb-port", optarg, 1, 65535); break;
		case 'A': o->timeout_add = num_arg("--timeout-add", optarg, 0, 3600); break;
		case 'j': o->jobs = (int)num_arg("-j", optarg, 1, 64); break;
		case 's': o->timeout_scale = num_arg("--timeout-scale", optarg, 0.001, 100); break;
		case 'm': o->max_bytes = strtol(optarg, NULL, 10); break;
		case 'S': shard_arg("--shard", optarg, o); break;
		case 'B': o->batch = (int)num_arg("--batch", optarg, 1, MAX_BATCH); break;
		case 'h': fputs(usage, stdout); exit(0);
		default: fputs(usage, stderr); exit(2);
		}
	}
	if (o->jobs < 1)
		o->jobs = 1;
	if (target_arch_index(o->arch) < 0)
		die("--arch %s: use x86_64 or riscv64", o->arch);
	for (; optind < argc; optind++) {
		if (o->ntests >= MAX_TESTS)
			die("more than %d tests", MAX_TESTS);
		o->tests[o->ntests++] = argv[optind];
	}
	/* gVisor's convention splits the whole corpus; named tests run as named */
	if (!o->shard_n && !o->ntests && getenv("TEST_TOTAL_SHARDS") && getenv("TEST_SHARD_INDEX")) {
		char spec[64];
		snprintf(spec, sizeof(spec), "%s/%s", getenv("TEST_SHARD_INDEX"),
			 getenv("TEST_TOTAL_SHARDS"));
		shard_arg("TEST_SHARD_INDEX/TEST_TOTAL_SHARDS", spec, o);
	}
	if ((o->console || o->debug) && o->ntests != 1)
		die("--%s boots one test: name it (e.g. fork)", o->console ? "console" : "debug");
	if (o->console)
		o->jobs = 1;
}

/*
 * setup: what run and check share before the boots: parse the options, load
 * the target, default the run directory to build/<arch>/runs/<target> (for
 * --debug runs/<target>-debug), and list the tests.
 */
static void
setup(int argc, char **argv, struct opts *o, struct target *t)
{
	static char out[PATH_MAX];
	char err[512];

	parse_opts(argc, argv, o);
	if (target_load(o->top, o->target, t, err, sizeof(err)) < 0)
		die("%s", err);
	o->target = strdup(t->name);
	o->timeout_add += t->timeout_add;
	if (!o->out) {
		/* a debug session's files never stand in for a run's */
		snprintf(out, sizeof(out), "%s/build/%s/runs/%s%s", o->top, o->arch, t->name,
			 o->debug ? "-debug" : "");
		o->out = out;
	}
	load_tests(o);
	if (o->shard_n > 1 && !o->console && !o->debug)
		shard_tests(o);
}

/*
 * boot_all: build what the target needs, boot every test; the verdicts.
 * *setup_error is 2 when a QEMU could not be started, else 0.
 */
static struct run_verdict *
boot_all(struct opts *o, struct target *t, int *setup_error)
{
	struct run_verdict *res = calloc(o->ntests, sizeof(*res));

	prepare(o, t);
	*setup_error = run_all(o, t, res, NULL, 0, 0);
	return res;
}

/* free_port: a TCP port on 127.0.0.1 that nothing listens on now, or -1. */
static int
free_port(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

/* add_words: expand a template's words (target_argv) onto argv at *n; dies on an error. */
static void
add_words(const char *what, const char *tmpl, const struct target_vars *v, char **argv, int *n)
{
	char err[512];
	int k = target_argv(tmpl, v, argv + *n, MAX_ARGV - *n, err, sizeof(err));

	if (k < 0)
		die("%s: %s", what, err);
	*n += k;
}

/*
 * run_gdb: run gdb-multiarch in the foreground on the target's ELF, attached
 * to QEMU's stub at port, with the target's gdb words and --gdb-args; the
 * harness ignores SIGINT meanwhile (gdb takes ^C to stop the guest).
 * Returns gdb's wait status, or -1 when it could not start.
 */
static int
run_gdb(const struct opts *o, const struct target *t, const struct target_vars *v, int port)
{
	char *argv[MAX_ARGV + 1], remote[64], err[512];
	int a = target_arch_index(o->arch), n = 0, st = -1;
	struct sigaction ign = {.sa_handler = SIG_IGN}, old;
	pid_t pid;

	argv[n++] = strdup("gdb-multiarch");
	argv[n++] = strdup("-q");
	if (t->elf[a] && (argv[n] = target_expand(t->elf[a], v, err, sizeof(err))))
		n++;
	snprintf(remote, sizeof(remote), "target remote 127.0.0.1:%d", port);
	argv[n++] = strdup("-ex");
	argv[n++] = strdup(remote);
	if (t->gdb[a])
		add_words("target gdb words", t->gdb[a], v, argv, &n);
	if (o->gdb_args)
		add_words("--gdb-args", o->gdb_args, v, argv, &n);
	argv[n] = NULL;
	show_command("gdb", argv);
	sigaction(SIGINT, &ign, &old);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old, NULL);
		execvp(argv[0], argv);
		fprintf(stderr, "harness: %s: %s (make deps installs gdb-multiarch)\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old, NULL);
	target_argv_free(argv, n);
	return pid > 0 ? st : -1;
}

/*
 * debug_one: boot the one test as a run does, but halted (-S) with QEMU's
 * gdb stub on a local port, and gdb attached (run_gdb); QEMU is killed when
 * gdb ends, and the run files are written from what the boot produced.
 * Returns the exit status of `harness run --debug`.
 */
static int
debug_one(struct opts *o, struct target *t)
{
	char *argv[MAX_ARGV + 4], b[PATH_MAX], stub[64];
	struct run_job j = {.test = o->tests[0]};
	struct run_verdict v;
	struct target_vars vars;
	int n, port = o->gdb_port ? o->gdb_port : free_port(), st;

	if (port < 0)
		die("--debug: no free local TCP port for QEMU's gdb stub");
	if (t->trace == TRACE_EXTERNAL)
		die("--debug: target %s traces through the gdb stub itself (trace: external)",
		    t->name);
	prepare(o, t);
	mkdirs(o->out);
	n = job_argv(o, t, &j, argv);
	snprintf(stub, sizeof(stub), "tcp:127.0.0.1:%d", port);
	argv[n++] = strdup("-S");
	argv[n++] = strdup("-gdb");
	argv[n++] = strdup(stub);
	argv[n] = NULL;
	show_command("boot (halted)", argv);
	if (start_job(o, t, &j, argv, 1e9) < 0)
		die("QEMU could not be started (see %s)", j.log_path);
	snprintf(b, sizeof(b), "%s/build/%s", o->top, o->arch);
	vars = (struct target_vars){o->arch, j.test, b, o->top, j.console_path, j.trace_path,
				    o->cmdline, j.disk_path};
	st = run_gdb(o, t, &vars, port);
	if (!run_poll(&j))
		run_kill(&j);
	finish_job(o, t, &j, argv, &v);
	target_argv_free(argv, n);
	fprintf(stderr, "harness: %s/%s: %s; run files in %s (console: %s.console)\n", o->arch,
		j.test, run_result_name(v.result), o->out, j.test);
	return st == 0 ? 0 : 1;
}

/* run_bad: whether run i failed: not ok, or (--meta) its @exit or @expect
 * lines do not hold (why says which). */
static int
run_bad(const struct opts *o, int i, const struct run_verdict *v, char *why, size_t whylen)
{
	char path[PATH_MAX + 64];
	int bad = v->result != RUN_OK;

	why[0] = '\0';
	if (o->meta_check) {
		size_t olen;
		char *out;

		snprintf(path, sizeof(path), "%s/%s.out", o->out, o->tests[i]);
		out = read_file(path, &olen);
		bad |= run_meta_check(&o->meta[i], v->exit_status, out ? out : "", olen, why, whylen) < 0;
		free(out);
	}
	return bad;
}

/*
 * cmd_run: boot the tests (or the one test under --debug) and print one
 * line each; with --meta a test passes only if it also did what its
 * metadata says (run_meta_check on its .out).
 */
static int
cmd_run(int argc, char **argv)
{
	struct opts *o = calloc(1, sizeof(*o));
	struct target t;
	struct run_verdict *res;
	char why[1024];
	int i, fails = 0, bad, setup_error, *pick, npick = 0;

	setup(argc, argv, o, &t);
	if (o->debug)
		return debug_one(o, &t);
	res = boot_all(o, &t, &setup_error);
	pick = calloc(o->ntests + 1, sizeof(*pick));
	for (i = 0; i < o->ntests; i++)
		if (o->meta_check && res[i].batch > 1 && run_bad(o, i, &res[i], why, sizeof(why)))
			pick[npick++] = i;
	/* a test a batch boot failed (--meta) boots again alone: as in check,
	 * a verdict other than ok comes from its own boot */
	if (npick)
		setup_error |= run_all(o, &t, res, pick, npick, 1);
	for (i = 0; i < o->ntests; i++) {
		bad = run_bad(o, i, &res[i], why, sizeof(why));
		drop_disk(o, &t, o->tests[i], bad);
		printf("%s %s/%s: %s%s%s%s%s (exit: %s)\n", bad ? "FAILED" : "ok    ", o->arch,
		       o->tests[i], run_result_name(res[i].result),
		       res[i].result == RUN_OK ? "" : ": ", res[i].reason, why[0] ? ", but " : "", why,
		       res[i].exit_status);
		fails += bad;
	}
	free(pick);
	printf("harness: %d tests on %s/%s, %d ok; run files in %s\n", o->ntests, t.name, o->arch,
	       o->ntests - fails, o->out);
	if (setup_error)
		fprintf(stderr, "harness: QEMU could not be started (a setup error): see the .log files in %s\n",
			o->out);
	return setup_error ? 2 : fails ? 1 : 0;
}

/*
 * cmd_cmdline: the QEMU command `harness run` (and check) would start for
 * the one named test, on stdout, as the .meta records it; nothing is built
 * or booted.
 */
static int
cmd_cmdline(int argc, char **argv)
{
	struct opts *o = calloc(1, sizeof(*o));
	struct target t;
	struct run_job j = {0};
	char *qargv[MAX_ARGV + 1], line[16384];
	int n;

	setup(argc, argv, o, &t);
	if (o->ntests != 1)
		die("cmdline: name one test (e.g. fork)");
	if (!t.qemu[target_arch_index(o->arch)])
		die("target %s has no qemu.%s template", t.name, o->arch);
	j.test = o->tests[0];
	n = job_argv(o, &t, &j, qargv);
	format_command(qargv, line, sizeof(line));
	printf("%s\n", line);
	target_argv_free(qargv, n);
	return 0;
}

/* report_verdict: the top-level "verdict" of tracediff's JSON report
 * DIR/TEST.json (schema tracediff/1, compare/README.md) into buf; "" when
 * the report is missing or has none.  The harness decides "expected" from
 * it, not from the wording of the TAP line. */
static void
report_verdict(const char *dir, const char *test, char buf[32])
{
	static const char key[] = "  \"verdict\": \"";
	char path[2 * PATH_MAX], line[512];
	FILE *f;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "%s/%s.json", dir, test);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		/* top-level keys are indented by two spaces, nested ones deeper */
		if (!strncmp(line, key, sizeof(key) - 1)) {
			sscanf(line + sizeof(key) - 1, "%31[a-z]", buf);
			break;
		}
	}
	fclose(f);
}

/*
 * golden_trace: the golden file the run of test is compared with, into
 * buf: <golden>/<test>.raw when the run's trace is raw (#tdiff sys lines or
 * ftrace), <test>.trace otherwise.  Returns 0, or -1 when the raw golden is
 * missing (buf names it).
 */
static int
golden_trace(const struct opts *o, const char *test, char *buf, size_t len)
{
	char path[PATH_MAX + 64];
	size_t tlen;
	char *trace;
	int raw;

	snprintf(path, sizeof(path), "%s/%s.trace", o->out, test);
	trace = read_file(path, &tlen);
	raw = trace && console_trace_is_raw(trace, tlen);
	free(trace);
	snprintf(buf, len, "%s/%s.%s", o->golden, test, raw ? "raw" : "trace");
	return raw && access(buf, R_OK) != 0 ? -1 : 0;
}

/* compare_one: tracediff golden vs run for one test; fills *r. */
static void
compare_one(const struct opts *o, const struct target *t, const char *test,
	    const struct run_verdict *v, struct report_row *r)
{
	char cmd[8 * PATH_MAX], b[PATH_MAX], rep[PATH_MAX], line[4096], *elf = NULL, err[256];
	char verdict[32], golden[PATH_MAX + 64];
	int a = target_arch_index(o->arch), st, n;
	struct target_vars vars;
	FILE *p;

	snprintf(b, sizeof(b), "%s/build/%s", o->top, o->arch);
	snprintf(rep, sizeof(rep), "%s/%s", o->reports, o->arch);
	mkdirs(rep);
	vars = (struct target_vars){o->arch, test, b, o->top, "", "", "", ""};
	if (t->elf[a])
		elf = target_expand(t->elf[a], &vars, err, sizeof(err));
	memset(r, 0, sizeof(*r));
	snprintf(r->test, sizeof(r->test), "%s", test);
	snprintf(r->arch, sizeof(r->arch), "%s", o->arch);
	snprintf(r->run_result, sizeof(r->run_result), "%s", run_result_name(v->result));
	if (golden_trace(o, test, golden, sizeof(golden)) < 0) {
		r->status = REPORT_ERROR;
		snprintf(r->summary, sizeof(r->summary),
			 "raw trace needs the raw golden %s.raw: %.700s is missing (make golden records it)",
			 test, golden);
		free(elf);
		return;
	}
	n = snprintf(cmd, sizeof(cmd),
		     "'%s' '%s' '%s/%s.trace' --out-a '%s/%s.out' --out-b '%s/%s.out' "
		     "--binary '%s/tests/%s' --name '%s' --arch '%s' --report-dir '%s' --tap",
		     o->tracediff, golden, o->out, test, o->golden, test, o->out, test, b, test, test,
		     o->arch, rep);
	if (elf)
		n += snprintf(cmd + n, sizeof(cmd) - n, " --kernel-elf '%s'", elf);
	if (o->expected)
		n += snprintf(cmd + n, sizeof(cmd) - n, " --expected '%s'", o->expected);
	snprintf(cmd + n, sizeof(cmd) - n, " 2>&1");
	free(elf);
	p = popen(cmd, "r");
	if (!p) {
		r->status = REPORT_ERROR;
		snprintf(r->summary, sizeof(r->summary), "cannot start tracediff");
		return;
	}
	while (fgets(line, sizeof(line), p)) {
		line[strcspn(line, "\n")] = '\0';
		/* the TAP line is the summary; other lines are kept for the terminal */
		if (!strncmp(line, "ok", 2) || !strncmp(line, "not ok", 6)) {
			const char *dash = strstr(line, " - "), *s = dash ? dash + 3 : line;
			size_t tl = strlen(test);

			/* tracediff names the test and arch first: we print them already */
			if (!strncmp(s, test, tl) && s[tl] == ' ' && s[tl + 1] == '[' && strchr(s, ']')) {
				s = strchr(s, ']') + 1;
				s += strspn(s, ": ");
			}
			/* a match with a note: "(raw level)"; an expected divergence
			 * ("... # TODO expected") is no match: its line stays as it is */
			if (*s == '(' && line[0] == 'o' && !strstr(s, " # TODO"))
				snprintf(r->summary, sizeof(r->summary), "matches golden %.900s", s);
			else
				scopy(r->summary, sizeof(r->summary), s);
		} else if (!r->detail[0]) {
			scopy(r->detail, sizeof(r->detail), line);
		}
	}
	st = pclose(p);
	st = WIFEXITED(st) ? WEXITSTATUS(st) : 2;
	r->status = st == 0 ? REPORT_PASS : st == 1 ? REPORT_FAIL : REPORT_ERROR;
	report_verdict(rep, test, verdict);
	if (r->status == REPORT_PASS && !strcmp(verdict, "expected"))
		r->status = REPORT_EXPECTED;	/* every divergence is listed as expected */
	if (!r->summary[0] && r->status == REPORT_PASS)
		scopy(r->summary, sizeof(r->summary), "matches golden");
	else if (!r->summary[0])
		scopy(r->summary, sizeof(r->summary), r->detail[0] ? r->detail : "no TAP line from tracediff");
	if (v->result != RUN_OK && r->status != REPORT_EXPECTED) {
		/* the boot did not end well: say how (panic, hang, garbage, error),
		 * not what tracediff makes of a cut trace (kept as the detail),
		 * unless tracediff named that class itself with its call and task
		 * ("panic in uname (task 1): ..."); an expected divergence keeps
		 * its "# TODO" line */
		const char *cls = run_result_name(v->result);
		size_t cl = strlen(cls);

		if (r->status == REPORT_PASS)
			r->status = REPORT_FAIL;
		if (!v->started && v->result != RUN_ERROR) {
			/* what was traced is the kernel's boot: nothing to blame in it */
			snprintf(r->summary, sizeof(r->summary), "%s: %s", cls, v->reason);
			snprintf(r->detail, sizeof(r->detail),
				 "nothing of the test ran: the console shows no '#tdiff start %.200s' (its "
				 "last lines: %.300s/%.200s.console)", test, o->out, test);
		} else if (strncmp(r->summary, cls, cl) || strncmp(r->summary + cl, " in ", 4)) {
			scopy(r->detail, sizeof(r->detail), r->summary);
			snprintf(r->summary, sizeof(r->summary), "%s: %s", cls, v->reason);
		}
	}
}

static int
cmd_check(int argc, char **argv)
{
	struct opts *o = calloc(1, sizeof(*o));
	struct target t;
	struct run_verdict *res;
	struct report_row *rows;
	char golden[PATH_MAX], reports[PATH_MAX], td[PATH_MAX];
	int i, k, fails = 0, expected = 0, setup_error, *pick, npick = 0;

	setup(argc, argv, o, &t);
	if (!o->golden) {
		snprintf(golden, sizeof(golden), "%s/golden/%s", o->top, o->arch);
		o->golden = golden;
	}
	if (!o->reports) {
		/* our kernel's in build/reports, another target's beside it:
		 * two targets' reports of one test never overwrite each other */
		if (!strcmp(t.name, "kernel"))
			snprintf(reports, sizeof(reports), "%s/build/reports", o->top);
		else
			snprintf(reports, sizeof(reports), "%s/build/reports-%s", o->top, t.name);
		o->reports = reports;
	}
	if (!o->tracediff) {
		snprintf(td, sizeof(td), "%s/build/host/tracediff", o->top);
		o->tracediff = td;
	}
	if (access(o->tracediff, X_OK) != 0)
		die("%s: not found: build it with 'make tracediff'", o->tracediff);
	res = boot_all(o, &t, &setup_error);
	rows = calloc(o->ntests + 1, sizeof(*rows));
	pick = calloc(o->ntests + 1, sizeof(*pick));
	for (i = 0; i < o->ntests; i++) {
		compare_one(o, &t, o->tests[i], &res[i], &rows[i]);
		if (res[i].batch > 1 && rows[i].status != REPORT_PASS && rows[i].status != REPORT_EXPECTED)
			pick[npick++] = i;
	}
	if (npick) {
		/* a test that diverged in a batch boot: its verdict is its own
		 * boot's, as without batches (PROTOCOL.md, "Batches") */
		fprintf(stderr, "harness: %d test(s) diverged in a batch boot: each boots again alone\n",
			npick);
		setup_error |= run_all(o, &t, res, pick, npick, 1);
		for (k = 0; k < npick; k++) {
			i = pick[k];
			compare_one(o, &t, o->tests[i], &res[i], &rows[i]);
			if (rows[i].status == REPORT_PASS || rows[i].status == REPORT_EXPECTED)
				fprintf(stderr,
					"harness: %s/%s diverged in a batch boot but not alone: state the warm "
					"restart keeps (physical pages, the clock) changed it\n",
					o->arch, o->tests[i]);
		}
	}
	for (i = 0; i < o->ntests; i++) {
		struct report_row *row = &rows[i];

		if (report_save_row(o->reports, row) < 0)
			fprintf(stderr, "harness: cannot save the result of %s/%s in %s\n", o->arch,
				o->tests[i], o->reports);
		/* an expected divergence is a known failure: "not ok ... # TODO" */
		printf("%s %d - %s %s%s%s\n", row->status == REPORT_PASS ? "ok" : "not ok", i + 1,
		       o->arch, o->tests[i], row->summary[0] ? ": " : "", row->summary);
		fails += row->status != REPORT_PASS && row->status != REPORT_EXPECTED;
		expected += row->status == REPORT_EXPECTED;
		drop_disk(o, &t, o->tests[i], row->status != REPORT_PASS && row->status != REPORT_EXPECTED);
	}
	free(rows);
	free(pick);
	printf("1..%d\n", o->ntests);
	if (report_write_index(o->reports) < 0)
		fprintf(stderr, "harness: cannot write the index in %s\n", o->reports);
	fprintf(stderr,
		"harness: %d of %d tests on %s/%s match golden, %d diverge only as expected, %d fail; "
		"reports: %s/index.html\n",
		o->ntests - fails - expected, o->ntests, t.name, o->arch, expected, fails, o->reports);
	if (setup_error)
		fprintf(stderr, "harness: QEMU could not be started (a setup error): see the .log files in %s\n",
			o->out);
	return setup_error ? 2 : fails ? 1 : 0;
}

static int
cmd_index(int argc, char **argv)
{
	struct opts o;
	char reports[PATH_MAX];

	parse_opts(argc, argv, &o);
	if (!o.reports) {
		snprintf(reports, sizeof(reports), "%s/build/reports", o.top);
		o.reports = reports;
	}
	if (report_write_index(o.reports) < 0)
		die("cannot write the index in %s", o.reports);
	printf("%s/index.html\n%s/junit.xml\n", o.reports, o.reports);
	return 0;
}

static int
cmd_targets(int argc, char **argv)
{
	char dir[PATH_MAX], path[PATH_MAX + 300], err[512];
	struct dirent **ents;
	struct opts o;
	int n, i, a;

	parse_opts(argc, argv, &o);
	snprintf(dir, sizeof(dir), "%s/harness/targets", o.top);
	n = scandir(dir, &ents, NULL, alphasort);
	if (n < 0)
		die("%s: %s", dir, strerror(errno));
	for (i = 0; i < n; i++) {
		struct target t;
		if (!strstr(ents[i]->d_name, ".target")) {
			free(ents[i]);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
		if (target_load(o.top, path, &t, err, sizeof(err)) < 0) {
			printf("%s: error: %s\n", ents[i]->d_name, err);
		} else {
			printf("%-10s", t.name);
			for (a = 0; a < TARGET_NARCH; a++)
				if (t.qemu[a])
					printf(" %s", a == TARGET_X86_64 ? "x86_64" : "riscv64");
			printf("  %s\n", t.description ? t.description : "");
			target_free(&t);
		}
		free(ents[i]);
	}
	free(ents);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(int, char **);
} commands[] = {
	{"run", cmd_run},
	{"check", cmd_check},
	{"index", cmd_index},
	{"cmdline", cmd_cmdline},
	{"targets", cmd_targets},
};

int
main(int argc, char **argv)
{
	struct sigaction sa;
	size_t i;

	/* TAP lines go out as they are made, in order with stderr's words */
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* every process a run starts is ours to reap, even after setsid */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		fputs(usage, stdout);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "harness: unknown command '%s'\n%s", argv[1], usage);
	return 2;
}
