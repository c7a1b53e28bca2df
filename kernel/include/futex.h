/* kernel/include/futex.h: futex wait/wake keyed by (mm, address). */
#ifndef FUTEX_H
#define FUTEX_H

#include "types.h"

struct mm;
/* Wake up to n waiters on addr; the number woken. */
int futex_wake(struct mm *mm, uintptr_t addr, int n);
/* Sleep while *addr == val: 0, -EAGAIN, -ETIMEDOUT, -EFAULT; on a signal
 * -ERESTARTSYS, or -ERESTART_RESTARTBLOCK for a timed wait. */
int futex_wait(uintptr_t addr, uint32_t val, uint64_t timeout_ns);

#endif
