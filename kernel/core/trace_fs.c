/*
 * kernel/core/trace_fs.c: the tracer's decoders for the syscalls on paths
 * and metadata (the handlers of sys_fs.c): open flags and modes, struct
 * stat and statx, directory entries, access modes, readlink, getcwd,
 * umask, chmod, utimensat.  The calls on open files (sys_file.c's) are
 * decoded in trace_file.c; mkdir, unlink, link, symlink and rename
 * (namei.c's) in trace_namei.c.  Each prints what strace 6.1 prints, on
 * the side (entry or exit) strace prints it; the x86_64-only calls'
 * decoders are under #ifdef __NR_x.
 */
#include "lib.h"
#include "syscall.h"
#include "task.h"
#include "trace_fmt.h"
#include "uapi.h"

/* strace's open_mode_flags, in its order and with its names (FASYNC) */
const struct xlat tr_open_flag_xlat[TR_OPEN_FLAG_COUNT] = {
	XLAT(O_CREAT), XLAT(O_EXCL), XLAT(O_NOCTTY), XLAT(O_TRUNC), XLAT(O_APPEND),
	XLAT(O_NONBLOCK), XLAT(O_SYNC), { O_SYNC & ~O_DSYNC, "__O_SYNC" }, XLAT(O_DSYNC),
	XLAT(O_DIRECT), XLAT(O_LARGEFILE), XLAT(O_NOFOLLOW), XLAT(O_NOATIME), XLAT(O_CLOEXEC),
	XLAT(O_PATH), XLAT(O_TMPFILE), { O_TMPFILE & ~O_DIRECTORY, "__O_TMPFILE" },
	XLAT(O_DIRECTORY), { O_ASYNC, "FASYNC" },
};

/* the access mode, open flags & O_ACCMODE (fcntl's F_GETFL shares both) */
const char *const tr_open_access[4] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };

/* strace's at_flags (the AT_STATX_* sync types are statx's own) */
static const struct xlat at_flags[] = {
	XLAT(AT_SYMLINK_NOFOLLOW), { 0x200, "AT_REMOVEDIR" }, XLAT(AT_SYMLINK_FOLLOW),
	XLAT(AT_NO_AUTOMOUNT), XLAT(AT_EMPTY_PATH), { 0x8000, "AT_RECURSIVE" },
};

/* strace's faccessat_flags (faccessat2's own: 0x200 is AT_EACCESS here) */
static const struct xlat faccessat_flags[] = {
	XLAT(AT_SYMLINK_NOFOLLOW), { 0x200, "AT_EACCESS" }, XLAT(AT_EMPTY_PATH),
};

/* strace's statx_masks, in its order (ALL and BASIC_STATS first) */
static const struct xlat statx_masks[] = {
	{ 0xfff, "STATX_ALL" }, { 0x7ff, "STATX_BASIC_STATS" },
	{ 0x1, "STATX_TYPE" }, { 0x2, "STATX_MODE" }, { 0x4, "STATX_NLINK" },
	{ 0x8, "STATX_UID" }, { 0x10, "STATX_GID" }, { 0x20, "STATX_ATIME" },
	{ 0x40, "STATX_MTIME" }, { 0x80, "STATX_CTIME" }, { 0x100, "STATX_INO" },
	{ 0x200, "STATX_SIZE" }, { 0x400, "STATX_BLOCKS" }, { 0x800, "STATX_BTIME" },
	{ 0x1000, "STATX_MNT_ID" }, { 0x2000, "STATX_DIOALIGN" },
};

static const struct xlat statx_sync_types[] = {
	{ 0x2000, "AT_STATX_FORCE_SYNC" }, { 0x4000, "AT_STATX_DONT_SYNC" },
};

/* the file type names, by (mode & S_IFMT) >> 12 */
static const char *const file_types[16] = {
	[S_IFREG >> 12] = "S_IFREG", [S_IFDIR >> 12] = "S_IFDIR", [S_IFCHR >> 12] = "S_IFCHR",
	[S_IFBLK >> 12] = "S_IFBLK", [S_IFIFO >> 12] = "S_IFIFO", [S_IFLNK >> 12] = "S_IFLNK",
	[S_IFSOCK >> 12] = "S_IFSOCK",
};

static const struct xlat access_modes[] = { { 4, "R_OK" }, { 2, "W_OK" }, { 1, "X_OK" } };

void
tr_open_flags(long f)
{
	tr_puts(tr_open_access[f & O_ACCMODE]);
	f &= ~O_ACCMODE;
	if (f) {
		tr_putc('|');
		tr_flags(tr_open_flag_xlat, TR_OPEN_FLAG_COUNT, (uint64_t)(unsigned)f, NULL);
	}
}

/* at_flags with strace's default name for unknown bits */
void
tr_at_flags(long v)
{
	tr_flags(at_flags, ARRAY_SIZE(at_flags), (unsigned)v, "AT_???");
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

/* ---- open, seek, stat ---- */

static void
p_open_tail(long flags, long mode)
{
	tr_open_flags(flags);
	if (flags & (O_CREAT | (O_TMPFILE & ~O_DIRECTORY))) {
		tr_sep();
		tr_mode(mode);
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
	tr_flags(statx_masks, ARRAY_SIZE(statx_masks), m, "STATX_???");
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
	p_statx_mask(sx.stx_mask);
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
		tr_flags(faccessat_flags, ARRAY_SIZE(faccessat_flags), (unsigned)c->a[3], "AT_???");
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

void
decode_umask(struct trc *c)
{
	ENTER tr_mode(c->a[0]);
}

#ifdef __NR_chmod
void
decode_chmod(struct trc *c)
{
	ENTER {
		tr_path((uintptr_t)c->a[0]);
		tr_sep();
		tr_mode(c->a[1]);
	}
}
#endif

void
decode_fchmod(struct trc *c)
{
	ENTER {
		tr_fd(c->a[0]);
		tr_sep();
		tr_mode(c->a[1]);
	}
}

void
decode_fchmodat(struct trc *c)
{
	ENTER {
		tr_dirfd(c->a[0]);
		tr_sep();
		tr_path((uintptr_t)c->a[1]);
		tr_sep();
		tr_mode(c->a[2]);
	}
}

/* An owner or group id as strace prints it: -1 for "unchanged". */
static void
p_id(long id)
{
	tr_int((int)(uint32_t)id);
}

#ifdef __NR_chown
void
decode_chown(struct trc *c)
{
	ENTER {
		tr_path((uintptr_t)c->a[0]);
		tr_sep();
		p_id(c->a[1]);
		tr_sep();
		p_id(c->a[2]);
	}
}
#endif

void
decode_fchown(struct trc *c)
{
	ENTER {
		tr_fd(c->a[0]);
		tr_sep();
		p_id(c->a[1]);
		tr_sep();
		p_id(c->a[2]);
	}
}

void
decode_fchownat(struct trc *c)
{
	ENTER {
		tr_dirfd(c->a[0]);
		tr_sep();
		tr_path((uintptr_t)c->a[1]);
		tr_sep();
		p_id(c->a[2]);
		tr_sep();
		p_id(c->a[3]);
		tr_sep();
		tr_at_flags(c->a[4]);
	}
}

/* One utimensat time: UTIME_NOW, UTIME_OMIT, or the timespec with its
 * date as a comment when tv_nsec is valid and the time is not 0 (strace's
 * print_timespec_t_utime and sprinttime_nsec). */
static void
p_utime(const struct k_timespec *t)
{
	if (t->tv_nsec == UTIME_NOW || t->tv_nsec == UTIME_OMIT) {
		tr_puts(t->tv_nsec == UTIME_NOW ? "UTIME_NOW" : "UTIME_OMIT");
		return;
	}
	tr_printf("{tv_sec=%ld, tv_nsec=%lu}", (long)t->tv_sec, (unsigned long)t->tv_nsec);
	if (t->tv_nsec >= 0 && t->tv_nsec <= 999999999 && (t->tv_sec || t->tv_nsec)) {
		tr_puts(" /* ");
		tr_utc(t->tv_sec, t->tv_nsec);
		tr_puts(" */");
	}
}

void
decode_utimensat(struct trc *c)
{
	ENTER {
		struct k_timespec t[2];
		uintptr_t u = (uintptr_t)c->a[2];
		tr_dirfd(c->a[0]);
		tr_sep();
		tr_path((uintptr_t)c->a[1]);
		tr_sep();
		if (!u) {
			tr_puts("NULL");
		} else if (!tr_peek(u, t, sizeof(t))) {
			tr_addr(u);
		} else {
			tr_putc('[');
			p_utime(&t[0]);
			tr_sep();
			p_utime(&t[1]);
			tr_putc(']');
		}
		tr_sep();
		tr_at_flags(c->a[3]);
	}
}
