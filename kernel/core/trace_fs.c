/*
 * kernel/core/trace_fs.c: the tracer's decoders for the file syscalls (the
 * handlers of sys_fs.c): read and write with their buffers and iovecs,
 * sendfile, open flags and modes, struct stat and statx, directory
 * entries, ioctl requests, fcntl commands, pipes, access modes, symlinks,
 * directories, poll.
 * Each prints what strace 6.1 prints, on the side (entry or exit) strace
 * prints it; the x86_64-only calls' decoders are under #ifdef __NR_x.
 */
#include "lib.h"
#include "syscall.h"
#include "task.h"
#include "trace_fmt.h"
#include "uapi.h"

/* strace's open_mode_flags, in its order and with its names (FASYNC) */
static const struct xlat open_flags[] = {
	XLAT(O_CREAT), XLAT(O_EXCL), XLAT(O_NOCTTY), XLAT(O_TRUNC), XLAT(O_APPEND),
	XLAT(O_NONBLOCK), XLAT(O_SYNC), { O_SYNC & ~O_DSYNC, "__O_SYNC" }, XLAT(O_DSYNC),
	XLAT(O_DIRECT), XLAT(O_LARGEFILE), XLAT(O_NOFOLLOW), XLAT(O_NOATIME), XLAT(O_CLOEXEC),
	XLAT(O_PATH), XLAT(O_TMPFILE), { O_TMPFILE & ~O_DIRECTORY, "__O_TMPFILE" },
	XLAT(O_DIRECTORY), { O_ASYNC, "FASYNC" },
};

/* the access mode, open flags & O_ACCMODE */
static const char *const open_access[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };

/* strace's at_flags (the AT_STATX_* sync types are statx's own) */
static const struct xlat at_flags[] = {
	XLAT(AT_SYMLINK_NOFOLLOW), { 0x200, "AT_REMOVEDIR" }, XLAT(AT_SYMLINK_FOLLOW),
	XLAT(AT_NO_AUTOMOUNT), XLAT(AT_EMPTY_PATH), { 0x8000, "AT_RECURSIVE" },
};

static const struct xlat statx_sync_types[] = {
	{ 0x2000, "AT_STATX_FORCE_SYNC" }, { 0x4000, "AT_STATX_DONT_SYNC" },
};

static const struct xlat seek_whence[] = {
	XLAT(SEEK_SET), XLAT(SEEK_CUR), XLAT(SEEK_END), { 3, "SEEK_DATA" }, { 4, "SEEK_HOLE" },
};

/* the file type names, by (mode & S_IFMT) >> 12 */
static const char *const file_types[16] = {
	[S_IFREG >> 12] = "S_IFREG", [S_IFDIR >> 12] = "S_IFDIR", [S_IFCHR >> 12] = "S_IFCHR",
	[S_IFBLK >> 12] = "S_IFBLK", [S_IFIFO >> 12] = "S_IFIFO", [S_IFLNK >> 12] = "S_IFLNK",
	[S_IFSOCK >> 12] = "S_IFSOCK",
};

/* the ioctl requests strace names (the tty ones busybox uses) */
static const struct xlat ioctl_cmds[] = {
	XLAT(TCGETS), XLAT(TCSETS), XLAT(TCSETSW), XLAT(TCSETSF), XLAT(TIOCSCTTY),
	XLAT(TIOCGPGRP), XLAT(TIOCSPGRP), XLAT(TIOCGWINSZ), XLAT(TIOCSWINSZ), XLAT(FIONREAD),
	XLAT(FIONBIO),
};

/* the direction of an unnamed request, its top two bits */
static const char *const ioctl_dirs[] = {
	"_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE",
};

static const struct xlat fcntl_cmds[] = {
	XLAT(F_DUPFD), XLAT(F_GETFD), XLAT(F_SETFD), XLAT(F_GETFL), XLAT(F_SETFL),
	XLAT(F_DUPFD_CLOEXEC),
};

static const struct xlat access_modes[] = { { 4, "R_OK" }, { 2, "W_OK" }, { 1, "X_OK" } };

static void
p_open_flags(long f)
{
	tr_puts(open_access[f & O_ACCMODE]);
	f &= ~O_ACCMODE;
	if (f) {
		tr_putc('|');
		tr_flags(open_flags, ARRAY_SIZE(open_flags), (uint64_t)(unsigned)f, NULL);
	}
}

static void
p_mode(long m)
{
	/* strace's "%#03o" of the umode_t (file-type bits too): 000, 022,
	 * 0100644; spelled out, as tr_printf's '#' pads before the 0 (0022) */
	tr_printf("0%02lo", (unsigned long)m & 0177777);
}

void
decode_fd_only(struct trc *c)
{
	ENTER tr_fd(c->a[0]);
}

void
decode_path_only(struct trc *c)
{
	ENTER tr_path((uintptr_t)c->a[0]);
}

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

/* ---- open, seek, stat ---- */

static void
p_open_tail(long flags, long mode)
{
	p_open_flags(flags);
	if (flags & (O_CREAT | (O_TMPFILE & ~O_DIRECTORY))) {
		tr_sep();
		p_mode(mode);
	}
}

#ifdef __NR_open
void
decode_open(struct trc *c)
{
	ENTER {
		tr_path((uintptr_t)c->a[0]);
		tr_sep();
		p_open_tail(c->a[1], c->a[2]);
	}
}
#endif

void
decode_openat(struct trc *c)
{
	ENTER {
		tr_dirfd(c->a[0]);
		tr_sep();
		tr_path((uintptr_t)c->a[1]);
		tr_sep();
		p_open_tail(c->a[2], c->a[3]);
	}
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
static void
p_file_mode(uint32_t m)
{
	const char *t = file_types[(m & S_IFMT) >> 12];
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

/* A struct stat as strace abbreviates it, or its address. */
static void
p_stat(uintptr_t u, long ret)
{
	struct abi_stat st;
	if (ret < 0 || !tr_peek(u, &st, sizeof(st))) {
		tr_addr(u);
		return;
	}
	tr_puts("{st_mode=");
	p_file_mode(st.st_mode);
	if ((st.st_mode & S_IFMT) == S_IFCHR || (st.st_mode & S_IFMT) == S_IFBLK)
		tr_printf(", st_rdev=makedev(%#lx, %#lx)", (st.st_rdev >> 8) & 0xfff,
			  st.st_rdev & 0xff);
	else
		tr_printf(", st_size=%ld", st.st_size);
	tr_puts(", ...}");
}

void
decode_fstat(struct trc *c)
{
	ENTER {
		tr_fd(c->a[0]);
		tr_sep();
		return;
	}
	p_stat((uintptr_t)c->a[1], c->ret);
}

#ifdef __NR_stat
/* stat and lstat */
void
decode_stat(struct trc *c)
{
	ENTER {
		tr_path((uintptr_t)c->a[0]);
		tr_sep();
		return;
	}
	p_stat((uintptr_t)c->a[1], c->ret);
}
#endif

void
decode_newfstatat(struct trc *c)
{
	ENTER {
		tr_dirfd(c->a[0]);
		tr_sep();
		tr_path((uintptr_t)c->a[1]);
		tr_sep();
		return;
	}
	p_stat((uintptr_t)c->a[2], c->ret);
	tr_sep();
	tr_flags(at_flags, ARRAY_SIZE(at_flags), (unsigned)c->a[3], "AT_???");
}

/* statx's flags: the sync type as a value of its own, then the others. */
static void
p_statx_flags(unsigned f)
{
	unsigned sync = f & AT_STATX_SYNC_TYPE;
	if (sync == 0)
		tr_puts("AT_STATX_SYNC_AS_STAT");
	else
		tr_flags(statx_sync_types, ARRAY_SIZE(statx_sync_types), sync, NULL);
	f &= ~AT_STATX_SYNC_TYPE;
	if (f) {
		tr_putc('|');
		tr_flags(at_flags, ARRAY_SIZE(at_flags), f, NULL);
	}
}

static void
p_statx_mask(unsigned m)
{
	if (m == 0x7ff)
		tr_puts("STATX_BASIC_STATS");
	else if (m == 0xfff)
		tr_puts("STATX_ALL");
	else
		tr_printf("%#x", m);
}

void
decode_statx(struct trc *c)
{
	ENTER {
		tr_dirfd(c->a[0]);
		tr_sep();
		tr_path((uintptr_t)c->a[1]);
		tr_sep();
		p_statx_flags((unsigned)c->a[2]);
		tr_sep();
		p_statx_mask((unsigned)c->a[3]);
		tr_sep();
		return;
	}
	struct k_statx sx;
	if (c->ret < 0 || !tr_peek((uintptr_t)c->a[4], &sx, sizeof(sx))) {
		tr_addr((uintptr_t)c->a[4]);
		return;
	}
	tr_puts("{stx_mask=");
	tr_puts(sx.stx_mask == 0x7ff ? "STATX_BASIC_STATS" : "0");
	tr_printf(", stx_attributes=0, stx_mode=");
	p_file_mode(sx.stx_mode);
	tr_printf(", stx_size=%lu, ...}", sx.stx_size);
}

/* getdents64: the buffer's address and, when filled, its entry count. */
void
decode_getdents64(struct trc *c)
{
	ENTER {
		tr_fd(c->a[0]);
		tr_sep();
		return;
	}
	tr_addr((uintptr_t)c->a[1]);
	if (c->ret >= 0 && c->ret <= c->a[2]) {
		unsigned n = 0;
		uintptr_t p = (uintptr_t)c->a[1], end = p + (uintptr_t)c->ret;
		while (p + 19 <= end) {
			uint16_t reclen;
			if (!tr_peek(p + 16, &reclen, 2) || reclen < 19)
				break;
			n++;
			p += reclen;
		}
		tr_printf(" /* %u entries */", n);
	}
	tr_sep();
	tr_ulong((unsigned)c->a[2]);
}

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
	if (cmd == TIOCSWINSZ || cmd == TIOCSPGRP || cmd == FIONBIO || cmd == TCSETS ||
	    cmd == TCSETSW || cmd == TCSETSF) {
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
		tr_printf("{c_iflag=%#x, c_oflag=%#x, c_cflag=%#x, c_lflag=%#x, ...}", t.c_iflag,
			  t.c_oflag, t.c_cflag, t.c_lflag);
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
		p_open_flags(arg);
	else if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)
		tr_int(arg);
	else
		tr_printf("%#lx", arg);
}

/* What F_GETFD and F_GETFL return, decoded after the result as strace
 * does: " (flags FD_CLOEXEC)", " (flags O_RDWR|O_APPEND)"; the result itself
 * in hex, as strace prints it then. */
static void
fcntl_suffix(struct trc *c, int cmd)
{
	struct sbuf sb;
	if (c->ret < 0 || (cmd != F_GETFD && cmd != F_GETFL))
		return;
	sb_init(&sb, c->suffix, sizeof(c->suffix));
	c->rv = RV_HEX;         /* strace: RVAL_HEX | RVAL_STR */
	if (cmd == F_GETFD) {
		if (c->ret)
			sb_puts(&sb, " (flags FD_CLOEXEC)");
		return;
	}
	sb_printf(&sb, " (flags %s", open_access[c->ret & 3]);
	for (size_t i = 0; i < ARRAY_SIZE(open_flags); i++)
		if ((c->ret & (long)open_flags[i].val) == (long)open_flags[i].val && open_flags[i].val)
			sb_printf(&sb, "|%s", open_flags[i].name);
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
		tr_flags(open_flags, ARRAY_SIZE(open_flags), (unsigned)c->a[2], "O_???");
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
		tr_flags(open_flags, ARRAY_SIZE(open_flags), (unsigned)c->a[1], "O_???");
	}
}

/* ---- paths: access, readlink, getcwd, directories ---- */

static void
p_access_mode(long m)
{
	if (m == 0)
		tr_puts("F_OK");
	else
		tr_flags(access_modes, ARRAY_SIZE(access_modes), (unsigned)m, "?_OK");
}

#ifdef __NR_access
void
decode_access(struct trc *c)
{
	ENTER {
		tr_path((uintptr_t)c->a[0]);
		tr_sep();
		p_access_mode(c->a[1]);
	}
}
#endif

void
decode_faccessat(struct trc *c)
{
	ENTER {
		tr_dirfd(c->a[0]);
		tr_sep();
		tr_path((uintptr_t)c->a[1]);
		tr_sep();
		p_access_mode(c->a[2]);
	}
}

void
decode_faccessat2(struct trc *c)
{
	ENTER {
		decode_faccessat(c);
		tr_sep();
		tr_flags(at_flags, ARRAY_SIZE(at_flags), (unsigned)c->a[3], "AT_???");
	}
}

/* readlink's arguments from a[i] on: the path at entry; at exit the link
 * text (ret bytes, no NUL) or the buffer's address, and the size. */
static void
p_readlink(struct trc *c, int i)
{
	ENTER {
		tr_path((uintptr_t)c->a[i]);
		tr_sep();
		return;
	}
	if (c->ret >= 0)
		tr_buf((uintptr_t)c->a[i + 1], c->ret);
	else
		tr_addr((uintptr_t)c->a[i + 1]);
	tr_sep();
	tr_ulong(c->a[i + 2]);
}

#ifdef __NR_readlink
void
decode_readlink(struct trc *c)
{
	p_readlink(c, 0);
}
#endif

void
decode_readlinkat(struct trc *c)
{
	ENTER {
		tr_dirfd(c->a[0]);
		tr_sep();
	}
	p_readlink(c, 1);
}

void
decode_getcwd(struct trc *c)
{
	EXIT {
		if (c->ret > 0)
			tr_buf((uintptr_t)c->a[0], c->ret - 1);
		else
			tr_addr((uintptr_t)c->a[0]);
		tr_sep();
		tr_ulong(c->a[1]);
	}
}

#ifdef __NR_mkdir
void
decode_mkdir(struct trc *c)
{
	ENTER {
		tr_path((uintptr_t)c->a[0]);
		tr_sep();
		p_mode(c->a[1]);
	}
}
#endif

void
decode_mkdirat(struct trc *c)
{
	ENTER {
		tr_dirfd(c->a[0]);
		tr_sep();
		tr_path((uintptr_t)c->a[1]);
		tr_sep();
		p_mode(c->a[2]);
	}
}

void
decode_unlinkat(struct trc *c)
{
	ENTER {
		tr_dirfd(c->a[0]);
		tr_sep();
		tr_path((uintptr_t)c->a[1]);
		tr_sep();
		tr_flags(at_flags, ARRAY_SIZE(at_flags), (unsigned)c->a[2], "AT_???");
	}
}

void
decode_umask(struct trc *c)
{
	ENTER p_mode(c->a[0]);
}

void
decode_ftruncate(struct trc *c)
{
	ENTER {
		tr_fd(c->a[0]);
		tr_sep();
		tr_printf("%ld", c->a[1]);
	}
}

#ifdef __NR_poll
void
decode_poll(struct trc *c)
{
	ENTER {
		tr_addr((uintptr_t)c->a[0]);
		tr_sep();
		tr_ulong(c->a[1]);
		tr_sep();
		tr_int(c->a[2]);
	}
}
#endif
