/*
 * kernel/core/trace_select.c: the tracer's decoders for poll, ppoll, select
 * and pselect6 (the handlers of select.c), as strace 6.1 prints them: the
 * pollfd array or the fd sets at entry; at exit "(Timeout)", or the
 * entries with revents (the sets' ready fds) and, with a timeout, the time
 * left.
 */
#include "lib.h"
#include "syscall.h"
#include "task.h"
#include "trace_fmt.h"
#include "uapi.h"

struct k_pollfd {
	int fd;
	short events, revents;
};

/* strace's pollflags, in value order */
static const struct xlat poll_flags[] = {
	{ 0x1, "POLLIN" }, { 0x2, "POLLPRI" }, { 0x4, "POLLOUT" }, { 0x8, "POLLERR" },
	{ 0x10, "POLLHUP" }, { 0x20, "POLLNVAL" }, { 0x40, "POLLRDNORM" },
	{ 0x80, "POLLRDBAND" }, { 0x100, "POLLWRNORM" }, { 0x200, "POLLWRBAND" },
	{ 0x400, "POLLMSG" }, { 0x1000, "POLLREMOVE" }, { 0x2000, "POLLRDHUP" },
};

/* [{fd=3, events=POLLIN}, ...], nfds: the arguments both calls start with. */
static void
p_pollfds(struct trc *c)
{
	uintptr_t u = (uintptr_t)c->a[0];
	unsigned int n = (unsigned int)c->a[1];
	struct k_pollfd p;
	if (!u) {
		tr_puts("NULL");
	} else if (!n) {
		tr_puts("[]");
	} else if (!tr_peek(u, &p, sizeof(p))) {
		tr_addr(u);
	} else {
		tr_putc('[');
		for (unsigned int i = 0; i < n && i < 4096; i++) {
			if (i)
				tr_sep();
			if (!tr_peek(u + i * sizeof(p), &p, sizeof(p))) {
				tr_printf("... /* %#lx */", u + i * sizeof(p));
				break;
			}
			tr_printf("{fd=%d", p.fd);
			if (p.fd >= 0) {
				tr_puts(", events=");
				tr_flags(poll_flags, ARRAY_SIZE(poll_flags), (uint16_t)p.events, "POLL???");
			}
			tr_putc('}');
		}
		tr_putc(']');
	}
	tr_sep();
	tr_ulong(n);
}

/* sb_flags: the names of the bits of v in x, as tr_flags prints them. */
static void
sb_flags(struct sbuf *sb, const struct xlat *x, size_t nx, unsigned v)
{
	int n = 0;
	for (size_t i = 0; i < nx; i++)
		if (v & x[i].val) {
			sb_printf(sb, "%s%s", n++ ? "|" : "", x[i].name);
			v &= ~(unsigned)x[i].val;
		}
	if (v || !n)
		sb_printf(sb, "%s%#x", n ? "|" : "", v);
}

/* The exit suffix: " (Timeout)", or " ([{fd=3, revents=POLLIN}]" plus
 * ", left {...}" for ppoll's timespec at tsp (0: none), then ")". */
static void
poll_suffix(struct trc *c, uintptr_t tsp)
{
	struct sbuf sb;
	struct k_pollfd p;
	uintptr_t u = (uintptr_t)c->a[0];
	unsigned int n = (unsigned int)c->a[1], shown = 0;
	if (c->ret < 0)
		return;
	sb_init(&sb, c->suffix, sizeof(c->suffix));
	if (c->ret == 0) {
		sb_puts(&sb, " (Timeout)");
		return;
	}
	sb_puts(&sb, " (");
	for (unsigned int i = 0; u && i < n && tr_peek(u + i * sizeof(p), &p, sizeof(p)); i++) {
		if (!p.revents)
			continue;
		sb_printf(&sb, "%s{fd=%d, revents=", shown++ ? ", " : "[", p.fd);
		sb_flags(&sb, poll_flags, ARRAY_SIZE(poll_flags), (uint16_t)p.revents);
		sb_putc(&sb, '}');
	}
	if (shown)
		sb_putc(&sb, ']');
	struct k_timespec ts;
	if (tsp && tr_peek(tsp, &ts, sizeof(ts)))
		sb_printf(&sb, "%sleft {tv_sec=%ld, tv_nsec=%ld}", shown ? ", " : "",
			  (long)ts.tv_sec, (long)ts.tv_nsec);
	sb_putc(&sb, ')');
}

#ifdef __NR_poll
void
decode_poll(struct trc *c)
{
	ENTER {
		p_pollfds(c);
		tr_sep();
		tr_int((int)c->a[2]);
		return;
	}
	poll_suffix(c, 0);
}
#endif

void
decode_ppoll(struct trc *c)
{
	ENTER {
		p_pollfds(c);
		tr_sep();
		tr_timespec((uintptr_t)c->a[2]);
		tr_sep();
		tr_sigset((uintptr_t)c->a[3], c->a[4]);
		tr_sep();
		tr_ulong(c->a[4]);
		return;
	}
	poll_suffix(c, (uintptr_t)c->a[2]);
}

/* ---- select, pselect6 ---- */

/* The bytes of an fd set strace reads for nfds (0: it prints addresses). */
static size_t
fdset_bytes(long nfds)
{
	int n = (int)nfds;
	if (n <= 0)
		return 0;
	if (n > 1024)
		n = 1024;
	return (size_t)(n + 63) / 64 * 8;
}

/* An fd set at u as strace prints it: "[3 4]" (the fds below nfds), or
 * NULL, or its address when it cannot be read. */
static void
p_fdset(uintptr_t u, long nfds)
{
	uint64_t set[16];
	size_t bytes = fdset_bytes(nfds);
	if (!u || !bytes || !tr_peek(u, set, bytes)) {
		tr_addr(u);
		return;
	}
	int n = 0;
	tr_putc('[');
	for (int fd = 0; fd < (int)nfds && fd < 1024; fd++)
		if ((set[fd / 64] >> (fd % 64)) & 1)
			tr_printf("%s%d", n++ ? " " : "", fd);
	tr_putc(']');
}

/* select's and pselect6's entry: nfds and the three sets. */
static void
p_select_sets(struct trc *c)
{
	tr_int((int)c->a[0]);
	for (int k = 1; k <= 3; k++) {
		tr_sep();
		p_fdset((uintptr_t)c->a[k], c->a[0]);
	}
	tr_sep();
}

/* The exit suffix: " (Timeout)", or " (in [3], out [4], except [5]" with
 * ", left {...}" when a timeout was given (usec: a timeval), then ")". */
static void
select_suffix(struct trc *c, int usec)
{
	static const char *const names[3] = { "in", "out", "except" };
	struct sbuf sb;
	uint64_t set[16];
	size_t bytes = fdset_bytes(c->a[0]);
	int shown = 0;
	if (c->ret < 0)
		return;
	sb_init(&sb, c->suffix, sizeof(c->suffix));
	if (c->ret == 0) {
		sb_puts(&sb, " (Timeout)");
		return;
	}
	sb_puts(&sb, " (");
	for (int k = 0; k < 3; k++) {
		uintptr_t u = (uintptr_t)c->a[k + 1];
		if (!u || !bytes || !tr_peek(u, set, bytes))
			continue;
		int n = 0;
		for (int fd = 0; fd < (int)c->a[0] && fd < 1024; fd++) {
			if (!((set[fd / 64] >> (fd % 64)) & 1))
				continue;
			if (!n++)
				sb_printf(&sb, "%s%s [", shown++ ? ", " : "", names[k]);
			sb_printf(&sb, "%s%d", n > 1 ? " " : "", fd);
		}
		if (n)
			sb_putc(&sb, ']');
	}
	struct k_timespec ts;
	uintptr_t tsp = (uintptr_t)c->a[4];
	if (tsp && tr_peek(tsp, &ts, sizeof(ts)))
		sb_printf(&sb, "%sleft {tv_sec=%ld, %s=%ld}", shown ? ", " : "", (long)ts.tv_sec,
			  usec ? "tv_usec" : "tv_nsec", (long)ts.tv_nsec);
	sb_putc(&sb, ')');
}

#ifdef __NR_select
void
decode_select(struct trc *c)
{
	ENTER {
		struct k_timeval tv;
		uintptr_t u = (uintptr_t)c->a[4];
		p_select_sets(c);
		if (u && tr_peek(u, &tv, sizeof(tv)))
			tr_printf("{tv_sec=%ld, tv_usec=%ld}", (long)tv.tv_sec, (long)tv.tv_usec);
		else
			tr_addr(u);
		return;
	}
	select_suffix(c, 1);
}
#endif

void
decode_pselect6(struct trc *c)
{
	ENTER {
		uint64_t data[2];
		uintptr_t u = (uintptr_t)c->a[5];
		p_select_sets(c);
		tr_timespec((uintptr_t)c->a[4]);
		tr_sep();
		if (!u || !tr_peek(u, data, sizeof(data))) {
			tr_addr(u);
			return;
		}
		tr_puts("{sigmask=");
		tr_sigset((uintptr_t)data[0], (long)data[1]);
		tr_printf(", sigsetsize=%lu}", (unsigned long)data[1]);
		return;
	}
	select_suffix(c, 0);
}
