// @desc: producer/consumer over a one-slot buffer with pthread_cond_wait and pthread_cond_signal (futex waits and wakes): two producers hand 1..200 to one consumer, which sums them; pthread_cond_timedwait with a past deadline gives ETIMEDOUT, pthread_cond_broadcast wakes three waiters
// @timeout: 20
// @expect: condvar: consumed 400 items, sum 40200 (want 40200)
// @expect: condvar: timedwait with a past deadline: ETIMEDOUT
// @expect: condvar: broadcast woke 3 of 3
#include "tdiff_test.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

#define ITEMS 200

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t nonfull = PTHREAD_COND_INITIALIZER;
static int slot, full;

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
	return NULL;
}

static long sum, count;

static void *
consumer(void *p)
{
	(void)p;
	for (int i = 0; i < 2 * ITEMS; i++) {
		pthread_mutex_lock(&lock);
		while (!full)
			pthread_cond_wait(&nonempty, &lock);
		sum += slot;
		count++;
		full = 0;
		pthread_cond_signal(&nonfull);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static pthread_cond_t go = PTHREAD_COND_INITIALIZER;
static int started, released, woken;

static void *
waiter(void *p)
{
	(void)p;
	pthread_mutex_lock(&lock);
	started++;
	pthread_cond_broadcast(&nonfull);   /* tell main one more waits */
	while (!released)
		pthread_cond_wait(&go, &lock);
	woken++;
	pthread_mutex_unlock(&lock);
	return NULL;
}

int
main(void)
{
	pthread_t prod[2], cons, w[3];
	struct timespec past = { 1, 0 };

	pthread_create(&cons, NULL, consumer, NULL);
	pthread_create(&prod[0], NULL, producer, NULL);
	pthread_create(&prod[1], NULL, producer, NULL);
	pthread_join(prod[0], NULL);
	pthread_join(prod[1], NULL);
	pthread_join(cons, NULL);
	say("condvar: consumed %ld items, sum %ld (want %d)\n", count, sum,
	    2 * (ITEMS * (ITEMS + 1) / 2));

	pthread_mutex_lock(&lock);
	int e = pthread_cond_timedwait(&nonempty, &lock, &past);
	pthread_mutex_unlock(&lock);
	say("condvar: timedwait with a past deadline: %s\n", e == ETIMEDOUT ? "ETIMEDOUT" :
	    e ? errname(e) : "0");

	for (int i = 0; i < 3; i++)
		pthread_create(&w[i], NULL, waiter, NULL);
	pthread_mutex_lock(&lock);
	while (started < 3)
		pthread_cond_wait(&nonfull, &lock);
	released = 1;
	pthread_cond_broadcast(&go);
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < 3; i++)
		pthread_join(w[i], NULL);
	say("condvar: broadcast woke %d of 3\n", woken);
	return 0;
}
