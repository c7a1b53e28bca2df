/* test_precision.c: tracediff names the root cause, not a symptom (issue
 * 10), on traces recorded from tests/progs/precprog.c (see record.sh): one
 * group of cases per class of the issue. */
#include "check.h"

#include "symbolize.h"

/* expect_first: class, task, syscall and the kernel line holding `needle` */
static void
expect_first(struct pair *p, enum td_class cls, const char *task, const char *sys, const char *kfile,
	     const char *needle)
{
	const struct td_div *d = first_div(&p->r);

	assert_string_equal(td_class_name(d->cls), td_class_name(cls));
	assert_string_equal(d->task, task);
	assert_string_equal(d->syscall, sys);
	if (needle)
		assert_int_equal(d->kline, find_line(kfile, needle, 0));
	assert_int_equal(td_result_status(&p->r), 1);
}

/* ev_named: the nth event of a trace called name */
static const struct td_event *
ev_named(const struct td_trace *t, const char *name, int nth)
{
	for (size_t i = 0; i < t->nev; i++)
		if (!strcmp(t->ev[i].name, name) && nth-- == 0)
			return &t->ev[i];
	fail_msg("no event %s", name);
	return NULL;
}

static void
prec_linux_vs_linux_success(void **state)
{
	struct pair p;

	(void)state;
	/* the child exits before strace prints clone3's return: still 1.1 */
	run_pair(&p, "prec-a.trace", "prec-b.trace");
	assert_int_equal(p.r.ndiv, 0);
	assert_int_equal(p.g.ntask, 8);
	assert_int_equal(td_result_status(&p.r), 0);
	pair_free(&p);
}

/* class 1: clone3 rejected (EINVAL) where Linux made the child: the
 * result, not the stack argument that only Linux's child used */
static void
prec_result_outranks_stack_failure(void **state)
{
	struct pair p;

	(void)state;
	run_pair(&p, "prec-a.trace", "prec-einval.trace");
	expect_first(&p, TD_C_RESULT, "1", "clone3", "prec-einval.trace", "clone3(");
	/* both sides name the stack alike: the mmap the caller made */
	assert_string_equal(ev_named(&p.g, "clone3", 0)->norm, ev_named(&p.k, "clone3", 0)->norm);
	assert_non_null(strstr(ev_named(&p.g, "clone3", 0)->norm, "stack=m4,"));
	pair_free(&p);
}

/* class 1: an unimplemented call printed raw (strace -e raw=openat) is
 * ENOSYS, not "argument dirfd differs: AT_FDCWD vs 0xffffff9c" */
static void
prec_result_outranks_raw_args_failure(void **state)
{
	struct pair p;
	const struct td_div *d;

	(void)state;
	run_pair(&p, "prec-a.trace", "prec-raw.trace");
	expect_first(&p, TD_C_ENOSYS, "1", "openat", "prec-raw.trace", "openat(");
	d = first_div(&p.r);
	assert_string_equal(d->field, "return");
	pair_free(&p);
}

/* class 3: flags are numbers, not pointers: an unnamed bit OR'd with
 * named ones, or with strace's CLONE_??? comment, prints as it is */
static void
prec_flags_are_numbers_success(void **state)
{
	struct td_trace t;

	(void)state;
	load_data(&t, "prec-a.trace", 0);
	assert_non_null(strstr(ev_named(&t, "rt_sigaction", 0)->norm, "sa_flags=SA_RESTORER|0x2000000,"));
	assert_string_equal(ev_named(&t, "clone", 0)->norm, "child_stack=NULL, flags=0x400000 /* CLONE_??? */|SIGCHLD");
	td_trace_free(&t);
	/* a flags field alone (riscv64 has no SA_RESTORER), and a comment that
	 * is not about flag bits keeps the pointer a pointer */
	load_str(&t,
		 "1 rt_sigaction(SIGUSR1, {sa_handler=0x10a2e, sa_mask=[], sa_flags=0x4000000}, NULL, 8) = 0\n"
		 "1 execve(\"/a\", [\"/a\"], 0x7ffc2b3e4f58 /* 3 vars */) = 0\n",
		 "riscv64");
	assert_non_null(strstr(ev_named(&t, "rt_sigaction", 0)->norm, "sa_flags=0x4000000}"));
	assert_non_null(strstr(ev_named(&t, "execve", 0)->norm, "], p2 /* 3 vars */"));
	td_trace_free(&t);
}

static void
prec_flags_are_numbers_failure(void **state)
{
	struct pair p;
	const struct td_div *d;

	(void)state;
	/* 0x2000000 vs 0x1000000: two pointer symbols p2 alike before */
	run_pair(&p, "prec-a.trace", "prec-saflag.trace");
	expect_first(&p, TD_C_ARG, "1", "rt_sigaction", "prec-saflag.trace", "rt_sigaction(SIGUSR1");
	d = first_div(&p.r);
	assert_string_equal(d->field, "act.sa_flags");
	pair_free(&p);
}

/* class 4: equal values are equal whatever their spelling: umask(022) =
 * 022 and umask(000) as strace decodes them, umask(0x12) = 0x12 and
 * umask(0) as it prints them raw (-e raw=umask) */
static void
prec_spellings_equal_success(void **state)
{
	struct pair p;

	(void)state;
	run_pair(&p, "prec-a.trace", "prec-rawumask.trace");
	assert_int_equal(p.r.ndiv, 0);
	assert_int_equal(td_result_status(&p.r), 0);
	assert_string_equal(ev_named(&p.g, "umask", 0)->norm, "18");
	assert_string_equal(ev_named(&p.g, "umask", 0)->nret, "18");
	assert_string_equal(ev_named(&p.g, "umask", 1)->norm, "0");
	assert_string_equal(ev_named(&p.k, "umask", 1)->nret, "18");
	pair_free(&p);
}

/* class 4: ... and other values still differ (umask answering 0x7) */
static void
prec_spellings_equal_failure(void **state)
{
	struct pair p;

	(void)state;
	run_pair(&p, "prec-a.trace", "prec-umaskret.trace");
	expect_first(&p, TD_C_RETVAL, "1", "umask", "prec-umaskret.trace", "umask(");
	assert_string_equal(first_div(&p.r)->gval, "18");
	assert_string_equal(first_div(&p.r)->kval, "7");
	pair_free(&p);
}

/* class 6: the creating call outranks the created task: clone refused on
 * Linux (strace -e inject=clone:error=EINVAL) but not in the "kernel"
 * (prec-a): the headline is the clone line in task 1, and task 1.2 is
 * still reported as extra (its own entry) */
static void
prec_creator_outranks_task_failure(void **state)
{
	struct pair p;
	int extra = 0;

	(void)state;
	run_pair(&p, "prec-noclone.trace", "prec-a.trace");
	expect_first(&p, TD_C_RESULT, "1", "clone", "prec-a.trace", "clone(child_stack=NULL");
	for (size_t i = 0; i < p.r.ndiv; i++)
		extra += p.r.div[i].cls == TD_C_EXTRA && !strcmp(p.r.div[i].task, "1.2");
	assert_int_equal(extra, 1);
	pair_free(&p);
	/* the other way round: the missing task is the echo too */
	run_pair(&p, "prec-a.trace", "prec-noclone.trace");
	expect_first(&p, TD_C_RESULT, "1", "clone", "prec-noclone.trace", "clone(child_stack=NULL");
	pair_free(&p);
}

/* class 5: a fault signal carries its siginfo: the child dies of SIGSEGV
 * on both sides (the outcome alone is equal), with SEGV_ACCERR on Linux
 * and SEGV_MAPERR in the "kernel" (prec-maperr) */
static void
prec_siginfo_compared_failure(void **state)
{
	struct pair p;
	const struct td_div *d;

	(void)state;
	run_pair(&p, "prec-a.trace", "prec-maperr.trace");
	expect_first(&p, TD_C_SIGNAL, "1.3", "SIGSEGV", "prec-maperr.trace", "--- SIGSEGV");
	d = first_div(&p.r);
	assert_string_equal(d->field, "siginfo.si_code");
	pair_free(&p);
}

/* class 5: the kernel's #tdiff fault line is held to Linux's siginfo
 * too (the strace line right, the fault line wrong) */
static void
prec_fault_line_compared_failure(void **state)
{
	struct pair p;
	const char *g = "1 --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=NULL} ---\n"
			"1 +++ killed by SIGSEGV +++\n";

	(void)state;
	memset(&p, 0, sizeof(p));
	load_str(&p.g, g, "x86_64");
	load_str(&p.k,
		 "#tdiff fault 1 pc=0x401139 addr=0x0 sig=SIGSEGV code=SEGV_MAPERR cause=write\n"
		 "1 --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=NULL} ---\n"
		 "1 +++ killed by SIGSEGV +++\n",
		 "x86_64");
	p.o.name = "mem";
	p.o.context = 3;
	assert_int_equal(td_compare(&p.g, &p.k, &p.o, &p.r), 0);
	assert_string_equal(first_div(&p.r)->field, "fault.code");
	assert_int_equal(first_div(&p.r)->cls, TD_C_SIGNAL);
	pair_free(&p);
	/* agreeing: no divergence */
	memset(&p, 0, sizeof(p));
	load_str(&p.g, g, "x86_64");
	load_str(&p.k,
		 "#tdiff fault 1 pc=0x401139 addr=0x0 sig=SIGSEGV code=SEGV_ACCERR cause=write\n"
		 "1 --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=NULL} ---\n"
		 "1 +++ killed by SIGSEGV +++\n",
		 "x86_64");
	assert_int_equal(td_compare(&p.g, &p.k, &p.o, &p.r), 0);
	assert_int_equal(p.r.ndiv, 0);
	pair_free(&p);
}

/* class 5: killed inside a call (= ? ERESTARTSYS, +++ killed by SIGSEGV)
 * is the signal, not "read failed with ERESTARTSYS" */
static void
prec_killed_in_call_failure(void **state)
{
	struct pair p;
	const struct td_div *d = NULL;

	(void)state;
	run_pair(&p, "prec-a.trace", "prec-killed.trace");
	for (size_t i = 0; i < p.r.ndiv; i++)
		if (!strcmp(p.r.div[i].task, "1.4"))
			d = &p.r.div[i];
	assert_non_null(d);
	assert_string_equal(td_class_name(d->cls), "signal");
	assert_string_equal(d->syscall, "SIGSEGV");
	assert_non_null(strstr(d->detail, "inside read"));
	pair_free(&p);
}

/* class 2: address relations are compared: the "kernel" (strace handing
 * the second mmap the first one's address, prec-samemap) maps over a live
 * region; Linux never did.  Numbered symbols alone (m2 and m2) are equal:
 * the blame used to land on a munmap later. */
static void
prec_address_relations_failure(void **state)
{
	struct pair p;

	(void)state;
	run_pair(&p, "prec-a.trace", "prec-samemap.trace");
	expect_first(&p, TD_C_RETVAL, "1", "mmap", "prec-samemap.trace", "(INJECTED)");
	assert_string_equal(first_div(&p.r)->gval, "m2");
	assert_string_equal(first_div(&p.r)->kval, "m2 (over m1)");
	pair_free(&p);
}

/* class 2: relations Linux keeps compare equal: MAP_FIXED over a live
 * region, and a hole punched in a region's middle (the pieces keep their
 * names: m1+0x2000 is still m1+0x2000) */
static void
prec_address_relations_success(void **state)
{
	struct td_trace t;

	(void)state;
	load_str(&t,
		 "1 mmap(NULL, 16384, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000000000\n"
		 "1 mmap(0x7f0000001000, 4096, PROT_READ, MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS, -1, 0) = 0x7f0000001000\n"
		 "1 munmap(0x7f0000001000, 4096) = 0\n"
		 "1 write(1, 0x7f0000002000, 1) = 1\n"
		 "1 write(1, 0x7f0000001000, 1) = -1 EFAULT (Bad address)\n",
		 "x86_64");
	assert_string_equal(ev_named(&t, "mmap", 1)->nret, "m2 (over m1)");
	assert_string_equal(ev_named(&t, "write", 0)->norm, "1, m1+0x2000, 1");
	assert_string_equal(ev_named(&t, "write", 1)->norm, "1, p1, 1");
	td_trace_free(&t);
}

/* class 9: wait4(-1) may reap any zombie child: the same three children
 * reaped the other way round (prec-rev) compare equal ... */
static void
prec_reap_order_set_success(void **state)
{
	struct pair p;

	(void)state;
	run_pair(&p, "prec-a.trace", "prec-rev.trace");
	assert_int_equal(p.r.ndiv, 0);
	assert_string_equal(ev_named(&p.g, "wait4", 6)->nret, "@any");
	pair_free(&p);
}

/* ... but a child's other status is still a divergence of the waiting
 * task, as a set item (and of the child's exit) */
static void
prec_reap_order_set_failure(void **state)
{
	struct pair p;
	const struct td_div *d = NULL;

	(void)state;
	run_pair(&p, "prec-rev.trace", "prec-status.trace");
	for (size_t i = 0; i < p.r.ndiv; i++)
		if (!strcmp(p.r.div[i].task, "1"))
			d = &p.r.div[i];
	assert_non_null(d);
	assert_string_equal(td_class_name(d->cls), "retval");
	assert_string_equal(d->syscall, "wait4");
	assert_string_equal(d->field, "return (as a set)");
	assert_non_null(strstr(d->gval, "WEXITSTATUS(s) == 11"));
	assert_int_equal(td_result_status(&p.r), 1);
	pair_free(&p);
}

/* class 9: robust_fpu, Linux (golden) against our kernel: the threads
 * finish in another order, so musl's thread-list lock is found taken on
 * one side only (a FUTEX_WAIT there, none here), FUTEX_WAKE wakes 1 or 0,
 * and pthread_join waits with the thread's tid (20 vs 4) as the value */
static void
prec_futex_timing_success(void **state)
{
	struct pair p;

	(void)state;
	run_pair(&p, "fpu-linux.trace", "fpu-kernel.trace");
	assert_int_equal(p.r.ndiv, 0);
	assert_int_equal(td_result_status(&p.r), 0);
	assert_non_null(strstr(ev_named(&p.g, "futex", 2)->norm, "FUTEX_WAIT, @1.2,"));
	pair_free(&p);
}

/* class 9 with glibc: robust_fpu.glibc, golden against our kernel.
 * glibc's pthread_join waits with FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME
 * on the thread's tid word (305 vs 4): an id, and a wait that timing
 * decides, like musl's FUTEX_WAIT.  What is left is getrandom (golden's
 * Linux has no entropy at boot) */
static void
prec_futex_glibc_timing_success(void **state)
{
	struct pair p;
	const struct td_event *w;

	(void)state;
	run_pair(&p, "fpu-glibc-linux.trace", "fpu-glibc-kernel.trace");
	assert_int_equal(p.r.ndiv, 1);
	assert_string_equal(first_div(&p.r)->syscall, "getrandom");
	w = ev_named(&p.g, "futex", 0);
	assert_non_null(strstr(w->norm, "FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, @1."));
	assert_true(w->optional);
	pair_free(&p);
}

/* count_futex: the futex calls of a trace */
static int
count_futex(const struct td_trace *t)
{
	int n = 0;

	for (size_t i = 0; i < t->nev; i++)
		n += t->ev[i].kind == TD_EV_CALL && !strcmp(t->ev[i].name, "futex");
	return n;
}

/* class 9, a producer and its consumers (testcase pthread_condvar) run
 * twice on Linux: which lock and condvar words were found taken, and so
 * which futex calls each thread made on which word, is timing's.  Two
 * such calls aligned by their operation but on other words (or with
 * another value) are one call on each side, not "argument uaddr differs" */
static void
prec_futex_condvar_timing_success(void **state)
{
	struct pair p;

	(void)state;
	run_pair(&p, "condvar-a.trace", "condvar-b.trace");
	assert_int_not_equal(count_futex(&p.g), count_futex(&p.k)); /* the traffic does differ */
	assert_int_equal(p.r.ndiv, 0);
	assert_int_equal(td_result_status(&p.r), 0);
	pair_free(&p);
}

/* ... but a futex call the kernel answers itself (EINVAL, injected into
 * each thread's second futex call) is no timing: it is the divergence,
 * at the first such call */
static void
prec_futex_einval_failure(void **state)
{
	struct pair p;
	const struct td_div *d;

	(void)state;
	run_pair(&p, "condvar-a.trace", "condvar-einval.trace");
	d = first_div(&p.r);
	assert_string_equal(d->syscall, "futex");
	assert_true(d->kev >= 0);
	assert_non_null(p.k.ev[d->kev].err);
	assert_string_equal(p.k.ev[d->kev].err, "EINVAL");
	/* one of the two threads' first injected failures, not a later one */
	assert_true(d->kline < find_line("condvar-einval.trace", "EINVAL", 1));
	assert_int_equal(td_result_status(&p.r), 1);
	pair_free(&p);
}

/* ... and when the threads then hang and are killed (SIGTERM), each task's
 * death is reported once: the runs of Linux's later calls past the kernel
 * task's end are its consequence, not more divergences */
static void
prec_killed_tail_once_failure(void **state)
{
	struct pair p;
	int kills = 0;

	(void)state;
	run_pair(&p, "condvar-a.trace", "condvar-hung.trace");
	for (size_t i = 0; i < p.r.ndiv; i++) {
		const struct td_div *d = &p.r.div[i];

		kills += d->cls == TD_C_SIGNAL && !strcmp(d->task, "1");
		for (size_t j = i + 1; j < p.r.ndiv; j++)
			assert_false(!strcmp(d->task, p.r.div[j].task) && d->cls == p.r.div[j].cls &&
				     d->detail && p.r.div[j].detail && !strcmp(d->detail, p.r.div[j].detail));
	}
	assert_int_equal(kills, 1);
	assert_int_equal(td_result_status(&p.r), 1);
	pair_free(&p);
}

/* class 10: more than the first divergence per task: rt_sigaction
 * printed raw (a formatting difference) cannot hide umask's ENOSYS later
 * in the same task; the headline stays the first */
static void
prec_later_divergences_failure(void **state)
{
	struct pair p;
	int found = 0;

	(void)state;
	run_pair(&p, "prec-a.trace", "prec-hidden.trace");
	expect_first(&p, TD_C_ARG, "1", "rt_sigaction", "prec-hidden.trace", "rt_sigaction(0xa");
	for (size_t i = 0; i < p.r.ndiv; i++)
		if (p.r.div[i].more && p.r.div[i].cls == TD_C_ENOSYS && !strcmp(p.r.div[i].syscall, "umask") &&
		    !strcmp(p.r.div[i].task, "1"))
			found = 1;
	assert_true(found);
	pair_free(&p);
}

/* class 8: a fault is symbolized in the program that faulted: the child
 * execs tdprog and faults in its crash_here(); --binary names the test
 * (precprog), which has no such function */
static void
prec_fault_in_exec_image_failure(void **state)
{
	char dir[1024], bin[1100], cmd[1300], ktext[2048];
	unsigned long pc = 0;
	struct pair p;
	const char *b = td_env("TD_BIN", "build/host/compare/tracediff-san");
	const struct td_div *d = NULL;
	FILE *f;

	(void)state;
	snprintf(dir, sizeof(dir), "%.*s", (int)(strrchr(b, '/') ? strrchr(b, '/') - b : 1), b);
	snprintf(bin, sizeof(bin), "%s/precprog", dir);
	snprintf(cmd, sizeof(cmd), "nm %s/tdprog | sed -n 's/^\\([0-9a-f]*\\) t crash_here$/\\1/p'", dir);
	f = popen(cmd, "r");
	assert_non_null(f);
	assert_int_equal(fscanf(f, "%lx", &pc), 1);
	pclose(f);
	snprintf(ktext, sizeof(ktext),
		 "1 execve(\"/tests/precprog\", [\"/tests/precprog\"], 0x7ffc0000 /* 1 var */) = 0\n"
		 "1 fork() = 2\n"
		 "2 execve(\"/tests/tdprog\", [\"/tests/tdprog\"], 0x7ffc0000 /* 1 var */) = 0\n"
		 "#tdiff fault 2 pc=%#lx addr=0x0 sig=SIGSEGV code=SEGV_MAPERR cause=write\n"
		 "2 --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---\n"
		 "2 +++ killed by SIGSEGV +++\n",
		 pc + 4);
	memset(&p, 0, sizeof(p));
	load_str(&p.g,
		 "1 execve(\"/tests/precprog\", [\"/tests/precprog\"], 0x7ffc0000 /* 1 var */) = 0\n"
		 "1 fork() = 2\n"
		 "2 execve(\"/tests/tdprog\", [\"/tests/tdprog\"], 0x7ffc0000 /* 1 var */) = 0\n"
		 "2 exit_group(0) = ?\n"
		 "2 +++ exited with 0 +++\n",
		 "x86_64");
	load_str(&p.k, ktext, "x86_64");
	p.o.name = "mem";
	p.o.binary = bin;
	assert_int_equal(td_compare(&p.g, &p.k, &p.o, &p.r), 0);
	td_symbolize(&p.r);
	for (size_t i = 0; i < p.r.ndiv; i++)
		if (!strcmp(p.r.div[i].task, "1.1"))
			d = &p.r.div[i];
	assert_non_null(d);
	assert_non_null(d->symbol);
	assert_non_null(strstr(d->symbol, "fault at crash_here+0x4"));
	assert_non_null(strstr(d->symbol, "tdprog.c:"));
	pair_free(&p);
}

/* class 7: a panic names the call and task it happened in (the call
 * begun before the panic line that never completed) */
static void
prec_panic_names_call_failure(void **state)
{
	struct pair p;

	(void)state;
	memset(&p, 0, sizeof(p));
	load_str(&p.g,
		 "1 execve(\"/t\", [\"/t\"], 0x7ffc0000 /* 1 var */) = 0\n"
		 "1 getpid() = 1\n"
		 "1 uname(0x1) = -1 EFAULT (Bad address)\n"
		 "1 exit_group(0) = ?\n1 +++ exited with 0 +++\n",
		 "x86_64");
	load_str(&p.k,
		 "1 execve(\"/t\", [\"/t\"], 0x7ffc0000 /* 1 var */) = 0\n"
		 "1 getpid() = 1\n"
		 "1 uname(0x1 <unfinished ...>\n"
		 "#tdiff panic page fault at 0xffffffff80001234\n"
		 "#tdiff bt 0xffffffff80001234\n",
		 "x86_64");
	p.o.name = "mem";
	assert_int_equal(td_compare(&p.g, &p.k, &p.o, &p.r), 0);
	assert_int_equal(first_div(&p.r)->cls, TD_C_PANIC);
	assert_string_equal(first_div(&p.r)->syscall, "uname");
	assert_string_equal(first_div(&p.r)->task, "1");
	pair_free(&p);
}

/* class 7: a hang says what Linux did instead (the recorded hang: task
 * 1.1 blocks in pause, Linux went on with exit_group) */
static void
prec_hang_says_linux_failure(void **state)
{
	struct pair p;

	(void)state;
	run_pair(&p, "linux-a.trace", "hang.trace");
	assert_int_equal(first_div(&p.r)->cls, TD_C_HANG);
	assert_string_equal(first_div(&p.r)->syscall, "pause");
	assert_non_null(strstr(first_div(&p.r)->detail, "Linux went on with exit_group"));
	pair_free(&p);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(prec_linux_vs_linux_success),
		cmocka_unit_test(prec_result_outranks_stack_failure),
		cmocka_unit_test(prec_result_outranks_raw_args_failure),
		cmocka_unit_test(prec_flags_are_numbers_success),
		cmocka_unit_test(prec_flags_are_numbers_failure),
		cmocka_unit_test(prec_spellings_equal_success),
		cmocka_unit_test(prec_spellings_equal_failure),
		cmocka_unit_test(prec_creator_outranks_task_failure),
		cmocka_unit_test(prec_siginfo_compared_failure),
		cmocka_unit_test(prec_fault_line_compared_failure),
		cmocka_unit_test(prec_killed_in_call_failure),
		cmocka_unit_test(prec_address_relations_failure),
		cmocka_unit_test(prec_address_relations_success),
		cmocka_unit_test(prec_reap_order_set_success),
		cmocka_unit_test(prec_reap_order_set_failure),
		cmocka_unit_test(prec_futex_timing_success),
		cmocka_unit_test(prec_futex_glibc_timing_success),
		cmocka_unit_test(prec_futex_condvar_timing_success),
		cmocka_unit_test(prec_futex_einval_failure),
		cmocka_unit_test(prec_killed_tail_once_failure),
		cmocka_unit_test(prec_later_divergences_failure),
		cmocka_unit_test(prec_fault_in_exec_image_failure),
		cmocka_unit_test(prec_panic_names_call_failure),
		cmocka_unit_test(prec_hang_says_linux_failure),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("tracediff precision tests", tests, NULL, NULL);
}
