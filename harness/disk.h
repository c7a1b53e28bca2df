/*
 * disk.h: the per-test disk of a target with `disk: ext4|fat32`: a copy
 * of build/<arch>/rootfs.<ext4|fat32> (reflinked where the file system can,
 * sparse otherwise) into which the file /tdiff/test is written, holding the
 * test's name and a newline; the image's /tdiff_testcode.sh reads it
 * (harness/README.md, testcases/README.md).
 */
#ifndef DISK_H
#define DISK_H

#include <stddef.h>

/*
 * disk_copy: copy the file src to dst (created or truncated): a reflink
 * (FICLONE) when src and dst share a file system that has them, else the
 * data ranges only (SEEK_DATA/SEEK_HOLE), so holes stay holes.  Returns 0,
 * or -1 with "dst: reason" in err.
 */
int disk_copy(const char *src, const char *dst, char *err, size_t errlen);

/*
 * disk_make: dst becomes a copy of image whose /tdiff/test holds "test\n",
 * written with debugfs -w (fs "ext4") or mtools (fs "fat32"); the tool's
 * messages go to log (appended).  The file is read back to check it.
 * Returns 0, or -1 with the reason in err.
 */
int disk_make(const char *fs, const char *image, const char *dst, const char *test,
	      const char *log, char *err, size_t errlen);

#endif
