/* kernel/core/sys_mm.c: brk, mmap, munmap, mprotect, madvise. */
#include "arch.h"
#include "lib.h"
#include "pmm.h"
#include "syscall.h"
#include "task.h"
#include "uapi.h"
#include "vfs.h"
#include "vm.h"

long
sys_brk(const long *a)
{
	struct mm *mm = current->mm;
	uintptr_t want = (uintptr_t)a[0];
	if (want < mm->brk_start)
		return (long)mm->brk;
	uintptr_t old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	uintptr_t new_end = ALIGN_UP(want, PAGE_SIZE);
	if (new_end > old_end) {
		for (uintptr_t p = old_end; p < new_end; p += PAGE_SIZE)
			if (vma_find(mm, p))
				return (long)mm->brk;
		if (new_end >= mm->stack_top - (8UL << 20))
			return (long)mm->brk;
		/* grow the heap region (or start it) */
		struct vma *v = old_end > mm->brk_start ? vma_find(mm, old_end - 1) : NULL;
		if (v && v->end == old_end && !v->ino)
			v->end = new_end;
		else if (vma_add(mm, old_end, new_end, PROT_READ | PROT_WRITE, MAP_PRIVATE, NULL, 0, 0) < 0)
			return (long)mm->brk;
	} else if (new_end < old_end) {
		vm_unmap(mm, new_end, old_end);
	}
	mm->brk = want;
	return (long)want;
}

long
sys_mmap(const long *a)
{
	uintptr_t addr = (uintptr_t)a[0];
	size_t len = (size_t)a[1];
	unsigned prot = (unsigned)a[2], flags = (unsigned)a[3];
	int fd = (int)a[4];
	uint64_t off = (uint64_t)a[5];
	struct mm *mm = current->mm;
	struct file *f = NULL;
	if (off & (PAGE_SIZE - 1))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		f = fd_get(current->files, fd);
		if (!f)
			return -EBADF;
	}
	if (!len)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len || len > USER_TOP)
		return -ENOMEM;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	unsigned type = flags & MAP_TYPE;
	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (f) {
		if (!f->ino || (f->ino->mode & S_IFMT) != S_IFREG || f->priv)
			return -ENODEV;
		if ((f->flags & O_ACCMODE) == O_WRONLY)
			return -EACCES;
		if (type != MAP_PRIVATE && (prot & PROT_WRITE) && (f->flags & O_ACCMODE) != O_RDWR)
			return -EACCES;
	}
	if (flags & MAP_FIXED) {
		if (addr & (PAGE_SIZE - 1))
			return -EINVAL;
		if (addr + len > USER_TOP || addr + len < addr)
			return -ENOMEM;
		if (flags & MAP_FIXED_NOREPLACE) {
			for (uintptr_t p = addr; p < addr + len; p += PAGE_SIZE)
				if (vma_find(mm, p))
					return -EEXIST;
		}
		if (vm_unmap(mm, addr, addr + len) < 0)
			return -ENOMEM;
	} else {
		uintptr_t hint = ALIGN_DOWN(addr, PAGE_SIZE);
		int ok = hint && hint >= 0x10000 && hint + len <= USER_TOP && hint + len > hint;
		for (uintptr_t p = hint; ok && p < hint + len; p += PAGE_SIZE)
			if (vma_find(mm, p))
				ok = 0;
		addr = ok ? hint : vm_find_free(mm, len);
		if (!addr)
			return -ENOMEM;
	}
	/* overcommit heuristic (Linux's OVERCOMMIT_GUESS): one private writable
	 * mapping larger than all of RAM fails at once */
	if (type == MAP_PRIVATE && (prot & PROT_WRITE) && len / PAGE_SIZE > pmm_total_pages())
		return -ENOMEM;
	unsigned vflags = (type == MAP_PRIVATE ? MAP_PRIVATE : MAP_SHARED) | (flags & MAP_GROWSDOWN);
	int r = vma_add(mm, addr, addr + len, prot & 7, vflags, f ? f->ino : NULL, off,
			f ? len : 0);
	if (r < 0)
		return r;
	if (flags & MAP_POPULATE)
		for (uintptr_t p = addr; p < addr + len; p += PAGE_SIZE) {
			int code;
			vm_fault(mm, p, PT_R, &code);
		}
	return (long)addr;
}

long
sys_munmap(const long *a)
{
	uintptr_t addr = (uintptr_t)a[0];
	size_t len = (size_t)a[1];
	if ((addr & (PAGE_SIZE - 1)) || !len)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (addr + len > USER_TOP || addr + len < addr)
		return -EINVAL;
	return vm_unmap(current->mm, addr, addr + len);
}

long
sys_mprotect(const long *a)
{
	uintptr_t addr = (uintptr_t)a[0];
	size_t len = (size_t)a[1];
	unsigned prot = (unsigned)a[2];
	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (!len)
		return 0;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len || addr + len < addr)
		return -ENOMEM;
	return vm_protect(current->mm, addr, addr + len, prot & 7);
}

long
sys_madvise(const long *a)
{
	if ((uintptr_t)a[0] & (PAGE_SIZE - 1))
		return -EINVAL;
	return 0;
}

long
sys_mremap(const long *a)
{
	(void)a;
	return -ENOMEM;
}
