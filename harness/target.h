/*
 * target.h: a target is a kernel the harness can boot, described by a small
 * text file (harness/targets/NAME.target; format in harness/README.md):
 * per arch a QEMU command template, and optionally a command that builds
 * what the template needs, the kernel ELF used to symbolize a panic (and
 * loaded by gdb under `harness run --debug`) and gdb's arguments there.
 */
#ifndef TARGET_H
#define TARGET_H

#include <regex.h>
#include <stddef.h>

enum { TARGET_X86_64, TARGET_RISCV64, TARGET_NARCH };

/* Where the trace comes (`trace:`): its own channel, or the console. */
enum target_trace { TRACE_SERIAL, TRACE_CONSOLE, TRACE_EXTERNAL };

/* The disk image a boot gets as {disk} (`disk:`), if any. */
enum target_disk { DISK_NONE, DISK_EXT4, DISK_FAT32 };

struct target {
	char name[64];
	char *description;
	char *prepare[TARGET_NARCH];	/* shell command, or NULL */
	char *qemu[TARGET_NARCH];	/* command template, or NULL: arch unsupported */
	char *elf[TARGET_NARCH];	/* kernel ELF template, or NULL */
	char *gdb[TARGET_NARCH];	/* gdb arguments after attaching (run --debug), or NULL */
	char *entry[TARGET_NARCH];	/* syscall-entry: the ELF symbol of the syscall entry
					 * (trace: external), or NULL */
	char *arm[TARGET_NARCH];	/* syscall-arm: an ELF symbol reached once boot is done:
					 * the entry is trapped from there on, or NULL */
	char *noise;		/* console lines starting with this are not test output */
	double timeout_add;	/* timeout-add: seconds added to every test's @timeout */
	double exit_grace;	/* exit-grace: stop a kernel that runs on, quiet, this long
				 * after the test's exit line (0: wait for its power-off) */
	enum target_trace trace;
	char *strip;		/* console-strip: the ERE of the log decoration, or NULL */
	regex_t strip_re;	/* compiled (console_strip_compile) when strip is set */
	enum target_disk disk;
	int batch;		/* batch: at most this many tests a boot, {test} = "a,b,c"
				 * (harness/PROTOCOL.md, "Batches"); 0 or 1: one */
};

/* target_disk_name: "ext4", "fat32" (the image's suffix), or NULL for DISK_NONE. */
const char *target_disk_name(enum target_disk d);

/*
 * Values substituted for {arch} {test} {B} {top} {console} {trace} {extra}
 * {disk} in templates; {extra} is the harness's --cmdline words for the
 * kernel command line (empty by default), {disk} the test's copy of the
 * disk image (empty without `disk:`).
 */
struct target_vars {
	const char *arch, *test, *b, *top, *console, *trace, *extra, *disk;
};

/* target_name_ok: one path component of [A-Za-z0-9_.-], no leading '.', <= 32 bytes. */
int target_name_ok(const char *s);

/* target_arch_index: TARGET_X86_64 for "x86_64", ...; -1 when unknown. */
int target_arch_index(const char *arch);

/*
 * target_parse: fill *t from `text` (the file `path`).  Returns 0, or -1
 * with "path:line: reason" in err.
 */
int target_parse(const char *path, const char *text, struct target *t, char *err, size_t errlen);

/* target_load: read and parse; NAME alone means harness/targets/NAME.target under top. */
int target_load(const char *top, const char *name_or_path, struct target *t, char *err,
		size_t errlen);

void target_free(struct target *t);

/*
 * target_expand: substitute the variables into one string; NULL on an
 * unknown {name} (err says which).  The result is malloc'd.
 */
char *target_expand(const char *tmpl, const struct target_vars *v, char *err, size_t errlen);

/*
 * target_argv: split a template into words (quotes group, see
 * testmeta_split), then expand each word, so values with blanks stay one
 * word; a word's trailing blanks are dropped (an empty {extra} leaves none).  Returns the word count, or -1 with err set.  Free with
 * target_argv_free.
 */
int target_argv(const char *tmpl, const struct target_vars *v, char **argv, int max, char *err,
		size_t errlen);
void target_argv_free(char **argv, int argc);

#endif
