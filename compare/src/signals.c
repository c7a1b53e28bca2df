/* signals.c: signals compared per task: delivered or not (their place in
 * a task's sequence depends on timing), and for fault signals, which are
 * synchronous, their siginfo and the kernel's #tdiff fault line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "divint.h"

/* has_signal: the task got signal sig (fatal_too: counting the one that
 * killed it). */
static int
has_signal(const struct td_trace *t, const struct td_task *tk, const char *sig, int fatal_too)
{
	for (size_t i = 0; i < tk->nev && tk->nsig; i++) {
		const struct td_event *e = &t->ev[tk->ev[i]];

		if (e->kind != TD_EV_SIGNAL || strcmp(e->name, sig))
			continue;
		if (!fatal_too && tk->out == TD_OUT_KILLED && !strcmp(tk->sig, sig))
			continue;
		return 1;
	}
	return 0;
}

int
td_signal_div(struct td_result *r, const struct td_task *gt, const struct td_task *kt, struct td_div *d)
{
	const struct td_trace *sides[2] = {r->g, r->k};
	const struct td_task *tasks[2] = {gt, kt};

	for (int s = 0; s < 2; s++) {
		const struct td_task *tk = tasks[s], *ot = tasks[!s];

		for (size_t i = 0; i < tk->nev && tk->nsig; i++) {
			const struct td_event *e = &sides[s]->ev[tk->ev[i]];

			if (e->kind != TD_EV_SIGNAL || (tk->out == TD_OUT_KILLED && !strcmp(tk->sig, e->name)))
				continue;
			if (has_signal(sides[!s], ot, e->name, 1))
				continue;
			d->cls = TD_C_SIGNAL;
			d->syscall = e->name;
			d->detail = s == 0 ? td_rprintf(r, "%s was delivered on Linux but never in the kernel", e->name)
					   : td_rprintf(r, "%s was delivered in the kernel but never on Linux", e->name);
			d->gval = s == 0 ? td_ev_text(r, r->g, (long)tk->ev[i]) : td_rstr(r, "(none)");
			d->kval = s == 1 ? td_ev_text(r, r->k, (long)tk->ev[i]) : td_rstr(r, "(none)");
			d->pos = s == 1 ? td_pos_of(e->line, kt->depth) : POS_INF - 0x80;
			if (s == 1)
				d->kev = (long)tk->ev[i], d->kline = e->line;
			else
				d->gev = (long)tk->ev[i], d->gline = e->line;
			return 1;
		}
	}
	return 0;
}


/* is_fault: a signal a fault raises in the faulting task, synchronously:
 * its n-th delivery is the same event on both sides */
static int
is_fault(const char *sig)
{
	static const char *const f[] = {"SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGTRAP", "SIGSYS"};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (!strcmp(sig, f[i]))
			return 1;
	return 0;
}

/* nth_fault: the event index of task tk's n-th fault signal, -1 */
static long
nth_fault(const struct td_trace *t, const struct td_task *tk, int n)
{
	for (size_t i = 0; i < tk->nev && tk->nsig; i++) {
		const struct td_event *e = &t->ev[tk->ev[i]];

		if (e->kind == TD_EV_SIGNAL && is_fault(e->name) && n-- == 0)
			return (long)tk->ev[i];
	}
	return -1;
}

/* kv_word: the value of "key=" in a #tdiff line's text into buf ("" when
 * absent) */
static void
kv_word(const char *text, const char *key, char *buf, size_t n)
{
	const char *p = strstr(text, key);
	size_t k = 0;

	if (p)
		for (p += strlen(key); *p && *p != ' ' && k + 1 < n; p++)
			buf[k++] = *p;
	buf[k] = 0;
}

/* fault_line_div: the kernel's n-th "#tdiff fault" line of task kt (by
 * its pid at that line) against Linux's n-th fault signal ge: the signal
 * and si_code */
static int
fault_line_div(struct td_result *r, const struct td_task *kt, int n, const struct td_event *ge, long gev,
	       struct td_div *d)
{
	const struct td_trace *k = r->k;
	char sig[32], code[48], want[48];

	for (size_t i = 0; i < k->nkev; i++) {
		const struct td_kevent *v = &k->kev[i];
		int t;

		if (strcmp(v->verb, "fault") ||
		    (t = td_trace_task_by_pid_at(k, strtol(v->text, NULL, 10), v->line, NULL)) < 0 ||
		    &k->task[t] != kt || n-- > 0)
			continue;
		kv_word(v->text, "sig=", sig, sizeof(sig));
		kv_word(v->text, "code=", code, sizeof(code));
		kv_word(ge->norm, "si_code=", want, sizeof(want));
		if (want[0] && want[strlen(want) - 1] == ',')
			want[strlen(want) - 1] = 0;
		if ((!strcmp(sig, ge->name) || !sig[0]) && (!strcmp(code, want) || !code[0] || !want[0]))
			return 0;
		d->cls = TD_C_SIGNAL;
		d->syscall = ge->name;
		d->field = td_rstr(r, "fault.code");
		d->gval = td_rprintf(r, "%s %s", ge->name, want);
		d->kval = td_rprintf(r, "%s %s", sig, code);
		d->detail = td_rprintf(r, "the kernel's fault line says %s %s where Linux delivered %s with %s", sig,
				       code, ge->name, want);
		d->gev = gev, d->gline = ge->line;
		d->kline = v->line;
		d->pos = td_pos_of(v->line, kt->depth);
		return 1;
	}
	return 0;
}

int
td_siginfo_div(struct td_result *r, const struct td_task *gt, const struct td_task *kt, struct td_div *d)
{
	char fp[256];

	for (int n = 0;; n++) {
		long gev = nth_fault(r->g, gt, n), kev = nth_fault(r->k, kt, n);
		const struct td_event *ge, *ke;

		if (gev < 0 || kev < 0)
			return 0; /* delivered or not: td_signal_div and the outcome */
		ge = &r->g->ev[gev];
		ke = &r->k->ev[kev];
		if (strcmp(ge->name, ke->name))
			return 0; /* another signal: told by td_signal_div */
		if (!strcmp(ge->norm, ke->norm)) {
			if (fault_line_div(r, kt, n, ge, gev, d))
				return 1;
			continue;
		}
		td_field_path(ge->norm, ke->norm, fp, sizeof(fp));
		d->cls = TD_C_SIGNAL;
		d->syscall = ge->name;
		d->field = fp[0] ? td_rprintf(r, "siginfo.%s", fp) : td_rstr(r, "siginfo");
		d->gval = td_ev_text(r, r->g, gev);
		d->kval = td_ev_text(r, r->k, kev);
		d->detail = td_rprintf(r, "%s delivered with another siginfo (%s): Linux %s, kernel %s", ge->name,
				       d->field, ge->norm, ke->norm);
		d->gev = gev, d->gline = ge->line;
		d->kev = kev, d->kline = ke->line;
		d->pos = td_pos_of(ke->line, kt->depth);
		return 1;
	}
}
