// @desc: floating-point registers, the FP control register and the TLS register are per task: two processes and two threads compute with different rounding modes while the timer preempts them, and each gets its own results
// @timeout: 60
// @expect: fpu: parent ok
// @expect: fpu: child ok
// @expect: fpu: thread 1 ok
// @expect: fpu: thread 2 ok
// @expect: fpu: done
#include "tdiff_test.h"

#include <fenv.h>
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

static __thread int tls_id;

/* A long computation whose last bits depend on the rounding mode; volatile
 * keeps the compiler from folding it, the loop is long enough (a few time
 * slices under QEMU) for the timer to preempt it many times. */
static double
work(int rounds)
{
	volatile double step = 1.0 / 3.0;
	double acc = 0.0, prod = 1.0;
	for (int i = 0; i < rounds; i++) {
		acc += step * (double)(i % 7 + 1);
		prod = prod * 1.0000001 + step;
		if (prod > 1e6)
			prod /= 1e6;
	}
	return acc + prod;
}

/* Compute under mode, yielding between halves, and compare with want. */
static int
check_mode(int mode, double want, int rounds)
{
	if (fesetround(mode))
		return 0;
	double a = work(rounds);
	sched_yield();
	double b = work(rounds);
	return fegetround() == mode && a == want && b == want;
}

struct targ {
	int id, mode;
	double want;
	int ok;
};

static void *
thread_main(void *p)
{
	struct targ *t = p;
	tls_id = t->id;
	t->ok = check_mode(t->mode, t->want, 200000) && tls_id == t->id;
	return NULL;
}

int
main(void)
{
	int rounds = 400000;
	fesetround(FE_UPWARD);
	double up = work(rounds), up_t = work(200000);
	fesetround(FE_DOWNWARD);
	double down = work(rounds), down_t = work(200000);
	fesetround(FE_TONEAREST);
	if (up == down) {
		say("fpu: rounding modes give the same result: test is too weak\n");
		return 1;
	}

	pid_t pid = fork();
	if (pid == 0) {
		int ok = check_mode(FE_DOWNWARD, down, rounds);
		say("fpu: child %s\n", ok ? "ok" : "WRONG");
		_exit(ok ? 0 : 1);
	}
	int ok = check_mode(FE_UPWARD, up, rounds);
	int status = 0;
	waitpid(pid, &status, 0);
	say("fpu: parent %s\n", ok ? "ok" : "WRONG");

	struct targ t[2] = { { 1, FE_UPWARD, up_t, 0 }, { 2, FE_DOWNWARD, down_t, 0 } };
	pthread_t th[2];
	tls_id = 99;
	for (int i = 0; i < 2; i++)
		if (pthread_create(&th[i], NULL, thread_main, &t[i])) {
			say("fpu: pthread_create failed\n");
			return 1;
		}
	for (int i = 0; i < 2; i++) {
		pthread_join(th[i], NULL);
		say("fpu: thread %d %s\n", t[i].id, t[i].ok ? "ok" : "WRONG");
	}
	if (tls_id != 99)
		say("fpu: main thread's TLS changed to %d\n", tls_id);
	say("fpu: done\n");
	return ok && WIFEXITED(status) && !WEXITSTATUS(status) && t[0].ok && t[1].ok && tls_id == 99 ? 0 : 1;
}
