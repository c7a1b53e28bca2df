/* sets.h: what the kernel ABI leaves to scheduling, compared as sets, not
 * as sequences (compare/README.md, "Scheduling"). */
#ifndef TD_SETS_H
#define TD_SETS_H

#include <stddef.h>
#include <stdint.h>

#include "trace.h"

/* per trace: the addresses the kernel writes a tid to (clone's
 * child_tidptr, clone3's child_tid, set_tid_address) */
struct td_sched {
	uint64_t *tidaddr;
	size_t n, cap;
};

/* td_sched_event: after an event is normalized (norm, nret), before its
 * key and hash: a wait for any child (wait4(-1), waitid(P_ALL)) keeps
 * which child and status in e->setitem and compares as "@any"; a futex
 * call aligns by its operation too (*key), a FUTEX_WAIT(_PRIVATE) that
 * timing ended (td_futex_timing) may happen on one side only
 * (e->optional: a lock found taken or not; two such calls that differ are
 * one on each side, diverge.c) and
 * return 0 or EAGAIN alike (woken, or the value changed before), a
 * FUTEX_WAKE(_PRIVATE) may too (libc wakes when it saw a waiter) and its
 * count of woken waiters is not compared, and a FUTEX_WAIT
 * on a tid address compares its value as a tid.  Returns the length of
 * e->norm when it changed it, else nlen. */
size_t td_sched_event(struct td_sched *st, struct td_trace *t, struct td_event *e, size_t nlen, uint64_t *key);
/* td_sched_event_named: the same, given td_sched_name(e->name) (norm.c
 * keeps it per name) */
size_t td_sched_event_named(struct td_sched *st, struct td_trace *t, struct td_event *e, size_t nlen, uint64_t *key,
			    int name);
void td_sched_free(struct td_sched *st);
/* td_sched_wants: td_sched_event may read or change something for e (a
 * clone, clone3, set_tid_address, wait4, waitid or futex call);
 * td_sched_name: the name is one of those (which one: TD_SCHED_CLONE ...,
 * 0 for none) */
enum { TD_SCHED_CLONE = 1, TD_SCHED_CLONE3, TD_SCHED_SET_TID, TD_SCHED_WAIT4, TD_SCHED_WAITID, TD_SCHED_FUTEX };
int td_sched_wants(const struct td_event *e);
int td_sched_name(const char *name);

/* td_futex_timing: 1 when futex event e (a WAIT when wait, else a WAKE)
 * has a result that timing decides (woken, EAGAIN, timed out,
 * interrupted, unfinished; a WAKE's success), so that it may be optional;
 * 0 for the kernel's own answers (ENOSYS, EINVAL, EFAULT ...) */
int td_futex_timing(const struct td_event *e, int wait);

#endif
