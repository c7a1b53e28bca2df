/* kernel/core/sys_misc.c: identity, time, limits, randomness, uname. */
#include "arch.h"
#include "lib.h"
#include "pmm.h"
#include "syscall.h"
#include "task.h"
#include "uapi.h"
#include "vm.h"

SYSCALL_DEFINE1(uname, uintptr_t, buf)
{
	struct k_utsname u;
	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Linux", sizeof(u.sysname));
	strlcpy(u.nodename, "(none)", sizeof(u.nodename));
	strlcpy(u.release, "6.1.0-tdiff", sizeof(u.release));
	strlcpy(u.version, "#1 SMP PREEMPT_DYNAMIC", sizeof(u.version));
	strlcpy(u.machine, ABI_UTS_MACHINE, sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user(buf, &u, sizeof(u));
}

static int
clock_read(clockid_t clk, struct k_timespec *ts)
{
	uint64_t ns = arch_time_ns();
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		ns += arch_boot_epoch() * 1000000000ULL;
		break;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		break;
	default:
		return -EINVAL;
	}
	ts->tv_sec = (int64_t)(ns / 1000000000ULL);
	ts->tv_nsec = (int64_t)(ns % 1000000000ULL);
	return 0;
}

SYSCALL_DEFINE2(clock_gettime, clockid_t, which_clock, uintptr_t, tp)
{
	struct k_timespec ts;
	int r = clock_read(which_clock, &ts);
	if (r < 0)
		return r;
	return copy_to_user(tp, &ts, sizeof(ts));
}

/* clock_getres: every clock ticks in nanoseconds. */
SYSCALL_DEFINE2(clock_getres, clockid_t, which_clock, uintptr_t, tp)
{
	struct k_timespec ts = { 0, 1 };
	struct k_timespec tmp;
	int r = clock_read(which_clock, &tmp);
	if (r < 0)
		return r;
	if (tp && copy_to_user(tp, &ts, sizeof(ts)) < 0)
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(gettimeofday, uintptr_t, tv, uintptr_t, tz)
{
	struct k_timespec ts;
	clock_read(CLOCK_REALTIME, &ts);
	if (tv) {
		int64_t ktv[2] = { ts.tv_sec, ts.tv_nsec / 1000 };
		if (copy_to_user(tv, ktv, sizeof(ktv)) < 0)
			return -EFAULT;
	}
	if (tz) {
		int32_t ktz[2] = { 0, 0 };
		if (copy_to_user(tz, ktz, sizeof(ktz)) < 0)
			return -EFAULT;
	}
	return 0;
}

#ifdef __NR_time
SYSCALL_DEFINE1(time, uintptr_t, tloc)
{
	struct k_timespec ts;
	clock_read(CLOCK_REALTIME, &ts);
	if (tloc && copy_to_user(tloc, &ts.tv_sec, 8) < 0)
		return -EFAULT;
	return ts.tv_sec;
}
#endif

static long sleep_until(uint64_t end, uintptr_t urem, long nr);

/* restart_syscall after an interrupted nanosleep: sleep on to the same end. */
static long
sleep_restart(struct restart_block *rb)
{
	return sleep_until(rb->end_ns, rb->urem, rb->nr);
}

/* Sleep until end (ns); on a signal write the remainder to urem (if
 * set) and leave restart_syscall the rest of the sleep: syscall nr
 * returns -ERESTART_RESTARTBLOCK, as Linux's hrtimer_nanosleep. */
static long
sleep_until(uint64_t end, uintptr_t urem, long nr)
{
	while (arch_time_ns() < end) {
		int r = sleep_on(&sleep_until, 1, end - arch_time_ns());
		if (r == -EINTR || (r == 0 && signal_pending(current))) {
			if (urem) {
				uint64_t left = end > arch_time_ns() ? end - arch_time_ns() : 0;
				struct k_timespec rem = { (int64_t)(left / 1000000000ULL),
							  (int64_t)(left % 1000000000ULL) };
				if (copy_to_user(urem, &rem, sizeof(rem)) < 0)
					return -EFAULT;
			}
			current->restart = (struct restart_block){
				.fn = sleep_restart, .nr = nr, .end_ns = end, .urem = urem,
			};
			return -ERESTART_RESTARTBLOCK;
		}
	}
	return 0;
}

static long
get_timespec_ns(uintptr_t u, uint64_t *ns)
{
	struct k_timespec ts;
	if (copy_from_user(&ts, u, sizeof(ts)) < 0)
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	*ns = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
	return 0;
}

SYSCALL_DEFINE2(nanosleep, uintptr_t, rqtp, uintptr_t, rmtp)
{
	uint64_t ns;
	long r = get_timespec_ns(rqtp, &ns);
	if (r < 0)
		return r;
	return sleep_until(arch_time_ns() + ns, rmtp, __NR_nanosleep);
}

/* clock_nanosleep: a relative sleep restarts as nanosleep does; an
 * absolute one (TIMER_ABSTIME) is simply called again (-ERESTARTNOHAND). */
SYSCALL_DEFINE4(clock_nanosleep, clockid_t, which_clock, int, flags, uintptr_t, rqtp,
		uintptr_t, rmtp)
{
	struct k_timespec now;
	if (clock_read(which_clock, &now) < 0 || which_clock == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	uint64_t ns;
	long r = get_timespec_ns(rqtp, &ns);
	if (r < 0)
		return r;
	if (flags & 1) {     /* TIMER_ABSTIME */
		uint64_t n = (uint64_t)now.tv_sec * 1000000000ULL + (uint64_t)now.tv_nsec;
		ns = ns > n ? ns - n : 0;
		r = sleep_until(arch_time_ns() + ns, 0, __NR_clock_nanosleep);
		return r == -ERESTART_RESTARTBLOCK ? -ERESTARTNOHAND : r;
	}
	return sleep_until(arch_time_ns() + ns, rmtp, __NR_clock_nanosleep);
}

SYSCALL_DEFINE0(getuid)
{
	return current->proc->uid;
}

SYSCALL_DEFINE0(geteuid)
{
	return current->proc->euid;
}

SYSCALL_DEFINE0(getgid)
{
	return current->proc->gid;
}

SYSCALL_DEFINE0(getegid)
{
	return current->proc->egid;
}

/* setuid: root sets all three ids (and so drops its privileges); others
 * may only switch between their real and saved id.  uid is an int here
 * (Linux's uid_t is unsigned; (uid_t)-1 is invalid there as well). */
SYSCALL_DEFINE1(setuid, int, uid)
{
	struct proc *p = current->proc;
	if (uid < 0)
		return -EINVAL;
	if (p->euid == 0) {
		p->uid = p->euid = p->suid = uid;
		return 0;
	}
	if (uid != p->uid && uid != p->suid)
		return -EPERM;
	p->euid = uid;
	return 0;
}

SYSCALL_DEFINE1(setgid, int, gid)
{
	struct proc *p = current->proc;
	if (gid < 0)
		return -EINVAL;
	if (p->euid == 0) {
		p->gid = p->egid = gid;
		return 0;
	}
	if (gid != p->gid)
		return -EPERM;
	p->egid = gid;
	return 0;
}

/* getgroups: no supplementary groups. */
SYSCALL_DEFINE2(getgroups, int, gidsetsize, uintptr_t, grouplist)
{
	(void)grouplist;
	return gidsetsize < 0 ? -EINVAL : 0;
}

/* prlimit64: pid 0 is the caller; the old limit is read before the new
 * one is set. */
static long
do_prlimit(pid_t pid, unsigned int resource, uintptr_t new_rlim, uintptr_t old_rlim)
{
	if (pid && pid != current->proc->pid) {
		struct proc *p = proc_by_pid(pid);
		if (!p)
			return -ESRCH;
	}
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	struct proc *p = pid ? proc_by_pid(pid) : current->proc;
	struct k_rlimit nl;
	if (new_rlim) {
		if (copy_from_user(&nl, new_rlim, sizeof(nl)) < 0)
			return -EFAULT;
		if (nl.cur > nl.max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && nl.max > 1048576)
			return -EPERM;
	}
	if (old_rlim && copy_to_user(old_rlim, &p->rlim[resource], sizeof(struct k_rlimit)) < 0)
		return -EFAULT;
	if (new_rlim)
		p->rlim[resource] = nl;
	return 0;
}

SYSCALL_DEFINE4(prlimit64, pid_t, pid, unsigned int, resource, uintptr_t, new_rlim,
		uintptr_t, old_rlim)
{
	return do_prlimit(pid, resource, new_rlim, old_rlim);
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, uintptr_t, rlim)
{
	return do_prlimit(0, resource, 0, rlim);
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, uintptr_t, rlim)
{
	return do_prlimit(0, resource, rlim, 0);
}

static uint64_t rng_state;

/* getrandom: xorshift64 seeded from the cycle counter (not for secrets). */
SYSCALL_DEFINE3(getrandom, uintptr_t, ubuf, size_t, count, unsigned int, flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	size_t len = MIN(count, 33554431UL);
	if (!rng_state)
		rng_state = arch_cycles() | 1;
	uint8_t buf[256];
	size_t done = 0;
	while (done < len) {
		size_t n = MIN(sizeof(buf), len - done);
		for (size_t i = 0; i < n; i++) {
			rng_state ^= rng_state << 13;
			rng_state ^= rng_state >> 7;
			rng_state ^= rng_state << 17;
			buf[i] = (uint8_t)rng_state;
		}
		if (copy_to_user(ubuf + done, buf, n) < 0)
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)len;
}

/* sysinfo: as Linux's on a 64-bit kernel: memory in bytes (mem_unit 1),
 * no swap, no load figures, procs the number of tasks. */
SYSCALL_DEFINE1(sysinfo, uintptr_t, info)
{
	uint8_t si[112];
	memset(si, 0, sizeof(si));
	*(int64_t *)si = (int64_t)(arch_time_ns() / 1000000000ULL);
	*(uint64_t *)(si + 32) = pmm_total_pages() * PAGE_SIZE;
	*(uint64_t *)(si + 40) = pmm_free_pages() * PAGE_SIZE;
	*(uint16_t *)(si + 80) = (uint16_t)task_count;
	*(uint32_t *)(si + 104) = 1;
	return copy_to_user(info, si, sizeof(si));
}

/* times: no CPU time is accounted; the clock counts 100 Hz ticks. */
SYSCALL_DEFINE1(times, uintptr_t, tbuf)
{
	if (tbuf) {
		int64_t t[4] = { 0, 0, 0, 0 };
		if (copy_to_user(tbuf, t, sizeof(t)) < 0)
			return -EFAULT;
	}
	return (long)(arch_time_ns() / 10000000ULL);
}

/* getrusage: RUSAGE_SELF, _CHILDREN, _THREAD, all zero. */
SYSCALL_DEFINE2(getrusage, int, who, uintptr_t, ru)
{
	if (who != 0 && who != -1 && who != 1)
		return -EINVAL;
	uint8_t kru[144];
	memset(kru, 0, sizeof(kru));
	return copy_to_user(ru, kru, sizeof(kru));
}

/* prctl: the thread's name (PR_SET_NAME, PR_GET_NAME) and the process's
 * dumpable flag (PR_GET_DUMPABLE, PR_SET_DUMPABLE 0 or 1); any other
 * option is EINVAL, as Linux for one it does not know. */
#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4
#define PR_SET_NAME 15
#define PR_GET_NAME 16
SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3,
		unsigned long, arg4, unsigned long, arg5)
{
	(void)arg3;
	(void)arg4;
	(void)arg5;
	switch (option) {
	case PR_SET_NAME: {
		char name[16];
		memset(name, 0, sizeof(name));
		/* a longer name is cut at 15 bytes (-ENAMETOOLONG here) */
		if (strncpy_from_user(name, arg2, sizeof(name) - 1) == -EFAULT)
			return -EFAULT;
		name[sizeof(name) - 1] = 0;
		memcpy(current->comm, name, sizeof(name));
		return 0;
	}
	case PR_GET_NAME:
		return copy_to_user(arg2, current->comm, 16);
	case PR_GET_DUMPABLE:
		return current->proc->not_dumpable ? 0 : 1;
	case PR_SET_DUMPABLE:
		if (arg2 > 1)
			return -EINVAL;
		current->proc->not_dumpable = arg2 == 0;
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * membarrier: with one CPU every barrier the commands ask for is already
 * there, so the calls only check what Linux checks: flags (only
 * PRIVATE_EXPEDITED_RSEQ takes MEMBARRIER_CMD_FLAG_CPU), the command, and
 * that a PRIVATE_EXPEDITED kind was registered by the process first
 * (EPERM).  QUERY answers the commands Linux 6.1 offers on this arch
 * (SYNC_CORE where the arch has it: x86_64).
 */
#define MB_GLOBAL 1
#define MB_GLOBAL_EXPEDITED 2
#define MB_REGISTER_GLOBAL_EXPEDITED 4
#define MB_PRIVATE_EXPEDITED 8
#define MB_REGISTER_PRIVATE_EXPEDITED 16
#define MB_PRIVATE_EXPEDITED_SYNC_CORE 32
#define MB_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE 64
#define MB_PRIVATE_EXPEDITED_RSEQ 128
#define MB_REGISTER_PRIVATE_EXPEDITED_RSEQ 256
#define MB_FLAG_CPU 1
#ifdef __x86_64__
#define MB_SYNC_CORE (MB_PRIVATE_EXPEDITED_SYNC_CORE | MB_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE)
#else
#define MB_SYNC_CORE 0
#endif
#define MB_OFFERED (MB_GLOBAL | MB_GLOBAL_EXPEDITED | MB_REGISTER_GLOBAL_EXPEDITED | \
		    MB_PRIVATE_EXPEDITED | MB_REGISTER_PRIVATE_EXPEDITED | MB_SYNC_CORE | \
		    MB_PRIVATE_EXPEDITED_RSEQ | MB_REGISTER_PRIVATE_EXPEDITED_RSEQ)
SYSCALL_DEFINE3(membarrier, int, cmd, unsigned int, flags, int, cpu_id)
{
	struct proc *p = current->proc;
	(void)cpu_id;
	if (cmd == MB_PRIVATE_EXPEDITED_RSEQ ? (flags & ~MB_FLAG_CPU) != 0 : flags != 0)
		return -EINVAL;
	if (cmd == 0)
		return MB_OFFERED;
	if (cmd < 0 || (cmd & (cmd - 1)) || !(cmd & MB_OFFERED))
		return -EINVAL;
	switch (cmd) {
	case MB_REGISTER_PRIVATE_EXPEDITED:
	case MB_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE:
	case MB_REGISTER_PRIVATE_EXPEDITED_RSEQ:
		p->membarrier_registered |= cmd;
		return 0;
	case MB_PRIVATE_EXPEDITED:
	case MB_PRIVATE_EXPEDITED_SYNC_CORE:
	case MB_PRIVATE_EXPEDITED_RSEQ:
		/* each REGISTER bit is its command's bit shifted left once */
		return (p->membarrier_registered & (cmd << 1)) ? 0 : -EPERM;
	default:
		return 0;
	}
}

/* sched_getaffinity: one CPU, whatever pid; the mask is 8 bytes. */
SYSCALL_DEFINE3(sched_getaffinity, pid_t, pid, unsigned int, len, uintptr_t, user_mask_ptr)
{
	(void)pid;
	if (len < 8 || (len & 7))
		return -EINVAL;
	uint64_t mask = 1;
	if (copy_to_user(user_mask_ptr, &mask, 8) < 0)
		return -EFAULT;
	return 8;
}
