/* rank.c: which divergence is the headline (the overall first): the
 * earliest in the kernel's trace, except where one divergence is the echo
 * of another that caused it; and where a panic happened. */
#include "divint.h"

#include <string.h>

/* creator_div: the divergence of the call that created task `t` of trace
 * `tr` (the parent's fork-like event returning it), or NULL when that call
 * did not diverge (kernel side: the kernel's event; golden: Linux's). */
static const struct td_div *
creator_div(const struct td_result *r, const struct td_trace *tr, int t, int kernel_side)
{
	int p = tr->task[t].parent;

	if (p < 0)
		return NULL;
	for (size_t i = 0; i < r->ntd; i++) {
		const struct td_taskdiff *td = &r->td[i];
		const struct td_div *d;
		long ev;

		if ((kernel_side ? td->k : td->g) != p || td->first < 0)
			continue;
		d = &r->div[td->first];
		ev = kernel_side ? d->kev : d->gev;
		if (ev >= 0 && td_ev_child(&tr->ev[ev]) == t + 1)
			return d;
		return NULL;
	}
	return NULL;
}

/* echo_of_creator: a task that exists on one side only, made by a call
 * that diverged (clone3 succeeding in the kernel where Linux refused it):
 * the call is the cause, the task its echo, ranked right after it. */
static void
echo_of_creator(struct td_result *r, struct td_div *d)
{
	const struct td_taskdiff *td;
	const struct td_div *c;

	if ((d->cls != TD_C_EXTRA && d->cls != TD_C_MISSING) || d->td < 0 || d->row >= 0)
		return;
	td = &r->td[d->td];
	if (d->cls == TD_C_EXTRA && td->k >= 0)
		c = creator_div(r, r->k, td->k, 1);
	else if (d->cls == TD_C_MISSING && td->g >= 0)
		c = creator_div(r, r->g, td->g, 0);
	else
		return;
	if (c && d->pos <= c->pos)
		d->pos = c->pos + 1;
}

void
td_rank(struct td_result *r)
{
	r->first = -1;
	for (size_t i = 0; i < r->ndiv; i++)
		echo_of_creator(r, &r->div[i]);
	for (size_t i = 0; i < r->ndiv; i++)
		if (r->first < 0 || r->div[i].pos < r->div[r->first].pos)
			r->first = (int)i;
}

long
td_panic_call(const struct td_trace *k)
{
	long best = -1;

	for (size_t i = 0; i < k->nev; i++) {
		const struct td_event *e = &k->ev[i];

		if (e->kind == TD_EV_CALL && e->line <= k->panic_line &&
		    (e->unfinished || !e->end_line || e->end_line > k->panic_line) &&
		    (best < 0 || e->line >= k->ev[best].line))
			best = (long)i;
	}
	return best;
}
