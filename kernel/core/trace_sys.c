/*
 * kernel/core/trace_sys.c: per-syscall argument decoders, printing what
 * strace 6.1 prints (abbreviated structs, symbolic flags) for each syscall
 * the kernel implements.  Each is called at entry and again at exit, and
 * prints its arguments on the side strace prints them.
 */
#include "arch.h"
#include "lib.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "trace_fmt.h"
#include "uapi.h"
#include "vfs.h"
#include "vm.h"

#define MAX_STRLEN 4096

#define ENTER if (!c->exiting)
#define EXIT if (c->exiting)

void
tr_quote(const char *s, size_t n, int trunc)
{
	const unsigned char *u = (const unsigned char *)s;
	tr_putc('"');
	for (size_t i = 0; i < n; i++) {
		unsigned ch = u[i];
		switch (ch) {
		case '"': tr_puts("\\\""); break;
		case '\\': tr_puts("\\\\"); break;
		case '\f': tr_puts("\\f"); break;
		case '\n': tr_puts("\\n"); break;
		case '\r': tr_puts("\\r"); break;
		case '\t': tr_puts("\\t"); break;
		case '\v': tr_puts("\\v"); break;
		default:
			if (ch >= ' ' && ch < 0x7f) {
				tr_putc((char)ch);
			} else {
				/* octal, all three digits when a digit follows */
				int pad = i + 1 < n && u[i + 1] >= '0' && u[i + 1] <= '7';
				tr_putc('\\');
				if (pad || ch >= 0100)
					tr_putc((char)('0' + (ch >> 6)));
				if (pad || ch >= 010)
					tr_putc((char)('0' + ((ch >> 3) & 7)));
				tr_putc((char)('0' + (ch & 7)));
			}
		}
	}
	tr_putc('"');
	if (trunc)
		tr_puts("...");
}

static void
p_addr(uintptr_t a)
{
	if (a)
		tr_printf("%#lx", a);
	else
		tr_puts("NULL");
}

static void
p_sep(void)
{
	tr_puts(", ");
}

static void
p_int(long v)
{
	tr_printf("%d", (int)v);
}

static void
p_ulong(long v)
{
	tr_printf("%lu", (unsigned long)v);
}

static void
p_fd(long v)
{
	tr_printf("%d", (int)v);
}

static void
p_dirfd(long v)
{
	if ((int)v == AT_FDCWD)
		tr_puts("AT_FDCWD");
	else
		p_fd(v);
}

/* A NUL-terminated user string (path), or its address if unreadable. */
static void
p_path(uintptr_t u)
{
	static char buf[MAX_STRLEN + 1];
	if (!u) {
		tr_puts("NULL");
		return;
	}
	size_t n = 0;
	while (n < MAX_STRLEN) {
		char ch;
		if (!user_readable(u + n, 1) || copy_from_user(&ch, u + n, 1) < 0) {
			if (n == 0) {
				p_addr(u);
				return;
			}
			break;
		}
		if (!ch)
			break;
		buf[n++] = ch;
	}
	tr_quote(buf, n, n == MAX_STRLEN);
}

/* len bytes of user memory as a string, at most MAX_STRLEN. */
static void
p_buf(uintptr_t u, long len)
{
	static char buf[MAX_STRLEN];
	if (len < 0)
		len = 0;
	size_t n = MIN((size_t)len, (size_t)MAX_STRLEN);
	if (!u || !user_readable(u, n) || copy_from_user(buf, u, n) < 0) {
		p_addr(u);
		return;
	}
	tr_quote(buf, n, (size_t)len > n);
}

static int
peek(uintptr_t u, void *dst, size_t n)
{
	return u && user_readable(u, n) && copy_from_user(dst, u, n) == 0;
}

static void
p_flags(const struct xlat *x, size_t nx, uint64_t v, const char *dflt)
{
	int n = 0;
	for (size_t i = 0; i < nx && v; i++)
		if (x[i].val && (v & x[i].val) == x[i].val) {
			if (n++)
				tr_putc('|');
			tr_puts(x[i].name);
			v &= ~x[i].val;
		}
	if (n) {
		if (v)
			tr_printf("|%#lx", v);
	} else if (v) {
		tr_printf("%#lx", v);
		if (dflt)
			tr_printf(" /* %s */", dflt);
	} else
		tr_putc('0');
}

static void
p_xval(const struct xlat *x, size_t nx, uint64_t v, const char *dflt)
{
	for (size_t i = 0; i < nx; i++)
		if (x[i].val == v) {
			tr_puts(x[i].name);
			return;
		}
	tr_printf("%#lx", v);
	if (dflt)
		tr_printf(" /* %s */", dflt);
}

#define X(v) { v, #v }

static void
p_signame(long sig)
{
	if (sig > 0 && sig <= NSIG)
		tr_puts(signal_name((int)sig));
	else
		tr_printf("%d", (int)sig);
}

void
tr_raw_args(struct trc *c, int n)
{
	ENTER {
		for (int i = 0; i < n; i++) {
			if (i)
				p_sep();
			tr_printf("%#lx", c->a[i]);
		}
	}
}

/* ---- files ---- */

/* strace's open_mode_flags, in its order and with its names (FASYNC) */
static const struct xlat open_flags[] = {
	X(O_CREAT), X(O_EXCL), X(O_NOCTTY), X(O_TRUNC), X(O_APPEND), X(O_NONBLOCK),
	X(O_SYNC), { O_SYNC & ~O_DSYNC, "__O_SYNC" }, X(O_DSYNC), X(O_DIRECT), X(O_LARGEFILE),
	X(O_NOFOLLOW), X(O_NOATIME), X(O_CLOEXEC), X(O_PATH), X(O_TMPFILE),
	{ O_TMPFILE & ~O_DIRECTORY, "__O_TMPFILE" }, X(O_DIRECTORY), { O_ASYNC, "FASYNC" },
};

static void
p_open_flags(long f)
{
	static const char *acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
	tr_puts(acc[f & O_ACCMODE]);
	f &= ~O_ACCMODE;
	if (f) {
		tr_putc('|');
		p_flags(open_flags, ARRAY_SIZE(open_flags), (uint64_t)(unsigned)f, NULL);
	}
}

static void
p_mode(long m)
{
	tr_printf("%#03lo", (unsigned long)m & 07777);
}

static void
tr_fd_only(struct trc *c)
{
	ENTER p_fd(c->a[0]);
}

static void
tr_path_only(struct trc *c)
{
	ENTER p_path((uintptr_t)c->a[0]);
}

static void
tr_read(struct trc *c)
{
	ENTER {
		p_fd(c->a[0]);
		p_sep();
		return;
	}
	if (c->ret >= 0)
		p_buf((uintptr_t)c->a[1], c->ret);
	else
		p_addr((uintptr_t)c->a[1]);
	p_sep();
	p_ulong(c->a[2]);
}

static void
tr_write(struct trc *c)
{
	ENTER {
		p_fd(c->a[0]);
		p_sep();
		p_buf((uintptr_t)c->a[1], c->a[2]);
		p_sep();
		p_ulong(c->a[2]);
	}
}

static void
tr_pread(struct trc *c)
{
	tr_read(c);
	EXIT {
		p_sep();
		tr_printf("%ld", c->a[3]);
	}
}

static void
tr_pwrite(struct trc *c)
{
	tr_write(c);
	ENTER {
		p_sep();
		tr_printf("%ld", c->a[3]);
	}
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
	    !peek(u, &v, sizeof(v))) {
		p_addr(u);
		return;
	}
	tr_putc('[');
	for (unsigned long i = 0; i < cnt; i++) {
		uintptr_t e = u + i * sizeof(v);
		if (i)
			p_sep();
		if (!peek(e, &v, sizeof(v))) {
			tr_printf("... /* %#lx */", e);
			break;
		}
		if (i >= MAX_STRLEN) {
			tr_puts("...");
			break;
		}
		tr_puts("{iov_base=");
		long n = (long)v.len;
		if (limit >= 0) {
			n = MIN(n, limit);
			limit -= n;
		}
		if (addr_only)
			p_addr(v.base);
		else
			p_buf(v.base, n);
		tr_printf(", iov_len=%lu}", v.len);
	}
	tr_putc(']');
}

static void
tr_readv(struct trc *c)
{
	ENTER {
		p_fd(c->a[0]);
		p_sep();
		return;
	}
	p_iov((uintptr_t)c->a[1], (unsigned long)c->a[2], c->ret, c->ret < 0);
	p_sep();
	p_ulong(c->a[2]);
}

static void
tr_writev(struct trc *c)
{
	ENTER {
		p_fd(c->a[0]);
		p_sep();
		p_iov((uintptr_t)c->a[1], (unsigned long)c->a[2], -1, 0);
		p_sep();
		p_ulong(c->a[2]);
	}
}

static void
open_tail(long flags, long mode)
{
	p_open_flags(flags);
	if (flags & (O_CREAT | (O_TMPFILE & ~O_DIRECTORY))) {
		p_sep();
		p_mode(mode);
	}
}

/* UNUSED: not every arch has this syscall */
static UNUSED void
tr_open(struct trc *c)
{
	ENTER {
		p_path((uintptr_t)c->a[0]);
		p_sep();
		open_tail(c->a[1], c->a[2]);
	}
}

static void
tr_openat(struct trc *c)
{
	ENTER {
		p_dirfd(c->a[0]);
		p_sep();
		p_path((uintptr_t)c->a[1]);
		p_sep();
		open_tail(c->a[2], c->a[3]);
	}
}

static void
tr_lseek(struct trc *c)
{
	static const struct xlat wh[] = { X(SEEK_SET), X(SEEK_CUR), X(SEEK_END),
					  { 3, "SEEK_DATA" }, { 4, "SEEK_HOLE" } };
	ENTER {
		p_fd(c->a[0]);
		p_sep();
		tr_printf("%ld", c->a[1]);
		p_sep();
		p_xval(wh, ARRAY_SIZE(wh), (unsigned)c->a[2], "SEEK_???");
	}
}

static void
p_file_mode(uint32_t m)
{
	static const char *types[16] = {
		[S_IFREG >> 12] = "S_IFREG", [S_IFDIR >> 12] = "S_IFDIR", [S_IFCHR >> 12] = "S_IFCHR",
		[S_IFBLK >> 12] = "S_IFBLK", [S_IFIFO >> 12] = "S_IFIFO", [S_IFLNK >> 12] = "S_IFLNK",
		[S_IFSOCK >> 12] = "S_IFSOCK",
	};
	const char *t = types[(m & S_IFMT) >> 12];
	if (t)
		tr_puts(t);
	else
		tr_printf("%#o", m & S_IFMT);
	tr_putc('|');
	if (m & 07000) {
		if (m & 04000)
			tr_puts("S_ISUID|");
		if (m & 02000)
			tr_puts("S_ISGID|");
		if (m & 01000)
			tr_puts("S_ISVTX|");
	}
	tr_printf("%#03o", m & 0777);
}

static void
p_stat(uintptr_t u, long ret)
{
	struct abi_stat st;
	if (ret < 0 || !peek(u, &st, sizeof(st))) {
		p_addr(u);
		return;
	}
	tr_puts("{st_mode=");
	p_file_mode(st.st_mode);
	if ((st.st_mode & S_IFMT) == S_IFCHR || (st.st_mode & S_IFMT) == S_IFBLK)
		tr_printf(", st_rdev=makedev(%#lx, %#lx)", (st.st_rdev >> 8) & 0xfff, st.st_rdev & 0xff);
	else
		tr_printf(", st_size=%ld", st.st_size);
	tr_puts(", ...}");
}

static void
tr_fstat(struct trc *c)
{
	ENTER {
		p_fd(c->a[0]);
		p_sep();
		return;
	}
	p_stat((uintptr_t)c->a[1], c->ret);
}

/* UNUSED: not every arch has this syscall */
static UNUSED void
tr_stat(struct trc *c)
{
	ENTER {
		p_path((uintptr_t)c->a[0]);
		p_sep();
		return;
	}
	p_stat((uintptr_t)c->a[1], c->ret);
}

/* strace's at_flags (the AT_STATX_* sync types are statx's own) */
static const struct xlat at_flags[] = {
	X(AT_SYMLINK_NOFOLLOW), { 0x200, "AT_REMOVEDIR" }, X(AT_SYMLINK_FOLLOW),
	X(AT_NO_AUTOMOUNT), X(AT_EMPTY_PATH), { 0x8000, "AT_RECURSIVE" },
};

static void
tr_newfstatat(struct trc *c)
{
	ENTER {
		p_dirfd(c->a[0]);
		p_sep();
		p_path((uintptr_t)c->a[1]);
		p_sep();
		return;
	}
	p_stat((uintptr_t)c->a[2], c->ret);
	p_sep();
	p_flags(at_flags, ARRAY_SIZE(at_flags), (unsigned)c->a[3], "AT_???");
}

static void
tr_statx(struct trc *c)
{
	ENTER {
		p_dirfd(c->a[0]);
		p_sep();
		p_path((uintptr_t)c->a[1]);
		p_sep();
		/* the sync type as a value of its own, then the other flags */
		static const struct xlat sync_types[] = {
			{ 0x2000, "AT_STATX_FORCE_SYNC" }, { 0x4000, "AT_STATX_DONT_SYNC" },
		};
		unsigned f = (unsigned)c->a[2];
		unsigned sync = f & AT_STATX_SYNC_TYPE;
		if (sync == 0)
			tr_puts("AT_STATX_SYNC_AS_STAT");
		else
			p_flags(sync_types, ARRAY_SIZE(sync_types), sync, NULL);
		f &= ~AT_STATX_SYNC_TYPE;
		if (f) {
			tr_putc('|');
			p_flags(at_flags, ARRAY_SIZE(at_flags), f, NULL);
		}
		p_sep();
		if ((unsigned)c->a[3] == 0x7ff)
			tr_puts("STATX_BASIC_STATS");
		else if ((unsigned)c->a[3] == 0xfff)
			tr_puts("STATX_ALL");
		else
			tr_printf("%#x", (unsigned)c->a[3]);
		p_sep();
		return;
	}
	struct k_statx sx;
	if (c->ret < 0 || !peek((uintptr_t)c->a[4], &sx, sizeof(sx))) {
		p_addr((uintptr_t)c->a[4]);
		return;
	}
	tr_puts("{stx_mask=");
	tr_puts(sx.stx_mask == 0x7ff ? "STATX_BASIC_STATS" : "0");
	tr_printf(", stx_attributes=0, stx_mode=");
	p_file_mode(sx.stx_mode);
	tr_printf(", stx_size=%lu, ...}", sx.stx_size);
}

static void
tr_getdents64(struct trc *c)
{
	ENTER {
		p_fd(c->a[0]);
		p_sep();
		return;
	}
	p_addr((uintptr_t)c->a[1]);
	if (c->ret >= 0 && c->ret <= c->a[2]) {
		unsigned n = 0;
		uintptr_t p = (uintptr_t)c->a[1], end = p + (uintptr_t)c->ret;
		while (p + 19 <= end) {
			uint16_t reclen;
			if (!peek(p + 16, &reclen, 2) || reclen < 19)
				break;
			n++;
			p += reclen;
		}
		tr_printf(" /* %u entries */", n);
	}
	p_sep();
	p_ulong((unsigned)c->a[2]);
}

/* An ioctl request strace has no name for, split as strace 6.1 splits it:
 * _IOC(dir, type, nr, size) in the generic layout both arches use
 * (nr 8 bits, type 8, size 14, dir 2: _IOC_WRITE 1, _IOC_READ 2). */
static void
p_ioctl_code(unsigned cmd)
{
	unsigned dir = cmd >> 30;
	tr_puts("_IOC(");
	if (dir == 0)
		tr_puts("_IOC_NONE");
	else if (dir == 1)
		tr_puts("_IOC_WRITE");
	else if (dir == 2)
		tr_puts("_IOC_READ");
	else
		tr_puts("_IOC_READ|_IOC_WRITE");
	tr_printf(", %#x, %#x, %#x)", (cmd >> 8) & 0xff, cmd & 0xff, (cmd >> 16) & 0x3fff);
}

static void
tr_ioctl(struct trc *c)
{
	unsigned cmd = (unsigned)c->a[1];
	ENTER {
		p_fd(c->a[0]);
		p_sep();
		static const struct xlat cmds[] = {
			X(TCGETS), X(TCSETS), X(TCSETSW), X(TCSETSF), X(TIOCSCTTY), X(TIOCGPGRP),
			X(TIOCSPGRP), X(TIOCGWINSZ), X(TIOCSWINSZ), X(FIONREAD), X(FIONBIO),
		};
		int known = 0;
		for (size_t i = 0; i < ARRAY_SIZE(cmds); i++)
			if (cmds[i].val == cmd) {
				tr_puts(cmds[i].name);
				known = 1;
			}
		if (!known) {
			p_ioctl_code(cmd);
			p_sep();
			tr_printf("%#lx", c->a[2]);
			return;
		}
		if (cmd == TIOCSWINSZ || cmd == TIOCSPGRP || cmd == FIONBIO || cmd == TCSETS ||
		    cmd == TCSETSW || cmd == TCSETSF) {
			p_sep();
			p_addr((uintptr_t)c->a[2]);
		}
		return;
	}
	if (cmd == TIOCGWINSZ) {
		struct k_winsize w;
		p_sep();
		if (c->ret < 0 || !peek((uintptr_t)c->a[2], &w, sizeof(w)))
			p_addr((uintptr_t)c->a[2]);
		else
			tr_printf("{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}",
				  w.ws_row, w.ws_col, w.ws_xpixel, w.ws_ypixel);
	} else if (cmd == TIOCGPGRP || cmd == FIONREAD) {
		int v;
		p_sep();
		if (c->ret < 0 || !peek((uintptr_t)c->a[2], &v, sizeof(v)))
			p_addr((uintptr_t)c->a[2]);
		else
			tr_printf("[%d]", v);
	} else if (cmd == TCGETS) {
		struct k_termios t;
		p_sep();
		if (c->ret < 0 || !peek((uintptr_t)c->a[2], &t, sizeof(t)))
			p_addr((uintptr_t)c->a[2]);
		else
			tr_printf("{c_iflag=%#x, c_oflag=%#x, c_cflag=%#x, c_lflag=%#x, ...}",
				  t.c_iflag, t.c_oflag, t.c_cflag, t.c_lflag);
	}
}

static void
tr_fcntl(struct trc *c)
{
	static const struct xlat cmds[] = {
		X(F_DUPFD), X(F_GETFD), X(F_SETFD), X(F_GETFL), X(F_SETFL), X(F_DUPFD_CLOEXEC),
	};
	int cmd = (int)c->a[1];
	ENTER {
		p_fd(c->a[0]);
		p_sep();
		p_xval(cmds, ARRAY_SIZE(cmds), (unsigned)cmd, "F_???");
		if (cmd == F_SETFD) {
			p_sep();
			if (c->a[2] == FD_CLOEXEC)
				tr_puts("FD_CLOEXEC");
			else
				tr_printf("%#lx", c->a[2]);
		} else if (cmd == F_SETFL) {
			p_sep();
			p_open_flags(c->a[2]);
		} else if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) {
			p_sep();
			p_int(c->a[2]);
		} else if (cmd != F_GETFD && cmd != F_GETFL) {
			p_sep();
			tr_printf("%#lx", c->a[2]);
		}
		return;
	}
	if (c->ret >= 0 && cmd == F_GETFD && c->ret)
		ksnprintf(c->suffix, sizeof(c->suffix), " (flags FD_CLOEXEC)");
	if (c->ret >= 0 && cmd == F_GETFL) {
		static const char *acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
		char *s = c->suffix;
		size_t n = sizeof(c->suffix);
		int l = ksnprintf(s, n, " (flags %s", acc[c->ret & 3]);
		for (size_t i = 0; i < ARRAY_SIZE(open_flags); i++)
			if ((c->ret & (long)open_flags[i].val) == (long)open_flags[i].val && open_flags[i].val)
				l += ksnprintf(s + l, n - l, "|%s", open_flags[i].name);
		ksnprintf(s + l, n - l, ")");
	}
}

static void
tr_dup2(struct trc *c)
{
	ENTER {
		p_fd(c->a[0]);
		p_sep();
		p_fd(c->a[1]);
	}
}

static void
tr_dup3(struct trc *c)
{
	ENTER {
		tr_dup2(c);
		p_sep();
		p_flags(open_flags, ARRAY_SIZE(open_flags), (unsigned)c->a[2], "O_???");
	}
}

static void
p_fdpair(uintptr_t u, long ret)
{
	int fds[2];
	if (ret < 0 || !peek(u, fds, sizeof(fds)))
		p_addr(u);
	else
		tr_printf("[%d, %d]", fds[0], fds[1]);
}

/* UNUSED: not every arch has this syscall */
static UNUSED void
tr_pipe(struct trc *c)
{
	EXIT p_fdpair((uintptr_t)c->a[0], c->ret);
}

static void
tr_pipe2(struct trc *c)
{
	EXIT {
		p_fdpair((uintptr_t)c->a[0], c->ret);
		p_sep();
		p_flags(open_flags, ARRAY_SIZE(open_flags), (unsigned)c->a[1], "O_???");
	}
}

static void
p_access_mode(long m)
{
	static const struct xlat am[] = { { 4, "R_OK" }, { 2, "W_OK" }, { 1, "X_OK" } };
	if (m == 0)
		tr_puts("F_OK");
	else
		p_flags(am, ARRAY_SIZE(am), (unsigned)m, "?_OK");
}

/* UNUSED: not every arch has this syscall */
static UNUSED void
tr_access(struct trc *c)
{
	ENTER {
		p_path((uintptr_t)c->a[0]);
		p_sep();
		p_access_mode(c->a[1]);
	}
}

static void
tr_faccessat(struct trc *c)
{
	ENTER {
		p_dirfd(c->a[0]);
		p_sep();
		p_path((uintptr_t)c->a[1]);
		p_sep();
		p_access_mode(c->a[2]);
	}
}

static void
tr_faccessat2(struct trc *c)
{
	ENTER {
		tr_faccessat(c);
		p_sep();
		p_flags(at_flags, ARRAY_SIZE(at_flags), (unsigned)c->a[3], "AT_???");
	}
}

/* UNUSED: not every arch has this syscall */
static UNUSED void
tr_readlink(struct trc *c)
{
	ENTER {
		p_path((uintptr_t)c->a[0]);
		p_sep();
		return;
	}
	if (c->ret >= 0)
		p_buf((uintptr_t)c->a[1], c->ret);
	else
		p_addr((uintptr_t)c->a[1]);
	p_sep();
	p_ulong(c->a[2]);
}

static void
tr_getcwd(struct trc *c)
{
	EXIT {
		if (c->ret > 0)
			p_buf((uintptr_t)c->a[0], c->ret - 1);
		else
			p_addr((uintptr_t)c->a[0]);
		p_sep();
		p_ulong(c->a[1]);
	}
}

/* UNUSED: not every arch has this syscall */
static UNUSED void
tr_path_mode(struct trc *c)
{
	ENTER {
		p_path((uintptr_t)c->a[0]);
		p_sep();
		p_mode(c->a[1]);
	}
}

static void
tr_mkdirat(struct trc *c)
{
	ENTER {
		p_dirfd(c->a[0]);
		p_sep();
		p_path((uintptr_t)c->a[1]);
		p_sep();
		p_mode(c->a[2]);
	}
}

static void
tr_unlinkat(struct trc *c)
{
	ENTER {
		p_dirfd(c->a[0]);
		p_sep();
		p_path((uintptr_t)c->a[1]);
		p_sep();
		p_flags(at_flags, ARRAY_SIZE(at_flags), (unsigned)c->a[2], "AT_???");
	}
}

static void
tr_umask(struct trc *c)
{
	ENTER p_mode(c->a[0]);
}

static void
tr_ftruncate(struct trc *c)
{
	ENTER {
		p_fd(c->a[0]);
		p_sep();
		tr_printf("%ld", c->a[1]);
	}
}

/* UNUSED: not every arch has this syscall */
static UNUSED void
tr_poll(struct trc *c)
{
	ENTER {
		p_addr((uintptr_t)c->a[0]);
		p_sep();
		p_ulong(c->a[1]);
		p_sep();
		p_int(c->a[2]);
	}
}

/* ---- memory ---- */

static const struct xlat prot_flags[] = {
	X(PROT_READ), X(PROT_WRITE), X(PROT_EXEC), { 0x8, "PROT_SEM" },
	X(PROT_GROWSDOWN), X(PROT_GROWSUP),
};

static void
p_prot(long p)
{
	if (p == 0)
		tr_puts("PROT_NONE");
	else
		p_flags(prot_flags, ARRAY_SIZE(prot_flags), (unsigned)p, "PROT_???");
}

static void
tr_brk(struct trc *c)
{
	ENTER p_addr((uintptr_t)c->a[0]);
}

static void
tr_mmap(struct trc *c)
{
	/* strace's mmap_flags, in its order (MAP_32BIT exists on x86 only) */
	static const struct xlat mflags[] = {
		X(MAP_FIXED), X(MAP_ANONYMOUS), { ABI_MAP_32BIT, "MAP_32BIT" }, X(MAP_NORESERVE),
		X(MAP_POPULATE), X(MAP_NONBLOCK), X(MAP_GROWSDOWN), X(MAP_DENYWRITE),
		X(MAP_EXECUTABLE), X(MAP_LOCKED), X(MAP_STACK), X(MAP_HUGETLB), X(MAP_SYNC),
		{ 0x4000000, "MAP_UNINITIALIZED" }, X(MAP_FIXED_NOREPLACE),
	};
	static const char *types[] = {
		"MAP_FILE", "MAP_SHARED", "MAP_PRIVATE", "MAP_SHARED_VALIDATE",
	};
	ENTER {
		p_addr((uintptr_t)c->a[0]);
		p_sep();
		p_ulong(c->a[1]);
		p_sep();
		p_prot(c->a[2]);
		p_sep();
		unsigned f = (unsigned)c->a[3];
		unsigned t = f & MAP_TYPE;
		if (t < 4)
			tr_puts(types[t]);
		else
			tr_printf("%#x /* MAP_??? */", t);
		f &= ~MAP_TYPE;
		/* the huge page size field, MAP_HUGE_SHIFT = 26, six bits */
		unsigned huge = f & (0x3fu << 26);
		f &= ~(0x3fu << 26);
		if (f) {
			tr_putc('|');
			p_flags(mflags, ARRAY_SIZE(mflags), f, NULL);
		}
		if (huge)
			tr_printf("|%u<<MAP_HUGE_SHIFT", huge >> 26);
		p_sep();
		p_fd(c->a[4]);
		p_sep();
		tr_printf("%#lx", c->a[5]);
	}
}

static void
tr_munmap(struct trc *c)
{
	ENTER {
		p_addr((uintptr_t)c->a[0]);
		p_sep();
		p_ulong(c->a[1]);
	}
}

static void
tr_mprotect(struct trc *c)
{
	ENTER {
		tr_munmap(c);
		p_sep();
		p_prot(c->a[2]);
	}
}

static void
tr_madvise(struct trc *c)
{
	static const struct xlat adv[] = {
		{ 0, "MADV_NORMAL" }, { 1, "MADV_RANDOM" }, { 2, "MADV_SEQUENTIAL" },
		{ 3, "MADV_WILLNEED" }, { 4, "MADV_DONTNEED" }, { 8, "MADV_FREE" },
	};
	ENTER {
		tr_munmap(c);
		p_sep();
		p_xval(adv, ARRAY_SIZE(adv), (unsigned)c->a[2], "MADV_???");
	}
}

/* ---- processes ---- */

static const struct xlat clone_flags[] = {
	X(CLONE_VM), X(CLONE_FS), X(CLONE_FILES), X(CLONE_SIGHAND), X(CLONE_PIDFD),
	X(CLONE_PTRACE), X(CLONE_VFORK), X(CLONE_PARENT), X(CLONE_THREAD), X(CLONE_NEWNS),
	X(CLONE_SYSVSEM), X(CLONE_SETTLS), X(CLONE_PARENT_SETTID), X(CLONE_CHILD_CLEARTID),
	X(CLONE_UNTRACED), X(CLONE_CHILD_SETTID), X(CLONE_NEWCGROUP), X(CLONE_NEWUTS),
	X(CLONE_NEWIPC), X(CLONE_NEWUSER), X(CLONE_NEWPID), X(CLONE_NEWNET), X(CLONE_IO),
	X(CLONE_NEWTIME), X(CLONE_CLEAR_SIGHAND), X(CLONE_INTO_CGROUP),
};

static void
p_int_at(uintptr_t u)
{
	int v;
	if (peek(u, &v, sizeof(v)))
		tr_printf("[%d]", v);
	else
		p_addr(u);
}

static void
tr_clone(struct trc *c)
{
	uint64_t flags = (uint64_t)c->a[0] & ~(uint64_t)CSIGNAL;
	uintptr_t ptid = (uintptr_t)c->a[2];
	uintptr_t ctid = (uintptr_t)(ABI_CLONE_ARGS_TLS_LAST ? c->a[3] : c->a[4]);
	uintptr_t tls = (uintptr_t)(ABI_CLONE_ARGS_TLS_LAST ? c->a[4] : c->a[3]);
	ENTER {
		int sig = (int)(c->a[0] & CSIGNAL);
		tr_puts("child_stack=");
		p_addr((uintptr_t)c->a[1]);
		tr_puts(", flags=");
		/* only the low 32 bits are clone() flags */
		flags &= 0xffffffffULL;
		if (flags) {
			p_flags(clone_flags, 23, flags, "CLONE_???");
			if (sig) {
				tr_putc('|');
				p_signame(sig);
			}
		} else if (sig)
			p_signame(sig);
		else
			tr_putc('0');
		return;
	}
	flags &= 0xffffffffULL;
	if (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) {
		tr_puts(flags & CLONE_PARENT_SETTID ? ", parent_tid=" : ", pidfd=");
		p_int_at(ptid);
	}
	if (flags & CLONE_SETTLS)
		tr_printf(", tls=%#lx", tls);
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		tr_puts(", child_tidptr=");
		p_addr(ctid);
	}
}

static void
tr_clone3(struct trc *c)
{
	uintptr_t u = (uintptr_t)c->a[0];
	size_t size = (size_t)c->a[1];
	struct k_clone_args a;
	size_t fetch = MIN(size, sizeof(a));
	memset(&a, 0, sizeof(a));
	ENTER {
		if (fetch < 64 || !peek(u, &a, fetch)) {
			p_addr(u);
			tr_printf(", %lu", (unsigned long)size);
			return;
		}
		tr_puts("{flags=");
		p_flags(clone_flags, ARRAY_SIZE(clone_flags), a.flags, "CLONE_???");
		if (a.flags & CLONE_PIDFD) {
			tr_puts(", pidfd=");
			p_addr(a.pidfd);
		}
		if (a.flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
			tr_puts(", child_tid=");
			p_addr(a.child_tid);
		}
		if (a.flags & CLONE_PARENT_SETTID) {
			tr_puts(", parent_tid=");
			p_addr(a.parent_tid);
		}
		tr_puts(", exit_signal=");
		if (a.exit_signal < 0x7fffffff)
			p_signame((long)a.exit_signal);
		else
			tr_printf("%lu", a.exit_signal);
		tr_puts(", stack=");
		p_addr(a.stack);
		tr_printf(", stack_size=%#lx", a.stack_size);
		if (a.flags & CLONE_SETTLS)
			tr_printf(", tls=%#lx", a.tls);
		if (a.set_tid || a.set_tid_size) {
			tr_puts(", set_tid=");
			p_addr(a.set_tid);
			tr_printf(", set_tid_size=%lu", a.set_tid_size);
		}
		if (fetch > 80 && (a.cgroup || (a.flags & CLONE_INTO_CGROUP)))
			tr_printf(", cgroup=%lu", a.cgroup);
		if (size > fetch) {
			/* strace shows the tail past the known struct when any of it is nonzero */
			uint8_t b;
			size_t end = MIN(size, PAGE_SIZE), off;
			for (off = fetch; off < end; off++)
				if (peek(u + off, &b, 1) && b)
					break;
			if (off < end) {
				tr_printf(", /* bytes %lu..%lu */ \"", fetch, end - 1);
				for (off = fetch; off < end && peek(u + off, &b, 1); off++)
					tr_printf("\\x%02x", b);
				tr_putc('"');
			}
		}
		tr_putc('}');
		if ((a.flags & (CLONE_PIDFD | CLONE_PARENT_SETTID)) || size > fetch)
			return;
		tr_printf(", %lu", (unsigned long)size);
		c->t->sc_entry_done = 1;      /* fully printed at entry */
		return;
	}
	if (c->t->sc_entry_done || fetch < 64 || !peek(u, &a, 64))
		return;
	if (c->ret >= 0 && peek(u, &a, fetch)) {
		const char *pre = " => {";
		if (a.flags & CLONE_PIDFD) {
			tr_printf("%spidfd=", pre);
			p_int_at(a.pidfd);
			pre = ", ";
		}
		if (a.flags & CLONE_PARENT_SETTID) {
			tr_printf("%sparent_tid=", pre);
			p_int_at(a.parent_tid);
			pre = ", ";
		}
		if (pre[0] == ',')
			tr_putc('}');
	}
	tr_printf(", %lu", (unsigned long)size);
}

static void
tr_execve(struct trc *c)
{
	ENTER {
		p_path((uintptr_t)c->a[0]);
		p_sep();
		uintptr_t av = (uintptr_t)c->a[1];
		uintptr_t p;
		if (!av) {
			tr_puts("NULL");
		} else if (!peek(av, &p, sizeof(p))) {
			p_addr(av);
		} else {
			tr_putc('[');
			for (int i = 0; peek(av + (uintptr_t)i * 8, &p, 8) && p; i++) {
				if (i)
					p_sep();
				p_path(p);
			}
			tr_putc(']');
		}
		p_sep();
		uintptr_t ev = (uintptr_t)c->a[2];
		if (!ev) {
			tr_puts("NULL");
			return;
		}
		int n = 0;
		while (peek(ev + (uintptr_t)n * 8, &p, 8) && p)
			n++;
		tr_printf("%#lx /* %d var%s */", ev, n, n == 1 ? "" : "s");
	}
}

static void
tr_exit(struct trc *c)
{
	ENTER p_int(c->a[0]);
}

static void
p_wstatus(int st)
{
	tr_putc('[');
	if ((st & 0x7f) == 0)
		tr_printf("{WIFEXITED(s) && WEXITSTATUS(s) == %d}", (st >> 8) & 0xff);
	else if ((st & 0xff) == 0x7f)
		tr_printf("{WIFSTOPPED(s) && WSTOPSIG(s) == %s}", signal_name((st >> 8) & 0xff));
	else
		tr_printf("{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}", signal_name(st & 0x7f),
			  (st & 0x80) ? " && WCOREDUMP(s)" : "");
	tr_putc(']');
}

static const struct xlat wait_opts[] = {
	X(WNOHANG), X(WUNTRACED), X(WEXITED), X(WCONTINUED), X(WNOWAIT),
	{ __WCLONE, "__WCLONE" }, X(__WALL), X(__WNOTHREAD),
};

static void
tr_wait4(struct trc *c)
{
	ENTER {
		p_int(c->a[0]);
		p_sep();
		return;
	}
	int st;
	uintptr_t u = (uintptr_t)c->a[1];
	if (c->ret <= 0 || !u)
		p_addr(u);
	else if (peek(u, &st, sizeof(st)))
		p_wstatus(st);
	else
		p_addr(u);
	p_sep();
	p_flags(wait_opts, ARRAY_SIZE(wait_opts), (unsigned)c->a[2], "W???");
	p_sep();
	if (c->ret > 0 && c->a[3])
		tr_puts("{ru_utime={tv_sec=0, tv_usec=0}, ru_stime={tv_sec=0, tv_usec=0}, ...}");
	else
		p_addr((uintptr_t)c->a[3]);
}

static void
tr_waitid(struct trc *c)
{
	static const struct xlat idt[] = { { 0, "P_ALL" }, { 1, "P_PID" }, { 2, "P_PGID" }, { 3, "P_PIDFD" } };
	ENTER {
		p_xval(idt, ARRAY_SIZE(idt), (unsigned)c->a[0], "P_???");
		p_sep();
		p_int(c->a[1]);
		p_sep();
		return;
	}
	p_addr((uintptr_t)c->a[2]);
	p_sep();
	p_flags(wait_opts, ARRAY_SIZE(wait_opts), (unsigned)c->a[3], "W???");
	p_sep();
	p_addr((uintptr_t)c->a[4]);
}

static void
tr_addr_only(struct trc *c)
{
	ENTER p_addr((uintptr_t)c->a[0]);
}

static void
tr_set_robust_list(struct trc *c)
{
	ENTER {
		p_addr((uintptr_t)c->a[0]);
		p_sep();
		p_ulong(c->a[1]);
	}
}

static void
p_timespec(uintptr_t u)
{
	struct k_timespec ts;
	if (!peek(u, &ts, sizeof(ts)))
		p_addr(u);
	else
		tr_printf("{tv_sec=%ld, tv_nsec=%ld}", ts.tv_sec, ts.tv_nsec);
}

/* futex's op as strace's futexops xlat names it: the command, _PRIVATE,
 * and |FUTEX_CLOCK_REALTIME only where strace lists it (the waits);
 * anything else is a sign-extended hex number with FUTEX_???. */
static void
p_futex_op(int op)
{
	static const char *const names[] = {
		"FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_FD", "FUTEX_REQUEUE", "FUTEX_CMP_REQUEUE",
		"FUTEX_WAKE_OP", "FUTEX_LOCK_PI", "FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI",
		"FUTEX_WAIT_BITSET", "FUTEX_WAKE_BITSET", "FUTEX_WAIT_REQUEUE_PI",
		"FUTEX_CMP_REQUEUE_PI", "FUTEX_LOCK_PI2",
	};
	unsigned base = (unsigned)op & ~(unsigned)(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	int rt = (op & FUTEX_CLOCK_REALTIME) != 0;
	if (base >= ARRAY_SIZE(names) ||
	    (rt && base != FUTEX_WAIT && base != FUTEX_WAIT_BITSET && base != 11)) {
		tr_printf("%#lx /* FUTEX_??? */", (unsigned long)(long)op);
		return;
	}
	tr_puts(names[base]);
	if (op & FUTEX_PRIVATE_FLAG)
		tr_puts(base == 2 ? "|FUTEX_PRIVATE_FLAG" : "_PRIVATE");
	if (rt)
		tr_puts("|FUTEX_CLOCK_REALTIME");
}

static void
p_futex_bitset(unsigned v)
{
	if (v == 0xffffffffU)
		tr_puts("FUTEX_BITSET_MATCH_ANY");
	else
		tr_printf("%#x", v);
}

/* FUTEX_WAKE_OP's val3: op<<28|oparg<<12|cmp<<24|cmparg, as strace shows it */
static void
p_futex_wake_op(unsigned v)
{
	static const char *const ops[] = {
		"FUTEX_OP_SET", "FUTEX_OP_ADD", "FUTEX_OP_OR", "FUTEX_OP_ANDN", "FUTEX_OP_XOR",
	};
	static const char *const cmps[] = {
		"FUTEX_OP_CMP_EQ", "FUTEX_OP_CMP_NE", "FUTEX_OP_CMP_LT", "FUTEX_OP_CMP_LE",
		"FUTEX_OP_CMP_GT", "FUTEX_OP_CMP_GE",
	};
	unsigned op = (v >> 28) & 7, cmp = (v >> 24) & 0xf;
	if ((v >> 28) & 8)
		tr_puts("FUTEX_OP_OPARG_SHIFT<<28|");
	if (op < ARRAY_SIZE(ops))
		tr_printf("%s<<28", ops[op]);
	else
		tr_printf("%#x<<28 /* FUTEX_OP_??? */", op);
	tr_printf("|%#x<<12|", (v >> 12) & 0xfff);
	if (cmp < ARRAY_SIZE(cmps))
		tr_printf("%s<<24", cmps[cmp]);
	else
		tr_printf("%#x<<24 /* FUTEX_OP_CMP_??? */", cmp);
	tr_printf("|%#x", v & 0xfff);
}

/* The arguments strace 6.1 prints for each futex command (unknown ones:
 * all five after the op). */
static void
tr_futex(struct trc *c)
{
	ENTER {
		int op = (int)c->a[1];
		unsigned val = (unsigned)c->a[2], val2 = (unsigned)c->a[3];
		unsigned val3 = (unsigned)c->a[5];
		uintptr_t timeout = (uintptr_t)c->a[3], uaddr2 = (uintptr_t)c->a[4];
		p_addr((uintptr_t)c->a[0]);
		p_sep();
		p_futex_op(op);
		switch (op & 127) {
		case FUTEX_WAIT:
		case 11:                       /* FUTEX_WAIT_REQUEUE_PI */
			tr_printf(", %u, ", val);
			if (timeout)
				p_timespec(timeout);
			else
				tr_puts("NULL");
			if ((op & 127) == 11) {
				p_sep();
				p_addr(uaddr2);
			}
			break;
		case 6:                        /* FUTEX_LOCK_PI */
		case 13:                       /* FUTEX_LOCK_PI2 */
			p_sep();
			if (timeout)
				p_timespec(timeout);
			else
				tr_puts("NULL");
			break;
		case FUTEX_WAIT_BITSET:
			tr_printf(", %u, ", val);
			if (timeout)
				p_timespec(timeout);
			else
				tr_puts("NULL");
			p_sep();
			p_futex_bitset(val3);
			break;
		case FUTEX_WAKE_BITSET:
			tr_printf(", %u, ", val);
			p_futex_bitset(val3);
			break;
		case FUTEX_REQUEUE:
			tr_printf(", %u, %u, ", val, val2);
			p_addr(uaddr2);
			break;
		case FUTEX_CMP_REQUEUE:
		case 12:                       /* FUTEX_CMP_REQUEUE_PI */
			tr_printf(", %u, %u, ", val, val2);
			p_addr(uaddr2);
			tr_printf(", %u", val3);
			break;
		case FUTEX_WAKE_OP:
			tr_printf(", %u, %u, ", val, val2);
			p_addr(uaddr2);
			p_sep();
			p_futex_wake_op(val3);
			break;
		case 2:                        /* FUTEX_FD */
		case FUTEX_WAKE:
			tr_printf(", %u", val);
			break;
		case 7:                        /* FUTEX_UNLOCK_PI */
		case 8:                        /* FUTEX_TRYLOCK_PI */
			break;
		default:
			tr_printf(", %u, ", val);
			p_addr(timeout);
			p_sep();
			p_addr(uaddr2);
			tr_printf(", %#x", val3);
		}
	}
}

static void
p_sigmask(uint64_t m)
{
	uint32_t lo = (uint32_t)m, hi = (uint32_t)(m >> 32);
	int bits = __builtin_popcount(lo) + __builtin_popcount(hi);
	if (bits >= 64 * 2 / 3) {
		tr_putc('~');
		m = ~m;
	}
	char sep = '[';
	for (int i = 0; i < 64; i++)
		if (m & (1UL << i)) {
			tr_putc(sep);
			sep = ' ';
			const char *n = signal_name(i + 1);
			tr_puts(n[0] == 'S' && n[1] == 'I' && n[2] == 'G' ? n + 3 : n);
		}
	if (sep == '[')
		tr_putc('[');
	tr_putc(']');
}

static void
p_sigset(uintptr_t u, long len)
{
	uint64_t m;
	if (!u)
		tr_puts("NULL");
	else if (len != 8 || !peek(u, &m, sizeof(m)))
		p_addr(u);
	else
		p_sigmask(m);
}

static void
p_sigaction(uintptr_t u)
{
	static const struct xlat saf[] = {
		/* an arch without sa_restorer (riscv64) shows the bit as unknown */
		{ ABI_HAS_SA_RESTORER ? SA_RESTORER : 0, "SA_RESTORER" }, { SA_ONSTACK, "SA_ONSTACK" },
		{ SA_RESTART, "SA_RESTART" }, { SA_NODEFER, "SA_NODEFER" },
		{ SA_RESETHAND, "SA_RESETHAND" }, { SA_SIGINFO, "SA_SIGINFO" },
		{ SA_NOCLDSTOP, "SA_NOCLDSTOP" }, { SA_NOCLDWAIT, "SA_NOCLDWAIT" },
	};
	struct abi_sigaction sa;
	if (!u) {
		tr_puts("NULL");
		return;
	}
	if (!peek(u, &sa, sizeof(sa))) {
		p_addr(u);
		return;
	}
	tr_puts("{sa_handler=");
	if (sa.handler == SIG_DFL)
		tr_puts("SIG_DFL");
	else if (sa.handler == SIG_IGN)
		tr_puts("SIG_IGN");
	else
		p_addr(sa.handler);
	tr_puts(", sa_mask=");
	p_sigmask(sa.mask);
	tr_puts(", sa_flags=");
	p_flags(saf, ARRAY_SIZE(saf), (uint32_t)sa.flags, "SA_???");
	if (ABI_HAS_SA_RESTORER && (sa.flags & SA_RESTORER)) {
		tr_puts(", sa_restorer=");
		p_addr(abi_sigaction_restorer(&sa));
	}
	tr_putc('}');
}

static void
tr_rt_sigaction(struct trc *c)
{
	ENTER {
		p_signame(c->a[0]);
		p_sep();
		p_sigaction((uintptr_t)c->a[1]);
		p_sep();
		return;
	}
	if (c->ret < 0 && c->a[2])
		p_addr((uintptr_t)c->a[2]);
	else
		p_sigaction((uintptr_t)c->a[2]);
	p_sep();
	p_ulong(c->a[3]);
}

static void
tr_rt_sigprocmask(struct trc *c)
{
	static const struct xlat how[] = { X(SIG_BLOCK), X(SIG_UNBLOCK), X(SIG_SETMASK) };
	ENTER {
		p_xval(how, ARRAY_SIZE(how), (unsigned)c->a[0], "SIG_???");
		p_sep();
		p_sigset((uintptr_t)c->a[1], c->a[3]);
		p_sep();
		return;
	}
	if (c->ret < 0 && c->a[2])
		p_addr((uintptr_t)c->a[2]);
	else
		p_sigset((uintptr_t)c->a[2], c->a[3]);
	p_sep();
	p_ulong(c->a[3]);
}

static void
tr_rt_sigreturn(struct trc *c)
{
	ENTER {
		/* the mask the frame will restore (ucontext.uc_sigmask) */
		uint64_t m;
		uintptr_t at = signal_frame_mask_addr(c->t->tf);
		if (peek(at, &m, sizeof(m))) {
			tr_puts("{mask=");
			p_sigmask(m);
			tr_putc('}');
		} else
			p_addr(arch_tf_sp(c->t->tf));
	}
}

static void
tr_rt_sigsuspend(struct trc *c)
{
	ENTER {
		p_sigset((uintptr_t)c->a[0], c->a[1]);
		p_sep();
		p_ulong(c->a[1]);
	}
}

static void
tr_kill(struct trc *c)
{
	ENTER {
		p_int(c->a[0]);
		p_sep();
		p_signame((int)c->a[1]);
	}
}

static void
tr_tgkill(struct trc *c)
{
	ENTER {
		p_int(c->a[0]);
		p_sep();
		p_int(c->a[1]);
		p_sep();
		p_signame((int)c->a[2]);
	}
}

static void
tr_int_only(struct trc *c)
{
	ENTER p_int(c->a[0]);
}

static void
tr_int2(struct trc *c)
{
	ENTER {
		p_int(c->a[0]);
		p_sep();
		p_int(c->a[1]);
	}
}

/* ---- misc ---- */

static void
tr_uname(struct trc *c)
{
	EXIT {
		struct k_utsname u;
		if (c->ret < 0 || !peek((uintptr_t)c->a[0], &u, sizeof(u))) {
			p_addr((uintptr_t)c->a[0]);
			return;
		}
		tr_puts("{sysname=");
		tr_quote(u.sysname, strnlen(u.sysname, 65), 0);
		tr_puts(", nodename=");
		tr_quote(u.nodename, strnlen(u.nodename, 65), 0);
		tr_puts(", ...}");
	}
}

static const struct xlat clocks[] = {
	X(CLOCK_REALTIME), X(CLOCK_MONOTONIC), X(CLOCK_PROCESS_CPUTIME_ID),
	X(CLOCK_THREAD_CPUTIME_ID), X(CLOCK_MONOTONIC_RAW), X(CLOCK_REALTIME_COARSE),
	X(CLOCK_MONOTONIC_COARSE), X(CLOCK_BOOTTIME),
};

static void
tr_clock_gettime(struct trc *c)
{
	ENTER {
		p_xval(clocks, ARRAY_SIZE(clocks), (unsigned)c->a[0], "CLOCK_???");
		p_sep();
		return;
	}
	if (c->ret < 0)
		p_addr((uintptr_t)c->a[1]);
	else
		p_timespec((uintptr_t)c->a[1]);
}

static void
tr_gettimeofday(struct trc *c)
{
	EXIT {
		int64_t tv[2];
		if (c->ret < 0 || !peek((uintptr_t)c->a[0], tv, sizeof(tv)))
			p_addr((uintptr_t)c->a[0]);
		else
			tr_printf("{tv_sec=%ld, tv_usec=%ld}", tv[0], tv[1]);
		p_sep();
		p_addr((uintptr_t)c->a[1]);
	}
}

static void
tr_nanosleep(struct trc *c)
{
	ENTER {
		p_timespec((uintptr_t)c->a[0]);
		p_sep();
		return;
	}
	if (c->a[1] && c->ret < 0)
		p_timespec((uintptr_t)c->a[1]);
	else
		p_addr((uintptr_t)c->a[1]);
}

static void
tr_clock_nanosleep(struct trc *c)
{
	ENTER {
		p_xval(clocks, ARRAY_SIZE(clocks), (unsigned)c->a[0], "CLOCK_???");
		p_sep();
		if (c->a[1] == 1)
			tr_puts("TIMER_ABSTIME");
		else
			tr_printf("%#lx", c->a[1]);
		p_sep();
		p_timespec((uintptr_t)c->a[2]);
		p_sep();
		return;
	}
	if (c->a[3] && c->ret < 0)
		p_timespec((uintptr_t)c->a[3]);
	else
		p_addr((uintptr_t)c->a[3]);
}

static const struct xlat rlimits[] = {
	X(RLIMIT_CPU), X(RLIMIT_FSIZE), X(RLIMIT_DATA), X(RLIMIT_STACK), X(RLIMIT_CORE),
	X(RLIMIT_RSS), X(RLIMIT_NPROC), X(RLIMIT_NOFILE), X(RLIMIT_MEMLOCK), X(RLIMIT_AS),
	{ 10, "RLIMIT_LOCKS" }, { 11, "RLIMIT_SIGPENDING" }, { 12, "RLIMIT_MSGQUEUE" },
	{ 13, "RLIMIT_NICE" }, { 14, "RLIMIT_RTPRIO" }, { 15, "RLIMIT_RTTIME" },
};

static void
p_rlim_val(uint64_t v)
{
	if (v == RLIM_INFINITY)
		tr_puts("RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		tr_printf("%lu*1024", v / 1024);
	else
		tr_printf("%lu", v);
}

static void
p_rlimit(uintptr_t u)
{
	struct k_rlimit r;
	if (!u) {
		tr_puts("NULL");
		return;
	}
	if (!peek(u, &r, sizeof(r))) {
		p_addr(u);
		return;
	}
	tr_puts("{rlim_cur=");
	p_rlim_val(r.cur);
	tr_puts(", rlim_max=");
	p_rlim_val(r.max);
	tr_putc('}');
}

static void
tr_prlimit64(struct trc *c)
{
	ENTER {
		p_int(c->a[0]);
		p_sep();
		p_xval(rlimits, ARRAY_SIZE(rlimits), (unsigned)c->a[1], "RLIMIT_???");
		p_sep();
		p_rlimit((uintptr_t)c->a[2]);
		p_sep();
		return;
	}
	if (c->ret < 0)
		p_addr((uintptr_t)c->a[3]);
	else
		p_rlimit((uintptr_t)c->a[3]);
}

static void
tr_getrandom(struct trc *c)
{
	static const struct xlat gf[] = { X(GRND_NONBLOCK), X(GRND_RANDOM), X(GRND_INSECURE) };
	EXIT {
		if (c->ret >= 0)
			p_buf((uintptr_t)c->a[0], c->ret);
		else
			p_addr((uintptr_t)c->a[0]);
		p_sep();
		p_ulong(c->a[1]);
		p_sep();
		p_flags(gf, ARRAY_SIZE(gf), (unsigned)c->a[2], "GRND_???");
	}
}

/* UNUSED: not every arch has this syscall */
static UNUSED void
tr_arch_prctl(struct trc *c)
{
	static const struct xlat codes[] = { X(ARCH_SET_GS), X(ARCH_SET_FS), X(ARCH_GET_FS), X(ARCH_GET_GS) };
	unsigned code = (unsigned)c->a[0];
	ENTER {
		p_xval(codes, ARRAY_SIZE(codes), code, "ARCH_???");
		p_sep();
		if (code == ARCH_SET_FS || code == ARCH_SET_GS || (code != ARCH_GET_FS && code != ARCH_GET_GS))
			tr_printf("%#lx", c->a[1]);
		return;
	}
	if (code == ARCH_GET_FS || code == ARCH_GET_GS) {
		uint64_t v;
		if (c->ret >= 0 && peek((uintptr_t)c->a[1], &v, 8))
			tr_printf("[%#lx]", v);
		else
			p_addr((uintptr_t)c->a[1]);
	}
}

static void
tr_sched_getaffinity(struct trc *c)
{
	ENTER {
		p_int(c->a[0]);
		p_sep();
		p_ulong(c->a[1]);
		p_sep();
		return;
	}
	uint64_t m;
	if (c->ret > 0 && peek((uintptr_t)c->a[2], &m, 8)) {
		tr_putc('[');
		int first = 1;
		for (int i = 0; i < 64; i++)
			if (m & (1UL << i)) {
				tr_printf(first ? "%d" : " %d", i);
				first = 0;
			}
		tr_putc(']');
	} else
		p_addr((uintptr_t)c->a[2]);
}

void
tr_siginfo(const struct k_siginfo *si)
{
	tr_printf("{si_signo=%s, si_code=", signal_name(si->signo));
	int code = si->code;
	const char *cn = NULL;
	if (code == SI_USER) cn = "SI_USER";
	else if (code == SI_KERNEL) cn = "SI_KERNEL";
	else if (code == SI_TKILL) cn = "SI_TKILL";
	else if (code == SI_QUEUE) cn = "SI_QUEUE";
	else if (si->signo == SIGCHLD)
		cn = code == CLD_EXITED ? "CLD_EXITED" : code == CLD_KILLED ? "CLD_KILLED"
		   : code == CLD_DUMPED ? "CLD_DUMPED" : NULL;
	else if (si->signo == SIGSEGV)
		cn = code == SEGV_MAPERR ? "SEGV_MAPERR" : code == SEGV_ACCERR ? "SEGV_ACCERR" : NULL;
	else if (si->signo == SIGBUS)
		cn = code == BUS_ADRALN ? "BUS_ADRALN" : code == BUS_ADRERR ? "BUS_ADRERR" : NULL;
	else if (si->signo == SIGILL)
		cn = code == ILL_ILLOPN ? "ILL_ILLOPN" : NULL;
	else if (si->signo == SIGFPE)
		cn = code == FPE_INTDIV ? "FPE_INTDIV" : NULL;
	else if (si->signo == SIGTRAP)
		cn = code == TRAP_BRKPT ? "TRAP_BRKPT" : NULL;
	if (cn)
		tr_puts(cn);
	else
		tr_printf("%d", code);
	int fault = si->signo == SIGSEGV || si->signo == SIGBUS || si->signo == SIGILL ||
		    si->signo == SIGFPE || si->signo == SIGTRAP;
	if (si->signo == SIGCHLD && code > 0) {
		tr_printf(", si_pid=%d, si_uid=%d, si_status=", si->pid, si->uid);
		if (code == CLD_EXITED)
			tr_printf("%d", si->status);
		else
			p_signame(si->status);
		tr_printf(", si_utime=%ld, si_stime=%ld}", si->utime, si->stime);
	} else if (fault && code > 0) {
		tr_puts(", si_addr=");
		p_addr(si->addr);
		tr_putc('}');
	} else if (code == SI_KERNEL) {
		tr_putc('}');
	} else {
		tr_printf(", si_pid=%d, si_uid=%d}", si->pid, si->uid);
	}
}

/* ---- the table ---- */

#define D(nr, fn, tr, rv) [nr] = { sys_##fn, tr, rv },

static const struct syscall_desc table[] = {
	D(__NR_read, read, tr_read, RV_DEC)
	D(__NR_write, write, tr_write, RV_DEC)
	D(__NR_readv, readv, tr_readv, RV_DEC)
	D(__NR_writev, writev, tr_writev, RV_DEC)
	D(__NR_pread64, pread64, tr_pread, RV_DEC)
	D(__NR_pwrite64, pwrite64, tr_pwrite, RV_DEC)
#ifdef __NR_open
	D(__NR_open, open, tr_open, RV_DEC)
#endif
	D(__NR_openat, openat, tr_openat, RV_DEC)
	D(__NR_close, close, tr_fd_only, RV_DEC)
	D(__NR_lseek, lseek, tr_lseek, RV_DEC)
	D(__NR_fstat, fstat, tr_fstat, RV_DEC)
#ifdef __NR_stat
	D(__NR_stat, stat, tr_stat, RV_DEC)
	D(__NR_lstat, lstat, tr_stat, RV_DEC)
#endif
	D(__NR_newfstatat, newfstatat, tr_newfstatat, RV_DEC)
	D(__NR_statx, statx, tr_statx, RV_DEC)
	D(__NR_getdents64, getdents64, tr_getdents64, RV_DEC)
	D(__NR_ioctl, ioctl, tr_ioctl, RV_DEC)
	D(__NR_fcntl, fcntl, tr_fcntl, RV_DEC)
	D(__NR_dup, dup, tr_fd_only, RV_DEC)
#ifdef __NR_dup2
	D(__NR_dup2, dup2, tr_dup2, RV_DEC)
#endif
	D(__NR_dup3, dup3, tr_dup3, RV_DEC)
#ifdef __NR_pipe
	D(__NR_pipe, pipe, tr_pipe, RV_DEC)
#endif
	D(__NR_pipe2, pipe2, tr_pipe2, RV_DEC)
#ifdef __NR_access
	D(__NR_access, access, tr_access, RV_DEC)
#endif
	D(__NR_faccessat, faccessat, tr_faccessat, RV_DEC)
	D(__NR_faccessat2, faccessat2, tr_faccessat2, RV_DEC)
#ifdef __NR_readlink
	D(__NR_readlink, readlink, tr_readlink, RV_DEC)
#endif
	D(__NR_getcwd, getcwd, tr_getcwd, RV_DEC)
	D(__NR_chdir, chdir, tr_path_only, RV_DEC)
	D(__NR_fchdir, fchdir, tr_fd_only, RV_DEC)
#ifdef __NR_mkdir
	D(__NR_mkdir, mkdir, tr_path_mode, RV_DEC)
	D(__NR_unlink, unlink, tr_path_only, RV_DEC)
	D(__NR_rmdir, rmdir, tr_path_only, RV_DEC)
#endif
	D(__NR_mkdirat, mkdirat, tr_mkdirat, RV_DEC)
	D(__NR_unlinkat, unlinkat, tr_unlinkat, RV_DEC)
	D(__NR_umask, umask, tr_umask, RV_OCT)
#ifdef __NR_poll
	D(__NR_poll, poll, tr_poll, RV_DEC)
#endif
	D(__NR_ppoll, ppoll, NULL, RV_DEC)
	D(__NR_fsync, fsync, tr_fd_only, RV_DEC)
	D(__NR_ftruncate, ftruncate, tr_ftruncate, RV_DEC)
	D(__NR_brk, brk, tr_brk, RV_HEX)
	D(__NR_mmap, mmap, tr_mmap, RV_HEX)
	D(__NR_munmap, munmap, tr_munmap, RV_DEC)
	D(__NR_mprotect, mprotect, tr_mprotect, RV_DEC)
	D(__NR_madvise, madvise, tr_madvise, RV_DEC)
#ifdef __NR_fork
	D(__NR_fork, fork_, NULL, RV_DEC)
	D(__NR_vfork, vfork_, NULL, RV_DEC)
#endif
	D(__NR_clone, clone_, tr_clone, RV_DEC)
	D(__NR_clone3, clone3_, tr_clone3, RV_DEC)
	D(__NR_execve, execve_, tr_execve, RV_DEC)
	D(__NR_exit, exit, tr_exit, RV_NONE)
	D(__NR_exit_group, exit_group, tr_exit, RV_NONE)
	D(__NR_wait4, wait4, tr_wait4, RV_DEC)
	D(__NR_waitid, waitid, tr_waitid, RV_DEC)
	D(__NR_getpid, getpid, NULL, RV_DEC)
	D(__NR_getppid, getppid, NULL, RV_DEC)
	D(__NR_gettid, gettid, NULL, RV_DEC)
	D(__NR_set_tid_address, set_tid_address, tr_addr_only, RV_DEC)
	D(__NR_set_robust_list, set_robust_list, tr_set_robust_list, RV_DEC)
	D(__NR_futex, futex, tr_futex, RV_DEC)
#ifdef __NR_arch_prctl
	D(__NR_arch_prctl, arch_prctl, tr_arch_prctl, RV_DEC)
#endif
#ifdef __NR_riscv_flush_icache
	D(__NR_riscv_flush_icache, riscv_flush_icache, NULL, RV_DEC)
#endif
	D(__NR_rt_sigaction, rt_sigaction, tr_rt_sigaction, RV_DEC)
	D(__NR_rt_sigprocmask, rt_sigprocmask, tr_rt_sigprocmask, RV_DEC)
	D(__NR_rt_sigreturn, rt_sigreturn, tr_rt_sigreturn, RV_DEC)
	D(__NR_rt_sigsuspend, rt_sigsuspend, tr_rt_sigsuspend, RV_DEC)
	D(__NR_sigaltstack, sigaltstack, NULL, RV_DEC)
	D(__NR_kill, kill, tr_kill, RV_DEC)
	D(__NR_tkill, tkill, tr_kill, RV_DEC)
	D(__NR_tgkill, tgkill, tr_tgkill, RV_DEC)
	D(__NR_sched_yield, sched_yield, NULL, RV_DEC)
	D(__NR_getpgid, getpgid, tr_int_only, RV_DEC)
	D(__NR_setpgid, setpgid, tr_int2, RV_DEC)
	D(__NR_getsid, getsid, tr_int_only, RV_DEC)
	D(__NR_setsid, setsid, NULL, RV_DEC)
#ifdef __NR_getpgrp
	D(__NR_getpgrp, getpgrp, NULL, RV_DEC)
	D(__NR_pause, pause, NULL, RV_DEC)
#endif
	D(__NR_uname, uname, tr_uname, RV_DEC)
	D(__NR_clock_gettime, clock_gettime, tr_clock_gettime, RV_DEC)
	D(__NR_clock_getres, clock_getres, tr_clock_gettime, RV_DEC)
	D(__NR_gettimeofday, gettimeofday, tr_gettimeofday, RV_DEC)
#ifdef __NR_time
	D(__NR_time, time, NULL, RV_DEC)
#endif
	D(__NR_nanosleep, nanosleep, tr_nanosleep, RV_DEC)
	D(__NR_clock_nanosleep, clock_nanosleep, tr_clock_nanosleep, RV_DEC)
	D(__NR_getuid, getuid, NULL, RV_DEC)
	D(__NR_geteuid, geteuid, NULL, RV_DEC)
	D(__NR_getgid, getgid, NULL, RV_DEC)
	D(__NR_getegid, getegid, NULL, RV_DEC)
	D(__NR_setuid, setuid, tr_int_only, RV_DEC)
	D(__NR_setgid, setgid, tr_int_only, RV_DEC)
	D(__NR_getgroups, getgroups, NULL, RV_DEC)
	D(__NR_prlimit64, prlimit64, tr_prlimit64, RV_DEC)
	D(__NR_getrlimit, getrlimit, NULL, RV_DEC)
	D(__NR_setrlimit, setrlimit, NULL, RV_DEC)
	D(__NR_getrandom, getrandom, tr_getrandom, RV_DEC)
	D(__NR_sysinfo, sysinfo, NULL, RV_DEC)
	D(__NR_times, times, NULL, RV_DEC)
	D(__NR_getrusage, getrusage, NULL, RV_DEC)
	D(__NR_prctl, prctl, NULL, RV_DEC)
	D(__NR_rseq, rseq, NULL, RV_DEC)
	D(__NR_membarrier, membarrier, NULL, RV_DEC)
	D(__NR_sched_getaffinity, sched_getaffinity, tr_sched_getaffinity, RV_DEC)
};

static const char *const names[] = {
#include "sysnames.h"
};

const struct syscall_desc *
syscall_lookup(long nr)
{
	if (nr < 0 || (unsigned long)nr >= ARRAY_SIZE(table) || !table[nr].fn)
		return NULL;
	return &table[nr];
}

const char *
syscall_name(long nr)
{
	if (nr < 0 || (unsigned long)nr >= ARRAY_SIZE(names))
		return NULL;
	return names[nr];
}
