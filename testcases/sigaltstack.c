// @desc: sigaltstack: disabled at first; an SA_ONSTACK handler runs on the alternate stack and sees SS_ONSTACK; changing the stack from there is EPERM; a handler without SA_ONSTACK stays on the normal stack; SS_AUTODISARM disarms it while a handler runs and rt_sigreturn arms it again; ENOMEM for a size under MINSIGSTKSZ, EINVAL for bad flags, SS_DISABLE turns it off, EFAULT for bad pointers (smoke on x86_64 only: qemu-user has no SS_AUTODISARM)
// @timeout: 10
// @smoke: x86_64
// @expect: sigaltstack: at start: SS_DISABLE size 0
// @expect: sigaltstack: set: 0, old SS_DISABLE
// @expect: sigaltstack: query: flags 0 size 65536 sp ok
// @expect: sigaltstack: SA_ONSTACK handler: on the alternate stack, flags SS_ONSTACK, change EPERM
// @expect: sigaltstack: plain handler: on the normal stack, flags 0
// @expect: sigaltstack: SS_AUTODISARM handler: on the alternate stack, flags SS_DISABLE, change 0; after: SS_AUTODISARM size 65536
// @expect: sigaltstack: size 1024: ENOMEM
// @expect: sigaltstack: flags 0x7: EINVAL
// @expect: sigaltstack: new at address 1: EFAULT
// @expect: sigaltstack: old at address 1: EFAULT
// @expect: sigaltstack: SS_DISABLE: 0, then SS_DISABLE
#include "tdiff_test.h"

#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)	/* Linux's value; glibc 2.36's <signal.h> lacks it */
#endif

#define ALT_SIZE 65536

static char alt[ALT_SIZE] __attribute__((aligned(16)));
static volatile int on_alt, in_flags, change_err;

static long
altstack_raw(long ss, long old)
{
	return raw_syscall6(SYS_sigaltstack, ss, old, 0, 0, 0, 0);
}

static void
on_usr1(int sig)
{
	stack_t cur, other;
	char here;

	(void)sig;
	on_alt = &here >= alt && &here < alt + ALT_SIZE;
	altstack_raw(0, (long)&cur);
	in_flags = cur.ss_flags;
	memset(&other, 0, sizeof(other));
	other.ss_sp = alt;
	other.ss_size = ALT_SIZE / 2;
	change_err = (int)-altstack_raw((long)&other, 0);
}

static void
install(int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = flags;
	sigaction(SIGUSR1, &sa, NULL);
}

static const char *
flag_name(int flags)
{
	return flags == SS_DISABLE ? "SS_DISABLE" : flags == SS_ONSTACK ? "SS_ONSTACK" :
	       flags == 0 ? "0" : "OTHER";
}

static const char *
result(long r)
{
	return r == 0 ? "0" : errname((int)-r);
}

int
main(void)
{
	stack_t ss, old;

	altstack_raw(0, (long)&old);
	say("sigaltstack: at start: %s size %zu\n", flag_name(old.ss_flags), old.ss_size);

	memset(&ss, 0, sizeof(ss));
	ss.ss_sp = alt;
	ss.ss_size = ALT_SIZE;
	long r = altstack_raw((long)&ss, (long)&old);
	say("sigaltstack: set: %s, old %s\n", result(r), flag_name(old.ss_flags));
	altstack_raw(0, (long)&old);
	say("sigaltstack: query: flags %s size %zu sp %s\n", flag_name(old.ss_flags), old.ss_size,
	    old.ss_sp == alt ? "ok" : "WRONG");

	install(SA_ONSTACK);
	kill(getpid(), SIGUSR1);
	say("sigaltstack: SA_ONSTACK handler: on the %s stack, flags %s, change %s\n",
	    on_alt ? "alternate" : "normal", flag_name(in_flags), change_err ? errname(change_err) : "0");
	install(0);
	kill(getpid(), SIGUSR1);
	say("sigaltstack: plain handler: on the %s stack, flags %s\n",
	    on_alt ? "alternate" : "normal", flag_name(in_flags));

	/* SS_AUTODISARM: disarmed while the handler runs on it, armed again
	 * by rt_sigreturn */
	ss.ss_flags = SS_AUTODISARM;
	ss.ss_size = ALT_SIZE;
	altstack_raw((long)&ss, 0);
	install(SA_ONSTACK);
	kill(getpid(), SIGUSR1);
	altstack_raw(0, (long)&old);
	say("sigaltstack: SS_AUTODISARM handler: on the %s stack, flags %s, change %s; after: %s size %zu\n",
	    on_alt ? "alternate" : "normal", flag_name(in_flags), change_err ? errname(change_err) : "0",
	    old.ss_flags == (int)SS_AUTODISARM ? "SS_AUTODISARM" : flag_name(old.ss_flags), old.ss_size);
	ss.ss_flags = 0;

	ss.ss_size = 1024;
	say("sigaltstack: size 1024: %s\n", result(altstack_raw((long)&ss, 0)));
	ss.ss_size = ALT_SIZE;
	ss.ss_flags = 7;
	say("sigaltstack: flags 0x7: %s\n", result(altstack_raw((long)&ss, 0)));
	say("sigaltstack: new at address 1: %s\n", result(altstack_raw(1, 0)));
	say("sigaltstack: old at address 1: %s\n", result(altstack_raw(0, 1)));

	ss.ss_flags = SS_DISABLE;
	r = altstack_raw((long)&ss, 0);
	altstack_raw(0, (long)&old);
	say("sigaltstack: SS_DISABLE: %s, then %s\n", result(r), flag_name(old.ss_flags));
	return 0;
}
