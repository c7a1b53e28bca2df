/*
 * kernel/core/sys_file.c: syscalls on open files: read and write (plain,
 * positioned, vectored), lseek, close, dup, fcntl, ioctl, pipes, fsync,
 * ftruncate, sendfile (poll and ppoll: select.c).  Paths, directories and
 * metadata are in sys_fs.c.  Data moves through a kernel bounce buffer;
 * every user pointer goes through copy_{from,to}_user (EFAULT).
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
#define UIO_MAXIOV 1024

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

/*
 * rw_buffer: what read and write check alike, after the access mode: the
 * user range (EFAULT), count capped at MAX_RW_COUNT (as Linux); then the
 * bounce buffer of one chunk.  NULL with *err set, or the buffer to kfree.
 */
static char *
rw_buffer(uintptr_t ubuf, size_t *count, size_t *chunk, long *err)
{
	if (!user_range_ok(ubuf, *count)) {
		*err = -EFAULT;
		return NULL;
	}
	if (*count > MAX_RW_COUNT)
		*count = MAX_RW_COUNT;
	*chunk = MIN(*count, RW_CHUNK);
	char *k = kmalloc(*chunk ? *chunk : 1);
	if (!k)
		*err = -ENOMEM;
	return k;
}

/* read into user memory: regular files in a loop, others in one call */
static long
do_read(struct file *f, uintptr_t ubuf, size_t count)
{
	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	size_t chunk;
	long err;
	char *k = rw_buffer(ubuf, &count, &chunk, &err);
	if (!k)
		return err;
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

/* write from user memory through the bounce buffer, chunk by chunk; a zero
 * count still calls file_write (EINVAL where the file has no write op) */
static long
do_write(struct file *f, uintptr_t ubuf, size_t count)
{
	if ((f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	size_t chunk;
	long err;
	char *k = rw_buffer(ubuf, &count, &chunk, &err);
	if (!k)
		return err;
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

SYSCALL_DEFINE3(read, unsigned int, fd, uintptr_t, buf, size_t, count)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	return do_read(f, buf, count);
}

SYSCALL_DEFINE3(write, unsigned int, fd, uintptr_t, buf, size_t, count)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	return do_write(f, buf, count);
}

/* pread64/pwrite64: do_read/do_write at pos, the file offset untouched. */
static long
do_rw_at(unsigned int fd, uintptr_t buf, size_t count, off_t pos, int writing)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	if (pos < 0)
		return -EINVAL;
	/* a directory has positions too: its read is EISDIR, its write EBADF */
	if (!is_regular(f) && !(f->ino && (f->ino->mode & S_IFMT) == S_IFDIR))
		return -ESPIPE;
	uint64_t save = f->pos;
	f->pos = (uint64_t)pos;
	long r = writing ? do_write(f, buf, count) : do_read(f, buf, count);
	f->pos = save;
	return r;
}

SYSCALL_DEFINE4(pread64, unsigned int, fd, uintptr_t, buf, size_t, count, off_t, pos)
{
	return do_rw_at(fd, buf, count, pos, 0);
}

SYSCALL_DEFINE4(pwrite64, unsigned int, fd, uintptr_t, buf, size_t, count, off_t, pos)
{
	return do_rw_at(fd, buf, count, pos, 1);
}

/* No length negative, and their sum fits in an ssize_t. */
static int
iov_lengths_ok(const struct k_iovec *iov, unsigned long vlen)
{
	uint64_t total = 0;
	for (unsigned long i = 0; i < vlen; i++) {
		if ((int64_t)iov[i].len < 0 || total + iov[i].len > 0x7fffffffffffffffULL)
			return 0;
		total += iov[i].len;
	}
	return 1;
}

/* readv/writev: validate the whole vector first, as Linux does. */
static long
do_rwv(unsigned long fd, uintptr_t vec, unsigned long vlen, int writing)
{
	struct file *f = fd_file((int)fd);
	if (!f)
		return -EBADF;
	if (writing ? (f->flags & O_ACCMODE) == O_RDONLY : (f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	if (vlen == 0)
		return 0;
	struct k_iovec *iov = kmalloc(vlen * sizeof(*iov));
	if (!iov)
		return -ENOMEM;
	long r = 0;
	if (copy_from_user(iov, vec, vlen * sizeof(*iov)) < 0) {
		r = -EFAULT;
		goto out;
	}
	if (!iov_lengths_ok(iov, vlen)) {
		r = -EINVAL;
		goto out;
	}
	long done = 0;
	for (unsigned long i = 0; i < vlen; i++) {
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

SYSCALL_DEFINE3(readv, unsigned long, fd, uintptr_t, vec, unsigned long, vlen)
{
	return do_rwv(fd, vec, vlen, 0);
}

SYSCALL_DEFINE3(writev, unsigned long, fd, uintptr_t, vec, unsigned long, vlen)
{
	return do_rwv(fd, vec, vlen, 1);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	if (fd >= FD_MAX)
		return -EBADF;
	return fd_close(current->files, (int)fd);
}

/* lseek: pipes and the tty are ESPIPE, other character devices stay at 0. */
SYSCALL_DEFINE3(lseek, unsigned int, fd, off_t, offset, unsigned int, whence)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	if (f->priv || !f->ino || (f->ino->mode & S_IFMT) == S_IFIFO)
		return -ESPIPE;
	if ((f->ino->mode & S_IFMT) == S_IFCHR)
		return f->ops == &tty_ops ? -ESPIPE : 0;
	int64_t base;
	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (int64_t)f->pos; break;
	case SEEK_END: base = (int64_t)f->ino->size; break;
	default: return -EINVAL;
	}
	int64_t pos = base + offset;
	if (pos < 0)
		return -EINVAL;
	f->pos = (uint64_t)pos;
	return pos;
}

/* ioctl: FIONBIO for every file, the rest is the file's own (ENOTTY). */
SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	if (cmd == FIONBIO) {
		int v;
		if (copy_from_user(&v, arg, sizeof(v)) < 0)
			return -EFAULT;
		if (v)
			f->flags |= O_NONBLOCK;
		else
			f->flags &= ~O_NONBLOCK;
		return 0;
	}
	if (!f->ops || !f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, cmd, arg);
}

/* F_DUPFD, F_DUPFD_CLOEXEC: the lowest free fd >= from. */
static long
dupfd_from(struct file *f, long from, int cloexec)
{
	if (from < 0 || from >= (long)current->proc->rlim[RLIMIT_NOFILE].cur)
		return -EINVAL;
	long r = fd_install(current->files, file_get(f), (int)from, cloexec);
	if (r < 0)
		file_put(f);
	return r;
}

/* fcntl: dup, the close-on-exec flag and the status flags. */
SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct files *fs = current->files;
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		return dupfd_from(f, (long)arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return fs->cloexec[fd] ? FD_CLOEXEC : 0;
	case F_SETFD:
		fs->cloexec[fd] = (arg & FD_CLOEXEC) != 0;
		return 0;
	case F_GETFL:
		/* open() on a 64-bit Linux adds O_LARGEFILE to whatever it
		 * opens (the console's fds too); pipe() does not */
		return f->flags | ((f->ino && (f->ino->mode & S_IFMT) != S_IFIFO) ? O_LARGEFILE : 0);
	case F_SETFL: {
		unsigned mask = O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME;
		f->flags = (f->flags & ~mask) | ((unsigned)arg & mask);
		return 0;
	}
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE1(dup, unsigned int, fildes)
{
	struct file *f = fd_file(fildes);
	if (!f)
		return -EBADF;
	long r = fd_install(current->files, file_get(f), 0, 0);
	if (r < 0)
		file_put(f);
	return r;
}

/* dup2/dup3: newfd (closed first if open) becomes a copy of oldfd; dup2
 * of an fd onto itself is a no-op, dup3's is EINVAL. */
static long
do_dup3(unsigned int oldfd, unsigned int newfd, int flags, int is_dup2)
{
	struct files *fs = current->files;
	struct file *f = fd_file(oldfd);
	if (!is_dup2 && (flags & ~O_CLOEXEC))
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (newfd >= MIN(FD_MAX, current->proc->rlim[RLIMIT_NOFILE].cur))
		return -EBADF;
	if (oldfd == newfd)
		return is_dup2 ? (long)newfd : -EINVAL;
	file_get(f);
	if (fs->fd[newfd])
		fd_close(fs, (int)newfd);
	fs->fd[newfd] = f;
	fs->cloexec[newfd] = (flags & O_CLOEXEC) != 0;
	if ((int)newfd >= fs->nfd)
		fs->nfd = (int)newfd + 1;
	return newfd;
}

#ifdef __NR_dup2
SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
	return do_dup3(oldfd, newfd, 0, 1);
}
#endif

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	return do_dup3(oldfd, newfd, flags, 0);
}

/* pipe2: the read end in fildes[0], the write end in fildes[1]. */
static long
do_pipe2(uintptr_t fildes, int flags)
{
	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	struct file *rd, *wr;
	long r = pipe_create(&rd, &wr, (unsigned)flags);
	if (r < 0)
		return r;
	int cloexec = (flags & O_CLOEXEC) != 0;
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
	if (copy_to_user(fildes, fds, sizeof(fds)) < 0) {
		fd_close(current->files, fds[0]);
		fd_close(current->files, fds[1]);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE2(pipe2, uintptr_t, fildes, int, flags)
{
	return do_pipe2(fildes, flags);
}

#ifdef __NR_pipe
SYSCALL_DEFINE1(pipe, uintptr_t, fildes)
{
	return do_pipe2(fildes, 0);
}
#endif

/* fsync: nothing to write back (the tree is in memory); files and
 * directories have an fsync, pipes and devices none (EINVAL, as Linux's
 * file without f_op->fsync). */
SYSCALL_DEFINE1(fsync, unsigned int, fd)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	if (!f->ino || (!is_regular(f) && (f->ino->mode & S_IFMT) != S_IFDIR))
		return -EINVAL;
	return 0;
}

SYSCALL_DEFINE2(ftruncate, unsigned int, fd, unsigned long, length)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	if ((off_t)length < 0)
		return -EINVAL;
	if (!is_regular(f) || (f->flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;
	inode_touch(f->ino, INODE_MTIME | INODE_CTIME);
	return vfs_truncate(f->ino, length);
}

/* sendfile's copy: count bytes of in from *pos (advanced) to out, through
 * a kernel buffer; the bytes moved, or -errno if none were. */
static long
sendfile_copy(struct file *in, uint64_t *pos, struct file *out, size_t count)
{
	size_t chunk = MIN(count, RW_CHUNK);
	char *k = kmalloc(chunk ? chunk : 1);
	if (!k)
		return -ENOMEM;
	size_t done = 0;
	long r = 0;
	while (done < count) {
		size_t n = MIN(chunk, count - done);
		uint64_t save = in->pos;
		in->pos = *pos;
		r = file_read(in, k, n);
		in->pos = save;
		if (r <= 0)
			break;
		long w = file_write(out, k, (size_t)r);
		if (w <= 0) {
			r = w;
			break;
		}
		*pos += (uint64_t)w;
		done += (size_t)w;
		if (w < r || (size_t)r < n)
			break;
	}
	kfree(k);
	return done ? (long)done : r;
}

/*
 * do_sendfile, in Linux's order of checks: in_fd open for reading, a
 * position it may be read at (ESPIPE for an offset on a pipe, EINVAL below
 * 0), out_fd open for writing, not O_APPEND unless a pipe.  ppos NULL: in's
 * own offset, moved on; else *ppos, moved on.
 */
static long
do_sendfile(int out_fd, int in_fd, int64_t *ppos, size_t count)
{
	struct file *in = fd_file(in_fd), *out;
	if (!in || (in->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (ppos && !is_regular(in))
		return -ESPIPE;
	int64_t pos = ppos ? *ppos : (int64_t)in->pos;
	if (pos < 0 || (int64_t)(pos + count) < 0)
		return -EINVAL;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	out = fd_file(out_fd);
	if (!out || (out->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!out->priv && (out->flags & O_APPEND))
		return -EINVAL;
	if (!is_regular(in))
		return -EINVAL;      /* only files can be spliced from here */
	uint64_t upos = (uint64_t)pos;
	long r = count ? sendfile_copy(in, &upos, out, count) : 0;
	if (ppos)
		*ppos = (int64_t)upos;
	else
		in->pos = upos;
	return r;
}

/* sendfile (Linux's sendfile64): the offset is read first and written back
 * whatever happened. */
SYSCALL_DEFINE4(sendfile, int, out_fd, int, in_fd, uintptr_t, offset, size_t, count)
{
	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count);
	int64_t pos;
	if (copy_from_user(&pos, offset, sizeof(pos)) < 0)
		return -EFAULT;
	long r = do_sendfile(out_fd, in_fd, &pos, count);
	if (copy_to_user(offset, &pos, sizeof(pos)) < 0)
		return -EFAULT;
	return r;
}
