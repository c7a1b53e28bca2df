/* tracediff: name the first syscall where a kernel parts from Linux.
 * See `tracediff --help` and compare/README.md. */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diverge.h"
#include "expect.h"
#include "lower.h"
#include "norm.h"
#include "raw.h"
#include "strs.h"
#include "report.h"
#include "symbolize.h"
#include "sysc.h"
#include "trace.h"

#define TD_VERSION "1"

static const char usage[] =
	"usage: tracediff GOLDEN KERNEL [options]\n"
	"       tracediff --junit-merge OUT.xml [--suite NAME] FRAGMENT.junit.xml...\n"
	"       tracediff --syscall-report DIR   (DIR/<arch>/*.syscalls.tsv into DIR/syscalls.*)\n"
	"\n"
	"Compare two strace -f logs (GOLDEN from Linux, KERNEL from the kernel under\n"
	"test) and name the first syscall where they part, and why.\n"
	"\n"
	"inputs:\n"
	"  --out-a FILE        program output (stdout+stderr) of the golden run\n"
	"  --out-b FILE        program output of the kernel run\n"
	"  --meta-a FILE       golden run's .meta (key: value lines; arch is used)\n"
	"  --meta-b FILE       kernel run's .meta\n"
	"                      (X.out and X.meta beside X.trace are used when present,\n"
	"                      unless --no-siblings)\n"
	"  --no-siblings       do not look for .out/.meta beside the traces\n"
	"  --level LEVEL       auto (default), raw or full: raw compares what a raw\n"
	"                      trace shows (numbers, returns, the task tree), full\n"
	"                      everything strace decodes; auto is raw when either\n"
	"                      trace is raw (#tdiff sys, ftrace, strace -X raw)\n"
	"  --arch ARCH         x86_64 or riscv64 (default: #tdiff boot line, .meta, else\n"
	"                      the call names the traces use); names syscall_0x...\n"
	"  --binary ELF        the test binary: fault pcs become function+offset, file:line\n"
	"  --kernel-elf ELF    the kernel: panic backtraces become symbols\n"
	"  --expected FILE     expected divergences (format in compare/README.md)\n"
	"  --name TEST         test name for reports (default: KERNEL's file name\n"
	"                      without .trace)\n"
	"  --max-size N        refuse an input larger than N bytes (suffix k, M or G;\n"
	"                      default 1G)\n"
	"  (either trace may be '-': standard input)\n"
	"\n"
	"outputs:\n"
	"  --report-dir DIR    write DIR/TEST.txt, .json, .html and .junit.xml\n"
	"  --text FILE         plain text report ('-' for stdout)\n"
	"  --json FILE         JSON report (schema in compare/README.md)\n"
	"  --html FILE         one self-contained side-by-side HTML page\n"
	"  --junit FILE        a JUnit <testcase> fragment (merge with --junit-merge)\n"
	"  --tap               print one TAP line on stdout (the summary then goes to\n"
	"                      stderr)\n"
	"  --tap-number N      number the TAP line\n"
	"  -C, --context N     rows of context around a divergence (default 3)\n"
	"  --color WHEN        auto (default), always or never\n"
	"  -q, --quiet         no terminal summary\n"
	"  -h, --help          this text\n"
	"  --version           print the version\n"
	"\n"
	"exit status: 0 equivalent (or every divergence expected), 1 divergent\n"
	"(including a stale expected entry), 2 error (unreadable input, golden trace\n"
	"that does not parse, mismatched arches, bad options).\n";

enum {
	OPT_OUT_A = 256,
	OPT_OUT_B,
	OPT_META_A,
	OPT_META_B,
	OPT_NO_SIB,
	OPT_ARCH,
	OPT_BINARY,
	OPT_KELF,
	OPT_EXPECTED,
	OPT_NAME,
	OPT_REPORT_DIR,
	OPT_TEXT,
	OPT_JSON,
	OPT_HTML,
	OPT_JUNIT,
	OPT_TAP,
	OPT_TAPN,
	OPT_COLOR,
	OPT_MERGE,
	OPT_SYSREPORT,
	OPT_SUITE,
	OPT_VERSION,
	OPT_MAX_SIZE,
	OPT_LEVEL,
};

static const struct option longopts[] = {
	{"out-a", required_argument, NULL, OPT_OUT_A},
	{"out-b", required_argument, NULL, OPT_OUT_B},
	{"meta-a", required_argument, NULL, OPT_META_A},
	{"meta-b", required_argument, NULL, OPT_META_B},
	{"no-siblings", no_argument, NULL, OPT_NO_SIB},
	{"arch", required_argument, NULL, OPT_ARCH},
	{"binary", required_argument, NULL, OPT_BINARY},
	{"kernel-elf", required_argument, NULL, OPT_KELF},
	{"expected", required_argument, NULL, OPT_EXPECTED},
	{"name", required_argument, NULL, OPT_NAME},
	{"report-dir", required_argument, NULL, OPT_REPORT_DIR},
	{"text", required_argument, NULL, OPT_TEXT},
	{"json", required_argument, NULL, OPT_JSON},
	{"html", required_argument, NULL, OPT_HTML},
	{"junit", required_argument, NULL, OPT_JUNIT},
	{"tap", no_argument, NULL, OPT_TAP},
	{"tap-number", required_argument, NULL, OPT_TAPN},
	{"context", required_argument, NULL, 'C'},
	{"color", required_argument, NULL, OPT_COLOR},
	{"quiet", no_argument, NULL, 'q'},
	{"junit-merge", required_argument, NULL, OPT_MERGE},
	{"syscall-report", required_argument, NULL, OPT_SYSREPORT},
	{"suite", required_argument, NULL, OPT_SUITE},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{"max-size", required_argument, NULL, OPT_MAX_SIZE},
	{"level", required_argument, NULL, OPT_LEVEL},
	{NULL, 0, NULL, 0},
};

struct cli {
	const char *out_a, *out_b, *meta_a, *meta_b, *arch, *binary, *kelf, *expected, *name;
	const char *report_dir, *text, *json, *html, *junit, *merge, *suite, *sysreport;
	int no_sib, tap, tapn, context, color, quiet;
	int level; /* LEVEL_AUTO, LEVEL_RAW, LEVEL_FULL */
};

enum { LEVEL_AUTO, LEVEL_RAW, LEVEL_FULL };

static int
file_exists(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* sibling: X.trace (or X.raw) -> X.<ext> when that file exists, else NULL
 * (malloc'd). */
static char *
sibling(const char *trace, const char *ext)
{
	size_t n = strlen(trace), sfx;
	char *p;

	if (n > 6 && !strcmp(trace + n - 6, ".trace"))
		sfx = 6;
	else if (n > 4 && !strcmp(trace + n - 4, ".raw"))
		sfx = 4;
	else
		return NULL;
	p = td_xmalloc(n + strlen(ext) + 1);
	memcpy(p, trace, n - sfx);
	strcpy(p + n - sfx, ext);
	if (!file_exists(p)) {
		free(p);
		return NULL;
	}
	return p;
}

/* meta_get: value of "key: value" in a .meta file into buf; 0 if found. */
static int
meta_get(const char *path, const char *key, char *buf, size_t n)
{
	char line[1024];
	size_t k = strlen(key);
	FILE *f;
	int found = -1;

	if (!path || !(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, key, k) && line[k] == ':') {
			char *v = line + k + 1;

			while (*v == ' ' || *v == '\t')
				v++;
			v[strcspn(v, "\r\n")] = 0;
			if (n) {
				size_t l = strlen(v) < n - 1 ? strlen(v) : n - 1;

				memcpy(buf, v, l);
				buf[l] = 0;
			}
			found = 0;
			break;
		}
	}
	fclose(f);
	return found;
}

static int
emit(const char *path, const struct td_sb *sb)
{
	if (!strcmp(path, "-")) {
		fwrite(sb->s ? sb->s : "", 1, sb->len, stdout);
		return 0;
	}
	return td_write_file(path, sb->s ? sb->s : "", sb->len);
}

static int
mkdir_p(const char *dir)
{
	char tmp[4096];

	snprintf(tmp, sizeof(tmp), "%s", dir);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(tmp, 0777) < 0 && errno != EEXIST)
			return td_err("%s: %s", tmp, strerror(errno));
		*p = '/';
	}
	if (mkdir(tmp, 0777) < 0 && errno != EEXIST)
		return td_err("%s: %s", tmp, strerror(errno));
	return 0;
}

/* write_reports: every output the options ask for; -1 on a write error. */
static int
write_reports(const struct cli *c, const struct td_result *r)
{
	struct td_sb sb = {0};
	char path[4096];
	int rc = 0;
	const struct {
		const char *file, *ext;
		void (*fn)(const struct td_result *, struct td_sb *);
	} outs[] = {
		{c->json, ".json", td_report_json},
		{c->html, ".html", td_report_html},
		{c->junit, ".junit.xml", td_report_junit},
		{NULL, ".syscalls.tsv", td_report_sys_tsv}, /* --report-dir only */
	};

	if (c->report_dir && mkdir_p(c->report_dir) < 0)
		return -1;
	if (c->text || c->report_dir) {
		td_report_text(r, &sb, 0);
		if (c->text)
			rc |= emit(c->text, &sb);
		if (c->report_dir) {
			snprintf(path, sizeof(path), "%s/%s.txt", c->report_dir, r->o->name);
			rc |= emit(path, &sb);
		}
	}
	for (size_t i = 0; i < sizeof(outs) / sizeof(outs[0]); i++) {
		if (!outs[i].file && !c->report_dir)
			continue;
		td_sb_reset(&sb);
		outs[i].fn(r, &sb);
		if (outs[i].file)
			rc |= emit(outs[i].file, &sb);
		if (c->report_dir) {
			snprintf(path, sizeof(path), "%s/%s%s", c->report_dir, r->o->name, outs[i].ext);
			rc |= emit(path, &sb);
		}
	}
	td_sb_free(&sb);
	return rc ? -1 : 0;
}

/* parse_size: "4096", "64k", "512M", "2G" (powers of 1024) into *v. */
static int
parse_size(const char *s, size_t *v)
{
	static const char units[] = "kMG";
	char *end;
	unsigned long long n;
	const char *u;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (end == s || errno || s[0] == '-')
		return -1;
	if (*end && (end[1] || !(u = strchr(units, *end))))
		return -1;
	for (int i = *end ? (int)(u - units) + 1 : 0; i > 0; i--) {
		if (n > (unsigned long long)SIZE_MAX / 1024)
			return -1;
		n *= 1024;
	}
	*v = (size_t)n;
	return 0;
}

static int
parse_cli(int argc, char **argv, struct cli *c)
{
	int ch;
	char *end;

	memset(c, 0, sizeof(*c));
	c->context = 3;
	c->color = -1;
	while ((ch = getopt_long(argc, argv, "C:qh", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_OUT_A: c->out_a = optarg; break;
		case OPT_OUT_B: c->out_b = optarg; break;
		case OPT_META_A: c->meta_a = optarg; break;
		case OPT_META_B: c->meta_b = optarg; break;
		case OPT_NO_SIB: c->no_sib = 1; break;
		case OPT_ARCH: c->arch = optarg; break;
		case OPT_BINARY: c->binary = optarg; break;
		case OPT_KELF: c->kelf = optarg; break;
		case OPT_EXPECTED: c->expected = optarg; break;
		case OPT_NAME: c->name = optarg; break;
		case OPT_REPORT_DIR: c->report_dir = optarg; break;
		case OPT_TEXT: c->text = optarg; break;
		case OPT_JSON: c->json = optarg; break;
		case OPT_HTML: c->html = optarg; break;
		case OPT_JUNIT: c->junit = optarg; break;
		case OPT_TAP: c->tap = 1; break;
		case OPT_MERGE: c->merge = optarg; break;
		case OPT_SYSREPORT: c->sysreport = optarg; break;
		case OPT_SUITE: c->suite = optarg; break;
		case 'q': c->quiet = 1; break;
		case OPT_TAPN:
		case 'C': {
			long v = strtol(optarg, &end, 10);

			if (*end || v < 0 || v > 100000)
				return td_err("%s: not a number: '%s'", ch == 'C' ? "--context" : "--tap-number",
					      optarg);
			if (ch == 'C')
				c->context = (int)v;
			else
				c->tapn = (int)v, c->tap = 1;
			break;
		}
		case OPT_COLOR:
			if (!strcmp(optarg, "always"))
				c->color = 1;
			else if (!strcmp(optarg, "never"))
				c->color = 0;
			else if (!strcmp(optarg, "auto"))
				c->color = -1;
			else
				return td_err("--color: expected auto, always or never, not '%s'", optarg);
			break;
		case 'h':
			fputs(usage, stdout);
			exit(0);
		case OPT_VERSION:
			printf("tracediff %s\n", TD_VERSION);
			exit(0);
		case OPT_MAX_SIZE:
			if (parse_size(optarg, &td_max_input) < 0)
				return td_err("--max-size: not a size: '%s'", optarg);
			break;
		case OPT_LEVEL:
			if (!strcmp(optarg, "raw"))
				c->level = LEVEL_RAW;
			else if (!strcmp(optarg, "full"))
				c->level = LEVEL_FULL;
			else if (!strcmp(optarg, "auto"))
				c->level = LEVEL_AUTO;
			else
				return td_err("--level: expected auto, raw or full, not '%s'", optarg);
			break;
		default:
			return td_err("try 'tracediff --help'");
		}
	}
	if (c->arch && td_arch_known(c->arch) < 0)
		return td_err("--arch: unknown arch '%s' (x86_64 or riscv64)", c->arch);
	return 0;
}

/* fuse: two loaders that go on to normalize their traces as soon as each
 * is loaded, when the comparison is at full level for certain (both
 * traces decoded strace and no --level raw: choose_level can then say
 * nothing else), instead of waiting for the other trace to load; the one
 * done first helps the other, as prepare_one does.  The normalization is
 * the same whenever it starts: it reads only its own loaded trace. */
struct fuse {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int level;		    /* the cli's */
	int form[2];		    /* each trace's form, -1 until detected */
	int loaded[2];		    /* 0 loading, 1 loaded, -1 failed */
	struct td_norm_job *job[2]; /* made once loaded (early) */
	int early[2];		    /* normalized by load_one */
};

struct loader {
	struct td_trace *t;
	const char *path, *arch;
	int rc;
	int raw;    /* prepare: lower (raw level) instead of normalize */
	int helper; /* load may use a thread more */
	struct td_norm_job *job;    /* prepare: the normalization (full level) */
	const struct loader *other; /* whose normalization to help after */
	struct fuse *fz;	    /* load: normalize early (or NULL) */
	int side;		    /* its index in fz */
};

/* form_known: a loader's trace form is detected (td_load_any_notified) */
static void
form_known(void *ctx, int form)
{
	struct loader *l = ctx;

	pthread_mutex_lock(&l->fz->mu);
	l->fz->form[l->side] = form;
	pthread_cond_broadcast(&l->fz->cv);
	pthread_mutex_unlock(&l->fz->mu);
}

/* fuse_norm: after loading, normalize at once when both traces are
 * decoded strace and the level is not raw (the other's form is known
 * within its first lines), then help the other's normalization */
static void
fuse_norm(struct loader *l)
{
	struct fuse *f = l->fz;
	int me = l->side, o = !me, go;
	struct td_norm_job *j;

	pthread_mutex_lock(&f->mu);
	f->loaded[me] = l->rc < 0 ? -1 : 1;
	pthread_cond_broadcast(&f->cv);
	while (f->form[o] < 0 && f->loaded[o] == 0)
		pthread_cond_wait(&f->cv, &f->mu);
	/* the same answer on both sides when both loaded: it reads only
	 * the two forms and the level */
	go = l->rc == 0 && f->form[o] >= 0 && f->level != LEVEL_RAW && !td_form_is_raw(f->form[me]) &&
	     !td_form_is_raw(f->form[o]);
	if (go) {
		f->job[me] = td_norm_job_new(l->t, 1);
		f->early[me] = 1;
		pthread_cond_broadcast(&f->cv);
	}
	pthread_mutex_unlock(&f->mu);
	if (!go)
		return;
	td_norm_run(f->job[me]);
	pthread_mutex_lock(&f->mu);
	while (!f->job[o] && f->loaded[o] >= 0) /* it makes one once loaded, or fails */
		pthread_cond_wait(&f->cv, &f->mu);
	j = f->job[o];
	pthread_mutex_unlock(&f->mu);
	if (j)
		td_norm_help(j);
}

/* load_one: read one trace in whatever form (run on a thread of its own),
 * then, with a fuse, normalize it too. */
static void *
load_one(void *arg)
{
	struct loader *l = arg;

	l->rc = td_load_any_notified(l->t, l->path, l->arch, l->helper, l->fz ? form_known : NULL, l);
	if (l->fz)
		fuse_norm(l);
	return NULL;
}

/* prepare_one: normalize (full level) or lower (raw level) one trace,
 * then help normalize the other. */
static void *
prepare_one(void *arg)
{
	struct loader *l = arg;

	if (l->raw) {
		td_lower(l->t, NULL);
		return NULL;
	}
	td_norm_run(l->job);
	if (l->other->job)
		td_norm_help(l->other->job);
	return NULL;
}

/* both: run fn on a and b, a on a thread of its own when one can be made */
static void
both(void *(*fn)(void *), struct loader *a, struct loader *b)
{
	pthread_t th;
	int threaded = pthread_create(&th, NULL, fn, a) == 0;

	if (!threaded)
		fn(a);
	fn(b);
	if (threaded)
		pthread_join(th, NULL);
}

/* helpers: which of two traces of these sizes may load on a thread more
 * than its own: each when there are processors to spare, else a long one
 * against a short one (a kernel that stopped early), whose own thread
 * soon idles */
static void
helpers(size_t g, size_t k, struct loader *lg, struct loader *lk)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	lg->helper = ncpu > 2 || (ncpu == 2 && k * 8 < g);
	lk->helper = ncpu > 2 || (ncpu == 2 && g * 8 < k);
}

/* file_size: a regular file's size, else 0 */
static size_t
file_size(const char *path)
{
	struct stat st;

	return strcmp(path, "-") && stat(path, &st) == 0 && S_ISREG(st.st_mode) ? (size_t)st.st_size : 0;
}

/* choose_level: the level the two loaded traces compare at (*raw), or -1
 * with the reason in msg: a raw trace against a decoded golden, or a raw
 * trace at full level. */
static int
choose_level(const struct cli *c, const struct td_trace *g, const struct td_trace *k, int *raw, char *msg,
	     size_t n)
{
	int rg = td_form_is_raw(g->form), rk = td_form_is_raw(k->form);

	*raw = c->level == LEVEL_RAW || (c->level == LEVEL_AUTO && (rg || rk));
	if (!*raw && (rg || rk)) {
		snprintf(msg, n, "%.300s is a raw trace (%s): it can be compared at raw level only (--level raw)",
			 rg ? g->path : k->path, td_form_name(rg ? g->form : k->form));
		return -1;
	}
	if (*raw && rk && !rg) {
		char stem[256];
		size_t sl;

		snprintf(stem, sizeof(stem), "%s", g->path);
		sl = strlen(stem);
		if (sl > 6 && !strcmp(stem + sl - 6, ".trace"))
			stem[sl - 6] = 0;
		snprintf(msg, n, "raw trace needs the raw golden %.200s.raw: %.120s is decoded strace, %.120s is %s",
			 stem, g->path, k->path, td_form_name(k->form));
		return -1;
	}
	if (*raw && rg && !rk) {
		snprintf(msg, n, "%.200s is decoded strace but the golden %.200s is raw (%s): compare it with the decoded "
			 "golden (.trace)", k->path, g->path, td_form_name(g->form));
		return -1;
	}
	return 0;
}

/* strs_of_golden: the kernel's raw trace shows strings (#tdiff str): give
 * golden its own, from its decoded text, or for a raw golden (strace -X
 * raw) from the decoded <test>.trace beside it, recorded in the same boot
 * (strs.h).  st->tasks stays 0 when there was nothing to pair. */
static void
strs_of_golden(const struct cli *c, struct td_trace *g, const char *gpath, struct td_strs_pairing *st)
{
	struct td_trace dec = {0};
	char *sib;

	memset(st, 0, sizeof(*st));
	if (g->form == TD_FORM_STRACE) {
		td_strs_from_args(g);
		return;
	}
	if (g->form != TD_FORM_STRACE_RAW || c->no_sib || !(sib = sibling(gpath, ".trace")))
		return;
	if (td_trace_load(&dec, sib, g->arch[0] ? g->arch : NULL) == 0) {
		td_strs_from_args(&dec);
		td_strs_pair(g, &dec, st);
		td_trace_free(&dec);
	}
	free(sib);
}

/* level_note: what the raw level leaves out, for the reports (into buf) */
static const char *
level_note(const struct td_trace *g, const struct td_trace *k, const struct td_strs_pairing *st, char *buf,
	   size_t n)
{
	size_t o;

	if (k->nstr && g->nstr)
		o = (size_t)snprintf(buf, n, "raw level: pointers and structs left out; strings (paths, write buffers) "
				     "compared where both sides show them");
	else
		o = (size_t)snprintf(buf, n, "raw level: pointers, strings and structs left out");
	if (k->nstr && st->tasks > st->paired && o < n)
		o += (size_t)snprintf(buf + o, n - o, "; no strings in task%s %s (golden's .trace and .raw calls do not "
				      "line up)", st->tasks - st->paired > 1 ? "s" : "", st->skipped);
	if ((k->no_signals || g->no_signals) && o < n)
		snprintf(buf + o, n - o, "; signals not compared (the raw trace has no '#tdiff signal' lines)");
	return buf;
}

/* default_name: KERNEL's base name without .trace (static buffer), "stdin"
 * for -. */
static const char *
default_name(const char *kernel)
{
	static char buf[256];
	char tmp[4096];
	size_t n;

	if (!strcmp(kernel, "-"))
		return "stdin";
	snprintf(tmp, sizeof(tmp), "%s", kernel);
	snprintf(buf, sizeof(buf), "%s", basename(tmp));
	n = strlen(buf);
	if (n > 6 && !strcmp(buf + n - 6, ".trace"))
		buf[n - 6] = 0;
	else if (n > 4 && !strcmp(buf + n - 4, ".raw"))
		buf[n - 4] = 0;
	return buf;
}

/* names_unknown: how many of the trace's call names libseccomp does not
 * know on arch (strace's own "???" and syscall_0x... forms aside). */
static size_t
names_unknown(const struct td_trace *t, const char *arch)
{
	size_t n = 0;

	for (size_t i = 0; i < t->names_cap; i++) {
		const char *s = t->names[i].s;

		if (s && strncmp(s, "SIG", 3) && strcmp(s, "???") && strncmp(s, "syscall_0x", 10) &&
		    td_sys_nr(arch, s) < 0)
			n++;
	}
	return n;
}

/* has_name: the trace has a call named s */
static int
has_name(const struct td_trace *t, const char *s)
{
	for (size_t i = 0; i < t->names_cap; i++)
		if (t->names[i].s && !strcmp(t->names[i].s, s))
			return 1;
	return 0;
}

/* guess_arch: the arch whose syscall names the golden trace uses (a
 * riscv64 log has no open or arch_prctl; an x86_64 log no
 * riscv_flush_icache).  When both know every name: a program started by
 * execve on x86_64 sets its thread pointer with arch_prctl (musl, glibc),
 * which riscv64 does without a call.  NULL when nothing tells. */
static const char *
guess_arch(const struct td_trace *g)
{
	size_t x = names_unknown(g, "x86_64"), r = names_unknown(g, "riscv64");

	if (x != r)
		return x < r ? "x86_64" : "riscv64";
	if (x == 0 && has_name(g, "execve"))
		return has_name(g, "arch_prctl") ? "x86_64" : "riscv64";
	return NULL;
}

/* load_guessing: load both traces when no option or .meta names the arch:
 * the golden trace's #tdiff boot line may name it; else its call names
 * decide (guess_arch), and the golden trace is loaded again for that arch
 * (names checked, syscall_0x... resolved; standard input cannot be read
 * twice and stays as it is).  0, or -1 with nothing left loaded. */
static int
load_guessing(struct td_trace *g, struct td_trace *k, const char *pg, const char *pk)
{
	const char *arch;

	if (td_load_any(g, pg, NULL) < 0)
		return -1;
	arch = g->arch[0] ? g->arch : guess_arch(g);
	if (!g->arch[0] && arch && strcmp(pg, "-")) {
		td_trace_free(g);
		if (td_load_any(g, pg, arch) < 0)
			return -1;
	}
	if (td_load_any(k, pk, arch) < 0) {
		td_trace_free(g);
		return -1;
	}
	return 0;
}

/* report_on_stdout: a report (--json -, --text -, ...) is written to stdout. */
static int
report_on_stdout(const struct cli *c)
{
	const char *r[] = {c->text, c->json, c->html, c->junit};

	for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		if (r[i] && !strcmp(r[i], "-"))
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	struct cli c;
	struct td_trace g, k;
	struct td_result r;
	struct td_opts o = {0};
	char *sib[4] = {0};
	char arch_a[32] = "", arch_b[32] = "", arch[32] = "";
	static char note[512]; /* the level note the reports show */
	int st, fused = 0;
	struct fuse fz = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, {-1, -1}, {0, 0}, {NULL, NULL}, {0, 0}};

	if (parse_cli(argc, argv, &c) < 0)
		return 2;
	if (c.sysreport)
		return td_syscall_report(c.sysreport) < 0 ? 2 : 0;
	if (c.merge)
		return td_junit_merge(c.merge, c.suite ? c.suite : "tracediff", argv + optind, argc - optind) < 0 ? 2 : 0;
	if (argc - optind != 2) {
		td_err("expected two traces, GOLDEN and KERNEL (try 'tracediff --help')");
		return 2;
	}
	if (!strcmp(argv[optind], "-") && !strcmp(argv[optind + 1], "-")) {
		td_err("-: only one trace can be standard input");
		return 2;
	}
	if (!c.no_sib) {
		if (!c.out_a && !c.out_b) {
			sib[0] = sibling(argv[optind], ".out");
			sib[1] = sibling(argv[optind + 1], ".out");
			if (sib[0] && sib[1])
				c.out_a = sib[0], c.out_b = sib[1];
		}
		if (!c.meta_a)
			c.meta_a = sib[2] = sibling(argv[optind], ".meta");
		if (!c.meta_b)
			c.meta_b = sib[3] = sibling(argv[optind + 1], ".meta");
	}
	meta_get(c.meta_a, "arch", arch_a, sizeof(arch_a));
	meta_get(c.meta_b, "arch", arch_b, sizeof(arch_b));
	if (arch_a[0] && arch_b[0] && strcmp(arch_a, arch_b) != 0) {
		td_err("mismatched arches: %s says %s, %s says %s", c.meta_a, arch_a, c.meta_b, arch_b);
		goto fail;
	}
	snprintf(arch, sizeof(arch), "%s", c.arch ? c.arch : arch_a[0] ? arch_a : arch_b);
	if (arch[0]) {
		/* the arch is known: both traces load in parallel (and
		 * normalize, fz) */
		struct loader lg = {&g, argv[optind], arch, 0, 0, 0, NULL, NULL, &fz, 0};
		struct loader lk = {&k, argv[optind + 1], arch, 0, 0, 0, NULL, NULL, &fz, 1};

		fz.level = c.level;
		helpers(file_size(argv[optind]), file_size(argv[optind + 1]), &lg, &lk);
		both(load_one, &lg, &lk);
		/* the threads are joined: any normalization is over */
		fused = fz.early[0] && fz.early[1];
		td_norm_job_free(fz.job[0]);
		td_norm_job_free(fz.job[1]);
		if (lg.rc < 0 || lk.rc < 0) {
			if (lg.rc == 0)
				td_trace_free(&g);
			if (lk.rc == 0)
				td_trace_free(&k);
			goto fail;
		}
	} else if (load_guessing(&g, &k, argv[optind], argv[optind + 1]) < 0) {
		goto fail;
	}
	/* else the traces' arch (boot line or call names); unknown: "?" in reports */
	if (!arch[0])
		snprintf(arch, sizeof(arch), "%s", g.arch[0] ? g.arch : k.arch[0] ? k.arch : guess_arch(&g) ?: "");
	o.name = c.name ? c.name : default_name(argv[optind + 1]);
	o.arch = arch[0] ? arch : NULL;
	o.out_a = c.out_a;
	o.out_b = c.out_b;
	o.binary = c.binary;
	o.kernel_elf = c.kelf;
	o.context = c.context;
	{
		char msg[sizeof(r.errmsg)];
		int raw;

		if (choose_level(&c, &g, &k, &raw, msg, sizeof(msg)) < 0) {
			memset(&r, 0, sizeof(r));
			r.g = &g, r.k = &k, r.o = &o, r.first = -1, r.error = 1;
			snprintf(r.errmsg, sizeof(r.errmsg), "%s", msg);
		} else {
			struct loader pg = {&g, NULL, NULL, 0, raw, 0, NULL, NULL, NULL, 0}, pk = pg;
			struct td_strs_pairing sp = {0};

			pk.t = &k;
			pg.other = &pk;
			pk.other = &pg;
			if (!raw && !fused) {
				pg.job = td_norm_job_new(&g, 1);
				pk.job = td_norm_job_new(&k, 1);
			}
			if (raw && k.nstr)
				strs_of_golden(&c, &g, argv[optind], &sp);
			/* both traces normalize (or lower) in parallel, the
			 * first done helping the other (fused: done while
			 * loading; raw is then 0) */
			if (!fused)
				both(prepare_one, &pg, &pk);
			td_norm_job_free(pg.job);
			td_norm_job_free(pk.job);
			o.raw = raw;
			o.note = raw ? level_note(&g, &k, &sp, note, sizeof(note)) : NULL;
			td_compare(&g, &k, &o, &r);
		}
	}
	if (!r.error) {
		td_symbolize(&r);
		if (c.expected && td_expect_apply(&r, c.expected) < 0) {
			r.error = 1;
			snprintf(r.errmsg, sizeof(r.errmsg), "%s: cannot use the expected-divergence file", c.expected);
		}
	}
	st = td_result_status(&r);
	if (write_reports(&c, &r) < 0 && st != 2)
		st = 2;
	{
		struct td_sb sb = {0};
		/* stdout holds only the TAP line or a report asked for as "-" */
		FILE *f = c.tap || report_on_stdout(&c) ? stderr : stdout;
		int color = c.color >= 0 ? c.color : isatty(fileno(f));

		if (r.error) { /* an error is a message on stderr, not a report */
			td_err("%s", r.errmsg);
		} else if (!c.quiet) {
			td_report_text(&r, &sb, color);
			fwrite(sb.s, 1, sb.len, f);
		}
		if (c.tap) {
			td_sb_reset(&sb);
			td_report_tap(&r, &sb, c.tapn);
			fwrite(sb.s, 1, sb.len, stdout);
		}
		td_sb_free(&sb);
	}
	td_result_free(&r);
	td_trace_free(&g);
	td_trace_free(&k);
	for (int i = 0; i < 4; i++)
		free(sib[i]);
	return st;
fail:
	for (int i = 0; i < 4; i++)
		free(sib[i]);
	return 2;
}
