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
clock_read(long clk, struct k_timespec *ts)
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

long
sys_clock_gettime(const long *a)
{
	struct k_timespec ts;
	int r = clock_read(a[0], &ts);
	if (r < 0)
		return r;
	return copy_to_user((uintptr_t)a[1], &ts, sizeof(ts));
}

long
sys_clock_getres(const long *a)
{
	struct k_timespec ts = { 0, 1 };
	struct k_timespec tmp;
	int r = clock_read(a[0], &tmp);
	if (r < 0)
		return r;
	if (a[1] && copy_to_user((uintptr_t)a[1], &ts, sizeof(ts)) < 0)
		return -EFAULT;
	return 0;
}

long
sys_gettimeofday(const long *a)
{
	struct k_timespec ts;
	clock_read(CLOCK_REALTIME, &ts);
	if (a[0]) {
		int64_t tv[2] = { ts.tv_sec, ts.tv_nsec / 1000 };
		if (copy_to_user((uintptr_t)a[0], tv, sizeof(tv)) < 0)
			return -EFAULT;
	}
	if (a[1]) {
		int32_t tz[2] = { 0, 0 };
		if (copy_to_user((uintptr_t)a[1], tz, sizeof(tz)) < 0)
			return -EFAULT;
	}
	return 0;
}

#ifdef __NR_time
long
sys_time(const long *a)
{
	struct k_timespec ts;
	clock_read(CLOCK_REALTIME, &ts);
	if (a[0] && copy_to_user((uintptr_t)a[0], &ts.tv_sec, 8) < 0)
		return -EFAULT;
	return ts.tv_sec;
}
#endif

/* Sleep for ns; on a signal write the remainder to urem (if set). */
static long
sleep_ns(uint64_t ns, uintptr_t urem)
{
	uint64_t end = arch_time_ns() + ns;
	while (arch_time_ns() < end) {
		int r = sleep_on(&sleep_ns, 1, end - arch_time_ns());
		if (r == -EINTR || (r == 0 && signal_pending(current))) {
			if (urem) {
				uint64_t left = end > arch_time_ns() ? end - arch_time_ns() : 0;
				struct k_timespec rem = { (int64_t)(left / 1000000000ULL),
							  (int64_t)(left % 1000000000ULL) };
				if (copy_to_user(urem, &rem, sizeof(rem)) < 0)
					return -EFAULT;
			}
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

long
sys_nanosleep(const long *a)
{
	uint64_t ns;
	long r = get_timespec_ns((uintptr_t)a[0], &ns);
	if (r < 0)
		return r;
	return sleep_ns(ns, (uintptr_t)a[1]);
}

long
sys_clock_nanosleep(const long *a)
{
	struct k_timespec now;
	if (clock_read(a[0], &now) < 0 || a[0] == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	uint64_t ns;
	long r = get_timespec_ns((uintptr_t)a[2], &ns);
	if (r < 0)
		return r;
	if (a[1] & 1) {     /* TIMER_ABSTIME */
		uint64_t n = (uint64_t)now.tv_sec * 1000000000ULL + (uint64_t)now.tv_nsec;
		ns = ns > n ? ns - n : 0;
		return sleep_ns(ns, 0);
	}
	return sleep_ns(ns, (uintptr_t)a[3]);
}

long sys_getuid(const long *a) { (void)a; return current->proc->uid; }
long sys_geteuid(const long *a) { (void)a; return current->proc->euid; }
long sys_getgid(const long *a) { (void)a; return current->proc->gid; }
long sys_getegid(const long *a) { (void)a; return current->proc->egid; }

/* setuid: root sets all three ids (and so drops its privileges); others
 * may only switch between their real and saved id. */
long
sys_setuid(const long *a)
{
	struct proc *p = current->proc;
	int uid = (int)a[0];
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

long
sys_setgid(const long *a)
{
	struct proc *p = current->proc;
	int gid = (int)a[0];
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

long
sys_getgroups(const long *a)
{
	return a[0] < 0 ? -EINVAL : 0;
}

long
sys_prlimit64(const long *a)
{
	if (a[0] && a[0] != current->proc->pid) {
		struct proc *p = proc_by_pid((int)a[0]);
		if (!p)
			return -ESRCH;
	}
	unsigned res = (unsigned)a[1];
	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	struct proc *p = a[0] ? proc_by_pid((int)a[0]) : current->proc;
	struct k_rlimit nl;
	if (a[2]) {
		if (copy_from_user(&nl, (uintptr_t)a[2], sizeof(nl)) < 0)
			return -EFAULT;
		if (nl.cur > nl.max)
			return -EINVAL;
		if (res == RLIMIT_NOFILE && nl.max > 1048576)
			return -EPERM;
	}
	if (a[3] && copy_to_user((uintptr_t)a[3], &p->rlim[res], sizeof(struct k_rlimit)) < 0)
		return -EFAULT;
	if (a[2])
		p->rlim[res] = nl;
	return 0;
}

long
sys_getrlimit(const long *a)
{
	long b[4] = { 0, a[0], 0, a[1] };
	return sys_prlimit64(b);
}

long
sys_setrlimit(const long *a)
{
	long b[4] = { 0, a[0], a[1], 0 };
	return sys_prlimit64(b);
}

static uint64_t rng_state;

long
sys_getrandom(const long *a)
{
	if (a[2] & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((a[2] & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	size_t len = MIN((size_t)a[1], 33554431UL);
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
		if (copy_to_user((uintptr_t)a[0] + done, buf, n) < 0)
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)len;
}

long
sys_sysinfo(const long *a)
{
	uint8_t si[112];
	memset(si, 0, sizeof(si));
	*(int64_t *)si = (int64_t)(arch_time_ns() / 1000000000ULL);
	*(uint64_t *)(si + 32) = pmm_total_pages();
	*(uint64_t *)(si + 40) = pmm_free_pages();
	*(uint16_t *)(si + 80) = (uint16_t)task_count;
	*(uint32_t *)(si + 104) = PAGE_SIZE;
	return copy_to_user((uintptr_t)a[0], si, sizeof(si));
}

long
sys_times(const long *a)
{
	if (a[0]) {
		int64_t t[4] = { 0, 0, 0, 0 };
		if (copy_to_user((uintptr_t)a[0], t, sizeof(t)) < 0)
			return -EFAULT;
	}
	return (long)(arch_time_ns() / 10000000ULL);
}

long
sys_getrusage(const long *a)
{
	if (a[0] != 0 && a[0] != -1 && a[0] != 1)
		return -EINVAL;
	uint8_t ru[144];
	memset(ru, 0, sizeof(ru));
	return copy_to_user((uintptr_t)a[1], ru, sizeof(ru));
}

long
sys_prctl(const long *a)
{
	switch (a[0]) {
	case 15: {     /* PR_SET_NAME */
		char name[16];
		long n = strncpy_from_user(name, (uintptr_t)a[1], sizeof(name));
		if (n == -EFAULT)
			return -EFAULT;
		name[15] = 0;
		memcpy(current->comm, name, sizeof(name));
		return 0;
	}
	case 16:       /* PR_GET_NAME */
		return copy_to_user((uintptr_t)a[1], current->comm, 16);
	default:
		return -EINVAL;
	}
}

long
sys_rseq(const long *a)
{
	(void)a;
	return -ENOSYS;
}

long
sys_membarrier(const long *a)
{
	(void)a;
	return -ENOSYS;
}

long
sys_sched_getaffinity(const long *a)
{
	size_t len = (size_t)a[1];
	if (len < 8 || (len & 7))
		return -EINVAL;
	uint64_t mask = 1;
	if (copy_to_user((uintptr_t)a[2], &mask, 8) < 0)
		return -EFAULT;
	return 8;
}
