/*
 * kernel/core/trace_file.c: the tracer's decoders for the syscalls on open
 * files (the handlers of sys_file.c): read and write with their buffers
 * and iovecs, sendfile, lseek, ioctl requests, fcntl commands, dup, pipes,
 * ftruncate (poll and ppoll: trace_select.c).  Each prints what strace 6.1 prints, on the
 * side (entry or exit) strace prints it; the x86_64-only calls' decoders are
 * under #ifdef __NR_x.
 */
#include "lib.h"
#include "syscall.h"
#include "task.h"
#include "trace_fmt.h"
#include "uapi.h"

static const struct xlat seek_whence[] = {
	XLAT(SEEK_SET), XLAT(SEEK_CUR), XLAT(SEEK_END), { 3, "SEEK_DATA" }, { 4, "SEEK_HOLE" },
};

/* the ioctl requests strace names (the tty ones busybox uses) */
static const struct xlat ioctl_cmds[] = {
	/* strace names both requests of a number two drivers share */
	XLAT(TCGETS), { TCSETS, "SNDCTL_TMR_START or TCSETS" },
	{ TCSETSW, "SNDCTL_TMR_STOP or TCSETSW" }, { TCSETSF, "SNDCTL_TMR_CONTINUE or TCSETSF" },
	XLAT(TIOCSCTTY),
	XLAT(TIOCGPGRP), XLAT(TIOCSPGRP), XLAT(TIOCGWINSZ), XLAT(TIOCSWINSZ), XLAT(FIONREAD),
	XLAT(FIONBIO),
};

/* the termios flags as strace's term_*flags name them, in its order */
static const struct xlat term_iflags[] = {
	{ 0x1, "IGNBRK" }, { 0x2, "BRKINT" }, { 0x4, "IGNPAR" }, { 0x8, "PARMRK" },
	{ 0x10, "INPCK" }, { 0x20, "ISTRIP" }, { 0x40, "INLCR" }, { 0x80, "IGNCR" },
	{ 0x100, "ICRNL" }, { 0x200, "IUCLC" }, { 0x400, "IXON" }, { 0x800, "IXANY" },
	{ 0x1000, "IXOFF" }, { 0x2000, "IMAXBEL" }, { 0x4000, "IUTF8" },
};
static const struct xlat term_oflags[] = {
	{ 0x1, "OPOST" }, { 0x2, "OLCUC" }, { 0x4, "ONLCR" }, { 0x8, "OCRNL" },
	{ 0x10, "ONOCR" }, { 0x20, "ONLRET" }, { 0x40, "OFILL" }, { 0x80, "OFDEL" },
};
/* c_oflag's delay fields, each printed as a value before the flags */
static const struct {
	uint32_t mask;
	const char *names[4];   /* by value >> the mask's lowest bit */
	const char *dflt;
} term_odelays[] = {
	{ 0x100, { "NL0", "NL1" }, "NL?" },
	{ 0x600, { "CR0", "CR1", "CR2", "CR3" }, "CR?" },
	{ 0x1800, { "TAB0", "TAB1", "TAB2", "TAB3" }, "TAB?" },
	{ 0x2000, { "BS0", "BS1" }, "BS?" },
	{ 0x4000, { "VT0", "VT1" }, "VT?" },
	{ 0x8000, { "FF0", "FF1" }, "FF?" },
};
static const char *const term_bauds[32] = {
	"B0", "B50", "B75", "B110", "B134", "B150", "B200", "B300", "B600", "B1200", "B1800",
	"B2400", "B4800", "B9600", "B19200", "B38400", "BOTHER", "B57600", "B115200", "B230400",
	"B460800", "B500000", "B576000", "B921600", "B1000000", "B1152000", "B1500000",
	"B2000000", "B2500000", "B3000000", "B3500000", "B4000000",
};
static const char *const term_csizes[4] = { "CS5", "CS6", "CS7", "CS8" };
static const struct xlat term_cflags[] = {
	{ 0x40, "CSTOPB" }, { 0x80, "CREAD" }, { 0x100, "PARENB" }, { 0x200, "PARODD" },
	{ 0x400, "HUPCL" }, { 0x800, "CLOCAL" }, { 0x40000000, "CMSPAR" },
	{ 0x80000000, "CRTSCTS" },
};
static const struct xlat term_lflags[] = {
	{ 0x1, "ISIG" }, { 0x2, "ICANON" }, { 0x4, "XCASE" }, { 0x8, "ECHO" },
	{ 0x10, "ECHOE" }, { 0x20, "ECHOK" }, { 0x40, "ECHONL" }, { 0x80, "NOFLSH" },
	{ 0x8000, "IEXTEN" }, { 0x200, "ECHOCTL" }, { 0x400, "ECHOPRT" }, { 0x800, "ECHOKE" },
	{ 0x1000, "FLUSHO" }, { 0x4000, "PENDIN" }, { 0x100, "TOSTOP" }, { 0x10000, "EXTPROC" },
};

/* A baud field (CBAUD's bits: 0..15, or CBAUDEX 0x1000 with 1..15) */
static void
p_baud(uint32_t b)
{
	uint32_t i = (b & 0xf) | ((b & 0x1000) ? 0x10 : 0);
	if (i < ARRAY_SIZE(term_bauds))
		tr_puts(term_bauds[i]);
	else
		tr_printf("%#x /* B??? */", b);
}

/* A termios as strace prints it unabbreviated no further: the four flag
 * words by name, the rest "...". */
static void
p_termios(uintptr_t u)
{
	struct k_termios t;
	if (!tr_peek(u, &t, sizeof(t))) {
		tr_addr(u);
		return;
	}
	tr_puts("{c_iflag=");
	tr_flags(term_iflags, ARRAY_SIZE(term_iflags), t.c_iflag, NULL);
	tr_puts(", c_oflag=");
	uint32_t o = t.c_oflag;
	for (size_t i = 0; i < ARRAY_SIZE(term_odelays); i++) {
		uint32_t m = term_odelays[i].mask, v = (o & m) / (m & -m);
		tr_puts(v < 4 && term_odelays[i].names[v] ? term_odelays[i].names[v] : term_odelays[i].dflt);
		tr_putc('|');
		o &= ~m;
	}
	tr_flags(term_oflags, ARRAY_SIZE(term_oflags), o, NULL);
	tr_puts(", c_cflag=");
	p_baud(t.c_cflag & 0x100f);
	tr_putc('|');
	if (t.c_cflag & 0x100f0000) {
		p_baud((t.c_cflag & 0x100f0000) >> 16);
		tr_puts("<<IBSHIFT|");
	}
	tr_puts(term_csizes[(t.c_cflag & 0x30) >> 4]);
	tr_putc('|');
	tr_flags(term_cflags, ARRAY_SIZE(term_cflags), t.c_cflag & ~0x100f103fU, NULL);
	tr_puts(", c_lflag=");
	tr_flags(term_lflags, ARRAY_SIZE(term_lflags), t.c_lflag, NULL);
	tr_puts(", ...}");
}

/* the direction of an unnamed request, its top two bits */
static const char *const ioctl_dirs[] = {
	"_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE",
};

static const struct xlat fcntl_cmds[] = {
	XLAT(F_DUPFD), XLAT(F_GETFD), XLAT(F_SETFD), XLAT(F_GETFL), XLAT(F_SETFL),
	XLAT(F_DUPFD_CLOEXEC),
};

/* ---- read and write ---- */

void
decode_read(struct trc *c)
{
	ENTER {
		tr_fd(c->a[0]);
		tr_sep();
		return;
	}
	if (c->ret >= 0)
		tr_buf((uintptr_t)c->a[1], c->ret);
	else
		tr_addr((uintptr_t)c->a[1]);
	tr_sep();
	tr_ulong(c->a[2]);
}

void
decode_write(struct trc *c)
{
	ENTER {
		tr_fd(c->a[0]);
		tr_sep();
		tr_buf((uintptr_t)c->a[1], c->a[2]);
		tr_sep();
		tr_ulong(c->a[2]);
	}
}

void
decode_pread64(struct trc *c)
{
	decode_read(c);
	EXIT {
		tr_sep();
		tr_printf("%ld", c->a[3]);
	}
}

void
decode_pwrite64(struct trc *c)
{
	decode_write(c);
	ENTER {
		tr_sep();
		tr_printf("%ld", c->a[3]);
	}
}

/* One iovec, {iov_base=..., iov_len=N}, its data cut to *limit bytes (and
 * *limit lowered by what it shows) unless *limit is -1. */
static void
p_iov_entry(const struct k_iovec *v, long *limit, int addr_only)
{
	tr_puts("{iov_base=");
	long n = (long)v->len;
	if (*limit >= 0) {
		n = MIN(n, *limit);
		*limit -= n;
	}
	if (addr_only)
		tr_addr(v->base);
	else
		tr_buf(v->base, n);
	tr_printf(", iov_len=%lu}", v->len);
}

/* An iovec array as strace's print_array shows it: NULL, [] for no
 * entries, the address when the array overflows or its first entry is
 * unreadable, "..." after 4096 entries or before the address of the first
 * unreadable one.  Data is limited to `limit` bytes in total (-1: each
 * iov_len); addr_only prints iov_base as an address (a failed readv). */
static void
p_iov(uintptr_t u, unsigned long cnt, long limit, int addr_only)
{
	struct k_iovec v;
	if (!u) {
		tr_puts("NULL");
		return;
	}
	if (cnt == 0) {
		tr_puts("[]");
		return;
	}
	if (cnt > ~(uintptr_t)0 / sizeof(v) || u + cnt * sizeof(v) <= u ||
	    !tr_peek(u, &v, sizeof(v))) {
		tr_addr(u);
		return;
	}
	tr_putc('[');
	for (unsigned long i = 0; i < cnt; i++) {
		uintptr_t e = u + i * sizeof(v);
		if (i)
			tr_sep();
		if (!tr_peek(e, &v, sizeof(v))) {
			tr_printf("... /* %#lx */", e);
			break;
		}
		if (i >= TRACE_MAX_STRLEN) {
			tr_puts("...");
			break;
		}
		p_iov_entry(&v, &limit, addr_only);
	}
	tr_putc(']');
}

void
decode_readv(struct trc *c)
{
	ENTER {
		tr_fd(c->a[0]);
		tr_sep();
		return;
	}
	p_iov((uintptr_t)c->a[1], (unsigned long)c->a[2], c->ret, c->ret < 0);
	tr_sep();
	tr_ulong(c->a[2]);
}

void
decode_writev(struct trc *c)
{
	ENTER {
		tr_fd(c->a[0]);
		tr_sep();
		p_iov((uintptr_t)c->a[1], (unsigned long)c->a[2], -1, 0);
		tr_sep();
		tr_ulong(c->a[2]);
	}
}

/* sendfile(out, in, offset, count): strace's sendfile64, the offset as
 * [N] (" => [N]" after a transfer), or NULL or the address when there is
 * none to show, and then nothing is left for the exit. */
void
decode_sendfile(struct trc *c)
{
	uintptr_t off = (uintptr_t)c->a[2];
	uint64_t v;
	ENTER {
		tr_fd(c->a[0]);
		tr_sep();
		tr_fd(c->a[1]);
		tr_sep();
		if (tr_peek(off, &v, sizeof(v))) {
			tr_printf("[%lu]", v);
			return;
		}
		tr_addr(off);
		tr_sep();
		tr_ulong(c->a[3]);
		c->t->sc_entry_done = 1;      /* fully printed at entry */
		return;
	}
	if (c->t->sc_entry_done)
		return;
	if (c->ret > 0) {
		tr_puts(" => ");
		if (tr_peek(off, &v, sizeof(v)))
			tr_printf("[%lu]", v);
		else
			tr_addr(off);
	}
	tr_sep();
	tr_ulong(c->a[3]);
}

void
decode_lseek(struct trc *c)
{
	ENTER {
		tr_fd(c->a[0]);
		tr_sep();
		tr_printf("%ld", c->a[1]);
		tr_sep();
		tr_xval(seek_whence, ARRAY_SIZE(seek_whence), (unsigned)c->a[2], "SEEK_???");
	}
}

/* st_mode: the type, the set-id and sticky bits, the permissions. */
/* ---- ioctl, fcntl, dup, pipe ---- */

/* An ioctl request strace has no name for, split as strace 6.1 splits it:
 * _IOC(dir, type, nr, size) in the generic layout both arches use
 * (nr 8 bits, type 8, size 14, dir 2: _IOC_WRITE 1, _IOC_READ 2). */
static void
p_ioctl_code(unsigned cmd)
{
	tr_puts("_IOC(");
	tr_puts(ioctl_dirs[cmd >> 30]);
	tr_printf(", %#x, %#x, %#x)", (cmd >> 8) & 0xff, cmd & 0xff, (cmd >> 16) & 0x3fff);
}

/* ioctl's entry: fd, request, and the argument of the requests that pass
 * one in (an unknown request's in hex). */
static void
p_ioctl_enter(struct trc *c, unsigned cmd)
{
	tr_fd(c->a[0]);
	tr_sep();
	size_t i = 0;
	while (i < ARRAY_SIZE(ioctl_cmds) && ioctl_cmds[i].val != cmd)
		i++;
	if (i == ARRAY_SIZE(ioctl_cmds)) {
		p_ioctl_code(cmd);
		tr_sep();
		tr_printf("%#lx", c->a[2]);
		return;
	}
	tr_puts(ioctl_cmds[i].name);
	if (cmd == TCSETS || cmd == TCSETSW || cmd == TCSETSF) {
		tr_sep();
		p_termios((uintptr_t)c->a[2]);
	} else if (cmd == TIOCSWINSZ || cmd == TIOCSPGRP || cmd == FIONBIO) {
		tr_sep();
		tr_addr((uintptr_t)c->a[2]);
	}
}

/* ioctl's exit: what the requests that pass one out wrote, or its address
 * when the call failed or it is unreadable. */
static void
p_ioctl_exit(struct trc *c, unsigned cmd)
{
	uintptr_t u = (uintptr_t)c->a[2];
	struct k_winsize w;
	struct k_termios t;
	int v;
	if (cmd != TIOCGWINSZ && cmd != TIOCGPGRP && cmd != FIONREAD && cmd != TCGETS)
		return;
	tr_sep();
	if (cmd == TIOCGWINSZ && c->ret >= 0 && tr_peek(u, &w, sizeof(w)))
		tr_printf("{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}", w.ws_row, w.ws_col,
			  w.ws_xpixel, w.ws_ypixel);
	else if (cmd == TCGETS && c->ret >= 0 && tr_peek(u, &t, sizeof(t)))
		p_termios(u);
	else if ((cmd == TIOCGPGRP || cmd == FIONREAD) && c->ret >= 0 &&
		 tr_peek(u, &v, sizeof(v)))
		tr_printf("[%d]", v);
	else
		tr_addr(u);
}

void
decode_ioctl(struct trc *c)
{
	unsigned cmd = (unsigned)c->a[1];
	ENTER p_ioctl_enter(c, cmd);
	EXIT p_ioctl_exit(c, cmd);
}

/* fcntl's third argument, as the command reads it (none for the gets). */
static void
p_fcntl_arg(int cmd, long arg)
{
	if (cmd == F_GETFD || cmd == F_GETFL)
		return;
	tr_sep();
	if (cmd == F_SETFD && arg == FD_CLOEXEC)
		tr_puts("FD_CLOEXEC");
	else if (cmd == F_SETFL)
		tr_open_flags(arg);
	else if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)
		tr_int(arg);
	else
		tr_printf("%#lx", arg);
}

/* What F_GETFD and F_GETFL return, decoded after the result as strace
 * does: " (flags FD_CLOEXEC)", " (flags O_RDWR|O_APPEND)". */
static void
fcntl_suffix(struct trc *c, int cmd)
{
	struct sbuf sb;
	if (c->ret < 0 || (cmd != F_GETFD && cmd != F_GETFL))
		return;
	sb_init(&sb, c->suffix, sizeof(c->suffix));
	if (cmd == F_GETFD) {
		if (c->ret) {
			c->rv = RV_HEX;
			sb_puts(&sb, " (flags FD_CLOEXEC)");
		}
		return;
	}
	c->rv = RV_HEX;      /* strace prints F_GETFL's flags in hex */
	sb_printf(&sb, " (flags %s", tr_open_access[c->ret & 3]);
	for (size_t i = 0; i < TR_OPEN_FLAG_COUNT; i++)
		if ((c->ret & (long)tr_open_flag_xlat[i].val) == (long)tr_open_flag_xlat[i].val && tr_open_flag_xlat[i].val)
			sb_printf(&sb, "|%s", tr_open_flag_xlat[i].name);
	sb_putc(&sb, ')');
}

void
decode_fcntl(struct trc *c)
{
	int cmd = (int)c->a[1];
	ENTER {
		tr_fd(c->a[0]);
		tr_sep();
		tr_xval(fcntl_cmds, ARRAY_SIZE(fcntl_cmds), (unsigned)cmd, "F_???");
		p_fcntl_arg(cmd, c->a[2]);
		return;
	}
	fcntl_suffix(c, cmd);
}

static void
p_fd2(struct trc *c)
{
	tr_fd(c->a[0]);
	tr_sep();
	tr_fd(c->a[1]);
}

#ifdef __NR_dup2
void
decode_dup2(struct trc *c)
{
	ENTER p_fd2(c);
}
#endif

void
decode_dup3(struct trc *c)
{
	ENTER {
		p_fd2(c);
		tr_sep();
		tr_flags(tr_open_flag_xlat, TR_OPEN_FLAG_COUNT, (unsigned)c->a[2], "O_???");
	}
}

static void
p_fdpair(uintptr_t u, long ret)
{
	int fds[2];
	if (ret < 0 || !tr_peek(u, fds, sizeof(fds)))
		tr_addr(u);
	else
		tr_printf("[%d, %d]", fds[0], fds[1]);
}

#ifdef __NR_pipe
void
decode_pipe(struct trc *c)
{
	EXIT p_fdpair((uintptr_t)c->a[0], c->ret);
}
#endif

void
decode_pipe2(struct trc *c)
{
	EXIT {
		p_fdpair((uintptr_t)c->a[0], c->ret);
		tr_sep();
		tr_flags(tr_open_flag_xlat, TR_OPEN_FLAG_COUNT, (unsigned)c->a[1], "O_???");
	}
}

void
decode_ftruncate(struct trc *c)
{
	ENTER {
		tr_fd(c->a[0]);
		tr_sep();
		tr_printf("%lu", c->a[1]);
	}
}
