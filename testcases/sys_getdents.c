// @desc: getdents64: every entry of a directory once (".", "..", files, a subdirectory, a symlink) with its d_type, printed sorted; a small buffer takes several calls; 0 at the end; EINVAL (buffer too small for one entry), ENOTDIR, EBADF, EFAULT
// @expect: entries: . (dir) .. (dir) a (reg) b (reg) link (lnk) sub (dir)
// @expect: with a 64-byte buffer: 6 entries in more than one call: yes
// @expect: at the end: 0
// @expect: buffer of 1 byte: -1 EINVAL
// @expect: on a file: -1 ENOTDIR
// @expect: closed fd: -1 EBADF
// @expect: bad buffer: -1 EFAULT
#include "tdiff_test.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

struct entry {
	char name[32];
	unsigned char type;
};

struct dent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static struct entry entries[16];
static int n_entries;

/* say_raw: "what: -1 EFOO" for a raw -errno result, "what: N" else */
static void
say_raw(const char *what, long r)
{
	if (r < 0)
		say("%s: -1 %s\n", what, errname((int)-r));
	else
		say("%s: %ld\n", what, r);
}

static long
getdents_raw(int fd, void *buf, size_t len)
{
	return raw_syscall6(SYS_getdents64, fd, (long)buf, (long)len, 0, 0, 0);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* read_all: read the whole directory with a buffer of len bytes; returns the
 * number of calls that returned entries */
static int
read_all(int fd, size_t len)
{
	static char buf[4096] __attribute__((aligned(8)));
	int calls = 0;
	long n, off;

	n_entries = 0;
	while ((n = getdents_raw(fd, buf, len)) > 0) {
		calls++;
		for (off = 0; off < n; ) {
			struct dent64 *d = (struct dent64 *)(buf + off);
			if (n_entries < 16) {
				strncpy(entries[n_entries].name, d->d_name, 31);
				entries[n_entries++].type = d->d_type;
			}
			off += d->d_reclen;
		}
	}
	return calls;
}

static const char *
type_name(unsigned char t)
{
	return t == DT_DIR ? "dir" : t == DT_REG ? "reg" : t == DT_LNK ? "lnk" : "?";
}

int
main(void)
{
	char line[512];
	size_t len = 0;
	int fd, i, calls;

	if (test_dir("/tmp/sys_getdents") < 0)
		return 1;
	close(open("a", O_CREAT | O_WRONLY, 0644));
	close(open("b", O_CREAT | O_WRONLY, 0644));
	mkdir("sub", 0755);
	symlink("a", "link");
	fd = open(".", O_RDONLY | O_DIRECTORY);
	read_all(fd, 4096);
	qsort(entries, n_entries, sizeof(entries[0]), by_name);
	for (i = 0; i < n_entries; i++)
		len += snprintf(line + len, sizeof(line) - len, " %s (%s)", entries[i].name, type_name(entries[i].type));
	say("entries:%s\n", line);
	say_raw("at the end", getdents_raw(fd, line, sizeof(line)));
	lseek(fd, 0, SEEK_SET);
	calls = read_all(fd, 64);
	say("with a 64-byte buffer: %d entries in more than one call: %s\n", n_entries, calls > 1 ? "yes" : "no");
	lseek(fd, 0, SEEK_SET);
	say_raw("buffer of 1 byte", getdents_raw(fd, line, 1));
	say_raw("bad buffer", getdents_raw(fd, (void *)1, 4096));
	close(fd);
	say_raw("closed fd", getdents_raw(fd, line, sizeof(line)));
	fd = open("a", O_RDONLY);
	say_raw("on a file", getdents_raw(fd, line, sizeof(line)));
	close(fd);
	return 0;
}
