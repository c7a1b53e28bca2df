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
/* The same in steps, so that other threads can help (norm.c; the results
 * are the same): td_norm_job_new (share: helpers may come, if the trace is
 * long), then td_norm_run on one thread while any others call td_norm_help
 * (it returns when nothing is left to take), then td_norm_job_free once
 * all have returned. */
struct td_norm_job;
struct td_norm_job *td_norm_job_new(struct td_trace *t, int share);
void td_norm_run(struct td_norm_job *j);
void td_norm_help(struct td_norm_job *j);
void td_norm_job_free(struct td_norm_job *j);

/* Normalize one argument text with a mode (unit tests; no regions). */
char *td_norm_value_str(struct td_trace *t, const char *text, char mode);

#endif
