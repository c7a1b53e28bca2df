/*
 * kernel/core/exec.c: execve.  Loads a static or static-PIE ELF (or a `#!`
 * script through its interpreter) into a fresh address space, builds the
 * initial stack (argc, argv, envp, auxv, 16-byte aligned) the way Linux lays
 * it out, then swaps address spaces: failures before that leave the caller
 * untouched.
 */
#include "exec.h"
#include "arch.h"
#include "kmalloc.h"
#include "lib.h"
#include "pmm.h"
#include "syscall.h"
#include "task.h"
#include "trace.h"
#include "uapi.h"
#include "vfs.h"
#include "vm.h"

struct elf64_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

#define PT_LOAD 1
#define PT_INTERP 3
#define PT_PHDR 6
#define PT_GNU_STACK 0x6474e551
#define ET_EXEC 2
#define ET_DYN 3
#define ARG_MAX_BYTES (128 * 1024)
#define STACK_SIZE (8UL << 20)

struct image {
	uintptr_t entry, phdr, brk;
	unsigned phnum;
};

/* Map the PT_LOAD segments of ino into mm; fill img. */
static int
elf_load(struct mm *mm, struct inode *ino, struct image *img)
{
	const struct elf64_ehdr *eh = (const void *)ino->data;
	if (ino->size < sizeof(*eh) || memcmp(eh->ident, "\177ELF", 4) || eh->ident[4] != 2 ||
	    eh->ident[5] != 1 || (eh->type != ET_EXEC && eh->type != ET_DYN) ||
	    eh->machine != ABI_ELF_MACHINE || eh->phentsize != sizeof(struct elf64_phdr) ||
	    eh->phoff > ino->size || eh->phnum * sizeof(struct elf64_phdr) > ino->size - eh->phoff)
		return -ENOEXEC;
	const struct elf64_phdr *ph = (const void *)(ino->data + eh->phoff);
	for (int i = 0; i < eh->phnum; i++)
		if (ph[i].type == PT_INTERP)
			return -ENOEXEC;   /* dynamic executables are not supported */
	uintptr_t bias = eh->type == ET_DYN ? ABI_PIE_BASE : 0;
	uintptr_t brk = 0;
	img->phdr = 0;
	for (int i = 0; i < eh->phnum; i++) {
		const struct elf64_phdr *p = &ph[i];
		if (p->type == PT_PHDR)
			img->phdr = bias + p->vaddr;
		if (p->type != PT_LOAD || p->memsz == 0)
			continue;
		if (p->filesz > p->memsz || p->offset > ino->size || p->filesz > ino->size - p->offset)
			return -ENOEXEC;
		uintptr_t va = bias + p->vaddr;
		uintptr_t start = ALIGN_DOWN(va, PAGE_SIZE);
		uintptr_t end = ALIGN_UP(va + p->memsz, PAGE_SIZE);
		if (end > ABI_USER_TOP || end <= start)
			return -ENOEXEC;
		unsigned prot = (p->flags & 4 ? PROT_READ : 0) | (p->flags & 2 ? PROT_WRITE : 0) |
				(p->flags & 1 ? PROT_EXEC : 0);
		uint64_t lead = va - start;
		/* the file backs [start, va + filesz); the rest is zero (bss) */
		int r = vma_add(mm, start, end, prot, MAP_PRIVATE, ino, p->offset - lead,
				p->filesz + lead);
		if (r < 0)
			return r;
		if (!img->phdr && eh->phoff >= p->offset && eh->phoff < p->offset + p->filesz)
			img->phdr = va + (eh->phoff - p->offset);
		if (va + p->memsz > brk)
			brk = va + p->memsz;
	}
	img->entry = bias + eh->entry;
	img->phnum = eh->phnum;
	img->brk = ALIGN_UP(brk, PAGE_SIZE);
	return 0;
}

static size_t
strv_count(char *const v[])
{
	size_t n = 0;
	while (v && v[n])
		n++;
	return n;
}

/* Build the initial stack in mm; returns the new sp or -errno. */
static long
stack_build(struct mm *mm, const struct image *img, const char *execfn, char *const argv[],
	    char *const envp[])
{
	uintptr_t top = ABI_STACK_TOP;
	int r = vma_add(mm, top - STACK_SIZE, top, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_GROWSDOWN,
			NULL, 0, 0);
	if (r < 0)
		return r;
	mm->stack_top = top;
	size_t argc = strv_count(argv), envc = strv_count(envp);
	uintptr_t *argp = kmalloc((argc + envc + 2) * sizeof(uintptr_t));
	if (!argp)
		return -ENOMEM;
	uintptr_t sp = top - sizeof(uintptr_t);      /* Linux leaves one word at the top */
	long err = 0;
#define PUSH_STR(s, slot) do { \
		size_t _n = strlen(s) + 1; \
		sp -= _n; \
		if (mm_copy_out(mm, sp, (s), _n) < 0) { err = -EFAULT; goto out; } \
		slot = sp; \
	} while (0)
	uintptr_t execfn_addr;
	PUSH_STR(execfn, execfn_addr);
	for (size_t i = envc; i-- > 0;)
		PUSH_STR(envp[i], argp[argc + 1 + i]);
	for (size_t i = argc; i-- > 0;)
		PUSH_STR(argv[i], argp[i]);
	argp[argc] = 0;
	argp[argc + 1 + envc] = 0;
	uintptr_t platform;
	PUSH_STR(ABI_UTS_MACHINE, platform);
	uint8_t rnd[16];
	uint64_t seed = arch_cycles() ^ 0x9e3779b97f4a7c15ULL;
	for (int i = 0; i < 16; i++) {
		seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
		rnd[i] = (uint8_t)seed;
	}
	sp -= 16;
	uintptr_t random = sp;
	if (mm_copy_out(mm, sp, rnd, 16) < 0) {
		err = -EFAULT;
		goto out;
	}
	uint64_t auxv[] = {
		AT_HWCAP, ABI_HWCAP, AT_PAGESZ, PAGE_SIZE, AT_CLKTCK, 100,
		AT_PHDR, img->phdr, AT_PHENT, sizeof(struct elf64_phdr), AT_PHNUM, img->phnum,
		AT_BASE, 0, AT_FLAGS, 0, AT_ENTRY, img->entry,
		AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0, AT_SECURE, 0,
		AT_RANDOM, random, AT_HWCAP2, 0, AT_EXECFN, execfn_addr, AT_PLATFORM, platform,
		AT_NULL, 0,
	};
	size_t words = 1 + argc + 1 + envc + 1 + ARRAY_SIZE(auxv);
	sp = ALIGN_DOWN(sp - words * 8, 16);
	uintptr_t p = sp;
	uint64_t v = argc;
	if (mm_copy_out(mm, p, &v, 8) < 0 ||
	    mm_copy_out(mm, p + 8, argp, (argc + 1 + envc + 1) * 8) < 0 ||
	    mm_copy_out(mm, p + 8 + (argc + envc + 2) * 8, auxv, sizeof(auxv)) < 0) {
		err = -EFAULT;
		goto out;
	}
	err = (long)sp;
out:
	kfree(argp);
	return err;
#undef PUSH_STR
}

/* If ino starts with "#!", split out the interpreter and its one argument. */
static int
script_interp(struct inode *ino, char *interp, size_t isz, char *arg, size_t asz)
{
	if (ino->size < 2 || ino->data[0] != '#' || ino->data[1] != '!')
		return 0;
	size_t i = 2, n = MIN(ino->size, 256);
	while (i < n && (ino->data[i] == ' ' || ino->data[i] == '\t'))
		i++;
	size_t s = i;
	while (i < n && ino->data[i] != ' ' && ino->data[i] != '\t' && ino->data[i] != '\n')
		i++;
	if (i == s || i - s >= isz)
		return -ENOEXEC;
	memcpy(interp, ino->data + s, i - s);
	interp[i - s] = 0;
	while (i < n && (ino->data[i] == ' ' || ino->data[i] == '\t'))
		i++;
	s = i;
	while (i < n && ino->data[i] != '\n')
		i++;
	while (i > s && (ino->data[i - 1] == ' ' || ino->data[i - 1] == '\t'))
		i--;
	if (i - s >= asz)
		return -ENOEXEC;
	memcpy(arg, ino->data + s, i - s);
	arg[i - s] = 0;
	return 1;
}

static int
exec_lookup(const char *path, struct inode **out)
{
	struct inode *ino;
	int r = vfs_lookup(NULL, path, 1, &ino);
	if (r < 0)
		return r;
	if ((ino->mode & S_IFMT) != S_IFREG)
		return -EACCES;
	if (!(ino->mode & 0111))
		return -EACCES;
	*out = ino;
	return 0;
}

/*
 * exe_path: the canonical path of the program at path, as Linux's
 * /proc/self/exe shows it: its directory's path from the root (vfs_path),
 * and a final symlink followed (up to 40).  "" when it cannot be made.
 */
static void
exe_path(const char *path, char *out, size_t size)
{
	char cur[256], dir[256];
	out[0] = 0;
	strlcpy(cur, path, sizeof(cur));
	for (int hops = 0; hops < 40; hops++) {
		const char *slash = NULL;
		for (const char *c = cur; *c; c++)
			if (*c == '/')
				slash = c;
		const char *base = slash ? slash + 1 : cur;
		struct inode *d, *ino;
		if (slash) {
			size_t n = slash == cur ? 1 : (size_t)(slash - cur);
			memcpy(dir, cur, n);
			dir[n] = 0;
		} else
			strlcpy(dir, ".", sizeof(dir));
		if (vfs_lookup(NULL, dir, 1, &d) < 0 || vfs_path(d, dir, sizeof(dir)) < 0)
			return;
		if (strlen(dir) + 1 + strlen(base) + 1 > size)
			return;
		strlcpy(out, dir, size);
		if (strcmp(dir, "/"))
			strlcpy(out + strlen(out), "/", size - strlen(out));
		strlcpy(out + strlen(out), base, size - strlen(out));
		if (vfs_lookup(NULL, out, 0, &ino) < 0 || (ino->mode & S_IFMT) != S_IFLNK || !ino->link)
			return;
		if (ino->link[0] == '/')
			strlcpy(cur, ino->link, sizeof(cur));
		else {
			strlcpy(cur, dir, sizeof(cur));
			strlcpy(cur + strlen(cur), "/", sizeof(cur) - strlen(cur));
			strlcpy(cur + strlen(cur), ino->link, sizeof(cur) - strlen(cur));
		}
	}
	out[0] = 0;
}

int
do_execve(const char *path, char *const argv[], char *const envp[])
{
	char exe[sizeof(current->proc->exe)];
	struct inode *ino;
	int r = exec_lookup(path, &ino);
	if (r < 0)
		return r;
	char interp[128], iarg[128];
	char *sargv[64];
	r = script_interp(ino, interp, sizeof(interp), iarg, sizeof(iarg));
	if (r < 0)
		return r;
	if (r == 1) {
		/* argv becomes: interp [iarg] path argv[1..] */
		size_t n = 0, argc = strv_count(argv);
		if (argc + 3 > ARRAY_SIZE(sargv))
			return -E2BIG;
		sargv[n++] = interp;
		if (iarg[0])
			sargv[n++] = iarg;
		sargv[n++] = (char *)path;
		for (size_t i = 1; i < argc; i++)
			sargv[n++] = argv[i];
		sargv[n] = NULL;
		argv = sargv;
		r = exec_lookup(interp, &ino);
		if (r < 0)
			return r;
	}
	exe_path(argv == sargv ? interp : path, exe, sizeof(exe));      /* a script: its interpreter */
	struct mm *mm = mm_create();
	if (!mm)
		return -ENOMEM;
	struct image img;
	r = elf_load(mm, ino, &img);
	if (r < 0)
		goto fail;
	long sp = stack_build(mm, &img, path, argv, envp);
	if (sp < 0) {
		r = (int)sp;
		goto fail;
	}
	mm->brk_start = mm->brk = img.brk;
	/* point of no return: the old image goes */
	struct task *t = current;
	if (t->proc->nthreads > 1)
		proc_kill_others(t);
	struct mm *old = t->mm;
	t->mm = mm;
	mm_activate(mm);
	mm_put(old);
	const char *base = path;
	for (const char *p = path; *p; p++)
		if (*p == '/')
			base = p + 1;
	strlcpy(t->comm, base, sizeof(t->comm));
	t->clear_child_tid = 0;
	memcpy(t->proc->exe, exe, sizeof(exe));
	t->rseq = 0;            /* a new program registers its own */
	t->rseq_sig = 0;
	t->rseq_resume = 0;
	files_close_on_exec(t->files);
	signal_exec_reset(t);
	arch_set_tls(t, 0);
	arch_task_fpu_reset(t);
	arch_exec_regs(t->tf, img.entry, (uintptr_t)sp);
	if (t->vfork_parent) {
		wake_task(t->vfork_parent);
		t->vfork_parent = NULL;
	}
	return 0;
fail:
	mm_put(mm);
	return r;
}

/* Copy a NULL-terminated array of user strings into one kernel block. */
static long
copy_strv(uintptr_t uv, char ***out, char *buf, size_t bufsz, size_t *used)
{
	size_t n = 0, cap = 64;
	char **v = kmalloc(cap * sizeof(char *));
	if (!v)
		return -ENOMEM;
	for (; uv; n++) {
		uintptr_t p;
		if (copy_from_user(&p, uv + n * sizeof(uintptr_t), sizeof(p)) < 0)
			goto efault;
		if (!p)
			break;
		if (n + 2 > cap) {
			char **nv = kmalloc(cap * 2 * sizeof(char *));
			if (!nv) {
				kfree(v);
				return -ENOMEM;
			}
			memcpy(nv, v, n * sizeof(char *));
			kfree(v);
			v = nv;
			cap *= 2;
		}
		long len = strncpy_from_user(buf + *used, p, bufsz - *used);
		if (len == -ENAMETOOLONG) {
			kfree(v);
			return -E2BIG;
		}
		if (len < 0)
			goto efault;
		v[n] = buf + *used;
		*used += (size_t)len + 1;
	}
	v[n] = NULL;
	*out = v;
	return 0;
efault:
	kfree(v);
	return -EFAULT;
}

/* execve (the table's sys_execve_): copy the path, argv and envp in, then
 * do_execve. */
SYSCALL_DEFINE3(execve_, uintptr_t, filename, uintptr_t, argv, uintptr_t, envp)
{
	char *path = kmalloc(PATH_MAX);
	char *buf = kmalloc(ARG_MAX_BYTES);
	char **kargv = NULL, **kenvp = NULL;
	long r = -ENOMEM;
	if (!path || !buf)
		goto out;
	r = strncpy_from_user(path, filename, PATH_MAX);
	if (r < 0)
		goto out;
	size_t used = 0;
	r = copy_strv(argv, &kargv, buf, ARG_MAX_BYTES, &used);
	if (r < 0)
		goto out;
	r = copy_strv(envp, &kenvp, buf, ARG_MAX_BYTES, &used);
	if (r < 0)
		goto out;
	r = do_execve(path, kargv, kenvp);
out:
	kfree(kargv);
	kfree(kenvp);
	kfree(path);
	kfree(buf);
	return r;
}
