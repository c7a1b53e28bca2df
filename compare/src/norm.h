/* norm.h: normalization of a loaded trace.  Fills each event's norm (its
 * arguments), nret (its return), key (what alignment compares: the call's
 * name) and hash (what equality compares), following rules.def:
 *   - pids and tids become fork-tree positions (@1.2);
 *   - pointers become symbols that keep relations: the brk base b0 plus an
 *     offset, mmap regions m1, m2 ..., a clone3 stack (stack1, and past its
 *     end stack1+stack_size+0x18), other pointers p1, p2 ... by first use;
 *   - times, random bytes and other run-specific values become "*". */
#ifndef TD_NORM_H
#define TD_NORM_H

#include "trace.h"

void td_normalize(struct td_trace *t);
/* td_normalize_helped: the same, with a second thread when helper is set
 * and the trace is long (norm.c: the same results) */
void td_normalize_helped(struct td_trace *t, int helper);

/* Normalize one argument text with a mode (unit tests; no regions). */
char *td_norm_value_str(struct td_trace *t, const char *text, char mode);

#endif
