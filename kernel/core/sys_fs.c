/*
 * kernel/core/sys_fs.c: file syscalls.  Data moves through a kernel bounce
 * buffer; every user pointer goes through copy_{from,to}_user (EFAULT).
 */
#include "arch.h"
#include "kmalloc.h"
#include "lib.h"
#include "syscall.h"
#include "task.h"
#include "uapi.h"
#include "vfs.h"
#include "vm.h"

#define RW_CHUNK 65536UL
#define MAX_RW_COUNT (0x7fffffffUL & PAGE_MASK)

static struct file *
getf(long fd)
{
	if (fd < 0 || fd >= FD_MAX)
		return NULL;
	return fd_get(current->files, (int)fd);
}

/* Linux's access_ok: the whole range below the top of user space. */
static int
user_range_ok(uintptr_t addr, size_t n)
{
	uintptr_t top = USER_TOP - PAGE_SIZE;
	return n <= top && addr <= top - n;
}

static int
is_regular(struct file *f)
{
	return f->ino && (f->ino->mode & S_IFMT) == S_IFREG && !f->priv;
}

/* read into user memory: regular files in a loop, others in one call */
static long
do_read(struct file *f, uintptr_t ubuf, size_t count)
{
	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (!user_range_ok(ubuf, count))
		return -EFAULT;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	size_t chunk = MIN(count, RW_CHUNK);
	char *k = kmalloc(chunk ? chunk : 1);
	if (!k)
		return -ENOMEM;
	size_t done = 0;
	long r = 0;
	do {
		size_t n = MIN(chunk, count - done);
		uint64_t pos = f->pos;
		r = file_read(f, k, n);
		if (r <= 0)
			break;
		if (copy_to_user(ubuf + done, k, (size_t)r) < 0) {
			f->pos = pos;
			r = -EFAULT;
			break;
		}
		done += (size_t)r;
		if ((size_t)r < n || !is_regular(f))
			break;
	} while (done < count);
	kfree(k);
	if (done)
		return (long)done;
	return r;
}

static long
do_write(struct file *f, uintptr_t ubuf, size_t count)
{
	if ((f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!user_range_ok(ubuf, count))
		return -EFAULT;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	size_t chunk = MIN(count, RW_CHUNK);
	char *k = kmalloc(chunk ? chunk : 1);
	if (!k)
		return -ENOMEM;
	size_t done = 0;
	long r = 0;
	if (count == 0)
		r = file_write(f, k, 0);
	while (done < count) {
		size_t n = MIN(chunk, count - done);
		if (copy_from_user(k, ubuf + done, n) < 0) {
			r = -EFAULT;
			break;
		}
		r = file_write(f, k, n);
		if (r <= 0)
			break;
		done += (size_t)r;
		if ((size_t)r < n)
			break;
	}
	kfree(k);
	if (done)
		return (long)done;
	return r;
}

long
sys_read(const long *a)
{
	struct file *f = getf(a[0]);
	if (!f)
		return -EBADF;
	return do_read(f, (uintptr_t)a[1], (size_t)a[2]);
}

long
sys_write(const long *a)
{
	struct file *f = getf(a[0]);
	if (!f)
		return -EBADF;
	return do_write(f, (uintptr_t)a[1], (size_t)a[2]);
}

long
sys_pread64(const long *a)
{
	struct file *f = getf(a[0]);
	if (!f)
		return -EBADF;
	if (a[3] < 0)
		return -EINVAL;
	if (!is_regular(f))
		return -ESPIPE;
	uint64_t save = f->pos;
	f->pos = (uint64_t)a[3];
	long r = do_read(f, (uintptr_t)a[1], (size_t)a[2]);
	f->pos = save;
	return r;
}

long
sys_pwrite64(const long *a)
{
	struct file *f = getf(a[0]);
	if (!f)
		return -EBADF;
	if (a[3] < 0)
		return -EINVAL;
	if (!is_regular(f))
		return -ESPIPE;
	uint64_t save = f->pos;
	f->pos = (uint64_t)a[3];
	long r = do_write(f, (uintptr_t)a[1], (size_t)a[2]);
	f->pos = save;
	return r;
}

/* readv/writev: validate the whole vector first, as Linux does. */
static long
do_rwv(const long *a, int writing)
{
	struct file *f = getf(a[0]);
	if (!f)
		return -EBADF;
	if (writing ? (f->flags & O_ACCMODE) == O_RDONLY : (f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	long cnt = a[2];
	if (cnt < 0 || cnt > 1024)
		return -EINVAL;
	if (cnt == 0)
		return 0;
	struct k_iovec *iov = kmalloc((size_t)cnt * sizeof(*iov));
	if (!iov)
		return -ENOMEM;
	long r = 0;
	if (copy_from_user(iov, (uintptr_t)a[1], (size_t)cnt * sizeof(*iov)) < 0) {
		r = -EFAULT;
		goto out;
	}
	uint64_t total = 0;
	for (long i = 0; i < cnt; i++) {
		if ((int64_t)iov[i].len < 0 || total + iov[i].len > 0x7fffffffffffffffULL) {
			r = -EINVAL;
			goto out;
		}
		total += iov[i].len;
	}
	long done = 0;
	for (long i = 0; i < cnt; i++) {
		if (!iov[i].len)
			continue;
		long n = writing ? do_write(f, iov[i].base, iov[i].len)
				 : do_read(f, iov[i].base, iov[i].len);
		if (n < 0) {
			r = done ? done : n;
			goto out;
		}
		done += n;
		if ((uint64_t)n < iov[i].len)
			break;
	}
	r = done;
out:
	kfree(iov);
	return r;
}

long
sys_readv(const long *a)
{
	return do_rwv(a, 0);
}

long
sys_writev(const long *a)
{
	return do_rwv(a, 1);
}

/* Directory inode for a *at() dirfd: NULL means cwd; error in *err. */
static struct inode *
at_dir(long dirfd, const char *path, int *err)
{
	*err = 0;
	if (path[0] == '/' || (int)dirfd == AT_FDCWD)
		return NULL;
	struct file *f = getf((int)dirfd);
	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	if (!f->ino || (f->ino->mode & S_IFMT) != S_IFDIR) {
		*err = -ENOTDIR;
		return NULL;
	}
	return f->ino;
}

static long
get_path(uintptr_t upath, char *buf)
{
	long n = strncpy_from_user(buf, upath, 4096);
	if (n < 0)
		return n;
	return n;
}

static long
do_openat(long dirfd, uintptr_t upath, long flags, long mode)
{
	char *path = kmalloc(4096);
	if (!path)
		return -ENOMEM;
	long r = get_path(upath, path);
	if (r < 0)
		goto out;
	if (!path[0]) {
		r = -ENOENT;
		goto out;
	}
	int err;
	struct inode *dir = at_dir(dirfd, path, &err);
	if (err) {
		r = err;
		goto out;
	}
	struct inode *ino;
	r = vfs_lookup(dir, path, !(flags & O_NOFOLLOW), &ino);
	if (r == -ENOENT && (flags & O_CREAT)) {
		struct inode *parent;
		const char *name;
		r = vfs_lookup_parent(dir, path, &parent, &name);
		if (r < 0)
			goto out;
		if (!vfs_dir_find(parent, name)) {
			if (!*name || strchr(name, '/')) {
				r = -EISDIR;
				goto out;
			}
			ino = vfs_create(parent, name, S_IFREG | ((uint32_t)mode & 07777 & ~current->fs->umask));
			if (!ino) {
				r = -ENOMEM;
				goto out;
			}
			r = 0;
		} else
			r = -ENOENT;
	} else if (r == 0 && (flags & O_CREAT) && (flags & O_EXCL)) {
		r = -EEXIST;
	}
	if (r < 0)
		goto out;
	if ((ino->mode & S_IFMT) == S_IFLNK) {
		r = -ELOOP;
		goto out;
	}
	if ((flags & O_DIRECTORY) && (ino->mode & S_IFMT) != S_IFDIR) {
		r = -ENOTDIR;
		goto out;
	}
	if ((ino->mode & S_IFMT) == S_IFDIR && ((flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT))) {
		r = -EISDIR;
		goto out;
	}
	if ((flags & O_TRUNC) && (ino->mode & S_IFMT) == S_IFREG && (flags & O_ACCMODE) != O_RDONLY) {
		r = vfs_truncate(ino, 0);
		if (r < 0)
			goto out;
	}
	struct file *f = file_open_inode(ino, (unsigned)flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC));
	if (!f) {
		r = -ENOMEM;
		goto out;
	}
	r = fd_install(current->files, f, 0, (flags & O_CLOEXEC) != 0);
	if (r < 0)
		file_put(f);
out:
	kfree(path);
	return r;
}

#ifdef __NR_open
long
sys_open(const long *a)
{
	return do_openat(AT_FDCWD, (uintptr_t)a[0], a[1], a[2]);
}
#endif

long
sys_openat(const long *a)
{
	return do_openat(a[0], (uintptr_t)a[1], a[2], a[3]);
}

long
sys_close(const long *a)
{
	if (a[0] < 0 || a[0] >= FD_MAX)
		return -EBADF;
	return fd_close(current->files, (int)a[0]);
}

long
sys_lseek(const long *a)
{
	struct file *f = getf(a[0]);
	if (!f)
		return -EBADF;
	if (f->priv || !f->ino || (f->ino->mode & S_IFMT) == S_IFIFO)
		return -ESPIPE;
	if ((f->ino->mode & S_IFMT) == S_IFCHR)
		return f->ops == &tty_ops ? -ESPIPE : 0;
	int64_t base;
	switch (a[2]) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (int64_t)f->pos; break;
	case SEEK_END: base = (int64_t)f->ino->size; break;
	default: return -EINVAL;
	}
	int64_t pos = base + a[1];
	if (pos < 0)
		return -EINVAL;
	f->pos = (uint64_t)pos;
	return pos;
}

static long
stat_out(struct inode *ino, uintptr_t ubuf)
{
	struct abi_stat st;
	inode_stat(ino, &st);
	return copy_to_user(ubuf, &st, sizeof(st));
}

long
sys_fstat(const long *a)
{
	struct file *f = getf(a[0]);
	if (!f)
		return -EBADF;
	return stat_out(f->ino, (uintptr_t)a[1]);
}

/* Resolve (dirfd, path, flags) as the *at() calls do. */
static long
lookup_at(long dirfd, uintptr_t upath, long flags, struct inode **out)
{
	char *path = kmalloc(4096);
	if (!path)
		return -ENOMEM;
	long r = get_path(upath, path);
	if (r < 0)
		goto out;
	if (!path[0]) {
		if (!(flags & AT_EMPTY_PATH)) {
			r = -ENOENT;
			goto out;
		}
		if ((int)dirfd == AT_FDCWD) {
			*out = current->fs->cwd;
			r = 0;
			goto out;
		}
		struct file *f = getf(dirfd);
		r = f ? 0 : -EBADF;
		if (f)
			*out = f->ino;
		goto out;
	}
	int err;
	struct inode *dir = at_dir(dirfd, path, &err);
	if (err) {
		r = err;
		goto out;
	}
	r = vfs_lookup(dir, path, !(flags & AT_SYMLINK_NOFOLLOW), out);
out:
	kfree(path);
	return r;
}

long
sys_newfstatat(const long *a)
{
	if (a[3] & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	struct inode *ino;
	long r = lookup_at(a[0], (uintptr_t)a[1], a[3], &ino);
	if (r < 0)
		return r;
	return stat_out(ino, (uintptr_t)a[2]);
}

#ifdef __NR_stat
long
sys_stat(const long *a)
{
	long b[4] = { AT_FDCWD, a[0], a[1], 0 };
	return sys_newfstatat(b);
}
#endif

#ifdef __NR_lstat
long
sys_lstat(const long *a)
{
	long b[4] = { AT_FDCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW };
	return sys_newfstatat(b);
}
#endif

long
sys_statx(const long *a)
{
	if (a[2] & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((a[2] & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if ((uint32_t)a[3] & 0x80000000U)
		return -EINVAL;
	struct inode *ino;
	long r = lookup_at(a[0], (uintptr_t)a[1], a[2], &ino);
	if (r < 0)
		return r;
	struct abi_stat st;
	inode_stat(ino, &st);
	struct k_statx sx;
	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = 0x7ff;      /* STATX_BASIC_STATS */
	sx.stx_blksize = (uint32_t)st.st_blksize;
	sx.stx_nlink = (uint32_t)st.st_nlink;
	sx.stx_uid = st.st_uid;
	sx.stx_gid = st.st_gid;
	sx.stx_mode = (uint16_t)st.st_mode;
	sx.stx_ino = st.st_ino;
	sx.stx_size = (uint64_t)st.st_size;
	sx.stx_blocks = (uint64_t)st.st_blocks;
	sx.stx_atime.tv_sec = sx.stx_mtime.tv_sec = sx.stx_ctime.tv_sec = (int64_t)st.st_mtime_sec;
	sx.stx_rdev_major = ino->rdev_major;
	sx.stx_rdev_minor = ino->rdev_minor;
	sx.stx_dev_minor = (uint32_t)st.st_dev;
	return copy_to_user((uintptr_t)a[4], &sx, sizeof(sx));
}

static unsigned char
dtype(uint32_t mode)
{
	return (unsigned char)((mode & S_IFMT) >> 12);
}

long
sys_getdents64(const long *a)
{
	struct file *f = getf(a[0]);
	if (!f)
		return -EBADF;
	if (!f->ino || (f->ino->mode & S_IFMT) != S_IFDIR)
		return -ENOTDIR;
	size_t count = (size_t)a[2];
	uintptr_t ubuf = (uintptr_t)a[1];
	uint8_t rec[280];
	size_t used = 0;
	/* entries: 0 = ".", 1 = "..", then the children in order */
	for (;;) {
		uint64_t idx = f->pos;
		const char *name;
		struct inode *ino;
		if (idx == 0) {
			name = ".";
			ino = f->ino;
		} else if (idx == 1) {
			name = "..";
			ino = f->ino->parent ? f->ino->parent : f->ino;
		} else {
			struct dirent_node *d = f->ino->children;
			for (uint64_t i = 2; d && i < idx; i++)
				d = d->next;
			if (!d)
				break;
			name = d->name;
			ino = d->ino;
		}
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
		if (copy_to_user(ubuf + used, rec, reclen) < 0)
			return -EFAULT;
		used += reclen;
		f->pos = idx + 1;
	}
	return (long)used;
}

long
sys_ioctl(const long *a)
{
	struct file *f = getf(a[0]);
	if (!f)
		return -EBADF;
	unsigned long cmd = (unsigned long)(unsigned int)a[1];
	if (cmd == FIONBIO) {
		int v;
		if (copy_from_user(&v, (uintptr_t)a[2], sizeof(v)) < 0)
			return -EFAULT;
		if (v)
			f->flags |= O_NONBLOCK;
		else
			f->flags &= ~O_NONBLOCK;
		return 0;
	}
	if (!f->ops || !f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, cmd, (uintptr_t)a[2]);
}

long
sys_fcntl(const long *a)
{
	struct files *fs = current->files;
	struct file *f = getf(a[0]);
	if (!f)
		return -EBADF;
	int fd = (int)a[0];
	switch ((int)a[1]) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (a[2] < 0 || a[2] >= (long)current->proc->rlim[RLIMIT_NOFILE].cur)
			return -EINVAL;
		{
			long r = fd_install(fs, file_get(f), (int)a[2], (int)a[1] == F_DUPFD_CLOEXEC);
			if (r < 0)
				file_put(f);
			return r;
		}
	case F_GETFD:
		return fs->cloexec[fd] ? FD_CLOEXEC : 0;
	case F_SETFD:
		fs->cloexec[fd] = (a[2] & FD_CLOEXEC) != 0;
		return 0;
	case F_GETFL:
		return f->flags | ((f->ino && (f->ino->mode & S_IFMT) == S_IFREG) ? O_LARGEFILE : 0);
	case F_SETFL: {
		unsigned mask = O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME;
		f->flags = (f->flags & ~mask) | ((unsigned)a[2] & mask);
		return 0;
	}
	default:
		return -EINVAL;
	}
}

long
sys_dup(const long *a)
{
	struct file *f = getf(a[0]);
	if (!f)
		return -EBADF;
	long r = fd_install(current->files, file_get(f), 0, 0);
	if (r < 0)
		file_put(f);
	return r;
}

static long
do_dup3(long oldfd, long newfd, long flags, int is_dup2)
{
	struct files *fs = current->files;
	struct file *f = getf(oldfd);
	if (!is_dup2 && (flags & ~O_CLOEXEC))
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (newfd < 0 || newfd >= (long)MIN(FD_MAX, current->proc->rlim[RLIMIT_NOFILE].cur))
		return -EBADF;
	if (oldfd == newfd)
		return is_dup2 ? newfd : -EINVAL;
	file_get(f);
	if (fs->fd[newfd])
		fd_close(fs, (int)newfd);
	fs->fd[newfd] = f;
	fs->cloexec[newfd] = (flags & O_CLOEXEC) != 0;
	return newfd;
}

#ifdef __NR_dup2
long
sys_dup2(const long *a)
{
	return do_dup3(a[0], a[1], 0, 1);
}
#endif

long
sys_dup3(const long *a)
{
	return do_dup3(a[0], a[1], a[2], 0);
}

long
sys_pipe2(const long *a)
{
	if (a[1] & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	struct file *rd, *wr;
	long r = pipe_create(&rd, &wr, (unsigned)a[1]);
	if (r < 0)
		return r;
	int cloexec = (a[1] & O_CLOEXEC) != 0;
	int fds[2];
	fds[0] = fd_install(current->files, rd, 0, cloexec);
	if (fds[0] < 0) {
		file_put(rd);
		file_put(wr);
		return fds[0];
	}
	fds[1] = fd_install(current->files, wr, 0, cloexec);
	if (fds[1] < 0) {
		fd_close(current->files, fds[0]);
		file_put(wr);
		return fds[1];
	}
	if (copy_to_user((uintptr_t)a[0], fds, sizeof(fds)) < 0) {
		fd_close(current->files, fds[0]);
		fd_close(current->files, fds[1]);
		return -EFAULT;
	}
	return 0;
}

#ifdef __NR_pipe
long
sys_pipe(const long *a)
{
	long b[2] = { a[0], 0 };
	return sys_pipe2(b);
}
#endif

long
sys_faccessat2(const long *a)
{
	if (a[2] & ~7)
		return -EINVAL;
	if (a[3] & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x200))
		return -EINVAL;
	struct inode *ino;
	long r = lookup_at(a[0], (uintptr_t)a[1], a[3], &ino);
	if (r < 0)
		return r;
	/* root: read/write always; execute needs one x bit (or a directory) */
	if ((a[2] & 1) && (ino->mode & S_IFMT) != S_IFDIR && !(ino->mode & 0111))
		return -EACCES;
	return 0;
}

long
sys_faccessat(const long *a)
{
	long b[4] = { a[0], a[1], a[2], 0 };
	return sys_faccessat2(b);
}

#ifdef __NR_access
long
sys_access(const long *a)
{
	long b[4] = { AT_FDCWD, a[0], a[1], 0 };
	return sys_faccessat2(b);
}
#endif

long
sys_readlinkat(const long *a)
{
	if (a[3] <= 0)
		return -EINVAL;
	struct inode *ino;
	long r = lookup_at(a[0], (uintptr_t)a[1], AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &ino);
	if (r < 0)
		return r;
	if ((ino->mode & S_IFMT) != S_IFLNK || !ino->link)
		return -EINVAL;
	size_t n = MIN(strlen(ino->link), (size_t)a[3]);
	if (copy_to_user((uintptr_t)a[2], ino->link, n) < 0)
		return -EFAULT;
	return (long)n;
}

#ifdef __NR_readlink
long
sys_readlink(const long *a)
{
	long b[4] = { AT_FDCWD, a[0], a[1], a[2] };
	return sys_readlinkat(b);
}
#endif

long
sys_getcwd(const long *a)
{
	char buf[512];
	int n = vfs_path(current->fs->cwd, buf, sizeof(buf));
	if (n < 0)
		return n;
	if ((size_t)n > (size_t)a[1])
		return -ERANGE;
	if (copy_to_user((uintptr_t)a[0], buf, (size_t)n) < 0)
		return -EFAULT;
	return n;
}

long
sys_chdir(const long *a)
{
	struct inode *ino;
	long r = lookup_at(AT_FDCWD, (uintptr_t)a[0], 0, &ino);
	if (r < 0)
		return r;
	if ((ino->mode & S_IFMT) != S_IFDIR)
		return -ENOTDIR;
	current->fs->cwd = ino;
	return 0;
}

long
sys_fchdir(const long *a)
{
	struct file *f = getf(a[0]);
	if (!f)
		return -EBADF;
	if (!f->ino || (f->ino->mode & S_IFMT) != S_IFDIR)
		return -ENOTDIR;
	current->fs->cwd = f->ino;
	return 0;
}

long
sys_mkdirat(const long *a)
{
	char *path = kmalloc(4096);
	if (!path)
		return -ENOMEM;
	long r = get_path((uintptr_t)a[1], path);
	if (r < 0)
		goto out;
	int err;
	struct inode *dir = at_dir(a[0], path, &err), *parent;
	const char *name;
	if (err) {
		r = err;
		goto out;
	}
	r = vfs_lookup_parent(dir, path, &parent, &name);
	if (r < 0)
		goto out;
	if (vfs_dir_find(parent, name) || !strcmp(name, ".") || !strcmp(name, "..")) {
		r = -EEXIST;
		goto out;
	}
	char nm[256];
	size_t n = 0;
	while (name[n] && name[n] != '/' && n < sizeof(nm) - 1) {
		nm[n] = name[n];
		n++;
	}
	nm[n] = 0;
	r = vfs_create(parent, nm, S_IFDIR | ((uint32_t)a[2] & 07777 & ~current->fs->umask)) ? 0 : -ENOMEM;
out:
	kfree(path);
	return r;
}

#ifdef __NR_mkdir
long
sys_mkdir(const long *a)
{
	long b[3] = { AT_FDCWD, a[0], a[1] };
	return sys_mkdirat(b);
}
#endif

long
sys_unlinkat(const long *a)
{
	if (a[2] & ~AT_REMOVEDIR)
		return -EINVAL;
	char *path = kmalloc(4096);
	if (!path)
		return -ENOMEM;
	long r = get_path((uintptr_t)a[1], path);
	if (r < 0)
		goto out;
	int err;
	struct inode *dir = at_dir(a[0], path, &err), *parent;
	const char *name;
	if (err) {
		r = err;
		goto out;
	}
	r = vfs_lookup_parent(dir, path, &parent, &name);
	if (r < 0)
		goto out;
	r = vfs_unlink(parent, name, (a[2] & AT_REMOVEDIR) != 0);
out:
	kfree(path);
	return r;
}

#ifdef __NR_unlink
long
sys_unlink(const long *a)
{
	long b[3] = { AT_FDCWD, a[0], 0 };
	return sys_unlinkat(b);
}
#endif

#ifdef __NR_rmdir
long
sys_rmdir(const long *a)
{
	long b[3] = { AT_FDCWD, a[0], AT_REMOVEDIR };
	return sys_unlinkat(b);
}
#endif

long
sys_umask(const long *a)
{
	long old = current->fs->umask;
	current->fs->umask = (uint32_t)a[0] & 0777;
	return old;
}

long
sys_fsync(const long *a)
{
	return getf(a[0]) ? 0 : -EBADF;
}

long
sys_ftruncate(const long *a)
{
	struct file *f = getf(a[0]);
	if (!f)
		return -EBADF;
	if (a[1] < 0)
		return -EINVAL;
	if (!is_regular(f) || (f->flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;
	return vfs_truncate(f->ino, (size_t)a[1]);
}

long
sys_sendfile(const long *a)
{
	struct file *out = getf(a[0]), *in = getf(a[1]);
	if (!out || !in)
		return -EBADF;
	(void)a;
	return -EINVAL;
}

/* poll/ppoll: files here are always writable; readable per poll_read. */
static long
do_poll(uintptr_t ufds, unsigned long nfds, int64_t timeout_ms)
{
	struct pollfd { int fd; short events, revents; };
	if (nfds > FD_MAX)
		return -EINVAL;
	struct pollfd *p = kmalloc(nfds * sizeof(*p) + 1);
	if (!p)
		return -ENOMEM;
	long r;
	if (copy_from_user(p, ufds, nfds * sizeof(*p)) < 0) {
		r = -EFAULT;
		goto out;
	}
	for (;;) {
		long ready = 0;
		for (unsigned long i = 0; i < nfds; i++) {
			p[i].revents = 0;
			if (p[i].fd < 0)
				continue;
			struct file *f = getf(p[i].fd);
			if (!f) {
				p[i].revents = 0x20;   /* POLLNVAL */
			} else {
				if ((p[i].events & 1) && (!f->ops->poll_read || f->ops->poll_read(f)))
					p[i].revents |= 1;
				if (p[i].events & 4)
					p[i].revents |= 4;
			}
			if (p[i].revents)
				ready++;
		}
		if (ready || timeout_ms == 0) {
			r = copy_to_user(ufds, p, nfds * sizeof(*p)) < 0 ? -EFAULT : ready;
			goto out;
		}
		/* sleep a tick and look again */
		int s = sleep_on(&do_poll, 1, 10000000ULL);
		if (s == -EINTR || signal_pending(current)) {
			r = -ERESTARTSYS;
			goto out;
		}
		if (timeout_ms > 0) {
			timeout_ms -= 10;
			if (timeout_ms <= 0)
				timeout_ms = 0;
		}
	}
out:
	kfree(p);
	return r;
}

#ifdef __NR_poll
long
sys_poll(const long *a)
{
	return do_poll((uintptr_t)a[0], (unsigned long)a[1], (int)a[2]);
}
#endif

long
sys_ppoll(const long *a)
{
	int64_t ms = -1;
	if (a[2]) {
		struct k_timespec ts;
		if (copy_from_user(&ts, (uintptr_t)a[2], sizeof(ts)) < 0)
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		ms = ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	}
	return do_poll((uintptr_t)a[0], (unsigned long)a[1], ms);
}
