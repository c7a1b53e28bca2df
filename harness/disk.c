/* disk.c: a test's own copy of the disk image, with /tdiff/test written in. */
#define _GNU_SOURCE
#include "disk.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/fs.h>

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* copy_range: bytes [off, end) of in to the same place in out; 0 or -1. */
static int
copy_range(int in, int out, off_t off, off_t end)
{
	char buf[1 << 16];

	while (off < end) {
		size_t want = end - off < (off_t)sizeof(buf) ? (size_t)(end - off) : sizeof(buf);
		ssize_t n = pread(in, buf, want, off);

		if (n <= 0 || pwrite(out, buf, n, off) != n)
			return -1;
		off += n;
	}
	return 0;
}

/* copy_sparse: the data ranges of in into out (size size), holes left as holes; 0 or -1. */
static int
copy_sparse(int in, int out, off_t size)
{
	off_t data = 0, hole;

	if (ftruncate(out, size) < 0)
		return -1;
	while (data < size) {
		data = lseek(in, data, SEEK_DATA);
		if (data < 0)
			return errno == ENXIO ? 0 : -1;	/* only a hole is left */
		hole = lseek(in, data, SEEK_HOLE);
		if (hole < 0)
			hole = size;
		if (copy_range(in, out, data, hole) < 0)
			return -1;
		data = hole;
	}
	return 0;
}

int
disk_copy(const char *src, const char *dst, char *err, size_t errlen)
{
	int in = open(src, O_RDONLY | O_CLOEXEC), out, rc = 0;
	struct stat st;

	if (in < 0 || fstat(in, &st) < 0) {
		seterr(err, errlen, "%s: %s (make testcases builds the disk images)", src,
		       strerror(errno));
		if (in >= 0)
			close(in);
		return -1;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0) {
		seterr(err, errlen, "%s: %s", dst, strerror(errno));
		close(in);
		return -1;
	}
	if (ioctl(out, FICLONE, in) < 0 && copy_sparse(in, out, st.st_size) < 0) {
		seterr(err, errlen, "%s: copying %s: %s", dst, src, strerror(errno));
		rc = -1;
	}
	if (close(out) < 0 && rc == 0) {
		seterr(err, errlen, "%s: %s", dst, strerror(errno));
		rc = -1;
	}
	close(in);
	return rc;
}

/*
 * run_tool: run argv in directory dir, stdin from /dev/null, stderr (and
 * stdout when out is NULL) appended to log; with out, stdout is read into
 * out (NUL-terminated, cut at outlen - 1).  Returns the exit status, or -1
 * when it could not run.
 */
static int
run_tool(char *const argv[], const char *dir, const char *log, char *out, size_t outlen)
{
	int p[2] = {-1, -1}, st, fd;
	size_t n = 0;
	ssize_t r;
	pid_t pid;

	if (out && pipe2(p, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		fd = open("/dev/null", O_RDONLY);
		dup2(fd, 0);
		fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
		dup2(fd, 2);
		dup2(out ? p[1] : fd, 1);
		if (chdir(dir) < 0)
			_exit(126);
		setenv("MTOOLS_SKIP_CHECK", "1", 1);	/* an image, not a floppy drive */
		execvp(argv[0], argv);
		dprintf(2, "harness: %s: %s (make deps installs e2fsprogs and mtools)\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	if (out) {
		close(p[1]);
		while (pid > 0 && n < outlen - 1 && (r = read(p[0], out + n, outlen - 1 - n)) > 0)
			n += r;
		out[n] = '\0';
		close(p[0]);
	}
	if (pid < 0)
		return -1;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* write_small: a small file at path, printf-style; 0 or -1. */
static int __attribute__((format(printf, 2, 3)))
write_small(const char *path, const char *fmt, ...)
{
	FILE *f = fopen(path, "w");
	va_list ap;

	if (!f)
		return -1;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	return fclose(f);
}

/*
 * write_test_file: /tdiff/test into the image dst (base is its file name,
 * in directory dir, where name is the host file to copy in).  Returns the
 * tool's status (0 when it worked).
 */
static int
write_test_file(const char *fs, const char *dir, const char *base, const char *name,
		const char *log)
{
	char cmds[PATH_MAX + 16], path[2 * PATH_MAX + 32];
	char *ext4[] = {"debugfs", "-w", "-f", cmds, (char *)base, NULL};
	char *mmd[] = {"mmd", "-i", (char *)base, "::/tdiff", NULL};
	char *mcopy[] = {"mcopy", "-i", (char *)base, "-o", (char *)name, "::/tdiff/test", NULL};
	int rc;

	if (strcmp(fs, "ext4"))
		return run_tool(mmd, dir, log, NULL, 0) ? -1 : run_tool(mcopy, dir, log, NULL, 0);
	/* debugfs exits 0 whatever its requests did: disk_make reads the file back */
	snprintf(cmds, sizeof(cmds), "%s.cmds", base);
	snprintf(path, sizeof(path), "%s/%s", dir, cmds);
	if (write_small(path, "mkdir /tdiff\nwrite %s /tdiff/test\n", name) < 0)
		return -1;
	rc = run_tool(ext4, dir, log, NULL, 0);
	unlink(path);
	return rc;
}

/* read_test_file: /tdiff/test of the image base (in dir) into out; the tool's status. */
static int
read_test_file(const char *fs, const char *dir, const char *base, const char *log, char *out,
	       size_t outlen)
{
	char *ext4[] = {"debugfs", "-R", "cat /tdiff/test", (char *)base, NULL};
	char *fat[] = {"mtype", "-i", (char *)base, "::/tdiff/test", NULL};

	return run_tool(strcmp(fs, "ext4") ? fat : ext4, dir, log, out, outlen);
}

int
disk_make(const char *fs, const char *image, const char *dst, const char *test,
	  const char *log, char *err, size_t errlen)
{
	char dcopy[PATH_MAX], bcopy[PATH_MAX], name[2 * PATH_MAX + 16], want[300], got[300];
	const char *dir, *base;
	int rc;

	if (strcmp(fs, "ext4") && strcmp(fs, "fat32")) {
		seterr(err, errlen, "%s: unknown disk kind '%s' (ext4, fat32)", dst, fs);
		return -1;
	}
	if (disk_copy(image, dst, err, errlen) < 0)
		return -1;
	snprintf(dcopy, sizeof(dcopy), "%s", dst);
	snprintf(bcopy, sizeof(bcopy), "%s", dst);
	dir = dirname(dcopy);
	base = basename(bcopy);
	/* the tools run in the image's directory: no path of ours goes through their parsers */
	snprintf(name, sizeof(name), "%s/%s.test", dir, base);
	snprintf(want, sizeof(want), "%s\n", test);
	if (write_small(name, "%s", want) < 0) {
		seterr(err, errlen, "%s: %s", name, strerror(errno));
		return -1;
	}
	snprintf(name, sizeof(name), "%s.test", base);
	rc = write_test_file(fs, dir, base, name, log);
	snprintf(name, sizeof(name), "%s/%s.test", dir, base);
	unlink(name);
	if (rc == 0)
		rc = read_test_file(fs, dir, base, log, got, sizeof(got));
	if (rc != 0 || strcmp(got, want)) {
		seterr(err, errlen, "%s: could not write /tdiff/test into the %s image (%s: see %s)",
		       dst, fs, !strcmp(fs, "ext4") ? "debugfs" : "mtools", log);
		return -1;
	}
	return 0;
}
