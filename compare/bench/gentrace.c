/* gentrace: the benchmark's helper.
 *
 *   gentrace gen LINES a|b FILE   write a synthetic strace -f trace of about
 *                                 LINES lines: 10 tasks (a root and 9
 *                                 children) interleaved at random.  Variant b
 *                                 has other pids, other addresses, another
 *                                 interleaving, and one divergence (an openat
 *                                 failing with EACCES) in task 1.7's last 1%.
 *   gentrace wide N a|b FILE      a root that forks N children one after
 *                                 the other, each reaped before the next
 *   gentrace deep N a|b FILE      a chain: each task forks one child and
 *                                 waits for it, N tasks deep (variant b:
 *                                 other pids; both compare equal)
 *   gentrace run CMD ARGS...      run CMD, then print "WALL_S MAXRSS_KB STATUS CPU_S"
 *                                 on stderr (peak memory and user+system
 *                                 time from wait4's rusage).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NTASK 10

struct task {
	long pid;
	long k;		/* calls made */
	int pending;	/* in an unfinished read */
	unsigned long map; /* last mmap */
};

static unsigned long long rng;

static unsigned
next_rand(void)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(rng >> 33);
}

/* one_call: the k-th call of a task; the sequence depends only on (task, k) */
static void
one_call(FILE *f, struct task *t, int ti, unsigned long abase, int diverge)
{
	long k;

	if (t->pending) {
		fprintf(f, "%ld <... read resumed>\"y\", 1) = 1\n", t->pid);
		t->pending = 0;
		return;
	}
	k = t->k++;
	switch (k % 10) {
	case 0:
		if (diverge)
			fprintf(f, "%ld openat(AT_FDCWD, \"/data/file%ld\", O_RDONLY) = -1 EACCES (Permission denied)\n",
				t->pid, k % 97);
		else
			fprintf(f, "%ld openat(AT_FDCWD, \"/data/file%ld\", O_RDONLY) = 3\n", t->pid, k % 97);
		break;
	case 1:
		fprintf(f, "%ld read(3, \"record %ld of task %d\\n\", 4096) = %d\n", t->pid, k, ti,
			(int)snprintf(NULL, 0, "record %ld of task %d\n", k, ti));
		break;
	case 2:
		fprintf(f, "%ld close(3)                                = 0\n", t->pid);
		break;
	case 3:
		t->map = abase + (unsigned long)ti * 0x10000000UL + (unsigned long)(k % 64) * 0x2000UL;
		fprintf(f, "%ld mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = %#lx\n", t->pid,
			t->map);
		break;
	case 4:
		fprintf(f, "%ld munmap(%#lx, 8192)                   = 0\n", t->pid, t->map);
		break;
	case 5:
		fprintf(f, "%ld getpid()                                = %ld\n", t->pid, t->pid);
		break;
	case 6:
		fprintf(f, "%ld clock_gettime(CLOCK_MONOTONIC, {tv_sec=%u, tv_nsec=%u}) = 0\n", t->pid,
			next_rand() % 1000, next_rand() % 1000000000);
		break;
	case 7:
		fprintf(f, "%ld write(1, \"task %d line %ld\\n\", %d) = %d\n", t->pid, ti, k,
			(int)snprintf(NULL, 0, "task %d line %ld\n", ti, k), (int)snprintf(NULL, 0, "task %d line %ld\n", ti, k));
		break;
	case 8:
		fprintf(f, "%ld futex(%#lx, FUTEX_WAKE_PRIVATE, 1) = 0\n", t->pid, abase + 0x100UL + (unsigned long)ti * 8);
		break;
	default:
		fprintf(f, "%ld read(0,  <unfinished ...>\n", t->pid);
		t->pending = 1;
	}
}

static int
gen(long lines, int variant_b, const char *path)
{
	FILE *f = fopen(path, "w");
	struct task t[NTASK];
	long pid0 = variant_b ? 4200 : 100, n = 0;
	unsigned long abase = variant_b ? 0x7f3a00000000UL : 0x7fc100000000UL;
	int diverged = 0;
	long quota;

	if (!f) {
		perror(path);
		return 2;
	}
	rng = variant_b ? 2 : 1;
	for (int i = 0; i < NTASK; i++)
		t[i] = (struct task){pid0 + i * (variant_b ? 3 : 1), 0, 0, 0};
	fprintf(f, "%ld execve(\"/tests/bench\", [\"/tests/bench\"], %#lx /* 3 vars */) = 0\n", pid0, abase + 0xfff0000UL);
	fprintf(f, "%ld brk(NULL)                               = %#lx\n", pid0, abase - 0x100000000UL);
	for (int i = 1; i < NTASK; i++)
		fprintf(f, "%ld clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
			   "child_tidptr=%#lx) = %ld\n",
			pid0, abase + 0x650, t[i].pid);
	n = 2 + NTASK;
	/* every task makes the same calls whatever the interleaving */
	quota = (lines - n - 3 * NTASK) / NTASK * 10 / 11; /* a tenth of the calls add a resumed line */
	for (;;) { /* until every task has made its quota */
		int ti = (int)(next_rand() % NTASK);

		if (t[ti].k >= quota) {
			int j;

			for (j = 0; j < NTASK && t[(ti + j) % NTASK].k >= quota; j++)
				;
			if (j == NTASK)
				break;
			ti = (ti + j) % NTASK;
		}
		/* the divergence: task 7's first openat in the last 1% of its calls */
		int d = variant_b && !diverged && ti == 7 && t[7].k >= quota / 100 * 99 && t[7].k % 10 == 0 &&
			!t[7].pending;

		one_call(f, &t[ti], ti, abase, d);
		diverged |= d;
		n++;
	}
	for (int i = 1; i < NTASK; i++) {
		if (t[i].pending)
			fprintf(f, "%ld <... read resumed>\"y\", 1) = 1\n", t[i].pid);
		fprintf(f, "%ld exit_group(0)                     = ?\n%ld +++ exited with 0 +++\n", t[i].pid, t[i].pid);
	}
	if (t[0].pending)
		fprintf(f, "%ld <... read resumed>\"y\", 1) = 1\n", pid0);
	for (int i = 1; i < NTASK; i++)
		fprintf(f, "%ld wait4(-1, NULL, 0, NULL)            = %ld\n", pid0, t[i].pid);
	fprintf(f, "%ld exit_group(0)                     = ?\n%ld +++ exited with 0 +++\n", pid0, pid0);
	return fclose(f) == 0 ? 0 : 2;
}

/* tree: the wide (deep == 0) or deep fork trees of the task-count
 * benchmark; every call but the pids is the same on both variants */
static int
tree(long n, int variant_b, int deep, const char *path)
{
	FILE *f = fopen(path, "w");
	long base = variant_b ? 4200 : 100, step = variant_b ? 3 : 1;
	const char *clone = "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
			    "child_tidptr=0x7f0000000650)";
	const char *reap = "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL)";

	if (!f) {
		perror(path);
		return 2;
	}
	fprintf(f, "%ld execve(\"/tests/bench\", [\"/tests/bench\"], 0x7ffc00000000 /* 3 vars */) = 0\n", base);
	for (long i = 1; i <= n; i++) {
		long parent = deep ? base + (i - 1) * step : base, child = base + i * step;

		fprintf(f, "%ld %s = %ld\n%ld getpid() = %ld\n", parent, clone, child, child, child);
		if (!deep)
			fprintf(f, "%ld exit_group(0) = ?\n%ld +++ exited with 0 +++\n%ld %s = %ld\n", child, child,
				parent, reap, child);
	}
	for (long i = deep ? n : 0; i > 0; i--) {
		long parent = base + (i - 1) * step, child = base + i * step;

		fprintf(f, "%ld exit_group(0) = ?\n%ld +++ exited with 0 +++\n%ld %s = %ld\n", child, child, parent,
			reap, child);
	}
	fprintf(f, "%ld exit_group(0) = ?\n%ld +++ exited with 0 +++\n", base, base);
	return fclose(f) == 0 ? 0 : 2;
}

static int
run(char **argv)
{
	struct timespec a, b;
	struct rusage ru;
	int st;
	pid_t p;

	clock_gettime(CLOCK_MONOTONIC, &a);
	p = fork();
	if (p == 0) {
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	if (p < 0 || wait4(p, &st, 0, &ru) < 0) {
		perror("gentrace run");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	fprintf(stderr, "%.3f %ld %d %.3f\n", (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9,
		ru.ru_maxrss, WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st),
		(double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
			(double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "gen"))
		return gen(atol(argv[2]), !strcmp(argv[3], "b"), argv[4]);
	if (argc == 5 && (!strcmp(argv[1], "wide") || !strcmp(argv[1], "deep")))
		return tree(atol(argv[2]), !strcmp(argv[3], "b"), argv[1][0] == 'd', argv[4]);
	if (argc >= 3 && !strcmp(argv[1], "run"))
		return run(argv + 2);
	fprintf(stderr, "usage: gentrace gen LINES a|b FILE | gentrace wide|deep N a|b FILE | gentrace run CMD ARGS...\n");
	return 2;
}
