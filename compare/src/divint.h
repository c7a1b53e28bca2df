/* divint.h: what the classification files (diverge.c, signals.c) share:
 * strings in the result's arena, positions in the kernel's trace. */
#ifndef TD_DIVINT_H
#define TD_DIVINT_H

#include "diverge.h"

/* a position after every line: divergences known only at the end */
#define POS_INF ((uint64_t)UINT32_MAX << 16)

/* copies in r's arena */
char *td_rstr(struct td_result *r, const char *s);
char *td_rprintf(struct td_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* an event as a call, "name(norm) = nret", or "--- SIG {...} ---" */
char *td_ev_text(struct td_result *r, const struct td_trace *t, long ev);
/* the order of a line of a task at depth (deeper first on one line) */
uint64_t td_pos_of(uint32_t line, int depth);
uint64_t td_hang_pos(int depth);
/* the struct field (a.b.c) where normalized value a parts from b, "" */
void td_field_path(const char *a, const char *b, char *buf, size_t bn);

/* signals.c: a signal delivered on one side only (not the fatal one); a
 * fault signal whose siginfo, or the kernel's #tdiff fault line for it,
 * differs from Linux's.  1 with *d filled, 0 when none. */
int td_signal_div(struct td_result *r, const struct td_task *gt, const struct td_task *kt, struct td_div *d);
int td_siginfo_div(struct td_result *r, const struct td_task *gt, const struct td_task *kt, struct td_div *d);

/* rank.c: the call the kernel panicked in: the latest call begun before
 * the #tdiff panic line that had not completed by then; -1 when none */
long td_panic_call(const struct td_trace *k);

/* sets.c: the multiset of (child, status) a task's wait-any calls reaped
 * differs: one item, on the side that has it */
int td_set_div(struct td_result *r, const struct td_task *gt, const struct td_task *kt, struct td_div *d);

#endif
