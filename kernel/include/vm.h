/* kernel/include/vm.h: address spaces (struct mm), regions (struct vma),
 * demand paging, copy-on-write, and the user-memory copy helpers. */
#ifndef VM_H
#define VM_H

#include "types.h"

struct inode;

struct vma {
	uintptr_t start, end;       /* page aligned, end exclusive */
	unsigned prot;              /* PROT_* */
	unsigned flags;             /* MAP_SHARED / MAP_PRIVATE / MAP_GROWSDOWN */
	struct inode *ino;          /* file backing, or NULL */
	uint64_t off;               /* file offset at start */
	uint64_t filesz;            /* bytes from start that come from the file */
	struct vma *next;
};

struct mm {
	int refs;
	uintptr_t root;             /* page-table root (physical) */
	struct vma *vmas;           /* sorted by address */
	uintptr_t brk_start, brk;
	uintptr_t mmap_base;        /* top-down search starts here */
	uintptr_t stack_top;
	size_t pages;               /* resident user pages */
};

struct mm *mm_create(void);
struct mm *mm_fork(struct mm *src);            /* copy-on-write copy */
void mm_put(struct mm *mm);
void mm_activate(struct mm *mm);
struct vma *vma_find(struct mm *mm, uintptr_t addr);
int vma_overlaps(struct mm *mm, uintptr_t start, uintptr_t end);
/* Insert a region; the range must be free.  0 or -ENOMEM. */
int vma_add(struct mm *mm, uintptr_t start, uintptr_t end, unsigned prot, unsigned flags,
	    struct inode *ino, uint64_t off, uint64_t filesz);
/* Remove [start,end): unmap pages, split regions. */
int vm_unmap(struct mm *mm, uintptr_t start, uintptr_t end);
int vm_protect(struct mm *mm, uintptr_t start, uintptr_t end, unsigned prot);
/* Write the shared file mappings of [start,end) back to their files: 0,
 * or -ENOMEM when part of the range is not mapped (the rest is written). */
int vm_sync(struct mm *mm, uintptr_t start, uintptr_t end);
/* mremap's move or growth of [addr, addr+old_len) (one region, page
 * aligned lengths, new_len > old_len or fixed): in place if it can, else
 * (may_move) to a free range or to fixed (already unmapped), the pages
 * moving with it; *out gets the new address.  0, -EFAULT (not one
 * region), -ENOMEM. */
int vm_remap(struct mm *mm, uintptr_t addr, size_t old_len, size_t new_len, int may_move,
	     uintptr_t fixed, uintptr_t *out);
/* Find a free range of len bytes below mmap_base; 0 if none. */
uintptr_t vm_find_free(struct mm *mm, size_t len);
/* Resolve a fault at addr for access PT_R/PT_W/PT_X: 0, or -EFAULT (no
 * region / not allowed: *code gets SEGV_MAPERR or SEGV_ACCERR), -ENOMEM. */
int vm_fault(struct mm *mm, uintptr_t addr, unsigned access, int *code);

/* Copies between kernel and the current task's user memory: 0 or -EFAULT. */
int copy_from_user(void *dst, uintptr_t src, size_t n);
int copy_to_user(uintptr_t dst, const void *src, size_t n);
/* Copy a NUL-terminated string: its length, -EFAULT, or -ENAMETOOLONG. */
long strncpy_from_user(char *dst, uintptr_t src, size_t max);
/* The same, on any mm (exec reads the old image's argv). */
int mm_copy_in(struct mm *mm, void *dst, uintptr_t src, size_t n);
int mm_copy_out(struct mm *mm, uintptr_t dst, const void *src, size_t n);
/* Can n bytes at addr be read (for the tracer, which must not fault)? */
int user_readable(uintptr_t addr, size_t n);

#endif
