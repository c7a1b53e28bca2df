/*
 * kernel/core/trace_mount.c: the tracer's decoders for mount.c's calls,
 * mount and umount2, as strace 6.1 prints them: the type and the data are
 * strings unless the flags say the call ignores them (then addresses),
 * and the old magic number in the flags is named first.
 */
#include "lib.h"
#include "syscall.h"
#include "trace_fmt.h"
#include "uapi.h"

#define MS_MGC_VAL 0xc0ed0000UL
#define MS_MGC_MSK 0xffff0000UL
#define MS_REMOUNT 0x20
/* bind, move and the propagation changes take neither a type nor data */
#define MS_NO_TYPE_NOR_DATA (0x1000 | 0x2000 | (1 << 17) | (1 << 18) | (1 << 19) | (1 << 20))

/* strace's mount_flags, in its order */
static const struct xlat mount_flags[] = {
	{ 1U << 0, "MS_RDONLY" }, { 1U << 1, "MS_NOSUID" }, { 1U << 2, "MS_NODEV" },
	{ 1U << 3, "MS_NOEXEC" }, { 1U << 4, "MS_SYNCHRONOUS" }, { 1U << 5, "MS_REMOUNT" },
	{ 1U << 6, "MS_MANDLOCK" }, { 1U << 7, "MS_DIRSYNC" }, { 1U << 8, "MS_NOSYMFOLLOW" },
	{ 1U << 10, "MS_NOATIME" }, { 1U << 11, "MS_NODIRATIME" }, { 1U << 12, "MS_BIND" },
	{ 1U << 13, "MS_MOVE" }, { 1U << 14, "MS_REC" }, { 1U << 15, "MS_SILENT" },
	{ 1U << 16, "MS_POSIXACL" }, { 1U << 17, "MS_UNBINDABLE" }, { 1U << 18, "MS_PRIVATE" },
	{ 1U << 19, "MS_SLAVE" }, { 1U << 20, "MS_SHARED" }, { 1U << 21, "MS_RELATIME" },
	{ 1U << 22, "MS_KERNMOUNT" }, { 1U << 23, "MS_I_VERSION" }, { 1U << 24, "MS_STRICTATIME" },
	{ 1U << 25, "MS_LAZYTIME" }, { 1U << 26, "MS_SUBMOUNT" }, { 1U << 27, "MS_NOREMOTELOCK" },
	{ 1U << 28, "MS_NOSEC" }, { 1U << 29, "MS_BORN" }, { 1U << 30, "MS_ACTIVE" },
	{ 1U << 31, "MS_NOUSER" },
};

/* strace's umount_flags */
static const struct xlat umount_flags[] = {
	{ 1, "MNT_FORCE" }, { 2, "MNT_DETACH" }, { 4, "MNT_EXPIRE" }, { 8, "UMOUNT_NOFOLLOW" },
};

void
decode_mount(struct trc *c)
{
	ENTER {
		unsigned long flags = (unsigned long)c->a[3];
		int old_magic = (flags & MS_MGC_MSK) == MS_MGC_VAL;
		int no_type = 0, no_data = 0;
		if (old_magic)
			flags &= ~MS_MGC_MSK;
		if (flags & MS_REMOUNT)
			no_type = 1;
		else if (flags & MS_NO_TYPE_NOR_DATA)
			no_type = no_data = 1;
		tr_path((uintptr_t)c->a[0]);
		tr_sep();
		tr_path((uintptr_t)c->a[1]);
		tr_sep();
		if (no_type)
			tr_addr((uintptr_t)c->a[2]);
		else
			tr_cstring((uintptr_t)c->a[2], TRACE_MAX_STRLEN);
		tr_sep();
		if (old_magic) {
			tr_puts("MS_MGC_VAL");
			if (flags)
				tr_putc('|');
		}
		if (flags || !old_magic)
			tr_flags(mount_flags, ARRAY_SIZE(mount_flags), flags, "MS_???");
		tr_sep();
		if (no_data)
			tr_addr((uintptr_t)c->a[4]);
		else
			tr_cstring((uintptr_t)c->a[4], TRACE_MAX_STRLEN);
	}
}

void
decode_umount2(struct trc *c)
{
	ENTER {
		tr_path((uintptr_t)c->a[0]);
		tr_sep();
		tr_flags(umount_flags, ARRAY_SIZE(umount_flags), (unsigned)c->a[1], "MNT_???");
	}
}
