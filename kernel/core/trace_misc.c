/*
 * kernel/core/trace_misc.c: the tracer's decoders for the other syscalls
 * (the handlers of sys_misc.c and arch/<arch>/sys_arch.c): uname, clocks
 * and sleeps, resource limits, groups, getrandom, prctl, membarrier,
 * arch_prctl, riscv_flush_icache, sched_getaffinity; and decode_none for
 * the calls without arguments.  Each prints what strace 6.1 prints.
 */
#include "lib.h"
#include "syscall.h"
#include "trace_fmt.h"
#include "uapi.h"

static const struct xlat clocks[] = {
	XLAT(CLOCK_REALTIME), XLAT(CLOCK_MONOTONIC), XLAT(CLOCK_PROCESS_CPUTIME_ID),
	XLAT(CLOCK_THREAD_CPUTIME_ID), XLAT(CLOCK_MONOTONIC_RAW), XLAT(CLOCK_REALTIME_COARSE),
	XLAT(CLOCK_MONOTONIC_COARSE), XLAT(CLOCK_BOOTTIME),
};

static const struct xlat rlimits[] = {
	XLAT(RLIMIT_CPU), XLAT(RLIMIT_FSIZE), XLAT(RLIMIT_DATA), XLAT(RLIMIT_STACK),
	XLAT(RLIMIT_CORE), XLAT(RLIMIT_RSS), XLAT(RLIMIT_NPROC), XLAT(RLIMIT_NOFILE),
	XLAT(RLIMIT_MEMLOCK), XLAT(RLIMIT_AS),
	{ 10, "RLIMIT_LOCKS" }, { 11, "RLIMIT_SIGPENDING" }, { 12, "RLIMIT_MSGQUEUE" },
	{ 13, "RLIMIT_NICE" }, { 14, "RLIMIT_RTPRIO" }, { 15, "RLIMIT_RTTIME" },
};

static const struct xlat getrandom_flags[] = {
	XLAT(GRND_NONBLOCK), XLAT(GRND_RANDOM), XLAT(GRND_INSECURE),
};

#ifdef __NR_arch_prctl
static const struct xlat arch_prctl_codes[] = {
	XLAT(ARCH_SET_GS), XLAT(ARCH_SET_FS), XLAT(ARCH_GET_FS), XLAT(ARCH_GET_GS),
};
#endif

/* No arguments: a call without any (getpid, setsid, ...). */
void
decode_none(struct trc *c)
{
	(void)c;
}

/* rseq: strace 6.1 has no decoder for it: four hex numbers, as printargs */
void
decode_rseq(struct trc *c)
{
	tr_raw_args(c, 4);
}

/* uname: the two fields strace shows, at exit */
void
decode_uname(struct trc *c)
{
	EXIT {
		struct k_utsname u;
		if (c->ret < 0 || !tr_peek((uintptr_t)c->a[0], &u, sizeof(u))) {
			tr_addr((uintptr_t)c->a[0]);
			return;
		}
		tr_puts("{sysname=");
		tr_quote(u.sysname, strnlen(u.sysname, 65), 0);
		tr_puts(", nodename=");
		tr_quote(u.nodename, strnlen(u.nodename, 65), 0);
		tr_puts(", ...}");
	}
}

void
decode_clock_gettime(struct trc *c)
{
	ENTER {
		tr_xval(clocks, ARRAY_SIZE(clocks), (unsigned)c->a[0], "CLOCK_???");
		tr_sep();
		return;
	}
	if (c->ret < 0)
		tr_addr((uintptr_t)c->a[1]);
	else
		tr_timespec((uintptr_t)c->a[1]);
}

#ifdef __NR_time
/* time: tloc after the call, NULL or [seconds] as strace's printnum. */
void
decode_time(struct trc *c)
{
	EXIT {
		int64_t t;
		uintptr_t u = (uintptr_t)c->a[0];
		if (!u || c->ret < 0 || !tr_peek(u, &t, sizeof(t)))
			tr_addr(u);
		else
			tr_printf("[%ld]", (long)t);
	}
}
#endif

void
decode_gettimeofday(struct trc *c)
{
	EXIT {
		int64_t tv[2];
		if (c->ret < 0 || !tr_peek((uintptr_t)c->a[0], tv, sizeof(tv)))
			tr_addr((uintptr_t)c->a[0]);
		else
			tr_printf("{tv_sec=%ld, tv_usec=%ld}", tv[0], tv[1]);
		tr_sep();
		tr_addr((uintptr_t)c->a[1]);
	}
}

/* A clock_t field: ticks, and when not 0 the seconds strace adds at
 * 100 Hz ("tms_stime=1 / * 0.01 s * /"). */
static void
p_clock(const char *name, int64_t v)
{
	tr_printf("%s=%ld", name, (long)v);
	if (v > 0)
		tr_printf(" /* %ld.%02ld s */", (long)(v / 100), (long)(v % 100));
}

/* times: the struct tms after the call, as strace 6.1 prints it. */
void
decode_times(struct trc *c)
{
	static const char *const names[] = { "tms_utime", "tms_stime", "tms_cutime", "tms_cstime" };
	EXIT {
		int64_t t[4];
		uintptr_t u = (uintptr_t)c->a[0];
		if (c->ret < 0 || !u || !tr_peek(u, t, sizeof(t))) {
			tr_addr(u);
			return;
		}
		tr_putc('{');
		for (int i = 0; i < 4; i++) {
			if (i)
				tr_sep();
			p_clock(names[i], t[i]);
		}
		tr_putc('}');
	}
}

/*
 * sysinfo: struct sysinfo (64-bit layout) field by field, as strace prints
 * it at exit; the address when the call failed or the struct is unreadable.
 */
void
decode_sysinfo(struct trc *c)
{
	static const char *const ram[] = { "totalram", "freeram", "sharedram", "bufferram",
					   "totalswap", "freeswap" };
	EXIT {
		uint8_t si[112];
		uint64_t v[3];
		uintptr_t u = (uintptr_t)c->a[0];
		if (c->ret < 0 || !u || !tr_peek(u, si, sizeof(si))) {
			tr_addr(u);
			return;
		}
		memcpy(v, si + 8, sizeof(v));
		tr_printf("{uptime=%ld, loads=[%lu, %lu, %lu]", (long)*(int64_t *)si,
			  (unsigned long)v[0], (unsigned long)v[1], (unsigned long)v[2]);
		for (int i = 0; i < 6; i++)
			tr_printf(", %s=%lu", ram[i], (unsigned long)*(uint64_t *)(si + 32 + 8 * i));
		tr_printf(", procs=%u, totalhigh=%lu, freehigh=%lu, mem_unit=%u}",
			  (unsigned)*(uint16_t *)(si + 80), (unsigned long)*(uint64_t *)(si + 88),
			  (unsigned long)*(uint64_t *)(si + 96), (unsigned)*(uint32_t *)(si + 104));
	}
}

/* getrusage: who by name (a negative one too), then strace's abbreviated
 * struct rusage: the two times and "...". */
void
decode_getrusage(struct trc *c)
{
	static const char *const who[] = { "RUSAGE_BOTH", "RUSAGE_CHILDREN", "RUSAGE_SELF",
					   "RUSAGE_THREAD" };
	ENTER {
		int w = (int)c->a[0];
		if (w >= -2 && w <= 1)
			tr_puts(who[w + 2]);
		else
			tr_printf("%d /* RUSAGE_??? */", w);
		tr_sep();
		return;
	}
	int64_t tv[4];
	uintptr_t u = (uintptr_t)c->a[1];
	if (c->ret < 0 || !u || !tr_peek(u, tv, sizeof(tv)))
		tr_addr(u);
	else
		tr_printf("{ru_utime={tv_sec=%ld, tv_usec=%ld}, ru_stime={tv_sec=%ld, tv_usec=%ld}, ...}",
			  (long)tv[0], (long)tv[1], (long)tv[2], (long)tv[3]);
}

void
decode_nanosleep(struct trc *c)
{
	ENTER {
		tr_timespec((uintptr_t)c->a[0]);
		tr_sep();
		return;
	}
	if (c->a[1] && c->ret < 0)
		tr_timespec((uintptr_t)c->a[1]);
	else
		tr_addr((uintptr_t)c->a[1]);
}

/* clock_nanosleep's flags, strace's timerflags */
static const struct xlat timer_flags[] = { { 1, "TIMER_ABSTIME" } };

void
decode_clock_nanosleep(struct trc *c)
{
	ENTER {
		tr_xval(clocks, ARRAY_SIZE(clocks), (unsigned)c->a[0], "CLOCK_???");
		tr_sep();
		tr_flags(timer_flags, ARRAY_SIZE(timer_flags), (unsigned)c->a[1], "TIMER_???");
		tr_sep();
		tr_timespec((uintptr_t)c->a[2]);
		tr_sep();
		return;
	}
	if (c->a[3] && c->ret < 0)
		tr_timespec((uintptr_t)c->a[3]);
	else
		tr_addr((uintptr_t)c->a[3]);
}

/* An rlimit value: RLIM64_INFINITY, N*1024 when a multiple, N. */
static void
p_rlim_val(uint64_t v)
{
	if (v == RLIM_INFINITY)
		tr_puts("RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		tr_printf("%lu*1024", v / 1024);
	else
		tr_printf("%lu", v);
}

static void
p_rlimit(uintptr_t u)
{
	struct k_rlimit r;
	if (!u) {
		tr_puts("NULL");
		return;
	}
	if (!tr_peek(u, &r, sizeof(r))) {
		tr_addr(u);
		return;
	}
	tr_puts("{rlim_cur=");
	p_rlim_val(r.cur);
	tr_puts(", rlim_max=");
	p_rlim_val(r.max);
	tr_putc('}');
}

void
decode_prlimit64(struct trc *c)
{
	ENTER {
		tr_int(c->a[0]);
		tr_sep();
		tr_xval(rlimits, ARRAY_SIZE(rlimits), (unsigned)c->a[1], "RLIMIT_???");
		tr_sep();
		p_rlimit((uintptr_t)c->a[2]);
		tr_sep();
		return;
	}
	if (c->ret < 0)
		tr_addr((uintptr_t)c->a[3]);
	else
		p_rlimit((uintptr_t)c->a[3]);
}

void
decode_getrandom(struct trc *c)
{
	EXIT {
		if (c->ret >= 0)
			tr_buf((uintptr_t)c->a[0], c->ret);
		else
			tr_addr((uintptr_t)c->a[0]);
		tr_sep();
		tr_ulong(c->a[1]);
		tr_sep();
		tr_flags(getrandom_flags, ARRAY_SIZE(getrandom_flags), (unsigned)c->a[2], "GRND_???");
	}
}

/* getrlimit and setrlimit: the resource, then the limit (getrlimit's at
 * exit) */
void
decode_getrlimit(struct trc *c)
{
	ENTER {
		tr_xval(rlimits, ARRAY_SIZE(rlimits), (unsigned)c->a[0], "RLIMIT_???");
		tr_sep();
		return;
	}
	if (c->ret < 0)
		tr_addr((uintptr_t)c->a[1]);
	else
		p_rlimit((uintptr_t)c->a[1]);
}

void
decode_setrlimit(struct trc *c)
{
	ENTER {
		tr_xval(rlimits, ARRAY_SIZE(rlimits), (unsigned)c->a[0], "RLIMIT_???");
		tr_sep();
		p_rlimit((uintptr_t)c->a[1]);
	}
}

/* getgroups: the size, then (at exit) the groups written, as strace's
 * print_groups: NULL, [] or [0, 5, ...]; an address on failure */
void
decode_getgroups(struct trc *c)
{
	ENTER {
		tr_int((int)c->a[0]);
		tr_sep();
		return;
	}
	uintptr_t u = (uintptr_t)c->a[1];
	if (c->ret < 0 || c->ret > 65536 || !u) {
		tr_addr(u);
		return;
	}
	tr_putc('[');
	for (long i = 0; i < c->ret; i++) {
		uint32_t g;
		if (!tr_peek(u + 4 * (uintptr_t)i, &g, 4))
			break;
		if (i)
			tr_sep();
		tr_printf("%u", g);
	}
	tr_putc(']');
}

/* prctl: the options the kernel has (sys_misc.c) as strace names them; any
 * other prints its four arguments in hex */
static const struct xlat prctl_options[] = {
	{ 1, "PR_SET_PDEATHSIG" }, { 2, "PR_GET_PDEATHSIG" }, { 3, "PR_GET_DUMPABLE" },
	{ 4, "PR_SET_DUMPABLE" }, { 15, "PR_SET_NAME" }, { 16, "PR_GET_NAME" },
};
static const struct xlat dumpable_values[] = {
	{ 0, "SUID_DUMP_DISABLE" }, { 1, "SUID_DUMP_USER" }, { 2, "SUID_DUMP_ROOT" },
};

void
decode_prctl(struct trc *c)
{
	unsigned option = (unsigned)c->a[0];
	ENTER {
		tr_xval(prctl_options, ARRAY_SIZE(prctl_options), option, "PR_???");
		switch (option) {
		case 3:         /* PR_GET_DUMPABLE */
		case 16:        /* PR_GET_NAME: the name at exit */
			break;
		case 4:         /* PR_SET_DUMPABLE */
			tr_sep();
			tr_xval(dumpable_values, ARRAY_SIZE(dumpable_values), (unsigned long)c->a[1],
				"SUID_DUMP_???");
			break;
		case 15:        /* PR_SET_NAME: at most a comm's 15 characters */
			tr_sep();
			tr_cstring((uintptr_t)c->a[1], 15);
			break;
		default:
			for (int i = 1; i < 5; i++) {
				tr_sep();
				tr_printf("%#lx", c->a[i]);
			}
		}
		return;
	}
	if (option == 3 && c->ret >= 0 && (size_t)c->ret < ARRAY_SIZE(dumpable_values))
		ksnprintf(c->suffix, sizeof(c->suffix), " (%s)", dumpable_values[c->ret].name);
	if (option == 16) {
		tr_sep();
		if (c->ret < 0)
			tr_addr((uintptr_t)c->a[1]);
		else
			tr_cstring((uintptr_t)c->a[1], 15);
	}
}

/* membarrier: the command and flags; QUERY's result is the commands
 * offered, in hex with their names (strace's RVAL_HEX | RVAL_STR) */
static const struct xlat membarrier_cmds[] = {
	{ 0, "MEMBARRIER_CMD_QUERY" },
	{ 1, "MEMBARRIER_CMD_GLOBAL" },
	{ 2, "MEMBARRIER_CMD_GLOBAL_EXPEDITED" },
	{ 4, "MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED" },
	{ 8, "MEMBARRIER_CMD_PRIVATE_EXPEDITED" },
	{ 16, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED" },
	{ 32, "MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE" },
	{ 64, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE" },
	{ 128, "MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ" },
	{ 256, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ" },
};
static const struct xlat membarrier_flags[] = {
	{ 1, "MEMBARRIER_CMD_FLAG_CPU" },
};

void
decode_membarrier(struct trc *c)
{
	ENTER {
		tr_xval(membarrier_cmds, ARRAY_SIZE(membarrier_cmds), (unsigned)c->a[0],
			"MEMBARRIER_CMD_???");
		tr_sep();
		tr_flags(membarrier_flags, ARRAY_SIZE(membarrier_flags), (unsigned)c->a[1],
			 "MEMBARRIER_CMD_FLAG_???");
		return;
	}
	if ((unsigned)c->a[0] == 0 && c->ret > 0) {
		const char *sep = " (";
		c->rv = RV_HEX;
		for (size_t i = 1; i < ARRAY_SIZE(membarrier_cmds); i++)
			if (c->ret & (long)membarrier_cmds[i].val) {
				size_t n = strlen(c->suffix);
				ksnprintf(c->suffix + n, sizeof(c->suffix) - n, "%s%s", sep,
					  membarrier_cmds[i].name);
				sep = "|";
			}
		size_t n = strlen(c->suffix);
		ksnprintf(c->suffix + n, sizeof(c->suffix) - n, ")");
	}
}

#ifdef __NR_riscv_flush_icache
static const struct xlat riscv_flush_icache_flags[] = {
	{ 1, "SYS_RISCV_FLUSH_ICACHE_LOCAL" },
};

/* riscv_flush_icache(start, end, flags) */
void
decode_riscv_flush_icache(struct trc *c)
{
	ENTER {
		tr_addr((uintptr_t)c->a[0]);
		tr_sep();
		tr_addr((uintptr_t)c->a[1]);
		tr_sep();
		tr_flags(riscv_flush_icache_flags, ARRAY_SIZE(riscv_flush_icache_flags),
			 (unsigned long)c->a[2], "SYS_RISCV_FLUSH_ICACHE_???");
	}
}
#endif

#ifdef __NR_arch_prctl
void
decode_arch_prctl(struct trc *c)
{
	unsigned code = (unsigned)c->a[0];
	ENTER {
		tr_xval(arch_prctl_codes, ARRAY_SIZE(arch_prctl_codes), code, "ARCH_???");
		tr_sep();
		/* the value to set (or an unknown code's argument); a get's
		 * address waits for the exit */
		if (code != ARCH_GET_FS && code != ARCH_GET_GS)
			tr_printf("%#lx", c->a[1]);
		return;
	}
	if (code == ARCH_GET_FS || code == ARCH_GET_GS) {
		uint64_t v;
		if (c->ret >= 0 && tr_peek((uintptr_t)c->a[1], &v, 8))
			tr_printf("[%#lx]", v);
		else
			tr_addr((uintptr_t)c->a[1]);
	}
}

#endif

/* sched_getaffinity: the CPU numbers in the mask written, at exit */
void
decode_sched_getaffinity(struct trc *c)
{
	ENTER {
		tr_int(c->a[0]);
		tr_sep();
		tr_ulong(c->a[1]);
		tr_sep();
		return;
	}
	uint64_t m;
	if (c->ret > 0 && tr_peek((uintptr_t)c->a[2], &m, 8)) {
		tr_putc('[');
		int first = 1;
		for (int i = 0; i < 64; i++)
			if (m & (1UL << i)) {
				tr_printf(first ? "%d" : " %d", i);
				first = 0;
			}
		tr_putc(']');
	} else
		tr_addr((uintptr_t)c->a[2]);
}
