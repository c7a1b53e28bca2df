/* disk_test.c: cmocka tests for disk.c (the per-test disk copy, /tdiff/test written in). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "disk.h"

static char dir[64];

/* setup_dir: a scratch directory per test. */
static int
setup_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/disk_test.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* sh: run a shell command in the scratch directory; its exit status. */
static int
sh(const char *fmt, const char *arg)
{
	char cmd[1024], line[900];

	snprintf(line, sizeof(line), fmt, arg);
	snprintf(cmd, sizeof(cmd), "cd '%s' && { %s; } >/dev/null 2>&1", dir, line);
	return system(cmd);
}

/* A copy keeps the content and the holes (it is no bigger on disk than its data). */
static void
copy_sparse_success(void **state)
{
	char src[128], dst[128], err[512];
	struct stat a, b;

	(void)state;
	snprintf(src, sizeof(src), "%s/src", dir);
	snprintf(dst, sizeof(dst), "%s/dst", dir);
	assert_int_equal(sh("printf head > src && printf tail | dd of=src bs=1 seek=%s conv=notrunc",
			    "20000000"), 0);
	assert_int_equal(disk_copy(src, dst, err, sizeof(err)), 0);
	assert_int_equal(sh("cmp src dst", ""), 0);
	assert_int_equal(stat(src, &a), 0);
	assert_int_equal(stat(dst, &b), 0);
	assert_int_equal(a.st_size, b.st_size);
	assert_true(b.st_blocks * 512 < 1 << 20);	/* 20 MB long, a few blocks of data */
}

static void
copy_missing_invalid(void **state)
{
	char err[512] = "";

	(void)state;
	assert_int_equal(disk_copy("/nonexistent/rootfs.ext4", "/tmp/x", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/rootfs.ext4: No such file"));
	assert_non_null(strstr(err, "make testcases"));
}

/* check_make: an fs image made by mkcmd gets /tdiff/test, read back by readcmd. */
static void
check_make(const char *fs, const char *mkcmd, const char *readcmd)
{
	char img[128], dst[128], log[128], err[1024];

	snprintf(img, sizeof(img), "%s/rootfs.%s", dir, fs);
	snprintf(dst, sizeof(dst), "%s/fork.%s", dir, fs);
	snprintf(log, sizeof(log), "%s/fork.log", dir);
	assert_int_equal(sh("mkdir -p root/bin && echo x > root/bin/busybox && %s", mkcmd), 0);
	if (disk_make(fs, img, dst, "fork", log, err, sizeof(err)) != 0)
		fail_msg("disk_make %s: %s", fs, err);
	assert_int_equal(sh(readcmd, "") >> 8, 7);	/* the file holds the name and a newline */
	/* the image it was copied from is left as it was */
	assert_int_not_equal(sh("MTOOLS_SKIP_CHECK=1 mtype -i rootfs.fat32 ::/tdiff/test || "
				"debugfs -R 'cat /tdiff/test' rootfs.ext4 2>&1 | grep -q fork",
				""), 0);
	/* a second copy over the first */
	if (disk_make(fs, img, dst, "fork", log, err, sizeof(err)) != 0)
		fail_msg("disk_make %s again: %s", fs, err);
}

static void
make_ext4_success(void **state)
{
	(void)state;
	check_make("ext4", "mke2fs -q -t ext4 -d root rootfs.ext4 8M",
		   "test \"$(debugfs -R 'cat /tdiff/test' fork.ext4 2>/dev/null | od -c | head -1)\""
		   " = '0000000   f   o   r   k  \\n' && exit 7");
}

static void
make_fat32_success(void **state)
{
	(void)state;
	check_make("fat32", "mkfs.fat -F 32 -C rootfs.fat32 40000 && "
			    "MTOOLS_SKIP_CHECK=1 mcopy -s -i rootfs.fat32 root/bin ::/",
		   "test \"$(MTOOLS_SKIP_CHECK=1 mtype -i fork.fat32 ::/tdiff/test | od -c | head -1)\""
		   " = '0000000   f   o   r   k  \\n' && exit 7");
}

/* An image that is no file system: a clear error naming the tool and its log. */
static void
make_garbage_invalid(void **state)
{
	char img[128], dst[128], log[128], err[1024] = "";

	(void)state;
	snprintf(img, sizeof(img), "%s/rootfs.ext4", dir);
	snprintf(dst, sizeof(dst), "%s/fork.ext4", dir);
	snprintf(log, sizeof(log), "%s/fork.log", dir);
	assert_int_equal(sh("head -c 100000 /dev/urandom > rootfs.ext4", ""), 0);
	assert_int_equal(disk_make("ext4", img, dst, "fork", log, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "could not write /tdiff/test into the ext4 image (debugfs"));
	assert_int_equal(disk_make("ntfs", img, dst, "fork", log, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown disk kind 'ntfs'"));
	snprintf(img, sizeof(img), "%s/rootfs.fat32", dir);
	assert_int_equal(sh("head -c 100000 /dev/zero > rootfs.fat32", ""), 0);
	assert_int_equal(disk_make("fat32", img, dst, "fork", log, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "(mtools"));
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(copy_sparse_success, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(copy_missing_invalid, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(make_ext4_success, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(make_fat32_success, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(make_garbage_invalid, setup_dir, teardown_dir),
	};

	if (argc > 1)
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests_name("disk.c tests", tests, NULL, NULL);
}
