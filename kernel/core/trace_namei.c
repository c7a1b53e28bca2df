/*
 * kernel/core/trace_namei.c: the tracer's decoders for the calls that make
 * and remove names (the handlers of namei.c): mkdir, unlink, rmdir, link,
 * symlink, rename and their *at() forms.  Each prints at entry what strace
 * 6.1 prints; the x86_64-only calls' decoders are under #ifdef __NR_x.
 */
#include "lib.h"
#include "syscall.h"
#include "trace_fmt.h"
#include "uapi.h"

/* strace's rename_flags (unknown bits get the comment RENAME_??) */
static const struct xlat rename_flags[] = {
	{ 1, "RENAME_NOREPLACE" }, { 2, "RENAME_EXCHANGE" }, { 4, "RENAME_WHITEOUT" },
};

/* "dirfd, path" from a[i] */
static void
p_dirfd_path(struct trc *c, int i)
{
	tr_dirfd(c->a[i]);
	tr_sep();
	tr_path((uintptr_t)c->a[i + 1]);
}

#ifdef __NR_link
/* two paths from a[0] and a[1]: link, symlink, rename (all x86_64's) */
static void
p_two_paths(struct trc *c)
{
	tr_path((uintptr_t)c->a[0]);
	tr_sep();
	tr_path((uintptr_t)c->a[1]);
}
#endif

#ifdef __NR_mkdir
void
decode_mkdir(struct trc *c)
{
	ENTER {
		tr_path((uintptr_t)c->a[0]);
		tr_sep();
		tr_mode(c->a[1]);
	}
}
#endif

void
decode_mkdirat(struct trc *c)
{
	ENTER {
		p_dirfd_path(c, 0);
		tr_sep();
		tr_mode(c->a[2]);
	}
}

void
decode_unlinkat(struct trc *c)
{
	ENTER {
		p_dirfd_path(c, 0);
		tr_sep();
		tr_at_flags(c->a[2]);
	}
}

#ifdef __NR_link
void
decode_link(struct trc *c)
{
	ENTER p_two_paths(c);
}
#endif

void
decode_linkat(struct trc *c)
{
	ENTER {
		p_dirfd_path(c, 0);
		tr_sep();
		p_dirfd_path(c, 2);
		tr_sep();
		tr_at_flags(c->a[4]);
	}
}

#ifdef __NR_symlink
void
decode_symlink(struct trc *c)
{
	ENTER p_two_paths(c);
}
#endif

void
decode_symlinkat(struct trc *c)
{
	ENTER {
		tr_path((uintptr_t)c->a[0]);
		tr_sep();
		p_dirfd_path(c, 1);
	}
}

#ifdef __NR_rename
void
decode_rename(struct trc *c)
{
	ENTER p_two_paths(c);
}
#endif

#ifdef __NR_renameat
void
decode_renameat(struct trc *c)
{
	ENTER {
		p_dirfd_path(c, 0);
		tr_sep();
		p_dirfd_path(c, 2);
	}
}
#endif

void
decode_renameat2(struct trc *c)
{
	ENTER {
		p_dirfd_path(c, 0);
		tr_sep();
		p_dirfd_path(c, 2);
		tr_sep();
		tr_flags(rename_flags, ARRAY_SIZE(rename_flags), (unsigned)c->a[4], "RENAME_??");
	}
}
