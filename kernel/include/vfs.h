/* kernel/include/vfs.h: the in-memory file tree (filled from the initramfs),
 * open files, fd tables, and the file operations of devices and pipes. */
#ifndef VFS_H
#define VFS_H

#include "types.h"
#include "uapi.h"

struct file;
struct k_stat_info;

struct file_ops {
	/* kernel buffers; may sleep; return bytes or -errno */
	ssize_t (*read)(struct file *f, void *buf, size_t n);
	ssize_t (*write)(struct file *f, const void *buf, size_t n);
	long (*ioctl)(struct file *f, unsigned long cmd, uintptr_t arg);
	void (*release)(struct file *f);
	unsigned (*poll)(struct file *f);     /* POLL* events ready now (none: always
					       * readable and writable) */
};

struct dirent_node {
	char *name;
	struct inode *ino;
	struct dirent_node *next;
};

struct inode {
	uint32_t mode;              /* S_IF* | permissions */
	uint64_t ino;
	uint32_t uid, gid, nlink;
	struct k_timespec atime, mtime, ctime;
	uint32_t rdev_major, rdev_minor;
	size_t size;
	uint8_t *data;              /* file contents (initrd or heap) */
	size_t cap;                 /* heap capacity; 0 = points into the initrd */
	char *link;                 /* symlink target */
	struct dirent_node *children;
	struct inode *parent;       /* directories: .. */
	char *name;                 /* directories: name in parent */
	const struct file_ops *fops; /* character devices */
	int refs;
	uint32_t dev;               /* the filesystem it is in: 0 the root's, else a mount's */
	struct inode *mounted;      /* a directory something is mounted on: that mount's root */
	struct inode *covered;      /* a mount's root: the directory it is mounted on */
};

struct file {
	int refs;
	struct inode *ino;
	const struct file_ops *ops;
	uint64_t pos;
	unsigned flags;             /* O_ACCMODE | O_APPEND | O_NONBLOCK ... */
	void *priv;                 /* pipe end */
};

#define FD_MAX 1024
struct files {
	int refs;
	int nfd;                    /* no fd at or above it is open: loops stop here */
	struct file *fd[FD_MAX];
	uint8_t cloexec[FD_MAX];
};

struct fs_struct {
	int refs;
	struct inode *cwd;
	uint32_t umask;
};

void vfs_init(const void *initrd, size_t size);
struct inode *vfs_root(void);
/* Resolve a path relative to dir (NULL: cwd).  follow: follow a final symlink.
 * 0 and *out, or -ENOENT/-ENOTDIR/-ELOOP/-ENAMETOOLONG. */
int vfs_lookup(struct inode *dir, const char *path, int follow, struct inode **out);
/* Resolve everything but the last component: the parent dir and the name. */
int vfs_lookup_parent(struct inode *dir, const char *path, struct inode **parent,
		      const char **name);
struct inode *vfs_dir_find(struct inode *dir, const char *name);
struct inode *vfs_create(struct inode *dir, const char *name, uint32_t mode);
int vfs_unlink(struct inode *dir, const char *name, int rmdir);
int vfs_dir_link(struct inode *dir, const char *name, struct inode *ino);
struct dirent_node *vfs_dir_detach(struct inode *dir, const char *name);
void inode_drop_link(struct inode *ino);
/* namei.c: new names for inodes.  0 or -errno, as Linux's vfs_* calls. */
int vfs_link(struct inode *ino, struct inode *dir, const char *name);
int vfs_symlink(struct inode *dir, const char *name, const char *target);
int vfs_rename(struct inode *odir, const char *oname, struct inode *ndir, const char *nname,
	       unsigned flags);
/* open(O_CREAT): find or create path's file (mode final); namei.c */
int vfs_open_create(struct inode *dir, const char *path, uint32_t mode, int flags,
		    struct inode **out);
/* sys_fs.c's user path helpers for the *at() calls (see there) */
long user_path_at(int dfd, uintptr_t upath, int empty_ok, char **pathp, struct inode **dir);
long user_path_parent_at(int dfd, uintptr_t upath, char **pathp, struct inode **parent,
			 const char **name);
long lookup_at(int dfd, uintptr_t upath, int flags, struct inode **out);
/* inode times */
#define INODE_ATIME 1
#define INODE_MTIME 2
#define INODE_CTIME 4
void vfs_now(struct k_timespec *ts);
void inode_touch(struct inode *ino, int what);
/* mount.c: the directory a walk sees at ino (the top mount's root on a
 * mount point, else ino itself). */
struct inode *mount_cross(struct inode *ino);
/* Full path of a directory (for getcwd); length or -ERANGE. */
int vfs_path(struct inode *dir, char *buf, size_t size);
int vfs_truncate(struct inode *ino, size_t size);
void inode_stat(struct inode *ino, void *abi_stat);

struct file *file_open_inode(struct inode *ino, unsigned flags);
struct file *file_get(struct file *f);
void file_put(struct file *f);
ssize_t file_read(struct file *f, void *buf, size_t n);
ssize_t file_write(struct file *f, const void *buf, size_t n);

struct files *files_create(void);
struct files *files_copy(struct files *src);
void files_put(struct files *fs);
/* Install f at the lowest free fd >= min: the fd or -EMFILE. */
int fd_install(struct files *fs, struct file *f, int min, int cloexec);
struct file *fd_get(struct files *fs, int fd);  /* borrowed, NULL if bad */
struct file *fd_file(int fd);    /* fd_get in the current task's table */
int fd_close(struct files *fs, int fd);
void files_close_on_exec(struct files *fs);

struct fs_struct *fs_create(void);
struct fs_struct *fs_copy(struct fs_struct *src);
void fs_put(struct fs_struct *fs);

/* devices */
extern const struct file_ops tty_ops;
extern const struct file_ops null_ops;
extern const struct file_ops zero_ops;
void tty_input(int c);
void tty_init(void);
struct file *tty_open(void);
/* Wake the tasks waiting in poll, ppoll, select and pselect6 to look
 * again (select.c): a file's poll events may have changed. */
void poll_wake(void);
/* pipes: 0 and two files, or -ENOMEM */
int pipe_create(struct file **rd, struct file **wr, unsigned flags);

#endif
