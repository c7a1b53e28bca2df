/*
 * kernel/core/sys_fs.c: syscalls on paths, directories and metadata: open,
 * stat, access, readlink, getdents64, getcwd, chdir, umask, chmod,
 * utimensat (mkdir, unlink, link, symlink and rename are namei.c's).
 * Syscalls on open files (read, write, dup, fcntl, pipes, poll) are in
 * sys_file.c.  A user path is copied in whole (PATH_MAX) before it is
 * looked up; every user pointer goes through copy_{from,to}_user (EFAULT).
 */
#include "arch.h"
#include "kmalloc.h"
#include "lib.h"
#include "syscall.h"
#include "task.h"
#include "uapi.h"
#include "vfs.h"
#include "vm.h"

/*
 * The directory a relative path of an *at() call starts from: *dir is
 * dfd's directory, or NULL for the cwd (AT_FDCWD; an absolute path starts at
 * the root whatever *dir is).  0, -EBADF or -ENOTDIR.
 */
static long
at_dir(int dfd, const char *path, struct inode **dir)
{
	*dir = NULL;
	if (path[0] == '/' || dfd == AT_FDCWD)
		return 0;
	struct file *f = fd_file(dfd);
	if (!f)
		return -EBADF;
	if (!f->ino || (f->ino->mode & S_IFMT) != S_IFDIR)
		return -ENOTDIR;
	*dir = f->ino;
	return 0;
}

/*
 * An empty path with AT_EMPTY_PATH names dfd's own inode (of any type), or
 * the cwd for AT_FDCWD.  0 or -EBADF.
 */
static long
empty_path_at(int dfd, struct inode **ino)
{
	if (dfd == AT_FDCWD) {
		*ino = current->fs->cwd;
		return 0;
	}
	struct file *f = fd_file(dfd);
	if (!f)
		return -EBADF;
	*ino = f->ino;
	return 0;
}

/*
 * user_path_at: copy the user path upath into a new PATH_MAX buffer (*pathp,
 * for the caller to kfree) and find where it starts from for dfd (at_dir).
 * An empty path is -ENOENT, as Linux's getname, unless empty_ok: then *dir
 * is what it names (empty_path_at).  0, or -errno with nothing to free.
 */
long
user_path_at(int dfd, uintptr_t upath, int empty_ok, char **pathp, struct inode **dir)
{
	char *path = kmalloc(PATH_MAX);
	if (!path)
		return -ENOMEM;
	long r = strncpy_from_user(path, upath, PATH_MAX);
	if (r >= 0 && path[0])
		r = at_dir(dfd, path, dir);
	else if (r >= 0)
		r = empty_ok ? empty_path_at(dfd, dir) : -ENOENT;
	if (r < 0) {
		kfree(path);
		return r;
	}
	*pathp = path;
	return 0;
}

/*
 * user_path_parent_at: user_path_at, then resolve all but the last
 * component: *parent is its directory, *name the last component (inside
 * *pathp, trailing slashes kept).  0, or -errno with nothing to free.
 */
long
user_path_parent_at(int dfd, uintptr_t upath, char **pathp, struct inode **parent,
		    const char **name)
{
	struct inode *dir;
	long r = user_path_at(dfd, upath, 0, pathp, &dir);
	if (r < 0)
		return r;
	r = vfs_lookup_parent(dir, *pathp, parent, name);
	if (r < 0)
		kfree(*pathp);
	return r;
}

/*
 * Resolve (dfd, path, flags) as the *at() calls do: AT_SYMLINK_NOFOLLOW
 * leaves a final symlink alone, AT_EMPTY_PATH lets "" name dfd itself.
 */
long
lookup_at(int dfd, uintptr_t upath, int flags, struct inode **out)
{
	char *path;
	struct inode *dir;
	long r = user_path_at(dfd, upath, flags & AT_EMPTY_PATH, &path, &dir);
	if (r < 0)
		return r;
	if (path[0])
		r = vfs_lookup(dir, path, !(flags & AT_SYMLINK_NOFOLLOW), out);
	else
		*out = dir;
	kfree(path);
	return r;
}

/* May ino be opened with flags?  O_TRUNC is applied here. */
static long
open_check(struct inode *ino, int flags)
{
	if ((ino->mode & S_IFMT) == S_IFLNK)
		return -ELOOP;
	if ((flags & O_DIRECTORY) && (ino->mode & S_IFMT) != S_IFDIR)
		return -ENOTDIR;
	/* O_TRUNC asks for write access too */
	if ((ino->mode & S_IFMT) == S_IFDIR &&
	    ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC))))
		return -EISDIR;
	/* Linux truncates even a file opened O_RDONLY */
	if ((flags & O_TRUNC) && (ino->mode & S_IFMT) == S_IFREG) {
		inode_touch(ino, INODE_MTIME | INODE_CTIME);
		return vfs_truncate(ino, 0);
	}
	return 0;
}

/* openat: look up (creating with O_CREAT), check, truncate, install. */
static long
do_openat(int dfd, uintptr_t filename, int flags, umode_t mode)
{
	char *path;
	struct inode *dir, *ino;
	long r = user_path_at(dfd, filename, 0, &path, &dir);
	if (r < 0)
		return r;
	if (flags & O_CREAT)
		r = vfs_open_create(dir, path, mode & 07777 & ~current->fs->umask, flags, &ino);
	else
		r = vfs_lookup(dir, path, !(flags & O_NOFOLLOW), &ino);
	if (r == 0)
		r = open_check(ino, flags);
	kfree(path);
	if (r < 0)
		return r;
	struct file *f = file_open_inode(ino, (unsigned)flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC));
	if (!f)
		return -ENOMEM;
	r = fd_install(current->files, f, 0, (flags & O_CLOEXEC) != 0);
	if (r < 0)
		file_put(f);
	return r;
}

#ifdef __NR_open
SYSCALL_DEFINE3(open, uintptr_t, filename, int, flags, umode_t, mode)
{
	return do_openat(AT_FDCWD, filename, flags, mode);
}
#endif

SYSCALL_DEFINE4(openat, int, dfd, uintptr_t, filename, int, flags, umode_t, mode)
{
	return do_openat(dfd, filename, flags, mode);
}

static long
stat_out(struct inode *ino, uintptr_t ubuf)
{
	struct abi_stat st;
	inode_stat(ino, &st);
	return copy_to_user(ubuf, &st, sizeof(st));
}

SYSCALL_DEFINE2(fstat, unsigned int, fd, uintptr_t, statbuf)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	return stat_out(f->ino, statbuf);
}

/* newfstatat, stat, lstat: struct stat of what (dfd, filename) names. */
static long
do_fstatat(int dfd, uintptr_t filename, uintptr_t statbuf, int flag)
{
	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	struct inode *ino;
	long r = lookup_at(dfd, filename, flag, &ino);
	if (r < 0)
		return r;
	return stat_out(ino, statbuf);
}

SYSCALL_DEFINE4(newfstatat, int, dfd, uintptr_t, filename, uintptr_t, statbuf, int, flag)
{
	return do_fstatat(dfd, filename, statbuf, flag);
}

#ifdef __NR_stat
SYSCALL_DEFINE2(stat, uintptr_t, filename, uintptr_t, statbuf)
{
	return do_fstatat(AT_FDCWD, filename, statbuf, 0);
}
#endif

#ifdef __NR_lstat
SYSCALL_DEFINE2(lstat, uintptr_t, filename, uintptr_t, statbuf)
{
	return do_fstatat(AT_FDCWD, filename, statbuf, AT_SYMLINK_NOFOLLOW);
}
#endif

SYSCALL_DEFINE5(statx, int, dfd, uintptr_t, filename, unsigned int, flags, unsigned int, mask,
		uintptr_t, buffer)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if (mask & 0x80000000U)
		return -EINVAL;
	struct inode *ino;
	long r = lookup_at(dfd, filename, (int)flags, &ino);
	if (r < 0)
		return r;
	struct abi_stat st;
	inode_stat(ino, &st);
	struct k_statx sx;
	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = 0x17ff;     /* STATX_BASIC_STATS | STATX_MNT_ID, as Linux 6.1 */
	sx.stx_mnt_id = ino->dev + 1;  /* the root's mount is 1, a tmpfs mount its device + 1 */
	sx.stx_blksize = (uint32_t)st.st_blksize;
	sx.stx_nlink = (uint32_t)st.st_nlink;
	sx.stx_uid = st.st_uid;
	sx.stx_gid = st.st_gid;
	sx.stx_mode = (uint16_t)st.st_mode;
	sx.stx_ino = st.st_ino;
	sx.stx_size = (uint64_t)st.st_size;
	sx.stx_blocks = (uint64_t)st.st_blocks;
	sx.stx_atime.tv_sec = ino->atime.tv_sec;
	sx.stx_atime.tv_nsec = (uint32_t)ino->atime.tv_nsec;
	sx.stx_mtime.tv_sec = ino->mtime.tv_sec;
	sx.stx_mtime.tv_nsec = (uint32_t)ino->mtime.tv_nsec;
	sx.stx_ctime.tv_sec = ino->ctime.tv_sec;
	sx.stx_ctime.tv_nsec = (uint32_t)ino->ctime.tv_nsec;
	sx.stx_rdev_major = ino->rdev_major;
	sx.stx_rdev_minor = ino->rdev_minor;
	sx.stx_dev_minor = (uint32_t)st.st_dev;
	return copy_to_user(buffer, &sx, sizeof(sx));
}

static unsigned char
dtype(uint32_t mode)
{
	return (unsigned char)((mode & S_IFMT) >> 12);
}

/* Entry idx of directory dir: 0 = ".", 1 = "..", then the children in
 * order.  1 with *name and *ino, or 0 past the end. */
static int
dir_entry(struct inode *dir, uint64_t idx, const char **name, struct inode **ino)
{
	if (idx == 0) {
		*name = ".";
		*ino = dir;
		return 1;
	}
	if (idx == 1) {
		*name = "..";
		*ino = dir->parent ? dir->parent : dir;
		return 1;
	}
	struct dirent_node *d = dir->children;
	for (uint64_t i = 2; d && i < idx; i++)
		d = d->next;
	if (!d)
		return 0;
	*name = d->name;
	*ino = d->ino;
	return 1;
}

/* getdents64: from the entry at f->pos on, as many as fit in count. */
SYSCALL_DEFINE3(getdents64, unsigned int, fd, uintptr_t, dirent, unsigned int, count)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	if (!f->ino || (f->ino->mode & S_IFMT) != S_IFDIR)
		return -ENOTDIR;
	uint8_t rec[280];
	size_t used = 0;
	for (;;) {
		uint64_t idx = f->pos;
		const char *name;
		struct inode *ino;
		if (!dir_entry(f->ino, idx, &name, &ino))
			break;
		size_t nlen = strlen(name);
		size_t reclen = ALIGN_UP(19 + nlen + 1, 8);
		if (used + reclen > count) {
			if (used == 0)
				return -EINVAL;
			break;
		}
		memset(rec, 0, reclen);
		*(uint64_t *)rec = ino->ino;
		*(int64_t *)(rec + 8) = (int64_t)idx + 1;
		*(uint16_t *)(rec + 16) = (uint16_t)reclen;
		rec[18] = dtype(ino->mode);
		memcpy(rec + 19, name, nlen);
		if (copy_to_user(dirent + used, rec, reclen) < 0)
			return -EFAULT;
		used += reclen;
		f->pos = idx + 1;
	}
	return (long)used;
}

/* faccessat2, faccessat, access: the caller is root (see below). */
static long
do_faccessat(int dfd, uintptr_t filename, int mode, int flags)
{
	if (mode & ~7)
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x200))
		return -EINVAL;
	struct inode *ino;
	long r = lookup_at(dfd, filename, flags, &ino);
	if (r < 0)
		return r;
	/* root: read/write always; execute needs one x bit (or a directory) */
	if ((mode & 1) && (ino->mode & S_IFMT) != S_IFDIR && !(ino->mode & 0111))
		return -EACCES;
	return 0;
}

SYSCALL_DEFINE4(faccessat2, int, dfd, uintptr_t, filename, int, mode, int, flags)
{
	return do_faccessat(dfd, filename, mode, flags);
}

SYSCALL_DEFINE3(faccessat, int, dfd, uintptr_t, filename, int, mode)
{
	return do_faccessat(dfd, filename, mode, 0);
}

#ifdef __NR_access
SYSCALL_DEFINE2(access, uintptr_t, filename, int, mode)
{
	return do_faccessat(AT_FDCWD, filename, mode, 0);
}
#endif

/* readlinkat, readlink: the target, cut at bufsiz, without a NUL. */
static long
do_readlinkat(int dfd, uintptr_t pathname, uintptr_t buf, int bufsiz)
{
	if (bufsiz <= 0)
		return -EINVAL;
	/* /proc/self/exe, the one /proc entry this kernel has (glibc's static
	 * startup reads it): the running program's path (core/exec.c) */
	char kpath[16];
	long kl = strncpy_from_user(kpath, pathname, sizeof(kpath));
	if (kl >= 0 && !strcmp(kpath, "/proc/self/exe") && current->proc->exe[0]) {
		size_t n = MIN(strlen(current->proc->exe), (size_t)bufsiz);
		if (copy_to_user(buf, current->proc->exe, n) < 0)
			return -EFAULT;
		return (long)n;
	}
	struct inode *ino;
	long r = lookup_at(dfd, pathname, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &ino);
	if (r < 0)
		return r;
	if ((ino->mode & S_IFMT) != S_IFLNK || !ino->link)
		return -EINVAL;
	size_t n = MIN(strlen(ino->link), (size_t)bufsiz);
	if (copy_to_user(buf, ino->link, n) < 0)
		return -EFAULT;
	return (long)n;
}

SYSCALL_DEFINE4(readlinkat, int, dfd, uintptr_t, pathname, uintptr_t, buf, int, bufsiz)
{
	return do_readlinkat(dfd, pathname, buf, bufsiz);
}

#ifdef __NR_readlink
SYSCALL_DEFINE3(readlink, uintptr_t, path, uintptr_t, buf, int, bufsiz)
{
	return do_readlinkat(AT_FDCWD, path, buf, bufsiz);
}
#endif

/*
 * getcwd: the cwd's path and its length with the NUL; a cwd that has been
 * removed (a directory loses its links at rmdir) has no path: ENOENT, as
 * Linux's d_unlinked check gives.
 */
SYSCALL_DEFINE2(getcwd, uintptr_t, buf, unsigned long, size)
{
	char kbuf[512];
	if (current->fs->cwd->nlink == 0)
		return -ENOENT;
	int n = vfs_path(current->fs->cwd, kbuf, sizeof(kbuf));
	if (n < 0)
		return n;
	if ((size_t)n > size)
		return -ERANGE;
	if (copy_to_user(buf, kbuf, (size_t)n) < 0)
		return -EFAULT;
	return n;
}

SYSCALL_DEFINE1(chdir, uintptr_t, filename)
{
	struct inode *ino;
	long r = lookup_at(AT_FDCWD, filename, 0, &ino);
	if (r < 0)
		return r;
	if ((ino->mode & S_IFMT) != S_IFDIR)
		return -ENOTDIR;
	current->fs->cwd = ino;
	return 0;
}

SYSCALL_DEFINE1(fchdir, unsigned int, fd)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	if (!f->ino || (f->ino->mode & S_IFMT) != S_IFDIR)
		return -ENOTDIR;
	current->fs->cwd = f->ino;
	return 0;
}

SYSCALL_DEFINE1(umask, int, mask)
{
	long old = current->fs->umask;
	current->fs->umask = (uint32_t)mask & 0777;
	return old;
}

/* chmod, fchmod, fchmodat: the permission bits (07777) of mode, the file
 * type kept; ctime moves on. */
static long
chmod_common(struct inode *ino, umode_t mode)
{
	ino->mode = (ino->mode & ~07777U) | (mode & 07777);
	inode_touch(ino, INODE_CTIME);
	return 0;
}

SYSCALL_DEFINE2(fchmod, unsigned int, fd, umode_t, mode)
{
	struct file *f = fd_file(fd);
	if (!f || !f->ino)
		return -EBADF;
	return chmod_common(f->ino, mode);
}

static long
do_fchmodat(int dfd, uintptr_t filename, umode_t mode)
{
	struct inode *ino;
	long r = lookup_at(dfd, filename, 0, &ino);
	if (r < 0)
		return r;
	return chmod_common(ino, mode);
}

SYSCALL_DEFINE3(fchmodat, int, dfd, uintptr_t, filename, umode_t, mode)
{
	return do_fchmodat(dfd, filename, mode);
}

#ifdef __NR_chmod
SYSCALL_DEFINE2(chmod, uintptr_t, filename, umode_t, mode)
{
	return do_fchmodat(AT_FDCWD, filename, mode);
}
#endif

/*
 * chown, lchown, fchown, fchownat: the owner and group (-1 keeps one); the
 * caller is root, so any ids are allowed.  As Linux's chown_common, a
 * non-directory loses S_ISUID, and S_ISGID when group-executable, even when
 * root changes nothing; ctime moves on.
 */
static long
chown_common(struct inode *ino, uint32_t uid, uint32_t gid)
{
	if (uid != (uint32_t)-1)
		ino->uid = uid;
	if (gid != (uint32_t)-1)
		ino->gid = gid;
	if ((ino->mode & S_IFMT) != S_IFDIR) {
		ino->mode &= ~(umode_t)S_ISUID;
		if (ino->mode & S_IXGRP)
			ino->mode &= ~(umode_t)S_ISGID;
	}
	inode_touch(ino, INODE_CTIME);
	return 0;
}

SYSCALL_DEFINE3(fchown, unsigned int, fd, uint32_t, uid, uint32_t, gid)
{
	struct file *f = fd_file(fd);
	if (!f || !f->ino)
		return -EBADF;
	return chown_common(f->ino, uid, gid);
}

/* fchownat: flags AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH only, else EINVAL. */
static long
do_fchownat(int dfd, uintptr_t filename, uint32_t uid, uint32_t gid, int flags)
{
	struct inode *ino;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	long r = lookup_at(dfd, filename, flags, &ino);
	if (r < 0)
		return r;
	return chown_common(ino, uid, gid);
}

SYSCALL_DEFINE5(fchownat, int, dfd, uintptr_t, filename, uint32_t, uid, uint32_t, gid, int, flags)
{
	return do_fchownat(dfd, filename, uid, gid, flags);
}

#ifdef __NR_chown
SYSCALL_DEFINE3(chown, uintptr_t, filename, uint32_t, uid, uint32_t, gid)
{
	return do_fchownat(AT_FDCWD, filename, uid, gid, 0);
}

SYSCALL_DEFINE3(lchown, uintptr_t, filename, uint32_t, uid, uint32_t, gid)
{
	return do_fchownat(AT_FDCWD, filename, uid, gid, AT_SYMLINK_NOFOLLOW);
}
#endif

static int
utime_nsec_ok(int64_t nsec)
{
	return nsec == UTIME_NOW || nsec == UTIME_OMIT || (nsec >= 0 && nsec <= 999999999);
}

/* Linux's vfs_utimes: each time explicit, UTIME_NOW or UTIME_OMIT (t NULL:
 * both now); ctime is now whatever was asked.  EINVAL for a bad tv_nsec. */
static long
utimes_set(struct inode *ino, const struct k_timespec *t)
{
	if (t && (!utime_nsec_ok(t[0].tv_nsec) || !utime_nsec_ok(t[1].tv_nsec)))
		return -EINVAL;
	struct k_timespec now;
	vfs_now(&now);
	struct k_timespec *dst[2] = { &ino->atime, &ino->mtime };
	for (int i = 0; i < 2; i++) {
		if (!t || t[i].tv_nsec == UTIME_NOW)
			*dst[i] = now;
		else if (t[i].tv_nsec != UTIME_OMIT)
			*dst[i] = t[i];
	}
	ino->ctime = now;
	return 0;
}

/*
 * utimensat: times copied first (EFAULT; both UTIME_OMIT is done at once),
 * then a NULL filename names dfd itself (flags must be 0), anything else
 * is looked up with AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH as the only flags.
 */
SYSCALL_DEFINE4(utimensat, int, dfd, uintptr_t, filename, uintptr_t, utimes, int, flags)
{
	struct k_timespec t[2];
	if (utimes) {
		if (copy_from_user(t, utimes, sizeof(t)) < 0)
			return -EFAULT;
		if (t[0].tv_nsec == UTIME_OMIT && t[1].tv_nsec == UTIME_OMIT)
			return 0;
	}
	struct inode *ino;
	if (!filename && dfd != AT_FDCWD) {
		if (flags)
			return -EINVAL;
		struct file *f = fd_file(dfd);
		if (!f || !f->ino)
			return -EBADF;
		ino = f->ino;
	} else {
		if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
			return -EINVAL;
		long r = lookup_at(dfd, filename, flags, &ino);
		if (r < 0)
			return r;
	}
	return utimes_set(ino, utimes ? t : NULL);
}
