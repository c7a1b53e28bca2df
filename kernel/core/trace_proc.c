/*
 * kernel/core/trace_proc.c: the tracer's decoders for the process syscalls
 * (the handlers of sys_proc.c, clone.c, exec.c, exit.c, futex.c): clone
 * and clone3 with their flags and struct clone_args, execve's argv and
 * envp, exit, wait4 and waitid with wait statuses, set_tid_address,
 * set_robust_list, futex with each command's arguments, and the process
 * group calls, as strace 6.1 prints them.
 */
#include "lib.h"
#include "syscall.h"
#include "task.h"
#include "trace_fmt.h"
#include "uapi.h"

/* strace's clone_flags, in its order; clone() prints the first
 * CLONE_FLAGS_32 (its flags are 32 bits), clone3 all of them */
static const struct xlat clone_flags[] = {
	XLAT(CLONE_VM), XLAT(CLONE_FS), XLAT(CLONE_FILES), XLAT(CLONE_SIGHAND),
	XLAT(CLONE_PIDFD), XLAT(CLONE_PTRACE), XLAT(CLONE_VFORK), XLAT(CLONE_PARENT),
	XLAT(CLONE_THREAD), XLAT(CLONE_NEWNS), XLAT(CLONE_SYSVSEM), XLAT(CLONE_SETTLS),
	XLAT(CLONE_PARENT_SETTID), XLAT(CLONE_CHILD_CLEARTID), XLAT(CLONE_UNTRACED),
	XLAT(CLONE_CHILD_SETTID), XLAT(CLONE_NEWCGROUP), XLAT(CLONE_NEWUTS), XLAT(CLONE_NEWIPC),
	XLAT(CLONE_NEWUSER), XLAT(CLONE_NEWPID), XLAT(CLONE_NEWNET), XLAT(CLONE_IO),
	XLAT(CLONE_NEWTIME), XLAT(CLONE_CLEAR_SIGHAND), XLAT(CLONE_INTO_CGROUP),
};
#define CLONE_FLAGS_32 23          /* the entries before CLONE_NEWTIME */

static const struct xlat wait_opts[] = {
	XLAT(WNOHANG), XLAT(WUNTRACED), XLAT(WEXITED), XLAT(WCONTINUED), XLAT(WNOWAIT),
	{ __WCLONE, "__WCLONE" }, XLAT(__WALL), XLAT(__WNOTHREAD),
};

static const struct xlat waitid_types[] = {
	{ 0, "P_ALL" }, { 1, "P_PID" }, { 2, "P_PGID" }, { 3, "P_PIDFD" },
};

/* futex commands by number, as strace's futexops names them */
#define FUTEX_FD 2
#define FUTEX_LOCK_PI 6
#define FUTEX_UNLOCK_PI 7
#define FUTEX_TRYLOCK_PI 8
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI 12
#define FUTEX_LOCK_PI2 13
static const char *const futex_cmds[] = {
	"FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_FD", "FUTEX_REQUEUE", "FUTEX_CMP_REQUEUE",
	"FUTEX_WAKE_OP", "FUTEX_LOCK_PI", "FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI",
	"FUTEX_WAIT_BITSET", "FUTEX_WAKE_BITSET", "FUTEX_WAIT_REQUEUE_PI",
	"FUTEX_CMP_REQUEUE_PI", "FUTEX_LOCK_PI2",
};

/* FUTEX_WAKE_OP's operations and comparisons */
static const char *const futex_wake_ops[] = {
	"FUTEX_OP_SET", "FUTEX_OP_ADD", "FUTEX_OP_OR", "FUTEX_OP_ANDN", "FUTEX_OP_XOR",
};
static const char *const futex_wake_cmps[] = {
	"FUTEX_OP_CMP_EQ", "FUTEX_OP_CMP_NE", "FUTEX_OP_CMP_LT", "FUTEX_OP_CMP_LE",
	"FUTEX_OP_CMP_GT", "FUTEX_OP_CMP_GE",
};

/* An int in user memory as [N], or its address. */
static void
p_int_at(uintptr_t u)
{
	int v;
	if (tr_peek(u, &v, sizeof(v)))
		tr_printf("[%d]", v);
	else
		tr_addr(u);
}

/* ---- clone, clone3 ---- */

/* clone()'s flags: the flag bits, then the exit signal (low byte). */
static void
p_clone_flags(uint64_t flags, int sig)
{
	if (flags) {
		tr_flags(clone_flags, CLONE_FLAGS_32, flags, "CLONE_???");
		if (sig) {
			tr_putc('|');
			tr_signame(sig);
		}
	} else if (sig)
		tr_signame(sig);
	else
		tr_putc('0');
}

/* clone(flags, stack, ptid, ctid/tls, tls/ctid), in strace's order:
 * child_stack and flags at entry, the pointers the flags use at exit. */
void
decode_clone(struct trc *c)
{
	/* only the low 32 bits are clone() flags */
	uint64_t flags = (uint64_t)c->a[0] & ~(uint64_t)CSIGNAL & 0xffffffffULL;
	uintptr_t ptid = (uintptr_t)c->a[2];
	uintptr_t ctid = (uintptr_t)(ABI_CLONE_ARGS_TLS_LAST ? c->a[3] : c->a[4]);
	uintptr_t tls = (uintptr_t)(ABI_CLONE_ARGS_TLS_LAST ? c->a[4] : c->a[3]);
	ENTER {
		tr_puts("child_stack=");
		tr_addr((uintptr_t)c->a[1]);
		tr_puts(", flags=");
		p_clone_flags(flags, (int)(c->a[0] & CSIGNAL));
		return;
	}
	if (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) {
		tr_puts(flags & CLONE_PARENT_SETTID ? ", parent_tid=" : ", pidfd=");
		p_int_at(ptid);
	}
	if (flags & CLONE_SETTLS)
		tr_printf(", tls=%#lx", tls);
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		tr_puts(", child_tidptr=");
		tr_addr(ctid);
	}
}

/* The pointer fields of clone_args the flags make clone3 use. */
static void
p_clone_args_ptrs(const struct k_clone_args *a)
{
	if (a->flags & CLONE_PIDFD) {
		tr_puts(", pidfd=");
		tr_addr(a->pidfd);
	}
	if (a->flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		tr_puts(", child_tid=");
		tr_addr(a->child_tid);
	}
	if (a->flags & CLONE_PARENT_SETTID) {
		tr_puts(", parent_tid=");
		tr_addr(a->parent_tid);
	}
}

/* The fields of clone_args (fetch bytes of it read) as strace shows them,
 * without the braces. */
static void
p_clone_args(const struct k_clone_args *a, size_t fetch)
{
	tr_puts("flags=");
	tr_flags(clone_flags, ARRAY_SIZE(clone_flags), a->flags, "CLONE_???");
	p_clone_args_ptrs(a);
	tr_puts(", exit_signal=");
	if (a->exit_signal < 0x7fffffff)
		tr_signame((long)a->exit_signal);
	else
		tr_printf("%lu", a->exit_signal);
	tr_puts(", stack=");
	tr_addr(a->stack);
	tr_printf(", stack_size=%#lx", a->stack_size);
	if (a->flags & CLONE_SETTLS)
		tr_printf(", tls=%#lx", a->tls);
	if (a->set_tid || a->set_tid_size) {
		tr_puts(", set_tid=");
		tr_addr(a->set_tid);
		tr_printf(", set_tid_size=%lu", a->set_tid_size);
	}
	if (fetch > 80 && (a->cgroup || (a->flags & CLONE_INTO_CGROUP)))
		tr_printf(", cgroup=%lu", a->cgroup);
}

/* The bytes of a clone_args bigger than ours, past the fetch we know, as
 * strace shows them when any of them is nonzero (up to a page). */
static void
p_clone_args_tail(uintptr_t u, size_t fetch, size_t size)
{
	uint8_t b;
	size_t end = MIN(size, PAGE_SIZE), off;
	for (off = fetch; off < end; off++)
		if (tr_peek(u + off, &b, 1) && b)
			break;
	if (off == end)
		return;
	tr_printf(", /* bytes %lu..%lu */ \"", fetch, end - 1);
	for (off = fetch; off < end && tr_peek(u + off, &b, 1); off++)
		tr_printf("\\x%02x", b);
	tr_putc('"');
}

/* What clone3 wrote back on success: " => {pidfd=[N], parent_tid=[N]}". */
static void
p_clone3_result(uintptr_t u, size_t fetch)
{
	struct k_clone_args a;
	memset(&a, 0, sizeof(a));
	if (!tr_peek(u, &a, fetch))
		return;
	const char *pre = " => {";
	if (a.flags & CLONE_PIDFD) {
		tr_printf("%spidfd=", pre);
		p_int_at(a.pidfd);
		pre = ", ";
	}
	if (a.flags & CLONE_PARENT_SETTID) {
		tr_printf("%sparent_tid=", pre);
		p_int_at(a.parent_tid);
		pre = ", ";
	}
	if (pre[0] == ',')
		tr_putc('}');
}

/* clone3(args, size): the struct at entry; when the call writes into it
 * (pidfd, parent_tid) or it is bigger than ours, the size at exit. */
void
decode_clone3(struct trc *c)
{
	uintptr_t u = (uintptr_t)c->a[0];
	size_t size = (size_t)c->a[1];
	struct k_clone_args a;
	size_t fetch = MIN(size, sizeof(a));
	memset(&a, 0, sizeof(a));
	ENTER {
		if (fetch < 64 || !tr_peek(u, &a, fetch)) {
			tr_addr(u);
			tr_printf(", %lu", (unsigned long)size);
			return;
		}
		tr_putc('{');
		p_clone_args(&a, fetch);
		if (size > fetch)
			p_clone_args_tail(u, fetch, size);
		tr_putc('}');
		if ((a.flags & (CLONE_PIDFD | CLONE_PARENT_SETTID)) || size > fetch)
			return;
		tr_printf(", %lu", (unsigned long)size);
		c->t->sc_entry_done = 1;      /* fully printed at entry */
		return;
	}
	if (c->t->sc_entry_done || fetch < 64 || !tr_peek(u, &a, 64))
		return;
	if (c->ret >= 0)
		p_clone3_result(u, fetch);
	tr_printf(", %lu", (unsigned long)size);
}

/* ---- execve, exit, wait ---- */

/* execve's argv: each string (strace -s 4096, no count limit). */
static void
p_argv(uintptr_t av)
{
	uintptr_t p;
	if (!av) {
		tr_puts("NULL");
		return;
	}
	if (!tr_peek(av, &p, sizeof(p))) {
		tr_addr(av);
		return;
	}
	tr_putc('[');
	for (int i = 0; tr_peek(av + (uintptr_t)i * 8, &p, 8) && p; i++) {
		if (i)
			tr_sep();
		tr_cstring(p, TRACE_MAX_STRLEN);
	}
	tr_putc(']');
}

void
decode_execve(struct trc *c)
{
	ENTER {
		tr_path((uintptr_t)c->a[0]);
		tr_sep();
		p_argv((uintptr_t)c->a[1]);
		tr_sep();
		uintptr_t ev = (uintptr_t)c->a[2], p;
		if (!ev) {
			tr_puts("NULL");
			return;
		}
		int n = 0;
		while (tr_peek(ev + (uintptr_t)n * 8, &p, 8) && p)
			n++;
		tr_printf("%#lx /* %d var%s */", ev, n, n == 1 ? "" : "s");
	}
}

/* exit and exit_group */
void
decode_exit(struct trc *c)
{
	ENTER tr_int(c->a[0]);
}

static void
p_wstatus(int st)
{
	tr_putc('[');
	if ((st & 0x7f) == 0)
		tr_printf("{WIFEXITED(s) && WEXITSTATUS(s) == %d}", (st >> 8) & 0xff);
	else if ((st & 0xff) == 0x7f)
		tr_printf("{WIFSTOPPED(s) && WSTOPSIG(s) == %s}", signal_name((st >> 8) & 0xff));
	else
		tr_printf("{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}", signal_name(st & 0x7f),
			  (st & 0x80) ? " && WCOREDUMP(s)" : "");
	tr_putc(']');
}

void
decode_wait4(struct trc *c)
{
	ENTER {
		tr_int(c->a[0]);
		tr_sep();
		return;
	}
	int st;
	uintptr_t u = (uintptr_t)c->a[1];
	if (c->ret > 0 && u && tr_peek(u, &st, sizeof(st)))
		p_wstatus(st);
	else
		tr_addr(u);
	tr_sep();
	tr_flags(wait_opts, ARRAY_SIZE(wait_opts), (unsigned)c->a[2], "W???");
	tr_sep();
	if (c->ret > 0 && c->a[3])
		tr_puts("{ru_utime={tv_sec=0, tv_usec=0}, ru_stime={tv_sec=0, tv_usec=0}, ...}");
	else
		tr_addr((uintptr_t)c->a[3]);
}

void
decode_waitid(struct trc *c)
{
	ENTER {
		tr_xval(waitid_types, ARRAY_SIZE(waitid_types), (unsigned)c->a[0], "P_???");
		tr_sep();
		tr_int(c->a[1]);
		tr_sep();
		return;
	}
	if (c->ret < 0)
		tr_addr((uintptr_t)c->a[2]);
	else
		tr_user_siginfo((uintptr_t)c->a[2]);
	tr_sep();
	tr_flags(wait_opts, ARRAY_SIZE(wait_opts), (unsigned)c->a[3], "W???");
	tr_sep();
	tr_addr((uintptr_t)c->a[4]);
}

/* ---- thread helpers: tid address, robust list, futex ---- */

void
decode_addr_only(struct trc *c)
{
	ENTER tr_addr((uintptr_t)c->a[0]);
}

void
decode_set_robust_list(struct trc *c)
{
	ENTER {
		tr_addr((uintptr_t)c->a[0]);
		tr_sep();
		tr_ulong(c->a[1]);
	}
}

/* futex's op as strace's futexops xlat names it: the command, _PRIVATE,
 * and |FUTEX_CLOCK_REALTIME only where strace lists it (the waits);
 * anything else is a sign-extended hex number with FUTEX_???. */
static void
p_futex_op(int op)
{
	unsigned base = (unsigned)op & ~(unsigned)(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	int rt = (op & FUTEX_CLOCK_REALTIME) != 0;
	if (base >= ARRAY_SIZE(futex_cmds) ||
	    (rt && base != FUTEX_WAIT && base != FUTEX_WAIT_BITSET &&
	     base != FUTEX_WAIT_REQUEUE_PI)) {
		tr_printf("%#lx /* FUTEX_??? */", (unsigned long)(long)op);
		return;
	}
	tr_puts(futex_cmds[base]);
	if (op & FUTEX_PRIVATE_FLAG)
		tr_puts(base == FUTEX_FD ? "|FUTEX_PRIVATE_FLAG" : "_PRIVATE");
	if (rt)
		tr_puts("|FUTEX_CLOCK_REALTIME");
}

static void
p_futex_bitset(unsigned v)
{
	if (v == 0xffffffffU)
		tr_puts("FUTEX_BITSET_MATCH_ANY");
	else
		tr_printf("%#x", v);
}

/* FUTEX_WAKE_OP's val3: op<<28|oparg<<12|cmp<<24|cmparg, as strace shows it */
static void
p_futex_wake_op(unsigned v)
{
	unsigned op = (v >> 28) & 7, cmp = (v >> 24) & 0xf;
	if ((v >> 28) & 8)
		tr_puts("FUTEX_OP_OPARG_SHIFT<<28|");
	if (op < ARRAY_SIZE(futex_wake_ops))
		tr_printf("%s<<28", futex_wake_ops[op]);
	else
		tr_printf("%#x<<28 /* FUTEX_OP_??? */", op);
	tr_printf("|%#x<<12|", (v >> 12) & 0xfff);
	if (cmp < ARRAY_SIZE(futex_wake_cmps))
		tr_printf("%s<<24", futex_wake_cmps[cmp]);
	else
		tr_printf("%#x<<24 /* FUTEX_OP_CMP_??? */", cmp);
	tr_printf("|%#x", v & 0xfff);
}

/* The arguments strace 6.1 prints after the op for futex command cmd
 * (an unknown command: all four, raw). */
static void
p_futex_args(const long *a, int cmd)
{
	unsigned val = (unsigned)a[2], val2 = (unsigned)a[3], val3 = (unsigned)a[5];
	uintptr_t timeout = (uintptr_t)a[3], uaddr2 = (uintptr_t)a[4];
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
	case FUTEX_WAIT_REQUEUE_PI:
		tr_printf(", %u, ", val);
		tr_timespec(timeout);
		if (cmd == FUTEX_WAIT_BITSET) {
			tr_sep();
			p_futex_bitset(val3);
		} else if (cmd == FUTEX_WAIT_REQUEUE_PI) {
			tr_sep();
			tr_addr(uaddr2);
		}
		break;
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2:
		tr_sep();
		tr_timespec(timeout);
		break;
	case FUTEX_WAKE_BITSET:
		tr_printf(", %u, ", val);
		p_futex_bitset(val3);
		break;
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
	case FUTEX_CMP_REQUEUE_PI:
	case FUTEX_WAKE_OP:
		tr_printf(", %u, %u, ", val, val2);
		tr_addr(uaddr2);
		if (cmd == FUTEX_WAKE_OP) {
			tr_sep();
			p_futex_wake_op(val3);
		} else if (cmd != FUTEX_REQUEUE)
			tr_printf(", %u", val3);
		break;
	case FUTEX_FD:
	case FUTEX_WAKE:
		tr_printf(", %u", val);
		break;
	case FUTEX_UNLOCK_PI:
	case FUTEX_TRYLOCK_PI:
		break;
	default:
		tr_printf(", %u, ", val);
		tr_addr(timeout);
		tr_sep();
		tr_addr(uaddr2);
		tr_printf(", %#x", val3);
	}
}

void
decode_futex(struct trc *c)
{
	ENTER {
		tr_addr((uintptr_t)c->a[0]);
		tr_sep();
		p_futex_op((int)c->a[1]);
		p_futex_args(c->a, (int)c->a[1] & 127);
	}
}

/* ---- process groups, sessions, ids ---- */

void
decode_int_only(struct trc *c)
{
	ENTER tr_int(c->a[0]);
}

void
decode_int2(struct trc *c)
{
	ENTER {
		tr_int(c->a[0]);
		tr_sep();
		tr_int(c->a[1]);
	}
}
