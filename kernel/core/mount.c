/*
 * kernel/core/mount.c: mount(2) and umount2(2) for in-memory filesystems,
 * as Linux's fs/namespace.c does them for tmpfs: a mount hides the
 * directory it is mounted on behind the root of a new, empty tree with
 * its own device number, and umount takes it off again.
 *
 * A mount is two links: the covered directory's ->mounted is the mount's
 * root, and the root's ->covered is that directory.  The path walk
 * (namei.c's walk_step) crosses from the one to the other with
 * mount_cross; the root's ->parent and ->name are the covered
 * directory's, so ".." and getcwd leave the mount as Linux's do.  Every
 * inode made inside the mount carries its ->dev (vfs_create), which is
 * how umount finds whether the mount is busy and how link and rename say
 * EXDEV.
 *
 * What it does not do (deliberate limits, each an errno rather than a
 * wrong success): bind, move, remount and propagation changes, read-only
 * and noexec mounts (EINVAL),
 * filesystems other than tmpfs and ramfs (ENODEV, as Linux for a type it
 * does not know), mount options in data (ignored, as an empty string).
 */
#include "kmalloc.h"
#include "lib.h"
#include "syscall.h"
#include "task.h"
#include "uapi.h"
#include "vfs.h"
#include "vm.h"

#define MS_RDONLY      0x1
#define MS_NOSUID      0x2
#define MS_NODEV       0x4
#define MS_NOEXEC      0x8
#define MS_REMOUNT     0x20
#define MS_BIND        0x1000
#define MS_MOVE        0x2000
#define MS_UNBINDABLE  (1 << 17)
#define MS_PRIVATE     (1 << 18)
#define MS_SLAVE       (1 << 19)
#define MS_SHARED      (1 << 20)
#define MS_SILENT      0x8000
#define MS_NOATIME     0x400
#define MS_NODIRATIME  0x800
#define MS_RELATIME    (1 << 21)
#define MS_STRICTATIME (1 << 24)
#define MS_LAZYTIME    (1 << 25)
/* the flags a new mount here honours: no set-id programs or device nodes
 * exist in it anyway, and times are kept as strictly as without them */
#define MS_KEPT (MS_NOSUID | MS_NODEV | MS_SILENT | MS_NOATIME | MS_NODIRATIME | MS_RELATIME | \
		 MS_STRICTATIME | MS_LAZYTIME)
#define MS_MGC_VAL     0xc0ed0000UL
#define MS_MGC_MSK     0xffff0000UL

#define MNT_FORCE        1
#define MNT_DETACH       2
#define MNT_EXPIRE       4
#define UMOUNT_NOFOLLOW  8

/* Anonymous device numbers (Linux's 0:N) for the mounts, never reused. */
static uint32_t next_dev = 0x20;

struct inode *
mount_cross(struct inode *ino)
{
	while (ino && ino->mounted)
		ino = ino->mounted;
	return ino;
}

/* Copy a user string of at most max bytes (NUL included) into a new
 * buffer: 0 and *out to kfree, -EFAULT, or -EINVAL (too long).  NULL
 * gives *out NULL. */
static long
user_string(uintptr_t u, size_t max, char **out)
{
	*out = NULL;
	if (!u)
		return 0;
	char *s = kmalloc(max);
	if (!s)
		return -ENOMEM;
	long r = strncpy_from_user(s, u, max);
	if (r < 0) {
		kfree(s);
		return r == -ENAMETOOLONG ? -EINVAL : r;  /* Linux's strndup_user */
	}
	*out = s;
	return 0;
}

SYSCALL_DEFINE5(mount, uintptr_t, dev_name, uintptr_t, dir_name, uintptr_t, type,
		unsigned long, flags, uintptr_t, data)
{
	char *ktype = NULL, *kdev = NULL, *kdata = NULL;
	struct inode *dir = NULL;
	/* Linux's order: the strings are copied, the mount point found,
	 * the flags read, then the type looked up and the mount made */
	long r = user_string(type, PAGE_SIZE, &ktype);
	if (r >= 0)
		r = user_string(dev_name, PAGE_SIZE, &kdev);
	if (r >= 0)
		r = user_string(data, PAGE_SIZE, &kdata);
	if (r >= 0)
		r = lookup_at(AT_FDCWD, dir_name, 0, &dir);
	if (r < 0)
		goto out;
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & ~MS_KEPT) {
		r = -EINVAL;    /* not made here: see the head of this file */
		goto out;
	}
	if (!ktype || !ktype[0]) {
		r = ktype ? -ENODEV : -EINVAL;
		goto out;
	}
	if (strcmp(ktype, "tmpfs") && strcmp(ktype, "ramfs")) {
		r = -ENODEV;
		goto out;
	}
	if ((dir->mode & S_IFMT) != S_IFDIR) {
		r = -ENOTDIR;
		goto out;
	}
	struct inode *root = kzalloc(sizeof(*root));
	if (!root) {
		r = -ENOMEM;
		goto out;
	}
	/* tmpfs's root: 01777 and its own device; ramfs's 0755 */
	root->mode = S_IFDIR | (strcmp(ktype, "tmpfs") ? 0755 : 01777);
	root->ino = 1;
	root->nlink = 2;
	root->refs = 1;
	root->dev = next_dev++;
	root->uid = (uint32_t)current->proc->euid;
	root->gid = (uint32_t)current->proc->egid;
	root->covered = dir;
	root->parent = dir->parent ? dir->parent : dir;
	root->name = dir->name;
	inode_touch(root, INODE_ATIME | INODE_MTIME | INODE_CTIME);
	dir->mounted = root;
	r = 0;
out:
	kfree(ktype);
	kfree(kdev);
	kfree(kdata);
	return r;
}

/* Does any task use something inside the mount of device dev: a cwd, an
 * open file, a mapped file, or another mount on one of its directories? */
static int
mount_busy(uint32_t dev)
{
	for (struct task *t = all_tasks; t; t = t->next_all) {
		if (t->fs && t->fs->cwd && t->fs->cwd->dev == dev)
			return 1;
		if (t->files)
			for (int fd = 0; fd < t->files->nfd; fd++) {
				struct file *f = t->files->fd[fd];
				if (f && f->ino && f->ino->dev == dev)
					return 1;
			}
		if (t->mm)
			for (struct vma *v = t->mm->vmas; v; v = v->next)
				if (v->ino && v->ino->dev == dev)
					return 1;
	}
	return 0;
}

SYSCALL_DEFINE2(umount2, uintptr_t, name, int, flags)
{
	struct inode *root;
	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	long r = lookup_at(AT_FDCWD, name, (flags & UMOUNT_NOFOLLOW) ? AT_SYMLINK_NOFOLLOW : 0,
			   &root);
	if (r < 0)
		return r;
	/* only the root of a mount comes off; the first tree's root never */
	if (!root->covered || root->covered->mounted != root)
		return -EINVAL;
	if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	if (root->mounted && !(flags & MNT_DETACH))
		return -EBUSY;  /* another mount on top of it */
	if (!(flags & MNT_DETACH) && mount_busy(root->dev))
		return -EBUSY;
	if (flags & MNT_EXPIRE)
		return -EAGAIN; /* Linux: the first MNT_EXPIRE only marks it */
	/* the tree stays for what still uses it (open files, a cwd) */
	root->covered->mounted = NULL;
	return 0;
}
