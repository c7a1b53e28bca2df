/* kernel/core/sys_mm.c: brk, mmap, munmap, mprotect, madvise, mremap, msync. */
#include "arch.h"
#include "lib.h"
#include "pmm.h"
#include "syscall.h"
#include "task.h"
#include "uapi.h"
#include "vfs.h"
#include "vm.h"

/*
 * brk: move the end of the heap.  The limits are checked first and the
 * range at once (vma_overlaps), so a far address costs no more than a near
 * one; past USER_TOP (where ALIGN_UP would wrap) the break stays put, as on
 * Linux.  A growth by more pages than the machine has also leaves it put:
 * Linux's default overcommit heuristic refuses such a request.
 */
SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm *mm = current->mm;
	uintptr_t want = brk;
	if (want < mm->brk_start || want > USER_TOP - PAGE_SIZE)
		return (long)mm->brk;
	uintptr_t old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	uintptr_t new_end = ALIGN_UP(want, PAGE_SIZE);
	if (new_end > old_end) {
		if ((new_end - old_end) / PAGE_SIZE > pmm_total_pages())
			return (long)mm->brk;
		if (new_end >= mm->stack_top - (8UL << 20))
			return (long)mm->brk;
		if (vma_overlaps(mm, old_end, new_end))
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

/*
 * mmap: Linux passes prot, flags and fd as unsigned long and narrows them
 * inside; here they arrive narrowed (prot and flags to 32 bits, fd to int).
 */
SYSCALL_DEFINE6(mmap, unsigned long, addr, size_t, len, unsigned int, prot, unsigned int, flags,
		int, fd, unsigned long, off)
{
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

SYSCALL_DEFINE2(munmap, unsigned long, addr, size_t, len)
{
	if ((addr & (PAGE_SIZE - 1)) || !len)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (addr + len > USER_TOP || addr + len < addr)
		return -EINVAL;
	return vm_unmap(current->mm, addr, addr + len);
}

/* mprotect: prot narrowed to 32 bits (Linux's is an unsigned long). */
SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len, unsigned int, prot)
{
	uintptr_t addr = start;
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

/* madvise: advice is taken and ignored. */
SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len_in, int, behavior)
{
	(void)len_in;
	(void)behavior;
	if (start & (PAGE_SIZE - 1))
		return -EINVAL;
	return 0;
}

/*
 * mremap (Linux's mm/mremap.c): shrinking unmaps the tail; growing
 * extends the region in place when the pages after it are free, else
 * (MREMAP_MAYMOVE) moves it to a free range with its pages; MREMAP_FIXED
 * moves it to new_addr, whatever was mapped there unmapped first.
 * MREMAP_DONTUNMAP is not supported (EINVAL).
 */
SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len, unsigned long, new_len,
		unsigned long, flags, unsigned long, new_addr)
{
	struct mm *mm = current->mm;
	if (flags & ~(unsigned long)(MREMAP_MAYMOVE | MREMAP_FIXED))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!new_len || !old_len)
		return -EINVAL;
	if (!vma_find(mm, addr))
		return -EFAULT;         /* Linux 6.1 looks the region up first */
	uintptr_t out;
	if (flags & MREMAP_FIXED) {
		if ((new_addr & (PAGE_SIZE - 1)) || new_len > USER_TOP || new_addr > USER_TOP - new_len)
			return -EINVAL;
		if (new_addr < addr + old_len && addr < new_addr + new_len)
			return -EINVAL;         /* the two ranges overlap */
		if (vm_unmap(mm, new_addr, new_addr + new_len) < 0)
			return -ENOMEM;
		if (old_len > new_len) {
			vm_unmap(mm, addr + new_len, addr + old_len);
			old_len = new_len;
		}
		int r = vm_remap(mm, addr, old_len, new_len, 1, new_addr, &out);
		return r < 0 ? r : (long)out;
	}
	if (old_len >= new_len) {
		/* shrinking (or the same size) never moves */
		if (vm_unmap(mm, addr + new_len, addr + old_len) < 0)
			return -ENOMEM;
		return (long)addr;
	}
	int r = vm_remap(mm, addr, old_len, new_len, (flags & MREMAP_MAYMOVE) != 0, 0, &out);
	return r < 0 ? r : (long)out;
}

/* msync: the shared file mappings of the range go back to their files
 * (MS_ASYNC and MS_INVALIDATE alike: there is no cache to drop). */
SYSCALL_DEFINE3(msync, unsigned long, start, size_t, len, int, flags)
{
	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start & (PAGE_SIZE - 1))
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	uintptr_t end = start + ALIGN_UP(len, PAGE_SIZE);
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	return vm_sync(current->mm, start, end);
}
