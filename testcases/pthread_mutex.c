// @desc: four threads each add 1 to a shared counter 2000 times under a pthread mutex (futex waits and wakes when it is found taken: how often is timing, and the differ takes lock waits as optional), then pthread_mutex_trylock's EBUSY, a recursive mutex, and an error-checking mutex's EDEADLK and EPERM
// @timeout: 30
// @expect: mutex: counter 8000 (want 8000)
// @expect: mutex: per thread 2000 2000 2000 2000
// @expect: mutex: trylock on a held mutex: EBUSY
// @expect: mutex: recursive lock twice: 0 0, unlock twice: 0 0
// @expect: mutex: errorcheck relock: EDEADLK, unlock by non-owner: EPERM
#include "tdiff_test.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <time.h>

#define NTHREADS 4
#define ROUNDS 2000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static long mine[NTHREADS];
static sem_t finished;

static void *
adder(void *p)
{
	long *own = p;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		(*own)++;
		pthread_mutex_unlock(&lock);
	}
	sem_post(&finished);
	return NULL;
}

static pthread_mutex_t ec;

static void *
unlock_other(void *p)
{
	(void)p;
	return (void *)(long)pthread_mutex_unlock(&ec);
}

static const char *
res(int e)
{
	return e == 0 ? "0" : e == EDEADLK ? "EDEADLK" : errname(e);
}

int
main(void)
{
	pthread_t th[NTHREADS];
	pthread_mutexattr_t a;
	void *ret;

	sem_init(&finished, 0, 0);
	for (int i = 0; i < NTHREADS; i++)
		if (pthread_create(&th[i], NULL, adder, &mine[i])) {
			say("mutex: pthread_create failed\n");
			return 1;
		}
	/* joined once all said they are done and had 20 ms to exit: a join
	 * of a thread still exiting waits on musl's thread-list lock, which
	 * holds whichever thread is exiting (timing) */
	struct timespec ts = { 0, 20000000 };
	for (int i = 0; i < NTHREADS; i++)
		while (sem_wait(&finished) < 0 && errno == EINTR)
			;
	nanosleep(&ts, NULL);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(th[i], NULL);
	say("mutex: counter %ld (want %d)\n", counter, NTHREADS * ROUNDS);
	say("mutex: per thread %ld %ld %ld %ld\n", mine[0], mine[1], mine[2], mine[3]);

	pthread_mutex_lock(&lock);
	say("mutex: trylock on a held mutex: %s\n", res(pthread_mutex_trylock(&lock)));
	pthread_mutex_unlock(&lock);

	pthread_mutex_t rec;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&rec, &a);
	int l1 = pthread_mutex_lock(&rec), l2 = pthread_mutex_lock(&rec);
	int u1 = pthread_mutex_unlock(&rec), u2 = pthread_mutex_unlock(&rec);
	say("mutex: recursive lock twice: %s %s, unlock twice: %s %s\n", res(l1), res(l2), res(u1),
	    res(u2));

	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&ec, &a);
	pthread_mutex_lock(&ec);
	int relock = pthread_mutex_lock(&ec);
	pthread_t o;
	pthread_create(&o, NULL, unlock_other, NULL);
	pthread_join(o, &ret);
	say("mutex: errorcheck relock: %s, unlock by non-owner: %s\n", res(relock),
	    res((int)(long)ret));
	pthread_mutex_unlock(&ec);
	return 0;
}
