/*
 * exttrace.c: trace the syscalls of an unmodified kernel from outside QEMU,
 * through QEMU's gdbstub (`trace: external`, harness/README.md).
 *
 *   exttrace --arch A --trace FILE --console FILE [--elf ELF --entry SYMBOL
 *            [--arm SYMBOL]] [--entry-addr HEX] [--user-entry HEX] [--no-strings]
 *            -- QEMU ARGS...
 *
 * --arm: trap the entry only from the first time the kernel reaches SYMBOL
 * (a function it runs once boot is done and before user space, e.g. Linux's
 * free_initmem): a trap vector is passed by every interrupt, and a boot
 * that unpacks a large initramfs would stop thousands of times for
 * nothing.  Without an entry, riscv64 reads stvec once the kernel set it;
 * x86_64 steps a user-mode `syscall` instruction to find LSTAR's target,
 * from --user-entry (the test program's first instruction) when given.
 *
 * It starts QEMU halted with its gdbstub on a private unix socket, puts a
 * hardware breakpoint on the kernel's syscall entry (riscv64: the trap
 * vector, stvec; x86_64: LSTAR's target, named by a symbol of the ELF) and
 * lets it run.  At the entry it reads the number and the six argument
 * registers, the user return address (sepc + 4; x86_64: rcx) and the task's
 * key, and puts a breakpoint at that return address; when the hart is back
 * there in user mode with the same key, a0 (rax) is the result, and one
 * `#tdiff sys` line is written (harness/PROTOCOL.md, the raw level).
 *
 * A task is known by its key, (address space, thread pointer): satp's page
 * table root and tp on riscv64, cr3 and fs_base on x86_64.  Task ids are
 * those the kernel returns from fork/clone/clone3 (a child's first event is
 * its return from the call with 0, at its parent's return address); tasks
 * seen before any such call get ids from 100000 up.  Where the guess can
 * fail and how it shows: harness/README.md ("trace: external").
 *
 * Strings: for the arguments rawtab.def (compare/src) calls strings ('s':
 * a path, a name) or buffers ('b': write's buf, of the next argument's
 * length), the bytes are read at the entry, in the caller's address space,
 * up to the NUL (at most 4096 bytes: strace -s 4096) or count, and written
 * as `#tdiff str <tid> <arg> "<escaped>"` right before the call's line;
 * an address that does not read is left out (--no-strings, or
 * EXTTRACE_NO_STRINGS=1 in the environment for a run the harness starts,
 * as make bench does to measure their cost: none at all).
 *
 * EXTTRACE_LOG=FILE in the environment: one line per stop (entry or
 * return, the key, the stack pointer, the number or the result) and each
 * guess corrected, to see why a task was taken for another; a directory:
 * DIR/<trace's name>.log for each run.
 *
 * Every `#tdiff ` line that appears on the console (the start and exit
 * markers, a panic) is copied into the trace at the stop where it is first
 * seen, so it lies among the calls where the guest printed it.
 *
 * Exit status: QEMU's (its exit code, or 128 + signal); 2 on a usage or
 * setup error.
 */
#define _GNU_SOURCE
#include "gdbstub.h"
#include "rawtab.h"
#include "sysc.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_TASKS 4096
#define MAX_BPS 1024
#define MAX_VECS 8
#define FIRST_TID 100000	/* tids of tasks whose fork was not seen */
#define NR_MAX 1024		/* syscall numbers with a string table entry */
#define STR_MAX 4096		/* bytes of a string or buffer read (strace -s 4096) */
#define STR_FIRST 256		/* a path's first read: most end within it */

/* Register roles; gr[] indexes are into the `g` packet's 8-byte registers. */
struct arch_desc {
	const char *name;
	int ngregs;
	int nr, a[6], ret, sp, pc, retpc;	/* retpc: x86 rcx; riscv -1 (sepc + 4) */
	const char *sysregs[5];	/* found in the target description by name */
	long nr_exit, nr_exit_group, nr_execve, nr_execveat, nr_clone, nr_clone3, nr_fork,
		nr_vfork, nr_set_tid_address, nr_gettid, nr_arch_prctl;
	long nr_rt_sigreturn, nr_restart_syscall, nr_wait4;
	/* calls a signal interrupts with ERESTARTNOHAND, with
	 * ERESTART_RESTARTBLOCK, with EINTR itself (-1 ends a list) */
	long nohand[6], block[4], eintr[4];
	long nr_poll, nr_futex, nr_clock_nanosleep;
	int clone_tls_arg;	/* the argument of clone(2) that holds the tls */
};

enum { SR_AS, SR_TP, SR_CAUSE, SR_EPC, SR_VEC };	/* sysregs[] roles */

static const struct arch_desc arch_riscv64 = {
	.name = "riscv64", .ngregs = 33,
	.nr = 17, .a = {10, 11, 12, 13, 14, 15}, .ret = 10, .sp = 2, .pc = 32, .retpc = -1,
	.sysregs = {"satp", NULL, "scause", "sepc", "stvec"},
	.nr_exit = 93, .nr_exit_group = 94, .nr_execve = 221, .nr_execveat = 281,
	.nr_clone = 220, .nr_clone3 = 435, .nr_fork = -1, .nr_vfork = -1,
	.nr_set_tid_address = 96, .nr_gettid = 178, .nr_arch_prctl = -1,
	.nr_rt_sigreturn = 139, .nr_restart_syscall = 128, .nr_wait4 = 260,
	.nohand = {133, 72, 73, -1}, .block = {101, 115, -1}, .eintr = {22, 137, -1},
	.nr_poll = -1, .nr_futex = 98, .nr_clock_nanosleep = 115,
	.clone_tls_arg = 3,
};

static const struct arch_desc arch_x86_64 = {
	.name = "x86_64", .ngregs = 17,
	.nr = 0, .a = {5, 4, 3, 10, 8, 9}, .ret = 0, .sp = 7, .pc = 16, .retpc = 2,
	.sysregs = {"cr3", "fs_base", NULL, NULL, NULL},
	.nr_exit = 60, .nr_exit_group = 231, .nr_execve = 59, .nr_execveat = 322,
	.nr_clone = 56, .nr_clone3 = 435, .nr_fork = 57, .nr_vfork = 58,
	.nr_set_tid_address = 218, .nr_gettid = 186, .nr_arch_prctl = 158,
	.nr_rt_sigreturn = 15, .nr_restart_syscall = 219, .nr_wait4 = 61,
	.nohand = {130, 34, 23, 270, 271, -1}, .block = {35, 230, -1}, .eintr = {232, 281, 128, -1},
	.nr_poll = 7, .nr_futex = 202, .nr_clock_nanosleep = 230,
	.clone_tls_arg = 4,
};

#define CLONE_VM 0x100
#define CLONE_SETTLS 0x80000
#define CLONE_UNTRACED 0x00800000
#define ARCH_SET_FS 0x1002
#define EINTR_RET (-4)
#define ERESTARTSYS 512
#define ERESTARTNOHAND 514
#define ERESTART_RESTARTBLOCK 516
#define MAX_DEPTH 8	/* signal handlers run inside one another */

/*
 * A call in flight during whose return a signal handler runs: its result
 * comes when the handler's rt_sigreturn goes back to it (or the call
 * starts again); the handler's lines wait in held until then, to follow it.
 */
struct frame {
	long nr;
	uint64_t a[6], ret_pc, sp;
	char *held;
	size_t heldlen;
	char *strs;		/* its "#tdiff str" lines */
	size_t strslen;
};

struct task {
	long tid;		/* 0 until its parent's call returned (held lines) */
	uint64_t as, tp, sp;
	int pending;		/* a call in flight */
	int exiting;		/* in exit/exit_group, its sysenter written: the call's
				 * return (a kernel without it) is closed at ret_pc */
	long nr;
	uint64_t a[6], ret_pc;
	char *strs;		/* the call's "#tdiff str" lines, written before it */
	size_t strslen;
	uint64_t cflags, ctls;	/* a fork-like call in flight: its flags, the child's tp */
	struct task *parent;	/* a child first seen before its parent's return */
	char *held;		/* lines written while tid is 0 */
	size_t heldlen;
	struct frame fr[MAX_DEPTH];	/* calls a handler interrupted, innermost last */
	int depth;
	long seq;		/* creation order: children of one return address */
	int untraced;		/* made with CLONE_UNTRACED, or by such a task: no
				 * line of it is written (strace -f does not follow
				 * it; nor does a kernel's own tracer) */
	int fresh;		/* a child taken as the oldest waiting one, no call
				 * of its own yet: its tid may still be another's */
	int tp_unset;		/* a new image: its thread pointer is still its old
				 * image's until user code sets it (tp_set) */
	int exec_amb;		/* a new image seen while several execve were in
				 * flight: whose it is waits for its tid (held) */
	uint64_t rpc, rhash;	/* its last return stop (pc, a hash of the registers), till
				 * its next entry: the same stop again is that return
				 * replayed (the instruction there faulted) */
};

struct bp {
	uint64_t addr;
};

struct tracer {
	const struct arch_desc *ad;
	struct gdb g;
	int sysreg[5];
	int tp_is_greg;		/* riscv64: tp is x4 */
	uint64_t vec[MAX_VECS];
	int nvec;
	int poll_vec;		/* no entry given: look for stvec while running */
	int step_lstar;		/* x86_64, no entry given: find it by stepping a syscall */
	uint64_t user_entry;	/* --user-entry: where the test's program starts */
	uint64_t arm, armed_entry;	/* --arm: its address, and the entry to trap there */
	struct bp bps[MAX_BPS];
	int nbps;
	struct task *tasks[MAX_TASKS];
	int ntasks;
	long next_tid;
	FILE *out;
	int con_fd;
	long con_off;
	int started;		/* the console showed "#tdiff start" (and nothing
				 * was seen before: first_exec) */
	int strings;		/* read string arguments (not --no-strings) */
	uint8_t smask[NR_MAX];	/* per call: its string arguments ('s'), a bit each */
	int8_t barg[NR_MAX];	/* per call: its buffer argument ('b'), or -1 */
	long calls, stops, spurious, replays, seq, nstrs, str_trips;
	double str_s;		/* host seconds spent reading strings */
	int untraced_seen;	/* a CLONE_UNTRACED child was made: the entry is trapped
				 * only while some other task runs outside a call */
	int entry_off;		/* its breakpoints are out now */
	FILE *log;		/* EXTTRACE_LOG: one line per stop, for debugging the guess */
	uint64_t gr[40];
};

static int exec_resolve(struct tracer *tr, struct task *t, long tid);

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "exttrace: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/*
 * elf_symbol: the value of symbol name in the ELF64 file at path.
 * Returns 0, or -1 with why in err.
 */
static int
elf_symbol(const char *path, const char *name, uint64_t *val, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret = -1;
	struct stat st;
	unsigned char *m;
	Elf64_Ehdr *eh;
	Elf64_Shdr *sh;

	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	m = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED || st.st_size < (off_t)sizeof(Elf64_Ehdr) ||
	    memcmp(m, ELFMAG, SELFMAG) || m[EI_CLASS] != ELFCLASS64) {
		snprintf(err, errlen, "%s: not an ELF64 file", path);
		goto out;
	}
	eh = (Elf64_Ehdr *)m;
	if (eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > (uint64_t)st.st_size) {
		snprintf(err, errlen, "%s: section table past the end", path);
		goto out;
	}
	sh = (Elf64_Shdr *)(m + eh->e_shoff);
	for (int i = 0; i < eh->e_shnum && ret < 0; i++) {
		Elf64_Shdr *strs;
		Elf64_Sym *sym;

		if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum)
			continue;
		strs = &sh[sh[i].sh_link];
		if (sh[i].sh_offset + sh[i].sh_size > (uint64_t)st.st_size ||
		    strs->sh_offset + strs->sh_size > (uint64_t)st.st_size)
			continue;
		sym = (Elf64_Sym *)(m + sh[i].sh_offset);
		for (uint64_t k = 0; k < sh[i].sh_size / sizeof(*sym); k++)
			if (sym[k].st_name < strs->sh_size &&
			    !strcmp((char *)m + strs->sh_offset + sym[k].st_name, name)) {
				*val = sym[k].st_value;
				ret = 0;
				break;
			}
	}
	if (ret < 0)
		snprintf(err, errlen, "%s: no symbol %s", path, name);
out:
	if (m != MAP_FAILED)
		munmap(m, st.st_size);
	return ret;
}

/* append: text to a held buffer. */
static void
append(char **buf, size_t *len, const char *text, size_t n)
{
	*buf = realloc(*buf, *len + n + 1);
	if (!*buf)
		die("out of memory");
	memcpy(*buf + *len, text, n);
	*len += n;
}

/*
 * put_tid: text to the trace, its "%T" (a tid not known when it was
 * written) replaced by tid.
 */
static void
put_tid(struct tracer *tr, long tid, const char *text, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (text[i] == '%' && i + 1 < n && text[i + 1] == 'T') {
			fprintf(tr->out, "%ld", tid);
			i++;
		} else {
			fputc(text[i], tr->out);
		}
	}
}

/*
 * emit_text: task t's text goes where its lines go now: after the call a
 * handler interrupted (the innermost frame's held), held while its tid is
 * unknown, or to the trace.
 */
static void
emit_text(struct tracer *tr, struct task *t, const char *text, size_t n)
{
	if (t && t->untraced)
		return;
	if (t && t->depth)
		append(&t->fr[t->depth - 1].held, &t->fr[t->depth - 1].heldlen, text, n);
	else if (t && !t->tid)
		append(&t->held, &t->heldlen, text, n);
	else if (t)
		put_tid(tr, t->tid, text, n);
	else
		fwrite(text, 1, n, tr->out);
}

/* emit: one line of task t's trace: written now, or held while its tid is unknown. */
static void
emit(struct tracer *tr, struct task *t, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	emit_text(tr, t, line, n);
}

/*
 * emit_call: the raw line of t's call (sys with its result, or sysenter
 * when it never returns).  Held lines carry the tid as "%T", filled in
 * when it is known.
 */
static void
emit_callv(struct tracer *tr, struct task *t, long nr, const uint64_t *a, int returned,
	   long long ret, char **strs, size_t *strslen)
{
	if (strs && *strs) {
		emit_text(tr, t, *strs, *strslen);
		free(*strs);
		*strs = NULL;
		*strslen = 0;
	}
	emit(tr, t, "#tdiff %s %%T %ld %llx %llx %llx %llx %llx %llx", returned ? "sys" : "sysenter",
	     nr, (unsigned long long)a[0], (unsigned long long)a[1], (unsigned long long)a[2],
	     (unsigned long long)a[3], (unsigned long long)a[4], (unsigned long long)a[5]);
	if (returned)
		emit(tr, t, " = %lld\n", ret);
	else
		emit(tr, t, "\n");
	tr->calls++;
}

static void
emit_call(struct tracer *tr, struct task *t, int returned, long long ret)
{
	emit_callv(tr, t, t->nr, t->a, returned, ret, &t->strs, &t->strslen);
}

/* release_held: t's tid became known: its held lines go out with it. */
static void
release_held(struct tracer *tr, struct task *t)
{
	put_tid(tr, t->tid, t->held, t->heldlen);
	free(t->held);
	t->held = NULL;
	t->heldlen = 0;
}

/*
 * flush_unknown: a marker comes: tasks whose tid has not come (no fork seen,
 * no set_tid_address that worked) get a made-up one, so that their lines go
 * out before it: an init's before "#tdiff start", the test's before
 * "#tdiff exit".
 */
static void
flush_unknown(struct tracer *tr)
{
	for (int i = 0; i < tr->ntasks; i++) {
		struct task *t = tr->tasks[i];

		if (!t->tid && !t->parent && t->held && t->exec_amb && exec_resolve(tr, t, 0) == 0) {
			i = -1;	/* the execve's task left the list: look again */
			continue;
		}
		if (!t->tid && !t->parent && t->held) {
			t->tid = tr->next_tid++;
			release_held(tr, t);
		}
	}
}

/*
 * copy_console: every whole console line written since the last call that
 * holds "#tdiff " goes into the trace, from the prefix on (\r dropped).
 */
static void
copy_console(struct tracer *tr)
{
	char buf[65536];
	ssize_t n;

	while ((n = pread(tr->con_fd, buf, sizeof(buf), tr->con_off)) > 0) {
		char *p = buf, *end = buf, *nl;

		while ((nl = memchr(p, '\n', buf + n - p))) {
			char *hit = memmem(p, nl - p, "#tdiff ", 7);

			if (hit && !strncmp(hit, "#tdiff start ", 13))
				tr->started = 1;
			/* held lines go out on their side of a marker */
			if (hit && (!strncmp(hit, "#tdiff start ", 13) || !strncmp(hit, "#tdiff exit ", 12)))
				flush_unknown(tr);
			if (hit)
				for (char *q = hit; q < nl; q++)
					if (*q != '\r')
						fputc(*q, tr->out);
			if (hit)
				fputc('\n', tr->out);
			p = end = nl + 1;
		}
		if (end == buf) {
			if (n < (ssize_t)sizeof(buf))
				break;	/* a line still being written */
			end = buf + n;	/* a line longer than the buffer: skip it */
		}
		tr->con_off += end - buf;
	}
}

static void
idle(void *arg)
{
	struct tracer *tr = arg;

	copy_console(tr);
	fflush(tr->out);
}

static int
bp_find(struct tracer *tr, uint64_t addr)
{
	for (int i = 0; i < tr->nbps; i++)
		if (tr->bps[i].addr == addr)
			return i;
	return -1;
}

/* bp_add: a breakpoint at addr, unless one is there already. */
static void
bp_add(struct tracer *tr, uint64_t addr)
{
	if (bp_find(tr, addr) >= 0)
		return;
	if (tr->nbps == MAX_BPS || gdb_break(&tr->g, addr, 1) < 0)
		die("breakpoint at 0x%llx: %s", (unsigned long long)addr,
		    tr->nbps == MAX_BPS ? "too many" : tr->g.err);
	tr->bps[tr->nbps++].addr = addr;
}

/* bp_wanted: whether a call in flight, or a child not yet seen, returns to addr. */
static int
bp_wanted(struct tracer *tr, uint64_t addr)
{
	for (int i = 0; i < tr->ntasks; i++) {
		struct task *t = tr->tasks[i];

		if ((t->pending || t->parent || t->exiting) && t->ret_pc == addr)
			return 1;
		for (int k = 0; k < t->depth; k++)
			if (t->fr[k].ret_pc == addr)
				return 1;
	}
	return 0;
}

/* bp_drop: remove the breakpoint at addr (a stop there that nobody waited for). */
static void
bp_drop(struct tracer *tr, uint64_t addr)
{
	int i = bp_find(tr, addr);

	if (i < 0 || gdb_break(&tr->g, addr, 0) < 0)
		return;
	tr->bps[i] = tr->bps[--tr->nbps];
}

static void task_drop(struct tracer *tr, struct task *t);

static struct task *
task_new(struct tracer *tr, uint64_t as, uint64_t tp, long tid)
{
	struct task *t = calloc(1, sizeof(*t));

	for (int i = tr->ntasks; tr->ntasks == MAX_TASKS && i-- > 0;)
		if (tr->tasks[i]->exiting)
			task_drop(tr, tr->tasks[i]);	/* exits that never returned: make room */
	if (tr->ntasks == MAX_TASKS)
		die("more than %d tasks", MAX_TASKS);
	t->as = as;
	t->tp = tp;
	t->tid = tid;
	t->seq = tr->seq++;
	tr->tasks[tr->ntasks++] = t;
	return t;
}

static int
in_list(const long *list, int n, long nr)
{
	for (int i = 0; i < n && list[i] >= 0; i++)
		if (list[i] == nr)
			return 1;
	return 0;
}

#define IN_LIST(l, nr) in_list((l), (int)(sizeof(l) / sizeof((l)[0])), (nr))

/*
 * restart_code: the errno Linux's call nr (args a) returns inside the
 * kernel when a signal interrupts it, which user space never sees (a
 * handler makes it EINTR, or the call starts again) but strace prints:
 * ERESTARTNOHAND (sigsuspend, pause, select, ppoll, poll without a
 * timeout, an absolute clock_nanosleep), ERESTART_RESTARTBLOCK (sleeps,
 * poll and futex waits with a timeout), 0 for calls that return EINTR
 * themselves (epoll waits, rt_sigtimedwait), else ERESTARTSYS.
 */
static long
restart_code(const struct arch_desc *ad, long nr, const uint64_t *a)
{
	if (IN_LIST(ad->eintr, nr))
		return 0;
	if (nr == ad->nr_poll)
		return (int)a[2] >= 0 ? ERESTART_RESTARTBLOCK : ERESTARTNOHAND;
	if (nr == ad->nr_clock_nanosleep && (a[1] & 1))
		return ERESTARTNOHAND;	/* TIMER_ABSTIME */
	if (nr == ad->nr_futex && ((a[1] & 0x7f) == 0 || (a[1] & 0x7f) == 9) && a[3])
		return ERESTART_RESTARTBLOCK;
	if (IN_LIST(ad->nohand, nr))
		return ERESTARTNOHAND;
	if (IN_LIST(ad->block, nr))
		return ERESTART_RESTARTBLOCK;
	return ERESTARTSYS;
}

/* push_frame: a handler runs during t's call in flight (its result comes later). */
static int
push_frame(struct task *t)
{
	struct frame *f;

	if (t->depth == MAX_DEPTH)
		return -1;
	f = &t->fr[t->depth++];
	memset(f, 0, sizeof(*f));
	f->nr = t->nr;
	memcpy(f->a, t->a, sizeof(f->a));
	f->ret_pc = t->ret_pc;
	f->sp = t->sp;
	f->strs = t->strs;
	f->strslen = t->strslen;
	t->strs = NULL;
	t->strslen = 0;
	t->pending = 0;
	return 0;
}

/*
 * pop_frame: the innermost interrupted call's end: returned with ret
 * (EINTR from a call that Linux ends with a restart code is written with
 * that code), started again (restarted: its restart code; with
 * restart_syscall, ERESTART_RESTARTBLOCK), or unknown (!returned: a
 * sysenter).  Then the handler's lines, held till now.
 */
static void
pop_frame(struct tracer *tr, struct task *t, int returned, long long ret, int restarted,
	  long new_nr)
{
	struct frame f = t->fr[--t->depth];
	long code = restart_code(tr->ad, f.nr, f.a);

	if (restarted)
		ret = new_nr == tr->ad->nr_restart_syscall ? -ERESTART_RESTARTBLOCK
							   : -(code ? code : ERESTARTSYS);
	else if (returned && ret == EINTR_RET && code)
		ret = -code;
	emit_callv(tr, t, f.nr, f.a, returned, ret, &f.strs, &f.strslen);
	if (f.held)
		emit_text(tr, t, f.held, f.heldlen);
	free(f.held);
}

static void
task_drop(struct tracer *tr, struct task *t)
{
	for (int i = 0; i < tr->ntasks; i++)
		if (tr->tasks[i] == t) {
			tr->tasks[i] = tr->tasks[--tr->ntasks];
			break;
		}
	if (!t->tid && !(t->exec_amb && exec_resolve(tr, t, 0) == 0))
		t->tid = tr->next_tid++;	/* never learnt: a made-up one */
	while (t->depth)
		pop_frame(tr, t, 0, 0, 0, 0);	/* it ended inside a handler */
	if (t->held)
		release_held(tr, t);
	free(t->strs);
	free(t);
}

/*
 * exec_resolve: t is a new image seen while more than one execve was in
 * flight; it is the image of the one whose task has this tid (0: the
 * oldest, for a task that shows no tid of its own).  That execve returned
 * 0: its line goes out, then t's held lines under its tid, and t goes on
 * as that task.
 */
static int
exec_resolve(struct tracer *tr, struct task *t, long tid)
{
	struct task *e = NULL;

	for (int i = 0; i < tr->ntasks; i++) {
		struct task *c = tr->tasks[i];

		if (c != t && c->pending && c->tid && !c->depth &&
		    (c->nr == tr->ad->nr_execve || c->nr == tr->ad->nr_execveat) &&
		    (tid ? c->tid == tid : (!e || c->seq < e->seq)))
			e = c;
	}
	if (tr->log)
		fprintf(tr->log, "exec image as=%llx: tid %ld asked, %ld taken\n", (unsigned long long)t->as, tid,
			e ? e->tid : 0);
	if (!e)
		return -1;
	emit_call(tr, e, 1, 0);
	e->pending = 0;
	t->tid = e->tid;
	t->exec_amb = 0;
	t->tp_unset = 1;
	task_drop(tr, e);
	release_held(tr, t);
	return 0;
}

static uint64_t
sp_dist(uint64_t a, uint64_t b)
{
	return a > b ? a - b : b - a;
}

/*
 * task_find: the task with this key.  Tasks that share a key (CLONE_VM
 * without CLONE_SETTLS) are told apart by what they can be doing: at a
 * return stop (ret_pc != 0) one waiting to return there, at an entry one
 * with no call in flight; then by the stack pointer nearest their last.
 */
static struct task *
task_find(struct tracer *tr, uint64_t as, uint64_t tp, uint64_t sp, uint64_t ret_pc)
{
	struct task *best = NULL;
	int best_fit = -1;

	for (int i = 0; i < tr->ntasks; i++) {
		struct task *t = tr->tasks[i];
		int fit;

		if (t->as != as || t->tp != tp)
			continue;
		fit = ret_pc ? (t->pending && (t->ret_pc == ret_pc ||
					     (t->depth && t->nr == tr->ad->nr_rt_sigreturn &&
					      t->fr[t->depth - 1].ret_pc == ret_pc)))
			     : !t->pending;
		if (fit > best_fit || (fit == best_fit && sp_dist(t->sp, sp) < sp_dist(best->sp, sp))) {
			best = t;
			best_fit = fit;
		}
	}
	return best;
}

static int
is_fork_nr(const struct arch_desc *ad, long nr)
{
	return nr == ad->nr_clone || nr == ad->nr_clone3 || nr == ad->nr_fork ||
	       nr == ad->nr_vfork;
}

static int
is_exec_nr(const struct arch_desc *ad, long nr)
{
	return nr == ad->nr_execve || nr == ad->nr_execveat;
}

/* read_key: the current address space and thread pointer. */
static void
read_key(struct tracer *tr, uint64_t *as, uint64_t *tp)
{
	if (gdb_read_reg(&tr->g, tr->sysreg[SR_AS], as) < 0)
		die("%s", tr->g.err);
	/* riscv satp: the root page's number only (the ASID may change);
	 * x86 cr3: without the PCID bits */
	*as = tr->ad == &arch_riscv64 ? *as & ((1ULL << 44) - 1) : *as & ~0xfffULL;
	if (tr->tp_is_greg)
		*tp = tr->gr[4];
	else if (gdb_read_reg(&tr->g, tr->sysreg[SR_TP], tp) < 0)
		die("%s", tr->g.err);
}

/*
 * fork_info: for a fork-like call at its entry, its clone flags and the
 * thread pointer its child starts with: the parent's, or the tls argument
 * with CLONE_SETTLS (clone3: from its struct, read now).
 */
static void
fork_info(struct tracer *tr, struct task *t)
{
	const struct arch_desc *ad = tr->ad;
	uint64_t tls = 0, args[8];

	t->cflags = 0;
	t->ctls = t->tp;
	if (t->nr == ad->nr_clone3) {
		if (gdb_read_mem(&tr->g, t->a[0], args, sizeof(args)) != (long)sizeof(args))
			return;
		t->cflags = args[0];
		tls = args[7];
	} else if (t->nr == ad->nr_clone) {
		t->cflags = t->a[0];
		tls = t->a[ad->clone_tls_arg];
	} else if (t->nr == ad->nr_vfork) {
		t->cflags = CLONE_VM;
	}
	if (t->cflags & CLONE_SETTLS)
		t->ctls = tls;
}

/*
 * read_cstr: the NUL-terminated string at addr, at most STR_MAX bytes, into
 * buf: one 'm' packet up to STR_FIRST bytes (never past its page: a read
 * that crosses into an unmapped page fails whole), then the rest page by
 * page.  Returns its length (*cut: no NUL within STR_MAX), or -1 when a
 * page does not read before the NUL (the call's EFAULT; strace shows the
 * address then).
 */
static long
read_cstr(struct tracer *tr, uint64_t addr, char *buf, int *cut)
{
	size_t got = 0;

	*cut = 0;
	while (got < STR_MAX) {
		uint64_t at = addr + got;
		size_t want = 4096 - (at & 4095), first = got ? STR_MAX : STR_FIRST;
		long n;
		char *nul;

		if (want > STR_MAX - got)
			want = STR_MAX - got;
		if (want > first)
			want = first;
		n = gdb_read_mem(&tr->g, at, buf + got, want);
		tr->str_trips += (long)(want + 2047) / 2048;
		if (n <= 0)
			return -1;
		if ((nul = memchr(buf + got, 0, (size_t)n)))
			return (long)(got + (size_t)(nul - (buf + got)));
		got += (size_t)n;
		if ((size_t)n < want)
			return -1;
	}
	*cut = 1;
	return STR_MAX;
}

/*
 * add_str: one "#tdiff str %T <arg> "<escaped>"" line to t's call.
 * Escaped: \\ \" \n \t \r, and other bytes outside ' '..'~' and '%' (the
 * held lines' tid mark) as \xHH.
 */
static void
add_str(struct tracer *tr, struct task *t, int arg, const unsigned char *b, size_t n, int cut)
{
	char head[64], esc[8];
	int hn = snprintf(head, sizeof(head), "#tdiff str %%T %d \"", arg);

	append(&t->strs, &t->strslen, head, (size_t)hn);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = b[i];
		int en;

		if (c == '"' || c == '\\')
			en = snprintf(esc, sizeof(esc), "\\%c", c);
		else if (c == '\n')
			en = snprintf(esc, sizeof(esc), "\\n");
		else if (c == '\t')
			en = snprintf(esc, sizeof(esc), "\\t");
		else if (c == '\r')
			en = snprintf(esc, sizeof(esc), "\\r");
		else if (c < ' ' || c > '~' || c == '%')
			en = snprintf(esc, sizeof(esc), "\\x%02x", c);
		else
			esc[0] = (char)c, en = 1;
		append(&t->strs, &t->strslen, esc, (size_t)en);
	}
	append(&t->strs, &t->strslen, cut ? "\"...\n" : "\"\n", cut ? 5 : 2);
	tr->nstrs++;
}

/*
 * read_strs: at t's entry, the text of its string and buffer arguments
 * (rawtab.def's 's' and 'b'), read in the caller's address space; an
 * address that does not read (NULL, unmapped) is left out.
 */
static void
read_strs(struct tracer *tr, struct task *t)
{
	static char buf[STR_MAX];
	struct timespec t0, t1;
	long nr = t->nr;
	int cut, b;

	free(t->strs);
	t->strs = NULL;
	t->strslen = 0;
	if (!tr->strings || nr < 0 || nr >= NR_MAX || (!tr->smask[nr] && tr->barg[nr] < 0))
		return;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < 6; i++) {
		long n;

		if (!(tr->smask[nr] >> i & 1) || !t->a[i])
			continue;
		if ((n = read_cstr(tr, t->a[i], buf, &cut)) >= 0)
			add_str(tr, t, i, (unsigned char *)buf, (size_t)n, cut);
	}
	if ((b = tr->barg[nr]) >= 0 && b < 5 && t->a[b]) {
		uint64_t count = t->a[b + 1];
		size_t want = count > STR_MAX ? STR_MAX : (size_t)count;

		tr->str_trips += (long)(want + 2047) / 2048;
		if (gdb_read_mem(&tr->g, t->a[b], buf, want) == (long)want)
			add_str(tr, t, b, (unsigned char *)buf, want, count > STR_MAX);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	tr->str_s += (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/* str_table: per syscall number of the arch, its string and buffer
 * arguments, from compare's rawtab.def through libseccomp's names */
static void
str_table(struct tracer *tr)
{
	for (long nr = 0; nr < NR_MAX; nr++) {
		const char *name = td_sys_name(tr->ad->name, nr);
		const struct td_rawrow *row = name ? td_raw_row(tr->ad->name, name) : NULL;

		tr->barg[nr] = -1;
		for (int i = 0; row && i < row->nargs && i < 6; i++) {
			if (row->arg[i].kind == 's')
				tr->smask[nr] |= (uint8_t)(1 << i);
			else if (row->arg[i].kind == 'b')
				tr->barg[nr] = (int8_t)i;
		}
	}
}

/*
 * first_exec: the first task of all (no init before it), first seen
 * after "#tdiff start": the kernel started the test itself (tdiff.test=),
 * with the execve it did for it inside the kernel.  That call is written
 * as it returned, with 0 for its pointers (PROTOCOL.md: the first process).
 */
static void
first_exec(struct tracer *tr, struct task *t)
{
	t->nr = tr->ad->nr_execve;
	memset(t->a, 0, sizeof(t->a));
	emit_call(tr, t, 1, 0);
	tr->started = 0;	/* once */
}

/*
 * interrupted: t enters call nr while its last call is still in flight.
 * That call did not return to its caller: an rt_sigreturn went back to a
 * call a handler interrupted, which starts again at the same address
 * (restart: the interrupted call's end); the same call from the same
 * address and stack is a restart with no handler; any other call is a
 * signal handler's, run during the return of the call in flight (a
 * frame).  An rt_sigreturn to elsewhere is closed with 0; a call too deep
 * in handlers is a sysenter.
 */
static void
interrupted(struct tracer *tr, struct task *t, long nr, uint64_t ret_pc, uint64_t sp)
{
	const struct arch_desc *ad = tr->ad;
	int restart = nr == t->nr || nr == ad->nr_restart_syscall;

	if (t->nr == ad->nr_rt_sigreturn) {
		if (t->depth && t->fr[t->depth - 1].ret_pc == ret_pc &&
		    t->fr[t->depth - 1].sp == sp) {
			emit_call(tr, t, 1, (long long)tr->gr[ad->ret]);
			pop_frame(tr, t, 1, 0, 1, nr);
		} else {
			/* back to user code outside any call (another handler,
			 * a loop): its result is a register we never see, and
			 * is not compared (a sysenter would merge with a next
			 * rt_sigreturn): 0 */
			emit_call(tr, t, 1, 0);
		}
	} else if (restart && t->ret_pc == ret_pc && t->sp == sp) {
		long code = restart_code(ad, t->nr, t->a);

		emit_call(tr, t, 1, nr == ad->nr_restart_syscall ? -ERESTART_RESTARTBLOCK
								 : -(code ? code : ERESTARTSYS));
	} else if (push_frame(t) < 0) {
		emit_call(tr, t, 0, 0);
	}
	t->pending = 0;
}

/* regs_hash: a hash of the general registers of this stop (FNV-1a). */
static uint64_t
regs_hash(const struct tracer *tr)
{
	uint64_t h = 14695981039346656037ULL;

	for (int i = 0; i < tr->ad->ngregs; i++)
		for (int b = 0; b < 64; b += 8)
			h = (h ^ ((tr->gr[i] >> b) & 0xff)) * 1099511628211ULL;
	return h;
}

/*
 * seen_return: t's return stop at pc is taken.  Stepping over the
 * breakpoint runs the instruction there, which may fault (a child's first
 * write to a page it shares copy-on-write with its parent, a page mapped on
 * demand): the kernel then comes back to pc with every register as it was,
 * and the breakpoint stops again.  That second stop is no event (on_return
 * drops it): a task returns to user mode only from a call it entered, or
 * from a signal handler's rt_sigreturn, both entries in between.
 */
static void
seen_return(struct tracer *tr, struct task *t, uint64_t pc)
{
	t->rpc = pc;
	t->rhash = regs_hash(tr);
}

/*
 * tp_set: a call from an unknown key (as, tp) may be a known task whose
 * thread pointer was not set yet and has been set in user code, with no
 * call to follow: riscv64's tp is a plain register, and glibc's static
 * start makes its first calls (brk) before it sets tp.  Not set yet: 0 (our
 * kernel clears it at execve), or a new image's first value (Linux keeps
 * the old image's tp across execve).  The one task of that address space
 * with tp not set and no call in flight takes the new key.
 */
static struct task *
tp_set(struct tracer *tr, uint64_t as, uint64_t tp)
{
	struct task *found = NULL;

	if (!tp)
		return NULL;
	for (int i = 0; i < tr->ntasks; i++) {
		struct task *t = tr->tasks[i];

		if (t->as == as && (!t->tp || t->tp_unset) && !t->pending && !t->exiting &&
		    !t->parent) {
			if (found)
				return NULL;	/* two: no guess */
			found = t;
		}
	}
	if (found) {
		if (tr->log)
			fprintf(tr->log, "tp as=%llx: %llx -> %llx\n", (unsigned long long)as,
				(unsigned long long)found->tp, (unsigned long long)tp);
		found->tp = tp;
		found->tp_unset = 0;
	}
	return found;
}

/*
 * on_entry: a syscall from user mode at the entry breakpoint.  The task
 * that made it: known by its key; a new key after an execve in flight is
 * that task in its new image (the execve returned 0); otherwise a task
 * never seen.  A call still in flight in the same task did not return
 * (a signal handler runs, or exit): it is written as a sysenter.
 */
static void
on_entry(struct tracer *tr, uint64_t ret_pc)
{
	const struct arch_desc *ad = tr->ad;
	uint64_t as, tp, sp = tr->gr[ad->sp];
	struct task *t;

	read_key(tr, &as, &tp);
	if (tr->log)
		fprintf(tr->log, "entry nr=%ld as=%llx tp=%llx sp=%llx ret_pc=%llx a0=%llx\n", (long)tr->gr[ad->nr],
			(unsigned long long)as, (unsigned long long)tp, (unsigned long long)sp,
			(unsigned long long)ret_pc, (unsigned long long)tr->gr[ad->a[0]]);
	t = task_find(tr, as, tp, sp, 0);
	if (t && t->exiting) {
		/* its exit did not return: the key's next call is another task's */
		task_drop(tr, t);
		t = task_find(tr, as, tp, sp, 0);
	}
	if (!t)
		t = tp_set(tr, as, tp);
	if (!t) {
		int execs = 0;

		for (int i = 0; i < tr->ntasks; i++)
			if (tr->tasks[i]->pending && is_exec_nr(ad, tr->tasks[i]->nr) && execs++ == 0)
				t = tr->tasks[i];
		if (execs > 1) {
			/* which execve's image this is: its tid tells (set_tid_address) */
			t = task_new(tr, as, tp, 0);
			t->exec_amb = 1;
		} else if (t) {
			emit_call(tr, t, 1, 0);
			t->pending = 0;
			t->as = as;
			t->tp = tp;
			t->tp_unset = 1;
		} else {
			t = task_new(tr, as, tp, 0);	/* tid: from set_tid_address */
			/* while untraced tasks run with the entry gate shut, a
			 * task never seen is one of theirs (no other forks unseen) */
			t->untraced = tr->untraced_seen;
			copy_console(tr);
			if (tr->started && tr->ntasks == 1)
				first_exec(tr, t);
		}
	}
	if (t->pending)
		interrupted(tr, t, (long)tr->gr[ad->nr], ret_pc, sp);
	copy_console(tr);
	t->rpc = 0;
	t->sp = sp;
	t->nr = (long)tr->gr[ad->nr];
	for (int i = 0; i < 6; i++)
		t->a[i] = tr->gr[ad->a[i]];
	t->ret_pc = ret_pc;
	read_strs(tr, t);
	if (t->nr == ad->nr_exit || t->nr == ad->nr_exit_group) {
		emit_call(tr, t, 0, 0);
		/* kept until reaped or its key comes back (a child whose tid
		 * comes with its parent's return keeps its lines till then):
		 * a kernel without the call returns, and the task goes on */
		t->exiting = 1;
		bp_add(tr, ret_pc);
		return;
	}
	if (is_fork_nr(ad, t->nr))
		fork_info(tr, t);
	if (t->nr == ad->nr_arch_prctl && t->a[0] == ARCH_SET_FS)
		t->tp = t->a[1];	/* its key at the return: the new fs_base */
	t->pending = 1;
	bp_add(tr, ret_pc);
}

/*
 * reaped: a wait4 returned child tid with its status word at status (in
 * the waiter's address space, read now).  A child a signal ended never
 * came back to user mode: its call in flight stays unfinished, and
 * `#tdiff killed` ends it (the only sign of its death we get).  Any
 * record of the child still there goes (an exit we missed, or a child
 * still waiting for its first return: it would take another task's
 * events, as its address space and thread pointer come back).
 */
static void
reaped(struct tracer *tr, long tid, uint64_t status)
{
	uint32_t st = 0;
	struct task *c = NULL;

	for (int i = 0; i < tr->ntasks && !c; i++)
		if (tr->tasks[i]->tid == tid)
			c = tr->tasks[i];
	if (!c)
		return;
	if (c->parent && !c->as) {
		task_drop(tr, c);
		return;
	}
	if (status && gdb_read_mem(&tr->g, status, &st, sizeof(st)) != (long)sizeof(st))
		return;
	if ((st & 0xff) == 0x7f)
		return;	/* stopped, not dead */
	if (c->pending)
		emit_call(tr, c, 0, 0);
	while (c->depth)
		pop_frame(tr, c, 0, 0, 0, 0);
	if (status && (st & 0x7f))
		emit(tr, c, "#tdiff killed %%T %u\n", st & 0x7f);
	task_drop(tr, c);	/* gone: its key may come back as another task's */
}

/*
 * child_of: c is a child of p's fork-like call in flight (or just returned):
 * it is untraced if the call had CLONE_UNTRACED or p is; such a child turns
 * on the entry gate (entry_gate).
 */
static void
child_of(struct tracer *tr, struct task *c, struct task *p)
{
	c->parent = p;
	if ((p->cflags & CLONE_UNTRACED) || p->untraced) {
		c->untraced = 1;
		tr->untraced_seen = 1;
	}
}

/*
 * swap_child: t, a child taken as the oldest of those waiting at its
 * return address, learns from its first call (gettid, set_tid_address)
 * that its tid is tid: if a child with that tid still waits for its first
 * return, the two were started out of the order they were made, and they
 * trade tids (no line of t's has gone out yet).
 */
static void
swap_child(struct tracer *tr, struct task *t, long tid)
{
	for (int i = 0; i < tr->ntasks; i++) {
		struct task *w = tr->tasks[i];

		if (w->parent && w->tid == tid && !w->as) {
			if (tr->log)
				fprintf(tr->log, "child as=%llx: tid %ld, not %ld\n",
					(unsigned long long)t->as, tid, t->tid);
			w->tid = t->tid;
			t->tid = tid;
			return;
		}
	}
}

/*
 * on_return: a stop at a return breakpoint pc.  The task waiting there
 * gets its result; a return with 0 from a key that waits for none, where
 * a fork-like call is in flight, is that call's child (its tid is the
 * call's result: held until the parent's return gives it).  Anything else
 * is some other code at that address: the breakpoint goes when no call
 * waits for it.
 */
static void
on_return(struct tracer *tr, uint64_t pc)
{
	const struct arch_desc *ad = tr->ad;
	uint64_t as, tp, sp = tr->gr[ad->sp];
	long long ret = (long long)tr->gr[ad->ret];
	struct task *t, *p = NULL;

	read_key(tr, &as, &tp);
	if (tr->log)
		fprintf(tr->log, "return pc=%llx as=%llx tp=%llx sp=%llx ret=%lld\n", (unsigned long long)pc,
			(unsigned long long)as, (unsigned long long)tp, (unsigned long long)sp, ret);
	t = task_find(tr, as, tp, sp, pc);
	copy_console(tr);
	if (t && !t->pending && t->rpc == pc && t->rhash == regs_hash(tr)) {
		tr->replays++;	/* the same return again: its instruction faulted */
		return;
	}
	if (t && t->exiting && t->ret_pc == pc) {
		/* exit or exit_group returned (not implemented): its return
		 * closes the sysenter, and the task goes on */
		t->exiting = 0;
		t->sp = sp;
		seen_return(tr, t, pc);
		emit_call(tr, t, 1, ret);
		return;
	}
	if (t && t->pending && t->nr == ad->nr_rt_sigreturn && t->depth &&
	    t->fr[t->depth - 1].ret_pc == pc) {
		/* a handler's end: back in the call it interrupted */
		struct frame *f = &t->fr[t->depth - 1];

		t->pending = 0;
		t->sp = sp;
		seen_return(tr, t, pc);
		emit_call(tr, t, 1, ret);
		if (f->nr == ad->nr_wait4 && ret > 0)
			reaped(tr, ret, f->a[1]);
		pop_frame(tr, t, 1, ret, 0, 0);
		return;
	}
	if (t && t->pending && t->ret_pc == pc &&
	    !(ret == 0 && is_fork_nr(ad, t->nr) && (t->cflags & CLONE_VM))) {
		t->pending = 0;
		t->sp = sp;
		seen_return(tr, t, pc);
		if (t->fresh && ret > 0 && ret != t->tid &&
		    (t->nr == ad->nr_set_tid_address || t->nr == ad->nr_gettid))
			swap_child(tr, t, ret);
		t->fresh = 0;
		if (t->nr == ad->nr_wait4 && ret > 0)
			reaped(tr, ret, t->a[1]);
		emit_call(tr, t, 1, ret);
		if (t->exec_amb && ret > 0 &&
		    (t->nr == ad->nr_set_tid_address || t->nr == ad->nr_gettid))
			exec_resolve(tr, t, ret);
		if (t->exec_amb && ret > 0 && (t->nr == ad->nr_set_tid_address ||
					       t->nr == ad->nr_gettid || is_fork_nr(ad, t->nr)))
			exec_resolve(tr, t, 0);	/* a tid of no execve's, or a fork first */
		if (!t->tid && !t->parent && ret > 0 &&
		    (t->nr == ad->nr_set_tid_address || t->nr == ad->nr_gettid)) {
			t->tid = ret;	/* a task whose fork was not seen learns its tid */
			release_held(tr, t);
		}
		if (!t->tid && !t->parent && ret > 0 && is_fork_nr(ad, t->nr)) {
			/* a child, and still no tid (set_tid_address failed, as
			 * on a kernel without it): a made-up one, so that its
			 * fork goes out before the child's lines */
			t->tid = tr->next_tid++;
			release_held(tr, t);
		}
		if (is_fork_nr(ad, t->nr) && ret > 0)
			for (int i = 0; i < tr->ntasks; i++) {
				struct task *c = tr->tasks[i];

				if (c->parent == t && !c->tid) {
					c->tid = ret;
					c->parent = NULL;
					release_held(tr, c);
					return;
				}
			}
		if (is_fork_nr(ad, t->nr) && ret > 0) {
			/* the child's first event is still to come: it waits with its tid */
			struct task *c = task_new(tr, 0, 0, ret);

			child_of(tr, c, t);
			c->ret_pc = pc;
			c->tp = t->ctls;
		}
		return;
	}
	if (ret == 0) {
		/* a child's first return: a known tid waits (parent returned), or the
		 * parent's call is still in flight */
		for (int i = 0; i < tr->ntasks; i++) {
			struct task *c = tr->tasks[i];

			if (c->parent && c->tid && !c->as && c->ret_pc == pc && c->tp == tp &&
			    (!p || c->seq < p->seq))
				p = c;	/* the oldest: children start in the order made */
		}
		if (p) {
			p->as = as;
			p->sp = sp;
			p->parent = NULL;
			p->fresh = 1;
			seen_return(tr, p, pc);
			return;
		}
		for (int i = 0; i < tr->ntasks && !p; i++) {
			struct task *c = tr->tasks[i];

			if (c->pending && is_fork_nr(ad, c->nr) && c->ret_pc == pc &&
			    c->ctls == tp)
				p = c;
		}
		if (p) {
			t = task_new(tr, as, tp, 0);
			child_of(tr, t, p);
			t->sp = sp;
			seen_return(tr, t, pc);
			return;
		}
	}
	tr->spurious++;
	if (!bp_wanted(tr, pc) && !tr->poll_vec)
		bp_drop(tr, pc);
}

/* is_vec: whether pc is a syscall entry breakpoint. */
static int
is_vec(struct tracer *tr, uint64_t pc)
{
	for (int i = 0; i < tr->nvec; i++)
		if (tr->vec[i] == pc)
			return 1;
	return 0;
}

/* vec_add: trap here too (a new stvec value seen). */
static void
vec_add(struct tracer *tr, uint64_t addr)
{
	if (!addr || is_vec(tr, addr) || tr->nvec == MAX_VECS)
		return;
	tr->vec[tr->nvec++] = addr;
	bp_add(tr, addr);
}

/*
 * on_stop: one stop of the hart.  At an entry: riscv64 keeps only an ecall
 * from U-mode (scause 8) and takes the return address from sepc.
 */
static void
on_stop(struct tracer *tr)
{
	const struct arch_desc *ad = tr->ad;
	uint64_t pc, cause, epc, vec;

	tr->stops++;
	if (gdb_read_gregs(&tr->g, tr->gr, ad->ngregs) < 0)
		die("%s", tr->g.err);
	pc = tr->gr[ad->pc];
	if (tr->arm && pc == tr->arm) {
		bp_drop(tr, pc);
		tr->arm = 0;
		vec_add(tr, tr->armed_entry);
		/* armed after the start (linux-ext: at the init's setpgid):
		 * tasks ran unseen, so the first one seen now is not a first
		 * process the kernel started itself (first_exec) */
		copy_console(tr);
		tr->started = 0;
		return;
	}
	if (is_vec(tr, pc)) {
		if (ad->retpc >= 0) {
			on_entry(tr, tr->gr[ad->retpc]);
			return;
		}
		if (gdb_read_reg(&tr->g, tr->sysreg[SR_CAUSE], &cause) < 0)
			die("%s", tr->g.err);
		if (cause != 8)
			return;
		if (gdb_read_reg(&tr->g, tr->sysreg[SR_EPC], &epc) < 0)
			die("%s", tr->g.err);
		on_entry(tr, epc + 4);
		return;
	}
	if (tr->poll_vec && tr->sysreg[SR_VEC] >= 0 &&
	    gdb_read_reg(&tr->g, tr->sysreg[SR_VEC], &vec) == 0)
		vec_add(tr, vec);
	if (bp_find(tr, pc) >= 0)
		on_return(tr, pc);
}

/*
 * entry_gate: once a CLONE_UNTRACED child was made, the entry breakpoints
 * are in only while some traced task is outside a call (running user code,
 * whose next event is an entry).  While every traced task waits in a call,
 * only untraced tasks can enter one, and their calls are not written: out
 * with the breakpoints, and the untraced subtree runs at full speed
 * (robust_random: 200,000 calls in its untraced children, its root's trace
 * a clone and a wait4).  A traced task's return stop, or a child's first
 * return, puts them back; an execve or rt_sigreturn in flight, which go
 * back elsewhere, keeps them in.  The cost: a signal handler a traced task
 * runs on its way out of a call, while the gate is shut, is not seen.
 */
static void
entry_gate(struct tracer *tr)
{
	int off = tr->untraced_seen;

	for (int i = 0; i < tr->ntasks && off; i++) {
		struct task *t = tr->tasks[i];

		/* a traced task in user code, or in a call that goes back
		 * elsewhere than its return address (execve, rt_sigreturn) */
		if (!t->untraced && !t->exiting && !(t->parent && !t->as) &&
		    (!t->pending || is_exec_nr(tr->ad, t->nr) || t->nr == tr->ad->nr_rt_sigreturn))
			off = 0;
	}
	if (off == tr->entry_off)
		return;
	for (int i = 0; i < tr->nvec; i++)
		if (off)
			bp_drop(tr, tr->vec[i]);
		else
			bp_add(tr, tr->vec[i]);
	tr->entry_off = off;
	if (tr->log)
		fprintf(tr->log, "entry %s\n", off ? "off" : "on");
}

/* run_to: let the guest run to addr (a breakpoint there for the while). */
static enum gdb_stop
run_to(struct tracer *tr, uint64_t addr)
{
	enum gdb_stop s;

	bp_add(tr, addr);
	s = gdb_resume(&tr->g, 0);
	bp_drop(tr, addr);
	return s;
}

/* run_slice: let the guest run about 2 ms, then stop it. */
static enum gdb_stop
run_slice(struct tracer *tr)
{
	struct timespec ts = {0, 2 * 1000 * 1000};

	if (write(tr->g.fd, "$c#63", 5) != 5)
		return GDB_ERROR;
	nanosleep(&ts, NULL);
	return gdb_interrupt(&tr->g);
}

/*
 * find_stvec: without an entry symbol (riscv64): with --user-entry, run to
 * the test program's first instruction and read stvec there; else run the
 * guest in short slices until stvec is set, and trap there (calls made
 * before the first slice ends are missed).
 */
static enum gdb_stop
find_stvec(struct tracer *tr)
{
	uint64_t vec = 0;

	/* at the test's first instruction, in U-mode, stvec is the vector of
	 * its traps: none of its calls is missed */
	for (int first = tr->user_entry != 0; !vec; first = 0) {
		enum gdb_stop s = first ? run_to(tr, tr->user_entry) : run_slice(tr);

		if (s != GDB_STOPPED)
			return s;
		if (gdb_read_reg(&tr->g, tr->sysreg[SR_VEC], &vec) < 0)
			die("%s", tr->g.err);
	}
	vec_add(tr, vec);
	return GDB_STOPPED;
}

#define LSTAR_STEPS 20000

/* step_to_syscall: from a stop in user mode, step until a `syscall` has
 * run; *found: the hart is then at the entry, which is added.  Returns
 * the last stop's kind. */
static enum gdb_stop
step_to_syscall(struct tracer *tr, int cs_reg, int *found)
{
	uint64_t cs = 0, rip = 0;
	unsigned char op[2];
	enum gdb_stop s;

	*found = 0;
	if (gdb_read_reg(&tr->g, cs_reg, &cs) < 0)
		die("%s", tr->g.err);
	for (int n = 0; (cs & 3) == 3 && n < LSTAR_STEPS; n++) {
		if (gdb_read_reg(&tr->g, tr->ad->pc, &rip) < 0)
			die("%s", tr->g.err);
		if (gdb_read_mem(&tr->g, rip, op, 2) == 2 && op[0] == 0x0f && op[1] == 0x05) {
			s = gdb_resume(&tr->g, 1);
			if (s != GDB_STOPPED)
				return s;
			if (gdb_read_reg(&tr->g, tr->ad->pc, &rip) < 0)
				die("%s", tr->g.err);
			fprintf(stderr, "exttrace: syscall entry (LSTAR) found by stepping: 0x%llx\n",
				(unsigned long long)rip);
			/* stopped at the entry with the call's registers: the
			 * loop's resume stops here again, its first call */
			vec_add(tr, rip);
			*found = 1;
			return GDB_STOPPED;
		}
		s = gdb_resume(&tr->g, 1);
		if (s != GDB_STOPPED)
			return s;
		if (gdb_read_reg(&tr->g, cs_reg, &cs) < 0)
			die("%s", tr->g.err);
		if ((cs & 3) != 3) {
			/* not a syscall: a fault (the page of a first instruction
			 * is mapped on demand): the kernel comes back to it */
			s = run_to(tr, rip);
			if (s != GDB_STOPPED)
				return s;
			if (gdb_read_reg(&tr->g, cs_reg, &cs) < 0)
				die("%s", tr->g.err);
		}
	}
	return GDB_STOPPED;
}

/*
 * find_lstar: x86_64 without an entry symbol.  LSTAR, the syscall entry,
 * is not readable through the stub: run the guest to the test program's
 * first instruction (--user-entry), or in short slices until one stops in
 * user mode (CS's privilege level 3), then step it until it executes a
 * `syscall` (0f 05), and the instruction it lands on is the entry.  A stop
 * that steps LSTAR_STEPS instructions without one goes on with slices.
 */
static enum gdb_stop
find_lstar(struct tracer *tr)
{
	static const char *const cs_name[1] = {"cs"};
	int cs_reg = -1, found = 0;

	if (gdb_regnums(&tr->g, cs_name, &cs_reg, 1) < 0 || cs_reg < 0)
		die("the stub has no register cs: name the entry (syscall-entry:)");
	/* first the test's first instruction (a slice would come too late for
	 * a program the kernel starts first), then slices */
	for (int first = tr->user_entry != 0; !found; first = 0) {
		enum gdb_stop s = first ? run_to(tr, tr->user_entry) : run_slice(tr);

		if (s == GDB_STOPPED)
			s = step_to_syscall(tr, cs_reg, &found);
		if (s != GDB_STOPPED)
			return s;
	}
	return GDB_STOPPED;
}

/*
 * step_over: the hart stopped at one of our breakpoints, which would stop
 * it again at once: take it out, execute that one instruction (the stub
 * steps with interrupts masked), put it back.
 */
static enum gdb_stop
step_over(struct tracer *tr)
{
	uint64_t pc = tr->gr[tr->ad->pc];
	enum gdb_stop s;

	if (bp_find(tr, pc) < 0)
		return GDB_STOPPED;
	if (gdb_break(&tr->g, pc, 0) < 0)
		die("%s", tr->g.err);
	s = gdb_resume(&tr->g, 1);
	if (s == GDB_STOPPED && gdb_break(&tr->g, pc, 1) < 0)
		die("%s", tr->g.err);
	return s;
}

/* trace_loop: resume, handle each stop, until QEMU ends. */
static void
trace_loop(struct tracer *tr)
{
	enum gdb_stop s = GDB_STOPPED;

	if (tr->poll_vec)
		s = find_stvec(tr);
	else if (tr->step_lstar)
		s = find_lstar(tr);
	while (s == GDB_STOPPED) {
		s = gdb_resume(&tr->g, 0);
		if (s != GDB_STOPPED)
			break;
		on_stop(tr);
		entry_gate(tr);
		s = step_over(tr);
	}
	if (s == GDB_ERROR)
		fprintf(stderr, "exttrace: %s\n", tr->g.err);
}

/*
 * open_log: EXTTRACE_LOG names a file, or a directory where each run
 * writes <its trace's name>.log (several tests at once, -j).
 */
static void
open_log(struct tracer *tr, const char *where, const char *trace)
{
	char path[PATH_MAX];
	const char *base = strrchr(trace, '/');
	struct stat st;

	if (stat(where, &st) == 0 && S_ISDIR(st.st_mode))
		snprintf(path, sizeof(path), "%s/%s.log", where, base ? base + 1 : trace);
	else
		snprintf(path, sizeof(path), "%s", where);
	tr->log = fopen(path, "w");
	if (!tr->log)
		die("EXTTRACE_LOG %s: %s", path, strerror(errno));
}

static pid_t
start_qemu(char **argv, int argc, const char *sock)
{
	char **qargv = calloc(argc + 5, sizeof(char *)), gdbarg[4200];
	pid_t pid;

	memcpy(qargv, argv, argc * sizeof(char *));
	snprintf(gdbarg, sizeof(gdbarg), "unix:%s,server=on,wait=off", sock);
	qargv[argc] = "-S";
	qargv[argc + 1] = "-gdb";
	qargv[argc + 2] = gdbarg;
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		execvp(qargv[0], qargv);
		fprintf(stderr, "exttrace: exec %s: %s\n", qargv[0], strerror(errno));
		_exit(127);
	}
	free(qargv);
	return pid;
}

/* setup: the stub's register numbers, and the entry breakpoint(s). */
static void
setup(struct tracer *tr, uint64_t entry, uint64_t arm)
{
	const char *names[5];

	for (int i = 0; i < 5; i++)
		names[i] = tr->ad->sysregs[i] ? tr->ad->sysregs[i] : "";
	if (gdb_regnums(&tr->g, names, tr->sysreg, 5) < 0)
		die("%s", tr->g.err);
	for (int i = 0; i < 5; i++)
		if (tr->ad->sysregs[i] && tr->sysreg[i] < 0)
			die("the stub has no register %s", tr->ad->sysregs[i]);
	tr->tp_is_greg = tr->ad == &arch_riscv64;

	if (entry && arm) {
		tr->arm = arm;
		tr->armed_entry = entry;
		bp_add(tr, arm);
	} else if (entry)
		vec_add(tr, entry);
	else if (tr->ad == &arch_riscv64)
		tr->poll_vec = 1;
	else
		tr->step_lstar = 1;	/* LSTAR is not readable through the stub */
}

static const char usage[] =
	"usage: exttrace --arch A --trace FILE --console FILE [--elf ELF --entry SYMBOL\n"
	"                [--arm SYMBOL]] [--entry-addr HEX] [--user-entry HEX] [--no-strings]\n"
	"                -- QEMU ARGS...\n";

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"arch", required_argument, 0, 'a'},    {"trace", required_argument, 0, 't'},
		{"console", required_argument, 0, 'c'}, {"elf", required_argument, 0, 'e'},
		{"entry", required_argument, 0, 'y'},   {"entry-addr", required_argument, 0, 'x'},
		{"arm", required_argument, 0, 'r'}, {"user-entry", required_argument, 0, 'u'},
		{"no-strings", no_argument, 0, 'S'},
		{0, 0, 0, 0},
	};
	const char *arch = NULL, *trace = NULL, *console = NULL, *elf = NULL, *sym = NULL;
	const char *arm_sym = NULL;
	uint64_t arm = 0;
	char dir[] = "/tmp/exttrace.XXXXXX", sock[64], err[512];
	struct tracer *tr = calloc(1, sizeof(*tr));
	uint64_t entry = 0;
	double t0;
	struct timespec ts;
	pid_t qemu;
	int c, st = 0, no_strings = 0;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a': arch = optarg; break;
		case 't': trace = optarg; break;
		case 'c': console = optarg; break;
		case 'e': elf = optarg; break;
		case 'y': sym = optarg; break;
		case 'r': arm_sym = optarg; break;
		case 'x': entry = strtoull(optarg, NULL, 16); break;
		case 'u': tr->user_entry = strtoull(optarg, NULL, 16); break;
		case 'S': no_strings = 1; break;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (!arch || !trace || !console || optind >= argc) {
		fputs(usage, stderr);
		return 2;
	}
	/* QEMU may close the stub's socket at power-off while a packet is on
	 * its way: an error to handle (the trace still goes out), not a death */
	signal(SIGPIPE, SIG_IGN);
	tr->ad = !strcmp(arch, "riscv64") ? &arch_riscv64 : !strcmp(arch, "x86_64") ? &arch_x86_64 : NULL;
	if (!tr->ad)
		die("--arch %s: riscv64 or x86_64", arch);
	tr->strings = !no_strings && !getenv("EXTTRACE_NO_STRINGS");
	if (getenv("EXTTRACE_LOG") && *getenv("EXTTRACE_LOG"))
		open_log(tr, getenv("EXTTRACE_LOG"), trace);
	if (tr->strings)
		str_table(tr);
	if (sym && (!elf || elf_symbol(elf, sym, &entry, err, sizeof(err)) < 0))
		die("--entry %s: %s", sym, elf ? err : "needs --elf");
	if (arm_sym && (!elf || !entry || elf_symbol(elf, arm_sym, &arm, err, sizeof(err)) < 0))
		die("--arm %s: %s", arm_sym, !elf ? "needs --elf" : !entry ? "needs --entry" : err);
	tr->out = fopen(trace, "w");
	if (!tr->out)
		die("%s: %s", trace, strerror(errno));
	tr->con_fd = -1;
	if (!mkdtemp(dir))
		die("mkdtemp: %s", strerror(errno));
	snprintf(sock, sizeof(sock), "%s/gdb", dir);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	t0 = ts.tv_sec + ts.tv_nsec / 1e9;
	qemu = start_qemu(argv + optind, argc - optind, sock);
	if (gdb_connect_unix(&tr->g, sock, 30) < 0) {
		kill(qemu, SIGKILL);
		waitpid(qemu, &st, 0);
		rmdir(dir);
		die("%s", tr->g.err);
	}
	unlink(sock);
	rmdir(dir);
	/* the console file exists once QEMU has opened its chardevs */
	tr->con_fd = open(console, O_RDONLY | O_CLOEXEC);
	if (tr->con_fd < 0)
		die("%s: %s", console, strerror(errno));
	tr->g.idle = idle;
	tr->g.idle_arg = tr;
	tr->g.idle_ms = 50;
	tr->next_tid = FIRST_TID;
	setup(tr, entry, arm);
	trace_loop(tr);
	while (waitpid(qemu, &st, 0) < 0 && errno == EINTR)
		;
	copy_console(tr);
	while (tr->ntasks > 0)
		task_drop(tr, tr->tasks[0]);	/* held lines of orphans go out */
	fclose(tr->out);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	fprintf(stderr, "exttrace: %ld calls, %ld stops (%ld elsewhere, %ld replayed), %ld round trips (%ld for %ld strings, "
		"%.3f s), %.3f s\n", tr->calls, tr->stops, tr->spurious, tr->replays, tr->g.round_trips, tr->str_trips, tr->nstrs,
		tr->str_s, ts.tv_sec + ts.tv_nsec / 1e9 - t0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
