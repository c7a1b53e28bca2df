// @desc: pthread_create and pthread_join (musl: clone with CLONE_VM|CLONE_THREAD|CLONE_SETTLS|CLONE_CHILD_CLEARTID): four threads each return a value computed from their argument, see their own tid (not the process's pid) and share memory (joined after a 50 ms sleep, so that no join waits on a thread still exiting: where it would is timing); a thread still sleeping when joined (the join waits on a futex); a detached thread; pthread_attr_setstacksize's EINVAL and a small stack
// @timeout: 10
// @expect: pthread: thread 0 returned 100, own tid: yes, same pid: yes
// @expect: pthread: thread 3 returned 103, own tid: yes, same pid: yes
// @expect: pthread: shared counter 4
// @expect: pthread: join of a sleeping thread: 0, returned 42
// @expect: pthread: detached thread ran: yes
// @expect: pthread: attr stack size 64 KiB: 0
// @expect: pthread: attr stack size 1 byte: EINVAL
// @expect: pthread: small-stack thread returned 7
#include "tdiff_test.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define NTHREADS 4

struct job {
	int arg;
	long tid;
	int pid;
};

static volatile int shared;
static sem_t detached_done;

static void *
worker(void *p)
{
	struct job *j = p;
	j->tid = syscall(SYS_gettid);
	j->pid = getpid();
	__atomic_add_fetch(&shared, 1, __ATOMIC_SEQ_CST);
	return (void *)(long)(100 + j->arg);
}

static void *
sleeper(void *p)
{
	struct timespec ts = { 0, 20000000 };
	(void)p;
	nanosleep(&ts, NULL);
	return (void *)42L;
}

static void *
detached(void *p)
{
	(void)p;
	sem_post(&detached_done);
	return NULL;
}

static void *
small(void *p)
{
	volatile char buf[4096];
	buf[0] = 7;
	(void)p;
	return (void *)(long)buf[0];
}

int
main(void)
{
	pthread_t th[NTHREADS];
	struct job jobs[NTHREADS];
	pthread_attr_t attr;
	void *ret;
	long me = syscall(SYS_gettid);

	for (int i = 0; i < NTHREADS; i++) {
		jobs[i].arg = i;
		int e = pthread_create(&th[i], NULL, worker, &jobs[i]);
		if (e) {
			say("pthread: create %d: %s\n", i, errname(e));
			return 1;
		}
	}
	struct timespec settle = { 0, 50000000 };
	nanosleep(&settle, NULL);
	for (int i = 0; i < NTHREADS; i++) {
		int e = pthread_join(th[i], &ret);
		say("pthread: thread %d returned %ld, own tid: %s, same pid: %s\n", i,
		    e ? -1L : (long)ret, jobs[i].tid != me && jobs[i].tid > 0 ? "yes" : "no",
		    jobs[i].pid == getpid() ? "yes" : "no");
	}
	say("pthread: shared counter %d\n", shared);

	pthread_t s;
	int e = pthread_create(&s, NULL, sleeper, NULL);
	if (!e)
		e = pthread_join(s, &ret);
	say("pthread: join of a sleeping thread: %s, returned %ld\n", e ? errname(e) : "0",
	    e ? -1L : (long)ret);

	sem_init(&detached_done, 0, 0);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_t d;
	e = pthread_create(&d, &attr, detached, NULL);
	while (!e && sem_wait(&detached_done) < 0 && errno == EINTR)
		;
	say("pthread: detached thread ran: %s\n", e ? errname(e) : "yes");
	pthread_attr_destroy(&attr);

	pthread_attr_init(&attr);
	e = pthread_attr_setstacksize(&attr, 65536);
	say("pthread: attr stack size 64 KiB: %s\n", e ? errname(e) : "0");
	say("pthread: attr stack size 1 byte: %s\n",
	    errname(pthread_attr_setstacksize(&attr, 1)));
	e = pthread_create(&d, &attr, small, NULL);
	if (!e)
		e = pthread_join(d, &ret);
	say("pthread: small-stack thread returned %ld\n", e ? -1L : (long)ret);
	pthread_attr_destroy(&attr);
	return 0;
}
