// @desc: producer/consumer over a one-slot buffer with pthread_cond_wait and pthread_cond_signal (futex waits and wakes): one producer hands 1..100 to one consumer, which sums them (one waiter per condition variable, so every wake finds the same waiter whatever the scheduling); pthread_cond_timedwait with a past deadline gives ETIMEDOUT, pthread_cond_broadcast wakes three waiters (queued one after another; musl wakes the first and requeues the others onto the mutex: FUTEX_REQUEUE)
// @timeout: 30
// @expect: condvar: consumed 100 items, sum 5050 (want 5050)
// @expect: condvar: timedwait with a past deadline: ETIMEDOUT
// @expect: condvar: broadcast woke 3 of 3
#include "tdiff_test.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <time.h>

#define ITEMS 100

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t nonfull = PTHREAD_COND_INITIALIZER;
static int slot, full;
static sem_t finished;

/*
 * Join threads that have said they are finished, after a 20 ms sleep: by
 * then each has exited, so no join waits on a thread still exiting (musl's
 * thread-list lock then holds whichever thread is exiting: timing).
 */
static void
settle_join(pthread_t *t, int n)
{
	struct timespec ts = { 0, 20000000 };
	for (int i = 0; i < n; i++)
		while (sem_wait(&finished) < 0 && errno == EINTR)
			;
	nanosleep(&ts, NULL);
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
}

static void *
producer(void *p)
{
	(void)p;
	for (int i = 1; i <= ITEMS; i++) {
		pthread_mutex_lock(&lock);
		while (full)
			pthread_cond_wait(&nonfull, &lock);
		slot = i;
		full = 1;
		pthread_cond_signal(&nonempty);
		pthread_mutex_unlock(&lock);
	}
	sem_post(&finished);
	return NULL;
}

static long sum, count;

static void *
consumer(void *p)
{
	(void)p;
	for (int i = 0; i < ITEMS; i++) {
		pthread_mutex_lock(&lock);
		while (!full)
			pthread_cond_wait(&nonempty, &lock);
		sum += slot;
		count++;
		full = 0;
		pthread_cond_signal(&nonfull);
		pthread_mutex_unlock(&lock);
	}
	sem_post(&finished);
	return NULL;
}

static pthread_cond_t go = PTHREAD_COND_INITIALIZER, ready = PTHREAD_COND_INITIALIZER;
static int started, released, woken;

static void *
waiter(void *p)
{
	(void)p;
	pthread_mutex_lock(&lock);
	started++;
	pthread_cond_signal(&ready);   /* tell main one more waits */
	while (!released)
		pthread_cond_wait(&go, &lock);
	woken++;
	pthread_mutex_unlock(&lock);
	sem_post(&finished);
	return NULL;
}

int
main(void)
{
	pthread_t pc[2], w[3];
	struct timespec past = { 1, 0 };

	sem_init(&finished, 0, 0);
	pthread_create(&pc[0], NULL, consumer, NULL);
	pthread_create(&pc[1], NULL, producer, NULL);
	settle_join(pc, 2);
	say("condvar: consumed %ld items, sum %ld (want %d)\n", count, sum,
	    ITEMS * (ITEMS + 1) / 2);

	pthread_mutex_lock(&lock);
	int e = pthread_cond_timedwait(&nonempty, &lock, &past);
	pthread_mutex_unlock(&lock);
	say("condvar: timedwait with a past deadline: %s\n", e == ETIMEDOUT ? "ETIMEDOUT" :
	    e ? errname(e) : "0");

	/* the waiters queue on go one at a time, in the order they are made */
	for (int i = 0; i < 3; i++) {
		pthread_create(&w[i], NULL, waiter, NULL);
		pthread_mutex_lock(&lock);
		while (started < i + 1)
			pthread_cond_wait(&ready, &lock);
		pthread_mutex_unlock(&lock);
	}
	pthread_mutex_lock(&lock);
	released = 1;
	pthread_cond_broadcast(&go);
	pthread_mutex_unlock(&lock);
	settle_join(w, 3);
	say("condvar: broadcast woke %d of 3\n", woken);
	return 0;
}
