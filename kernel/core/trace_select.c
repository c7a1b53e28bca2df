/*
 * kernel/core/trace_select.c: the tracer's decoders for poll and ppoll
 * (the handlers of select.c), as strace 6.1 prints them: the pollfd array
 * at entry; at exit "(Timeout)", or the entries with revents and, for
 * ppoll, the time left.
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
