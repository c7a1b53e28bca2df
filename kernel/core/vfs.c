/*
 * kernel/core/vfs.c: the file tree.  The initramfs (cpio newc) is unpacked
 * into inodes whose data points into the initrd itself (copied to the heap on
 * the first write); /dev gets the console and a few character devices.
 * Also open files, fd tables and the per-process cwd.  Path walking, links
 * and rename are in namei.c.
 */
#include "vfs.h"
#include "arch.h"
#include "kmalloc.h"
#include "lib.h"
#include "task.h"
#include "uapi.h"
#include "vm.h"
#include "trace.h"

static struct inode *root;
static uint64_t next_ino = 1000000;
/* while the initramfs is unpacked, inode times are the archive's (as
 * Linux's initramfs keeps them): adding entries does not touch a directory */
static int unpacking;

struct inode *
vfs_root(void)
{
	return root;
}

/* The wall clock, for inode times. */
void
vfs_now(struct k_timespec *ts)
{
	uint64_t ns = arch_time_ns() + arch_boot_epoch() * 1000000000ULL;
	ts->tv_sec = (int64_t)(ns / 1000000000ULL);
	ts->tv_nsec = (int64_t)(ns % 1000000000ULL);
}

/* Set ino's times named in what (INODE_ATIME | INODE_MTIME | INODE_CTIME)
 * to now. */
void
inode_touch(struct inode *ino, int what)
{
	struct k_timespec now;
	if (unpacking && ino->ctime.tv_sec)
		return;
	vfs_now(&now);
	if (what & INODE_ATIME)
		ino->atime = now;
	if (what & INODE_MTIME)
		ino->mtime = now;
	if (what & INODE_CTIME)
		ino->ctime = now;
}

static struct inode *
inode_new(uint32_t mode)
{
	struct inode *i = kzalloc(sizeof(*i));
	if (!i)
		return NULL;
	i->mode = mode;
	i->ino = next_ino++;
	i->nlink = (mode & S_IFMT) == S_IFDIR ? 2 : 1;
	inode_touch(i, INODE_ATIME | INODE_MTIME | INODE_CTIME);
	i->refs = 1;
	return i;
}

struct inode *
vfs_dir_find(struct inode *dir, const char *name)
{
	for (struct dirent_node *d = dir->children; d; d = d->next)
		if (!strcmp(d->name, name))
			return d->ino;
	return NULL;
}

/*
 * Link ino into dir under name (name is copied), at the head of the list.
 * A directory gets its parent and name; dir's link count and times follow.
 * ino's own link count is the caller's.  0 or -ENOMEM.
 */
int
vfs_dir_link(struct inode *dir, const char *name, struct inode *ino)
{
	struct dirent_node *d = kmalloc(sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->name = kstrdup(name);
	if (!d->name) {
		kfree(d);
		return -ENOMEM;
	}
	d->ino = ino;
	/* newest first: the order in which Linux's tmpfs lists a directory */
	d->next = dir->children;
	dir->children = d;
	if ((ino->mode & S_IFMT) == S_IFDIR) {
		ino->parent = dir;
		ino->name = d->name;
		dir->nlink++;
	}
	inode_touch(dir, INODE_MTIME | INODE_CTIME);
	return 0;
}

struct inode *
vfs_create(struct inode *dir, const char *name, uint32_t mode)
{
	struct inode *ino = inode_new(mode);
	if (!ino)
		return NULL;
	ino->dev = dir->dev;
	if (vfs_dir_link(dir, name, ino) < 0) {
		kfree(ino);
		return NULL;
	}
	return ino;
}

/*
 * Take the entry name out of dir and return it (NULL if there is none),
 * fixing dir's link count and times; the inode's own count is the caller's.
 * The node is the caller's to free or to link elsewhere.
 */
struct dirent_node *
vfs_dir_detach(struct inode *dir, const char *name)
{
	struct dirent_node **pp = &dir->children;
	for (; *pp; pp = &(*pp)->next) {
		struct dirent_node *d = *pp;
		if (strcmp(d->name, name))
			continue;
		*pp = d->next;
		if ((d->ino->mode & S_IFMT) == S_IFDIR)
			dir->nlink--;
		inode_touch(dir, INODE_MTIME | INODE_CTIME);
		return d;
	}
	return NULL;
}

/* Drop one link of ino (a directory loses both of its own). */
void
inode_drop_link(struct inode *ino)
{
	if ((ino->mode & S_IFMT) == S_IFDIR)
		ino->nlink = 0;
	else if (ino->nlink)
		ino->nlink--;
	inode_touch(ino, INODE_CTIME);
	/* inode memory is kept: open files and mappings may still use it */
}

int
vfs_unlink(struct inode *dir, const char *name, int rmdir)
{
	struct inode *ino = vfs_dir_find(dir, name);
	if (!ino)
		return -ENOENT;
	int isdir = (ino->mode & S_IFMT) == S_IFDIR;
	if (rmdir && !isdir)
		return -ENOTDIR;
	if (!rmdir && isdir)
		return -EISDIR;
	if (ino->mounted)
		return -EBUSY;
	if (isdir && ino->children)
		return -ENOTEMPTY;
	vfs_dir_detach(dir, name);
	inode_drop_link(ino);
	return 0;
}

static uint32_t
hex8(const char *p)
{
	uint32_t v = 0;
	for (int i = 0; i < 8; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
	}
	return v;
}

/* Create (or find) the directory chain for path; returns the parent of the
 * last component and points *last at it. */
static struct inode *
mkdirs(char *path, char **last)
{
	struct inode *dir = root;
	char *p = path;
	for (;;) {
		char *slash = strchr(p, '/');
		if (!slash) {
			*last = p;
			return dir;
		}
		*slash = 0;
		if (*p) {
			struct inode *sub = vfs_dir_find(dir, p);
			if (!sub)
				sub = vfs_create(dir, p, S_IFDIR | 0755);
			if (!sub)
				return NULL;
			dir = sub;
		}
		p = slash + 1;
	}
}

/* Unpack a cpio newc archive into the tree. */
static void
cpio_unpack(const uint8_t *base, size_t size)
{
	size_t off = 0;
	while (off + 110 <= size) {
		const char *h = (const char *)base + off;
		if (memcmp(h, "070701", 6) && memcmp(h, "070702", 6)) {
			trace_event("initrd bad-cpio-header offset=%zu", off);
			return;
		}
		uint32_t cino = hex8(h + 6), mode = hex8(h + 14), uid = hex8(h + 22), gid = hex8(h + 30);
		uint32_t mtime = hex8(h + 46), fsize = hex8(h + 54);
		uint32_t rmaj = hex8(h + 78), rmin = hex8(h + 86), namesize = hex8(h + 94);
		const char *name = h + 110;
		size_t data_off = ALIGN_UP(off + 110 + namesize, 4);
		if (data_off + fsize > size)
			return;
		if (!strcmp(name, "TRAILER!!!"))
			return;
		char path[512];
		strlcpy(path, name, sizeof(path));
		char *p = path;
		while (*p == '.' && p[1] == '/')
			p += 2;
		while (*p == '/')
			p++;
		if (*p && strcmp(p, ".")) {
			char *last;
			struct inode *dir = mkdirs(p, &last);
			struct inode *ino = dir ? vfs_dir_find(dir, last) : NULL;
			if (dir && !ino)
				ino = vfs_create(dir, last, mode);
			if (ino) {
				ino->mode = mode;
				ino->ino = cino;
				ino->uid = uid;
				ino->gid = gid;
				ino->atime.tv_sec = ino->mtime.tv_sec = ino->ctime.tv_sec = mtime;
				ino->atime.tv_nsec = ino->mtime.tv_nsec = ino->ctime.tv_nsec = 0;
				ino->rdev_major = rmaj;
				ino->rdev_minor = rmin;
				const uint8_t *data = base + data_off;
				if ((mode & S_IFMT) == S_IFLNK) {
					ino->link = kmalloc(fsize + 1);
					if (ino->link) {
						memcpy(ino->link, data, fsize);
						ino->link[fsize] = 0;
					}
					ino->size = fsize;
				} else if ((mode & S_IFMT) == S_IFREG) {
					ino->data = (uint8_t *)data;
					ino->size = fsize;
				}
			}
		}
		off = ALIGN_UP(data_off + fsize, 4);
	}
}

static void
add_dev(struct inode *dev, const char *name, const struct file_ops *ops, int maj, int min,
	uint32_t perm)
{
	struct inode *i = vfs_dir_find(dev, name);
	if (!i)
		i = vfs_create(dev, name, S_IFCHR | perm);
	if (!i)
		return;
	i->mode = S_IFCHR | perm;
	i->fops = ops;
	i->rdev_major = maj;
	i->rdev_minor = min;
}

void
vfs_init(const void *initrd, size_t size)
{
	root = inode_new(S_IFDIR | 0755);
	root->parent = root;
	root->name = "";
	root->ino = 1;
	if (initrd && size) {
		unpacking = 1;
		cpio_unpack(initrd, size);
		unpacking = 0;
	}
	struct inode *dev = vfs_dir_find(root, "dev");
	if (!dev)
		dev = vfs_create(root, "dev", S_IFDIR | 0755);
	if (dev) {
		add_dev(dev, "console", &tty_ops, 5, 1, 0600);
		add_dev(dev, "tty", &tty_ops, 5, 0, 0666);
		add_dev(dev, "ttyS0", &tty_ops, 4, 64, 0660);
		add_dev(dev, "null", &null_ops, 1, 3, 0666);
		add_dev(dev, "zero", &zero_ops, 1, 5, 0666);
	}
	if (!vfs_dir_find(root, "tmp"))
		vfs_create(root, "tmp", S_IFDIR | 01777);
}

int
vfs_path(struct inode *dir, char *buf, size_t size)
{
	/* collect names from dir up to the root, then reverse */
	const char *names[64];
	int n = 0;
	for (struct inode *i = dir; i != root && i->parent && n < 64; i = i->parent)
		names[n++] = i->name;
	size_t len = 0;
	if (n == 0) {
		if (size < 2)
			return -ERANGE;
		buf[0] = '/';
		buf[1] = 0;
		return 2;
	}
	for (int i = n - 1; i >= 0; i--) {
		size_t l = strlen(names[i]);
		if (len + 1 + l + 1 > size)
			return -ERANGE;
		buf[len++] = '/';
		memcpy(buf + len, names[i], l);
		len += l;
	}
	buf[len] = 0;
	return (int)len + 1;
}

int
vfs_truncate(struct inode *ino, size_t size)
{
	if (size > ino->cap || ino->cap == 0) {
		size_t cap = ALIGN_UP(MAX(size, 64), 64);
		if (ino->cap && cap < ino->cap * 2)
			cap = ino->cap * 2;
		uint8_t *d = kmalloc(cap);
		if (!d)
			return -ENOMEM;
		memcpy(d, ino->data, MIN(ino->size, size));
		if (ino->cap)
			kfree(ino->data);
		ino->data = d;
		ino->cap = cap;
	}
	if (size > ino->size)
		memset(ino->data + ino->size, 0, size - ino->size);
	ino->size = size;
	return 0;
}

/*
 * inode_blocks: st_blocks (512-byte units) as tmpfs counts them: whole pages
 * for a file's data, none for a directory, none for a symlink short enough
 * to live in the inode (tmpfs keeps targets under 128 bytes there).  A hole
 * is counted as data here (the data is one buffer, not pages).
 */
static int64_t
inode_blocks(const struct inode *ino)
{
	switch (ino->mode & S_IFMT) {
	case S_IFDIR:
		return 0;
	case S_IFLNK:
		return ino->size < 128 ? 0 : PAGE_SIZE / 512;
	default:
		return (int64_t)(ALIGN_UP(ino->size, PAGE_SIZE) / 512);
	}
}

void
inode_stat(struct inode *ino, void *out)
{
	struct abi_stat *st = out;
	memset(st, 0, sizeof(*st));
	/* the root filesystem is device 1, a tmpfs mount 0:N (anonymous, as Linux's) */
	st->st_dev = (ino->mode & S_IFMT) == S_IFCHR ? 5 : ino->dev ? ino->dev : 1;
	st->st_ino = ino->ino;
	st->st_nlink = ino->nlink;
	st->st_mode = ino->mode;
	st->st_uid = ino->uid;
	st->st_gid = ino->gid;
	st->st_rdev = (ino->rdev_major << 8) | ino->rdev_minor;
	st->st_size = (int64_t)ino->size;
	if ((ino->mode & S_IFMT) == S_IFDIR) {
		/* tmpfs counts 20 bytes per entry, "." and ".." included */
		int64_t n = 2;
		for (struct dirent_node *d = ino->children; d; d = d->next)
			n++;
		st->st_size = n * 20;
	}
	st->st_blksize = 4096;
	st->st_blocks = inode_blocks(ino);
	st->st_atime_sec = (uint64_t)ino->atime.tv_sec;
	st->st_atime_nsec = (uint64_t)ino->atime.tv_nsec;
	st->st_mtime_sec = (uint64_t)ino->mtime.tv_sec;
	st->st_mtime_nsec = (uint64_t)ino->mtime.tv_nsec;
	st->st_ctime_sec = (uint64_t)ino->ctime.tv_sec;
	st->st_ctime_nsec = (uint64_t)ino->ctime.tv_nsec;
}

/* ---- open files ---- */

static ssize_t
reg_read(struct file *f, void *buf, size_t n)
{
	struct inode *i = f->ino;
	if (f->pos >= i->size)
		return 0;
	n = MIN(n, i->size - f->pos);
	memcpy(buf, i->data + f->pos, n);
	f->pos += n;
	return (ssize_t)n;
}

static ssize_t
reg_write(struct file *f, const void *buf, size_t n)
{
	struct inode *i = f->ino;
	if (f->flags & O_APPEND)
		f->pos = i->size;
	if (f->pos + n > i->size || i->cap == 0) {
		int r = vfs_truncate(i, MAX(i->size, f->pos + n));
		if (r < 0)
			return r;
	}
	memcpy(i->data + f->pos, buf, n);
	f->pos += n;
	inode_touch(i, INODE_MTIME | INODE_CTIME);
	return (ssize_t)n;
}

static const struct file_ops reg_ops = {
	.read = reg_read,
	.write = reg_write,
};

static const struct file_ops dir_ops = { 0 };

struct file *
file_open_inode(struct inode *ino, unsigned flags)
{
	struct file *f = kzalloc(sizeof(*f));
	if (!f)
		return NULL;
	f->refs = 1;
	f->ino = ino;
	f->flags = flags;
	switch (ino->mode & S_IFMT) {
	case S_IFCHR:
		f->ops = ino->fops ? ino->fops : &null_ops;
		break;
	case S_IFDIR:
		f->ops = &dir_ops;
		break;
	default:
		f->ops = &reg_ops;
	}
	ino->refs++;
	return f;
}

struct file *
file_get(struct file *f)
{
	f->refs++;
	return f;
}

void
file_put(struct file *f)
{
	if (--f->refs > 0)
		return;
	if (f->ops && f->ops->release)
		f->ops->release(f);
	if (f->ino)
		f->ino->refs--;
	kfree(f);
}

ssize_t
file_read(struct file *f, void *buf, size_t n)
{
	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (f->ino && (f->ino->mode & S_IFMT) == S_IFDIR)
		return -EISDIR;
	if (!f->ops->read)
		return -EINVAL;
	return f->ops->read(f, buf, n);
}

ssize_t
file_write(struct file *f, const void *buf, size_t n)
{
	if ((f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!f->ops->write)
		return -EINVAL;
	return f->ops->write(f, buf, n);
}

/* ---- fd tables ---- */

struct files *
files_create(void)
{
	struct files *fs = kzalloc(sizeof(*fs));
	if (fs)
		fs->refs = 1;
	return fs;
}

struct files *
files_copy(struct files *src)
{
	struct files *fs = files_create();
	if (!fs)
		return NULL;
	for (int i = 0; i < src->nfd; i++)
		if (src->fd[i]) {
			fs->fd[i] = file_get(src->fd[i]);
			fs->cloexec[i] = src->cloexec[i];
		}
	fs->nfd = src->nfd;
	return fs;
}

void
files_put(struct files *fs)
{
	if (!fs || --fs->refs > 0)
		return;
	for (int i = 0; i < fs->nfd; i++)
		if (fs->fd[i])
			file_put(fs->fd[i]);
	kfree(fs);
}

int
fd_install(struct files *fs, struct file *f, int min, int cloexec)
{
	uint64_t lim = current->proc->rlim[RLIMIT_NOFILE].cur;
	if (lim > FD_MAX)
		lim = FD_MAX;
	for (int i = min; i < (int)lim; i++)
		if (!fs->fd[i]) {
			fs->fd[i] = f;
			fs->cloexec[i] = (uint8_t)cloexec;
			if (i >= fs->nfd)
				fs->nfd = i + 1;
			return i;
		}
	return -EMFILE;
}

struct file *
fd_get(struct files *fs, int fd)
{
	if (fd < 0 || fd >= FD_MAX)
		return NULL;
	return fs->fd[fd];
}

struct file *
fd_file(int fd)
{
	return fd_get(current->files, fd);
}

int
fd_close(struct files *fs, int fd)
{
	if (fd < 0 || fd >= FD_MAX || !fs->fd[fd])
		return -EBADF;
	struct file *f = fs->fd[fd];
	fs->fd[fd] = NULL;
	fs->cloexec[fd] = 0;
	file_put(f);
	return 0;
}

void
files_close_on_exec(struct files *fs)
{
	for (int i = 0; i < fs->nfd; i++)
		if (fs->fd[i] && fs->cloexec[i])
			fd_close(fs, i);
}

struct fs_struct *
fs_create(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));
	if (!fs)
		return NULL;
	fs->refs = 1;
	fs->cwd = root;
	fs->umask = 022;
	return fs;
}

struct fs_struct *
fs_copy(struct fs_struct *src)
{
	struct fs_struct *fs = fs_create();
	if (fs) {
		fs->cwd = src->cwd;
		fs->umask = src->umask;
	}
	return fs;
}

void
fs_put(struct fs_struct *fs)
{
	if (fs && --fs->refs == 0)
		kfree(fs);
}
