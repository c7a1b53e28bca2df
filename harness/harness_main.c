/*
 * harness: boot tests on a target in QEMU, one boot per test, in parallel,
 * and compare them with golden.  Subcommands (a table, as git does):
 *
 *   harness run   [options] [TEST...]   boot each test, write the run files
 *   harness check [options] [TEST...]   run, then tracediff against golden: TAP + reports
 *   harness index [--reports DIR]       rebuild index.html and junit.xml from the results
 *   harness targets                     list the known targets
 *
 * Exit status: 0 all passed, 1 a test failed (or diverged unexpectedly),
 * 2 usage or setup error.  harness/README.md has the details.
 */
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_TESTS 512
#define MAX_ARGV 256

struct opts {
	const char *top, *target, *arch, *out, *golden, *reports, *expected, *tracediff, *cmdline, *qemu_extra;
	int jobs;
	double timeout_scale;
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

/* load_tests: the named tests, or every test of the arch (testcases/ metadata). */
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
		struct testmeta m;

		if (!((l > 2 && !strcmp(nm + l - 2, ".c")) || (l > 3 && !strcmp(nm + l - 3, ".sh"))))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, nm);
		if (testmeta_load(path, &m, err, sizeof(err)) < 0)
			die("%s", err);
		/* a helper runs only when named (benchmarks, debugging) */
		if ((m.helper && all) || !(m.arches & bit)) {
			testmeta_free(&m);
			continue;
		}
		if (all) {
			if (o->ntests >= MAX_TESTS)
				die("more than %d tests", MAX_TESTS);
			o->tests[o->ntests] = strdup(m.name);
			o->meta[o->ntests++] = m;
			continue;
		}
		for (k = 0; k < o->ntests; k++)
			if (!strcmp(o->tests[k], m.name))
				break;
		if (k < o->ntests)
			o->meta[k] = m;
		else
			testmeta_free(&m);
	}
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	for (k = 0; k < o->ntests; k++)
		if (!o->meta[k].name[0])
			die("no test '%s' for %s in testcases/ (a NAME.c or NAME.sh whose @arches include it)",
			    o->tests[k], o->arch);
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
	int i;

	run_classify(trace ? trace : "", tlen, &j->end, v);
	out = run_extract_output(console ? console : "", clen, j->test, t->noise, &olen);

	snprintf(path, sizeof(path), "%s/%s.trace", o->out, j->test);
	write_atomic(path, trace ? trace : "", tlen);
	snprintf(path, sizeof(path), "%s/%s.out", o->out, j->test);
	write_atomic(path, out, olen);
	m += snprintf(meta + m, sizeof(meta) - m,
		      "target: %s\narch: %s\ntest: %s\nresult: %s\nexit: %s\n", o->target, o->arch,
		      j->test, run_result_name(v->result), v->exit_status);
	if (v->result != RUN_OK)
		m += snprintf(meta + m, sizeof(meta) - m, "reason: %s\n", v->reason);
	m += snprintf(meta + m, sizeof(meta) - m, "wall: %.2f\ncommand:", run_now() - j->t_start);
	for (i = 0; argv[i] && m < sizeof(meta) - 2; i++)
		m += snprintf(meta + m, sizeof(meta) - m, strchr(argv[i], ' ') ? " '%s'" : " %s",
			      argv[i]);
	if (m > sizeof(meta) - 2)
		m = sizeof(meta) - 2;
	meta[m++] = '\n';
	snprintf(path, sizeof(path), "%s/%s.meta", o->out, j->test);
	write_atomic(path, meta, m);
	free(trace);
	free(console);
	free(out);
	return v->result;
}

/*
 * run_all: boot every test of o on the target, at most o->jobs at once.
 * results[i] gets each test's verdict.  Returns 0, or 2 on a setup error.
 */
static int
run_all(struct opts *o, struct target *t, struct run_verdict *results)
{
	struct run_job *jobs = calloc(o->jobs, sizeof(*jobs));
	char **argvs = calloc((size_t)o->jobs * (MAX_ARGV + 1), sizeof(char *));
	int *argcs = calloc(o->jobs, sizeof(int)), *which = calloc(o->jobs, sizeof(int));
	int a = target_arch_index(o->arch), next = 0, running = 0, s;
	char b[PATH_MAX], err[512];

	snprintf(b, sizeof(b), "%s/build/%s", o->top, o->arch);
	mkdirs(o->out);
	while ((next < o->ntests || running > 0) && !interrupted) {
		for (s = 0; s < o->jobs && next < o->ntests; s++) {
			struct run_job *j = &jobs[s];
			struct target_vars v;
			char **argv = argvs + (size_t)s * (MAX_ARGV + 1);

			if (j->test)
				continue;
			memset(j, 0, sizeof(*j));
			j->test = o->tests[next];
			which[s] = next++;
			snprintf(j->trace_path, sizeof(j->trace_path), "%s/%s.trace.raw", o->out, j->test);
			snprintf(j->console_path, sizeof(j->console_path), "%s/%s.console", o->out, j->test);
			snprintf(j->log_path, sizeof(j->log_path), "%s/%s.log", o->out, j->test);
			unlink(j->trace_path);
			unlink(j->console_path);
			j->max_bytes = o->max_bytes;
			v = (struct target_vars){o->arch, j->test, b, o->top, j->console_path, j->trace_path,
						 o->cmdline};
			argcs[s] = target_argv(t->qemu[a], &v, argv, MAX_ARGV, err, sizeof(err));
			if (argcs[s] < 0)
				die("target %s: %s", t->name, err);
			if (o->qemu_extra && o->qemu_extra[0]) {
				int n = target_argv(o->qemu_extra, &v, argv + argcs[s],
						    MAX_ARGV - argcs[s], err, sizeof(err));
				if (n < 0)
					die("--qemu-extra: %s", err);
				argcs[s] += n;
			}
			run_start(j, argv, o->meta[which[s]].timeout * o->timeout_scale);
			running++;
		}
		for (s = 0; s < o->jobs; s++) {
			struct run_job *j = &jobs[s];
			char **argv = argvs + (size_t)s * (MAX_ARGV + 1);

			if (!j->test || !run_poll(j))
				continue;
			finish_job(o, t, j, argv, &results[which[s]]);
			fprintf(stderr, "  RUN     %s/%s: %s (%.2f s)\n", o->arch, j->test,
				run_result_name(results[which[s]].result), run_now() - j->t_start);
			target_argv_free(argv, argcs[s]);
			j->test = NULL;
			running--;
		}
		if (running > 0) {
			struct timespec ts = {0, 5 * 1000 * 1000};
			nanosleep(&ts, NULL);
		}
	}
	if (interrupted) {
		for (s = 0; s < o->jobs; s++)
			if (jobs[s].test)
				run_kill(&jobs[s]);
		fprintf(stderr, "harness: interrupted by signal %d: every QEMU started was killed\n",
			(int)interrupted);
		exit(130);
	}
	free(jobs);
	free(argvs);
	free(argcs);
	free(which);
	return 0;
}

/* prepare: the target's build command for this arch, if any. */
static void
prepare(const struct opts *o, const struct target *t)
{
	int a = target_arch_index(o->arch), rc;
	struct target_vars v = {o->arch, "", "", o->top, "", "", ""};
	char b[PATH_MAX], err[512], *cmd;

	if (!t->qemu[a])
		die("target %s has no qemu.%s template: it does not support %s", t->name, o->arch,
		    o->arch);
	if (!t->prepare[a])
		return;
	snprintf(b, sizeof(b), "%s/build/%s", o->top, o->arch);
	v.b = b;
	cmd = target_expand(t->prepare[a], &v, err, sizeof(err));
	if (!cmd)
		die("target %s: prepare: %s", t->name, err);
	rc = system(cmd);
	if (rc != 0)
		die("target %s: prepare for %s failed (%s): fix the build above", t->name, o->arch, cmd);
	free(cmd);
}

static const struct option long_opts[] = {
	{"target", required_argument, 0, 't'}, {"arch", required_argument, 0, 'a'},
	{"out", required_argument, 0, 'o'},    {"jobs", required_argument, 0, 'j'},
	{"golden", required_argument, 0, 'g'}, {"reports", required_argument, 0, 'r'},
	{"expected", required_argument, 0, 'e'}, {"tracediff", required_argument, 0, 'd'},
	{"timeout-scale", required_argument, 0, 's'}, {"max-bytes", required_argument, 0, 'm'},
	{"cmdline", required_argument, 0, 'c'}, {"qemu-extra", required_argument, 0, 'x'},
	{"help", no_argument, 0, 'h'},         {0, 0, 0, 0},
};

static const char usage[] =
	"usage: harness run   [--target T] [--arch A] [--out DIR] [-j N] [TEST...]\n"
	"       harness check [--target T] [--arch A] [-j N] [--golden DIR] [--reports DIR]\n"
	"                     [--expected FILE] [--tracediff PATH] [TEST...]\n"
	"       harness index [--reports DIR]\n"
	"       harness targets\n"
	"       harness output CONSOLE TEST [--noise PREFIX]\n"
	"T is a name in harness/targets/ (kernel, linux) or a .target file; A is x86_64 or riscv64.\n"
	"Other options: --timeout-scale F (multiply each test's @timeout), --max-bytes N\n"
	"(kill a boot whose trace or console grows past N bytes; default 64 MiB),\n"
	"--cmdline 'WORDS' (added to the kernel command line: {extra}, e.g. tdiff.trace=0),\n"
	"--qemu-extra 'ARGS' (appended to the QEMU command, e.g. '-icount shift=6,sleep=off').\n"
	"A @helper testcase runs only when named.\n";

static void
parse_opts(int argc, char **argv, struct opts *o)
{
	static char top[PATH_MAX];
	long n;
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
		case 'j':
			n = strtol(optarg, NULL, 10);
			if (n < 1 || n > 64)
				die("-j %s: give 1 to 64 jobs", optarg);
			o->jobs = (int)n;
			break;
		case 's':
			o->timeout_scale = strtod(optarg, NULL);
			if (!(o->timeout_scale > 0 && o->timeout_scale <= 100))
				die("--timeout-scale %s: give a factor in (0, 100]", optarg);
			break;
		case 'm':
			o->max_bytes = strtol(optarg, NULL, 10);
			break;
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
}

/*
 * setup: what run and check share before the boots: parse the options, load
 * the target, default the run directory to build/<arch>/runs/<target>, and
 * list the tests.
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
	if (!o->out) {
		snprintf(out, sizeof(out), "%s/build/%s/runs/%s", o->top, o->arch, t->name);
		o->out = out;
	}
	load_tests(o);
}

/* boot_all: build what the target needs, boot every test; the verdicts. */
static struct run_verdict *
boot_all(struct opts *o, struct target *t)
{
	struct run_verdict *res = calloc(o->ntests, sizeof(*res));

	prepare(o, t);
	run_all(o, t, res);
	return res;
}

static int
cmd_run(int argc, char **argv)
{
	struct opts *o = calloc(1, sizeof(*o));
	struct target t;
	struct run_verdict *res;
	int i, fails = 0;

	setup(argc, argv, o, &t);
	res = boot_all(o, &t);
	for (i = 0; i < o->ntests; i++) {
		printf("%s %s/%s: %s%s%s (exit: %s)\n", res[i].result == RUN_OK ? "ok    " : "FAILED",
		       o->arch, o->tests[i], run_result_name(res[i].result),
		       res[i].result == RUN_OK ? "" : ": ", res[i].reason, res[i].exit_status);
		fails += res[i].result != RUN_OK;
	}
	printf("harness: %d tests on %s/%s, %d ok; run files in %s\n", o->ntests, t.name, o->arch,
	       o->ntests - fails, o->out);
	return fails ? 1 : 0;
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

/* compare_one: tracediff golden vs run for one test; fills *r. */
static void
compare_one(const struct opts *o, const struct target *t, const char *test,
	    const struct run_verdict *v, struct report_row *r)
{
	char cmd[8 * PATH_MAX], b[PATH_MAX], rep[PATH_MAX], line[4096], *elf = NULL, err[256];
	char verdict[32];
	int a = target_arch_index(o->arch), st, n;
	struct target_vars vars;
	FILE *p;

	snprintf(b, sizeof(b), "%s/build/%s", o->top, o->arch);
	snprintf(rep, sizeof(rep), "%s/%s", o->reports, o->arch);
	mkdirs(rep);
	vars = (struct target_vars){o->arch, test, b, o->top, "", "", ""};
	if (t->elf[a])
		elf = target_expand(t->elf[a], &vars, err, sizeof(err));
	memset(r, 0, sizeof(*r));
	snprintf(r->test, sizeof(r->test), "%s", test);
	snprintf(r->arch, sizeof(r->arch), "%s", o->arch);
	snprintf(r->run_result, sizeof(r->run_result), "%s", run_result_name(v->result));
	n = snprintf(cmd, sizeof(cmd),
		     "'%s' '%s/%s.trace' '%s/%s.trace' --out-a '%s/%s.out' --out-b '%s/%s.out' "
		     "--binary '%s/tests/%s' --name '%s' --arch '%s' --report-dir '%s' --tap",
		     o->tracediff, o->golden, test, o->out, test, o->golden, test, o->out, test, b,
		     test, test, o->arch, rep);
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
	if (v->result != RUN_OK && r->status == REPORT_PASS) {
		/* equivalent traces, but the boot itself did not end well */
		r->status = REPORT_FAIL;
		snprintf(r->summary, sizeof(r->summary), "%s: %s", run_result_name(v->result), v->reason);
	}
}

static int
cmd_check(int argc, char **argv)
{
	struct opts *o = calloc(1, sizeof(*o));
	struct target t;
	struct run_verdict *res;
	struct report_row row;
	char golden[PATH_MAX], reports[PATH_MAX], td[PATH_MAX];
	int i, fails = 0, expected = 0;

	setup(argc, argv, o, &t);
	if (!o->golden) {
		snprintf(golden, sizeof(golden), "%s/golden/%s", o->top, o->arch);
		o->golden = golden;
	}
	if (!o->reports) {
		snprintf(reports, sizeof(reports), "%s/build/reports", o->top);
		o->reports = reports;
	}
	if (!o->tracediff) {
		snprintf(td, sizeof(td), "%s/build/host/tracediff", o->top);
		o->tracediff = td;
	}
	if (access(o->tracediff, X_OK) != 0)
		die("%s: not found: build it with 'make tracediff'", o->tracediff);
	res = boot_all(o, &t);
	for (i = 0; i < o->ntests; i++) {
		compare_one(o, &t, o->tests[i], &res[i], &row);
		if (report_save_row(o->reports, &row) < 0)
			fprintf(stderr, "harness: cannot save the result of %s/%s in %s\n", o->arch,
				o->tests[i], o->reports);
		printf("%s %d - %s %s%s%s\n",
		       row.status == REPORT_PASS || row.status == REPORT_EXPECTED ? "ok" : "not ok", i + 1,
		       o->arch, o->tests[i], row.summary[0] ? ": " : "", row.summary);
		fails += row.status != REPORT_PASS && row.status != REPORT_EXPECTED;
		expected += row.status == REPORT_EXPECTED;
	}
	printf("1..%d\n", o->ntests);
	if (report_write_index(o->reports) < 0)
		fprintf(stderr, "harness: cannot write the index in %s\n", o->reports);
	fprintf(stderr,
		"harness: %d of %d tests on %s/%s match golden, %d diverge only as expected, %d fail; "
		"reports: %s/index.html\n",
		o->ntests - fails - expected, o->ntests, t.name, o->arch, expected, fails, o->reports);
	return fails ? 1 : 0;
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

/*
 * cmd_output: harness output CONSOLE TEST [--noise PREFIX]: the test's
 * output cut from a raw console stream (run_extract_output), on stdout; for
 * recorders that start QEMU themselves (harness/linux/run.sh).
 */
static int
cmd_output(int argc, char **argv)
{
	const char *noise = NULL;
	size_t clen, olen;
	char *console, *out;

	if (argc == 5 && !strcmp(argv[3], "--noise"))
		noise = argv[4];
	else if (argc != 3)
		die("usage: harness output CONSOLE TEST [--noise PREFIX]");
	console = read_file(argv[1], &clen);
	if (!console)
		die("%s: %s", argv[1], strerror(errno));
	out = run_extract_output(console, clen, argv[2], noise, &olen);
	if (fwrite(out, 1, olen, stdout) != olen || fflush(stdout) != 0)
		die("output: write error");
	free(out);
	free(console);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(int, char **);
} commands[] = {
	{"run", cmd_run},
	{"check", cmd_check},
	{"index", cmd_index},
	{"targets", cmd_targets},
	{"output", cmd_output},
};

int
main(int argc, char **argv)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "harness: unknown command '%s'\n%s", argv[1], usage);
	return 2;
}
