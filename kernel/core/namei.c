/*
 * kernel/core/namei.c: names, as Linux's fs/namei.c: the path walk (a
 * symlink followed wherever it is met, MAXSYMLINKS of them in one walk),
 * creating through O_CREAT, and the calls that make and remove names:
 * mkdir, unlink and rmdir, link, symlink, rename in all its forms
 * (renameat2's RENAME_NOREPLACE and RENAME_EXCHANGE).  The tree itself (directory entries, link counts,
 * times) is vfs.c's; the user path helpers are sys_fs.c's.
 */
#include "kmalloc.h"
#include "lib.h"
#include "syscall.h"
#include "task.h"
#include "uapi.h"
#include "vfs.h"
#include "vm.h"

#define MAXSYMLINKS 40
#define NAME_MAX 255
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#define RENAME_WHITEOUT 4

static int
is_dir(const struct inode *i)
{
	return (i->mode & S_IFMT) == S_IFDIR;
}

static int
is_link(const struct inode *i)
{
	return (i->mode & S_IFMT) == S_IFLNK;
}

/*
 * One component of a walk, the n bytes at comp (not NUL-terminated): "."
 * and ".." or an entry of dir (a directory).  The inode, or NULL.
 */
static struct inode *
walk_step(struct inode *dir, const char *comp, size_t n)
{
	if (n == 1 && comp[0] == '.')
		return dir;
	if (n == 2 && comp[0] == '.' && comp[1] == '.')
		return dir->parent ? dir->parent : dir;
	for (struct dirent_node *d = dir->children; d; d = d->next)
		if (!strncmp(d->name, comp, n) && !d->name[n])
			return mount_cross(d->ino);
	return NULL;
}

/*
 * Resolve path from dir (NULL: the cwd; an absolute path: the root).  A
 * symlink is followed (relative to its own directory) in the middle of the
 * path, before a trailing slash, and at the end if follow; *links counts
 * the symlinks followed in the whole walk, ELOOP past MAXSYMLINKS.  Each
 * link recurses once, so the frame is kept small (no name buffer).
 */
static int
walk(struct inode *dir, const char *path, int follow, struct inode **out, int *links)
{
	if (!*path)
		return -ENOENT;
	struct inode *cur = *path == '/' ? vfs_root() : (dir ? dir : current->fs->cwd);
	const char *p = path;
	for (;;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *e = p;
		while (*e && *e != '/')
			e++;
		if ((size_t)(e - p) > NAME_MAX)
			return -ENAMETOOLONG;
		if (!is_dir(cur))
			return -ENOTDIR;
		struct inode *next = walk_step(cur, p, (size_t)(e - p));
		if (!next)
			return -ENOENT;
		const char *rest = e;
		while (*rest == '/')
			rest++;
		if (is_link(next) && (*rest || follow || *e == '/')) {
			if (++*links > MAXSYMLINKS)
				return -ELOOP;
			int r = walk(cur, next->link ? next->link : "", 1, &next, links);
			if (r < 0)
				return r;
		}
		cur = next;
		p = e;
	}
	/* a trailing slash requires a directory */
	if (p > path && p[-1] == '/' && !is_dir(cur))
		return -ENOTDIR;
	*out = cur;
	return 0;
}

int
vfs_lookup(struct inode *dir, const char *path, int follow, struct inode **out)
{
	int links = 0;
	if (strlen(path) >= PATH_MAX)
		return -ENAMETOOLONG;
	return walk(dir, path, follow, out, &links);
}

/*
 * All but the last component, the walk's link count carried in *links:
 * *parent is its directory, *name the last component (inside path,
 * trailing slashes kept; "" for "/").
 */
static int
lookup_parent(struct inode *dir, const char *path, struct inode **parent, const char **name,
	      int *links)
{
	static char buf[PATH_MAX];
	size_t len = strlen(path);
	if (len == 0)
		return -ENOENT;
	if (len >= sizeof(buf))
		return -ENAMETOOLONG;
	while (len > 1 && path[len - 1] == '/')
		len--;
	size_t cut = len;
	while (cut > 0 && path[cut - 1] != '/')
		cut--;
	*name = path + cut;
	if (cut == 0) {
		*parent = dir ? dir : current->fs->cwd;
		return 0;
	}
	memcpy(buf, path, cut);
	buf[cut] = 0;
	struct inode *p;
	int r = walk(dir, buf, 1, &p, links);
	if (r < 0)
		return r;
	if (!is_dir(p))
		return -ENOTDIR;
	*parent = p;
	return 0;
}

int
vfs_lookup_parent(struct inode *dir, const char *path, struct inode **parent, const char **name)
{
	int links = 0;
	return lookup_parent(dir, path, parent, name, &links);
}

/*
 * The last component name without its trailing slashes, into nm (NAME_MAX
 * + 1 bytes).  1 if there were slashes, 0 if not, -ENAMETOOLONG.
 */
static int
last_name(const char *name, char *nm)
{
	size_t n = 0;
	while (name[n] && name[n] != '/')
		n++;
	if (n > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(nm, name, n);
	nm[n] = 0;
	return name[n] == '/';
}

/* Linux's LAST_NORM: a name other than "", "." and "..". */
static int
name_normal(const char *nm)
{
	return *nm && strcmp(nm, ".") && strcmp(nm, "..");
}

/*
 * open(O_CREAT): find or create the file path names, as Linux's
 * open_last_lookups: a trailing slash or a directory's dot names are
 * EISDIR, an existing name is EEXIST with O_EXCL, a symlink at the end is
 * followed (unless O_NOFOLLOW) so that a dangling one creates its target.
 * mode is final (umask applied).  0 and *out, or -errno.
 */
int
vfs_open_create(struct inode *dir, const char *path, uint32_t mode, int flags, struct inode **out)
{
	char nm[NAME_MAX + 1];
	int links = 0;
	for (;;) {
		struct inode *parent;
		const char *name;
		int r = lookup_parent(dir, path, &parent, &name, &links);
		if (r < 0)
			return r;
		r = last_name(name, nm);
		if (r < 0)
			return r;
		if (r || !name_normal(nm))
			return -EISDIR;
		struct inode *ino = vfs_dir_find(parent, nm);
		if (!ino) {
			*out = vfs_create(parent, nm, S_IFREG | mode);
			return *out ? 0 : -ENOMEM;
		}
		if (flags & O_EXCL)
			return -EEXIST;
		if (!is_link(ino) || (flags & O_NOFOLLOW)) {
			*out = ino;
			return 0;
		}
		if (++links > MAXSYMLINKS)
			return -ELOOP;
		dir = parent;
		path = ino->link ? ino->link : "";
	}
}

/* A new name for ino in dir: EEXIST, EPERM for a directory (as tmpfs). */
int
vfs_link(struct inode *ino, struct inode *dir, const char *name)
{
	if (vfs_dir_find(dir, name))
		return -EEXIST;
	if (ino->dev != dir->dev)
		return -EXDEV;
	if (is_dir(ino))
		return -EPERM;
	int r = vfs_dir_link(dir, name, ino);
	if (r < 0)
		return r;
	ino->nlink++;
	inode_touch(ino, INODE_CTIME);
	return 0;
}

/* A new symlink name in dir holding target. */
int
vfs_symlink(struct inode *dir, const char *name, const char *target)
{
	if (vfs_dir_find(dir, name))
		return -EEXIST;
	char *t = kstrdup(target);
	if (!t)
		return -ENOMEM;
	struct inode *ino = vfs_create(dir, name, S_IFLNK | 0777);
	if (!ino) {
		kfree(t);
		return -ENOMEM;
	}
	ino->link = t;
	ino->size = strlen(t);
	return 0;
}

/* Is d the directory anc or inside it? */
static int
is_within(struct inode *d, struct inode *anc)
{
	for (;;) {
		if (d == anc)
			return 1;
		if (!d->parent || d->parent == d)
			return 0;
		d = d->parent;
	}
}

/* Move entry node to the head of dir's list (where Linux's d_move puts a
 * renamed dentry, so that a listing shows it first). */
static void
dir_move_head(struct inode *dir, struct dirent_node *node)
{
	struct dirent_node **pp = &dir->children;
	while (*pp && *pp != node)
		pp = &(*pp)->next;
	if (*pp)
		*pp = node->next;
	node->next = dir->children;
	dir->children = node;
}

static struct dirent_node *
dir_node(struct inode *dir, const char *name)
{
	for (struct dirent_node *d = dir->children; d; d = d->next)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

/* After a swap: a directory's .. and name follow its new entry. */
static void
node_adopt(struct inode *dir, struct dirent_node *node)
{
	if (is_dir(node->ino)) {
		node->ino->parent = dir;
		node->ino->name = node->name;
	}
	inode_touch(node->ino, INODE_CTIME);
}

/* RENAME_EXCHANGE: the two entries swap inodes (and directory counts). */
static int
rename_exchange(struct inode *odir, const char *oname, struct inode *ndir, const char *nname)
{
	struct dirent_node *a = dir_node(odir, oname), *b = dir_node(ndir, nname);
	struct inode *old = a->ino;
	a->ino = b->ino;
	b->ino = old;
	if (odir != ndir && is_dir(a->ino) != is_dir(b->ino)) {
		struct inode *from = is_dir(b->ino) ? odir : ndir;
		struct inode *to = is_dir(b->ino) ? ndir : odir;
		from->nlink--;
		to->nlink++;
	}
	node_adopt(odir, a);
	node_adopt(ndir, b);
	dir_move_head(odir, a);
	dir_move_head(ndir, b);
	inode_touch(odir, INODE_MTIME | INODE_CTIME);
	inode_touch(ndir, INODE_MTIME | INODE_CTIME);
	return 0;
}

/* Linux's vfs_rename checks once both names are known: same inode is a
 * no-op (1), then the types of source and target must agree. */
static int
rename_types(struct inode *old, struct inode *tgt, unsigned flags)
{
	if (old == tgt)
		return 1;
	if (!tgt || (flags & RENAME_EXCHANGE))
		return old->mounted || (tgt && tgt->mounted) ? -EBUSY : 0;
	if (is_dir(old) && !is_dir(tgt))
		return -ENOTDIR;
	if (!is_dir(old) && is_dir(tgt))
		return -EISDIR;
	if (old->mounted || tgt->mounted)
		return -EBUSY;
	if (is_dir(tgt) && tgt->children)
		return -ENOTEMPTY;
	return 0;
}

/* Move oname of odir to nname of ndir, replacing what was there. */
static int
rename_move(struct inode *odir, const char *oname, struct inode *ndir, const char *nname,
	    struct inode *tgt)
{
	struct inode *old = vfs_dir_find(odir, oname);
	struct dirent_node *gone = tgt ? vfs_dir_detach(ndir, nname) : NULL;
	int r = vfs_dir_link(ndir, nname, old);
	if (r < 0) {
		if (gone)
			vfs_dir_link(ndir, nname, tgt);
		return r;
	}
	if (tgt)
		inode_drop_link(tgt);
	struct dirent_node *node = vfs_dir_detach(odir, oname);
	kfree(node->name);
	kfree(node);
	inode_touch(old, INODE_CTIME);
	/* gone stays allocated: a removed directory may still be a cwd
	 * whose name getcwd reads */
	return 0;
}

/*
 * rename: oname of odir becomes nname of ndir (both last components as
 * given, trailing slashes kept), with renameat2's flags, in the order of
 * Linux's checks (do_renameat2, then vfs_rename).
 */
int
vfs_rename(struct inode *odir, const char *oname, struct inode *ndir, const char *nname,
	   unsigned flags)
{
	char on[NAME_MAX + 1], nn[NAME_MAX + 1];
	int oslash = last_name(oname, on), nslash = last_name(nname, nn);
	if (oslash < 0 || nslash < 0)
		return -ENAMETOOLONG;
	if (odir->dev != ndir->dev)
		return -EXDEV;
	if (!name_normal(on))
		return -EBUSY;
	if (!name_normal(nn))
		return (flags & RENAME_NOREPLACE) ? -EEXIST : -EBUSY;
	struct inode *old = vfs_dir_find(odir, on), *tgt = vfs_dir_find(ndir, nn);
	if (!old)
		return -ENOENT;
	if ((flags & RENAME_NOREPLACE) && tgt)
		return -EEXIST;
	if ((flags & RENAME_EXCHANGE) && !tgt)
		return -ENOENT;
	if ((flags & RENAME_EXCHANGE) && !is_dir(tgt) && nslash)
		return -ENOTDIR;
	if (!is_dir(old) && (oslash || (!(flags & RENAME_EXCHANGE) && nslash)))
		return -ENOTDIR;
	if (is_dir(old) && old != tgt && is_within(ndir, old))
		return -EINVAL;
	if (tgt && is_dir(tgt) && old != tgt && is_within(odir, tgt))
		return (flags & RENAME_EXCHANGE) ? -EINVAL : -ENOTEMPTY;
	int r = rename_types(old, tgt, flags);
	if (r)
		return r < 0 ? r : 0;
	if (flags & RENAME_EXCHANGE)
		return rename_exchange(odir, on, ndir, nn);
	return rename_move(odir, on, ndir, nn, tgt);
}

/* ---- the syscalls ---- */

/*
 * The new name of mkdir, link and symlink (Linux's filename_create): the
 * parent, and the last component in nm; EEXIST for "." and ".." or a name
 * that exists, ENOENT for a trailing slash unless want_dir.  0 and *pathp
 * to kfree, or -errno with nothing to free.
 */
static long
user_create_at(int dfd, uintptr_t upath, char **pathp, struct inode **parent, char *nm,
	       int want_dir)
{
	const char *name;
	long r = user_path_parent_at(dfd, upath, pathp, parent, &name);
	if (r < 0)
		return r;
	r = last_name(name, nm);
	if (r >= 0 && (!name_normal(nm) || vfs_dir_find(*parent, nm)))
		r = -EEXIST;
	else if (r > 0 && !want_dir)
		r = -ENOENT;
	if (r < 0) {
		kfree(*pathp);
		return r;
	}
	return 0;
}

/* mkdirat, mkdir: a new directory, the mode less the umask. */
static long
do_mkdirat(int dfd, uintptr_t pathname, umode_t mode)
{
	char *path, nm[NAME_MAX + 1];
	struct inode *parent;
	long r = user_create_at(dfd, pathname, &path, &parent, nm, 1);
	if (r < 0)
		return r;
	mode = S_IFDIR | (mode & 07777 & ~current->fs->umask);
	r = vfs_create(parent, nm, mode) ? 0 : -ENOMEM;
	kfree(path);
	return r;
}

SYSCALL_DEFINE3(mkdirat, int, dfd, uintptr_t, pathname, umode_t, mode)
{
	return do_mkdirat(dfd, pathname, mode);
}

#ifdef __NR_mkdir
SYSCALL_DEFINE2(mkdir, uintptr_t, pathname, umode_t, mode)
{
	return do_mkdirat(AT_FDCWD, pathname, mode);
}
#endif

/*
 * unlinkat: a name other than a directory's, or with AT_REMOVEDIR an empty
 * directory; the dot names are EINVAL (".") and ENOTEMPTY ("..") for rmdir,
 * EISDIR for unlink; a trailing slash on a non-directory is ENOTDIR.
 */
static long
do_unlinkat(int dfd, uintptr_t pathname, int flag)
{
	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	char *path, nm[NAME_MAX + 1];
	struct inode *parent;
	const char *name;
	long r = user_path_parent_at(dfd, pathname, &path, &parent, &name);
	if (r < 0)
		return r;
	int slash = last_name(name, nm), rmdir = (flag & AT_REMOVEDIR) != 0;
	struct inode *ino = slash < 0 ? NULL : vfs_dir_find(parent, nm);
	if (slash < 0)
		r = slash;
	else if (!name_normal(nm))
		r = !rmdir ? -EISDIR : strcmp(nm, "..") ? -EINVAL : -ENOTEMPTY;
	else if (ino && slash && !is_dir(ino))
		r = -ENOTDIR;
	else
		r = vfs_unlink(parent, nm, rmdir);
	kfree(path);
	return r;
}

SYSCALL_DEFINE3(unlinkat, int, dfd, uintptr_t, pathname, int, flag)
{
	return do_unlinkat(dfd, pathname, flag);
}

#ifdef __NR_unlink
SYSCALL_DEFINE1(unlink, uintptr_t, pathname)
{
	return do_unlinkat(AT_FDCWD, pathname, 0);
}
#endif

#ifdef __NR_rmdir
SYSCALL_DEFINE1(rmdir, uintptr_t, pathname)
{
	return do_unlinkat(AT_FDCWD, pathname, AT_REMOVEDIR);
}
#endif

/* linkat, link: a new name for an existing inode (AT_SYMLINK_FOLLOW: the
 * one a final symlink points at; AT_EMPTY_PATH: olddfd's own). */
static long
do_linkat(int olddfd, uintptr_t oldname, int newdfd, uintptr_t newname, int flags)
{
	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	struct inode *ino, *parent;
	int how = (flags & AT_EMPTY_PATH) | ((flags & AT_SYMLINK_FOLLOW) ? 0 : AT_SYMLINK_NOFOLLOW);
	long r = lookup_at(olddfd, oldname, how, &ino);
	if (r < 0)
		return r;
	char *path, nm[NAME_MAX + 1];
	r = user_create_at(newdfd, newname, &path, &parent, nm, 0);
	if (r < 0)
		return r;
	r = vfs_link(ino, parent, nm);
	kfree(path);
	return r;
}

SYSCALL_DEFINE5(linkat, int, olddfd, uintptr_t, oldname, int, newdfd, uintptr_t, newname,
		int, flags)
{
	return do_linkat(olddfd, oldname, newdfd, newname, flags);
}

#ifdef __NR_link
SYSCALL_DEFINE2(link, uintptr_t, oldname, uintptr_t, newname)
{
	return do_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}
#endif

/* symlinkat, symlink: a new symlink holding oldname (copied first: EFAULT,
 * and ENOENT when empty, come before anything about the new name). */
static long
do_symlinkat(uintptr_t oldname, int newdfd, uintptr_t newname)
{
	char *target = kmalloc(PATH_MAX);
	if (!target)
		return -ENOMEM;
	long r = strncpy_from_user(target, oldname, PATH_MAX);
	if (r >= 0 && !target[0])
		r = -ENOENT;
	char *path, nm[NAME_MAX + 1];
	struct inode *parent;
	if (r >= 0)
		r = user_create_at(newdfd, newname, &path, &parent, nm, 0);
	if (r >= 0) {
		r = vfs_symlink(parent, nm, target);
		kfree(path);
	}
	kfree(target);
	return r;
}

SYSCALL_DEFINE3(symlinkat, uintptr_t, oldname, int, newdfd, uintptr_t, newname)
{
	return do_symlinkat(oldname, newdfd, newname);
}

#ifdef __NR_symlink
SYSCALL_DEFINE2(symlink, uintptr_t, oldname, uintptr_t, newname)
{
	return do_symlinkat(oldname, AT_FDCWD, newname);
}
#endif

/* renameat2, renameat, rename: flags first, then the two parents, then
 * vfs_rename. */
static long
do_renameat2(int olddfd, uintptr_t oldname, int newdfd, uintptr_t newname, unsigned flags)
{
	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	if (flags & RENAME_WHITEOUT)
		return -EPERM;     /* tmpfs needs CAP_MKNOD for a whiteout: not ours */
	char *opath, *npath;
	struct inode *odir, *ndir;
	const char *oname, *nname;
	long r = user_path_parent_at(olddfd, oldname, &opath, &odir, &oname);
	if (r < 0)
		return r;
	r = user_path_parent_at(newdfd, newname, &npath, &ndir, &nname);
	if (r == 0) {
		r = vfs_rename(odir, oname, ndir, nname, flags);
		kfree(npath);
	}
	kfree(opath);
	return r;
}

SYSCALL_DEFINE5(renameat2, int, olddfd, uintptr_t, oldname, int, newdfd, uintptr_t, newname,
		unsigned int, flags)
{
	return do_renameat2(olddfd, oldname, newdfd, newname, flags);
}

#ifdef __NR_renameat
SYSCALL_DEFINE4(renameat, int, olddfd, uintptr_t, oldname, int, newdfd, uintptr_t, newname)
{
	return do_renameat2(olddfd, oldname, newdfd, newname, 0);
}
#endif

#ifdef __NR_rename
SYSCALL_DEFINE2(rename, uintptr_t, oldname, uintptr_t, newname)
{
	return do_renameat2(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}
#endif
