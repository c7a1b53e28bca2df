/*
 * kernel/core/vm.c: address spaces.  Regions (vmas) say what may be mapped;
 * pages are filled on the first fault (zeroes, or bytes from the file), and a
 * write to a page shared with another address space copies it first
 * (copy-on-write: private pages are mapped read-only while the page's
 * reference count is above one).
 */
#include "vm.h"
#include "arch.h"
#include "kmalloc.h"
#include "lib.h"
#include "pmm.h"
#include "pt.h"
#include "task.h"
#include "uapi.h"
#include "vfs.h"

struct mm *
mm_create(void)
{
	struct mm *mm = kzalloc(sizeof(*mm));
	if (!mm)
		return NULL;
	mm->root = pt_create();
	if (!mm->root) {
		kfree(mm);
		return NULL;
	}
	mm->refs = 1;
	mm->mmap_base = ABI_MMAP_BASE;
	return mm;
}

static unsigned
prot_to_pt(unsigned prot)
{
	unsigned f = PT_USER;
	if (prot & (PROT_READ | PROT_WRITE | PROT_EXEC))
		f |= PT_R;
	if (prot & PROT_WRITE)
		f |= PT_W;
	if (prot & PROT_EXEC)
		f |= PT_X;
	return f;
}

struct fork_ctx {
	struct mm *src, *dst;
	struct vma *vma;
	int err;
};

/* Share one page of the parent with the child: shared regions keep their
 * permissions, private ones become read-only in both (copy-on-write). */
static void
fork_page(void *ctx, uintptr_t va, uintptr_t pa, unsigned flags)
{
	struct fork_ctx *c = ctx;
	if (c->err)
		return;
	unsigned nf = flags & ~PT_COW;
	if (!(c->vma->flags & MAP_SHARED)) {
		nf &= ~PT_W;
		if (flags & PT_W)
			pt_map(c->src->root, va, pa, nf);
	}
	if (pt_map(c->dst->root, va, pa, nf) < 0) {
		c->err = -ENOMEM;
		return;
	}
	page_ref(pa);
	c->dst->pages++;
}

struct mm *
mm_fork(struct mm *src)
{
	struct mm *mm = mm_create();
	if (!mm)
		return NULL;
	mm->brk_start = src->brk_start;
	mm->brk = src->brk;
	mm->mmap_base = src->mmap_base;
	mm->stack_top = src->stack_top;
	struct vma **tail = &mm->vmas;
	for (struct vma *v = src->vmas; v; v = v->next) {
		struct vma *n = kmalloc(sizeof(*n));
		if (!n)
			goto fail;
		*n = *v;
		n->next = NULL;
		if (n->ino)
			n->ino->refs++;
		*tail = n;
		tail = &n->next;
		/* shared anonymous pages must exist now to be shared at all */
		if ((v->flags & MAP_SHARED) && (v->prot & (PROT_READ | PROT_WRITE)))
			for (uintptr_t a = v->start; a < v->end; a += PAGE_SIZE) {
				int code;
				if (!pt_lookup(src->root, a, NULL, NULL) &&
				    vm_fault(src, a, PT_R, &code) < 0)
					goto fail;
			}
		struct fork_ctx c = { src, mm, v, 0 };
		pt_walk(src->root, v->start, v->end, fork_page, &c);
		if (c.err)
			goto fail;
	}
	arch_tlb_flush_all();
	return mm;
fail:
	mm_put(mm);
	arch_tlb_flush_all();
	return NULL;
}

struct wb_ctx {
	struct vma *vma;
};

/* Copy one page of a shared file mapping back into the file (the bytes
 * below the file's size; the file never grows). */
static void
writeback_page(void *ctx, uintptr_t va, uintptr_t pa, unsigned flags)
{
	struct vma *v = ((struct wb_ctx *)ctx)->vma;
	struct inode *ino = v->ino;
	uint64_t foff = v->off + (va - v->start);
	(void)flags;
	if (va - v->start >= v->filesz || foff >= ino->size)
		return;
	if (ino->cap == 0 && vfs_truncate(ino, ino->size) < 0)
		return;         /* still in the initrd and no memory: left as is */
	memcpy(ino->data + foff, p2v(pa), MIN(PAGE_SIZE, ino->size - foff));
}

/*
 * The pages of v's shared file mapping in [start, end) go back to the file
 * (msync, munmap, exit).  A shared file page is the file's bytes as of its
 * first touch: the file and the mapping are not kept coherent in between,
 * only at these points.
 */
static void
vma_writeback(struct mm *mm, struct vma *v, uintptr_t start, uintptr_t end)
{
	if (!(v->flags & MAP_SHARED) || !v->ino || !(v->prot & PROT_WRITE))
		return;
	struct wb_ctx c = { v };
	pt_walk(mm->root, MAX(start, v->start), MIN(end, v->end), writeback_page, &c);
}

int
vm_sync(struct mm *mm, uintptr_t start, uintptr_t end)
{
	int holes = 0;
	uintptr_t a = start;
	for (struct vma *v = mm->vmas; v && v->start < end; v = v->next) {
		if (v->end <= start)
			continue;
		if (v->start > a)
			holes = 1;
		vma_writeback(mm, v, start, end);
		a = v->end;
	}
	return holes || a < end ? -ENOMEM : 0;
}

static void
free_page_cb(void *ctx, uintptr_t va, uintptr_t pa, unsigned flags)
{
	struct mm *mm = ctx;
	(void)flags;
	pt_unmap(mm->root, va);
	page_free(pa);
	mm->pages--;
}

static void
vma_free(struct vma *v)
{
	if (v->ino)
		v->ino->refs--;
	kfree(v);
}

void
mm_put(struct mm *mm)
{
	if (!mm || --mm->refs > 0)
		return;
	struct vma *v = mm->vmas;
	while (v) {
		struct vma *next = v->next;
		vma_writeback(mm, v, v->start, v->end);
		pt_walk(mm->root, v->start, v->end, free_page_cb, mm);
		vma_free(v);
		v = next;
	}
	pt_destroy(mm->root);
	kfree(mm);
}

void
mm_activate(struct mm *mm)
{
	arch_pt_activate(mm->root);
}

struct vma *
vma_find(struct mm *mm, uintptr_t addr)
{
	for (struct vma *v = mm->vmas; v; v = v->next) {
		if (addr < v->start)
			return NULL;
		if (addr < v->end)
			return v;
	}
	return NULL;
}

/* vma_overlaps: whether any vma of mm meets [start, end); one pass over the list. */
int
vma_overlaps(struct mm *mm, uintptr_t start, uintptr_t end)
{
	for (struct vma *v = mm->vmas; v && v->start < end; v = v->next)
		if (v->end > start)
			return 1;
	return 0;
}

int
vma_add(struct mm *mm, uintptr_t start, uintptr_t end, unsigned prot, unsigned flags,
	struct inode *ino, uint64_t off, uint64_t filesz)
{
	struct vma *n = kzalloc(sizeof(*n));
	if (!n)
		return -ENOMEM;
	n->start = start;
	n->end = end;
	n->prot = prot;
	n->flags = flags;
	n->ino = ino;
	n->off = off;
	n->filesz = filesz;
	if (ino)
		ino->refs++;
	struct vma **pp = &mm->vmas;
	while (*pp && (*pp)->start < start)
		pp = &(*pp)->next;
	n->next = *pp;
	*pp = n;
	return 0;
}

/* Split v at addr (inside it): v keeps [start,addr), the new one [addr,end). */
static int
vma_split(struct vma *v, uintptr_t addr)
{
	struct vma *n = kmalloc(sizeof(*n));
	if (!n)
		return -ENOMEM;
	*n = *v;
	uintptr_t delta = addr - v->start;
	n->start = addr;
	n->off = v->off + delta;
	n->filesz = v->filesz > delta ? v->filesz - delta : 0;
	if (n->ino)
		n->ino->refs++;
	v->end = addr;
	v->filesz = MIN(v->filesz, delta);
	v->next = n;
	return 0;
}

int
vm_unmap(struct mm *mm, uintptr_t start, uintptr_t end)
{
	struct vma **pp = &mm->vmas;
	while (*pp) {
		struct vma *v = *pp;
		if (v->end <= start || v->start >= end) {
			pp = &v->next;
			continue;
		}
		if (v->start < start) {
			if (vma_split(v, start) < 0)
				return -ENOMEM;
			pp = &v->next;
			continue;
		}
		if (v->end > end && vma_split(v, end) < 0)
			return -ENOMEM;
		vma_writeback(mm, v, v->start, v->end);
		pt_walk(mm->root, v->start, v->end, free_page_cb, mm);
		*pp = v->next;
		vma_free(v);
	}
	return 0;
}

struct prot_ctx {
	struct mm *mm;
	struct vma *vma;
};

static void
protect_page(void *ctx, uintptr_t va, uintptr_t pa, unsigned flags)
{
	struct prot_ctx *c = ctx;
	unsigned nf = prot_to_pt(c->vma->prot);
	(void)flags;
	/* a private page still shared with another mm stays read-only */
	if ((nf & PT_W) && !(c->vma->flags & MAP_SHARED) && page_refcount(pa) > 1)
		nf &= ~PT_W;
	if (!(nf & PT_R))
		nf = PT_R;      /* PROT_NONE: keep the page, kernel-only */
	pt_map(c->mm->root, va, pa, nf);
}

int
vm_protect(struct mm *mm, uintptr_t start, uintptr_t end, unsigned prot)
{
	/* every page of the range must be mapped, as Linux requires */
	for (uintptr_t a = start; a < end;) {
		struct vma *v = vma_find(mm, a);
		if (!v)
			return -ENOMEM;
		a = v->end;
	}
	for (struct vma *v = mm->vmas; v; v = v->next) {
		if (v->end <= start || v->start >= end)
			continue;
		if (v->start < start) {
			if (vma_split(v, start) < 0)
				return -ENOMEM;
			continue;
		}
		if (v->end > end && vma_split(v, end) < 0)
			return -ENOMEM;
		v->prot = prot;
		struct prot_ctx c = { mm, v };
		pt_walk(mm->root, v->start, v->end, protect_page, &c);
	}
	return 0;
}

uintptr_t
vm_find_free(struct mm *mm, size_t len)
{
	/* top-down: the highest gap below mmap_base that fits */
	uintptr_t best = 0;
	uintptr_t prev_end = 0x10000;
	for (struct vma *v = mm->vmas;; v = v->next) {
		uintptr_t gap_end = v ? v->start : mm->mmap_base;
		if (gap_end > mm->mmap_base)
			gap_end = mm->mmap_base;
		if (gap_end > prev_end && gap_end - prev_end >= len)
			best = gap_end - len;
		if (!v || v->start >= mm->mmap_base)
			break;
		prev_end = v->end;
	}
	return best;
}

/* Grow v (ending at its end) by len bytes in place: the range after it
 * must be free; a file mapping's file part grows with it. */
static int
vma_grow(struct mm *mm, struct vma *v, size_t len)
{
	uintptr_t end = v->end + len;
	if (end < v->end || end > ABI_USER_TOP || vma_overlaps(mm, v->end, end))
		return -ENOMEM;
	if (v->ino)
		v->filesz += len;
	v->end = end;
	return 0;
}

struct move_ctx {
	struct mm *mm;
	intptr_t delta;
	int err;
};

/* Map one page at its new address (the same physical page) and drop the old. */
static void
move_page(void *ctx, uintptr_t va, uintptr_t pa, unsigned flags)
{
	struct move_ctx *c = ctx;
	if (c->err)
		return;
	if (pt_map(c->mm->root, va + c->delta, pa, flags) < 0) {
		c->err = -ENOMEM;
		return;
	}
	pt_unmap(c->mm->root, va);
}

int
vm_remap(struct mm *mm, uintptr_t addr, size_t old_len, size_t new_len, int may_move,
	 uintptr_t fixed, uintptr_t *out)
{
	struct vma *v = vma_find(mm, addr);
	if (!v || addr + old_len > v->end)
		return -EFAULT;
	/* in place: the range ends where the region does and more is free */
	if (!fixed && addr + old_len == v->end && vma_grow(mm, v, new_len - old_len) == 0) {
		*out = addr;
		return 0;
	}
	if (!may_move)
		return -ENOMEM;
	uintptr_t to = fixed ? fixed : vm_find_free(mm, new_len);
	if (!to)
		return -ENOMEM;
	/* the moved range's file part, grown with it for a file mapping */
	uint64_t delta = addr - v->start;
	uint64_t filesz = MIN(v->filesz > delta ? v->filesz - delta : 0, old_len);
	if (v->ino)
		filesz += new_len - old_len;
	int r = vma_add(mm, to, to + new_len, v->prot, v->flags, v->ino, v->off + delta, filesz);
	if (r < 0)
		return r;
	struct move_ctx c = { mm, (intptr_t)(to - addr), 0 };
	pt_walk(mm->root, addr, addr + old_len, move_page, &c);
	if (c.err) {
		vm_unmap(mm, to, to + new_len);
		return c.err;
	}
	/* the old range holds no pages now: nothing to free or write back */
	vm_unmap(mm, addr, addr + old_len);
	*out = to;
	return 0;
}

/* Fill a fresh page for va of region v: file bytes, then zeroes. */
static void
fill_page(struct vma *v, uintptr_t va, uint8_t *page)
{
	uintptr_t rel = va - v->start;
	size_t n = 0;
	if (v->ino && rel < v->filesz) {
		uint64_t foff = v->off + rel;
		n = MIN(PAGE_SIZE, v->filesz - rel);
		if (foff >= v->ino->size)
			n = 0;
		else if (foff + n > v->ino->size)
			n = v->ino->size - foff;
		memcpy(page, v->ino->data + foff, n);
	}
	memset(page + n, 0, PAGE_SIZE - n);
}

int
vm_fault(struct mm *mm, uintptr_t addr, unsigned access, int *code)
{
	uintptr_t va = ALIGN_DOWN(addr, PAGE_SIZE);
	struct vma *v = addr < ABI_USER_TOP ? vma_find(mm, addr) : NULL;
	*code = SEGV_MAPERR;
	if (!v)
		return -EFAULT;
	*code = SEGV_ACCERR;
	if ((access & PT_W) && !(v->prot & PROT_WRITE))
		return -EFAULT;
	if ((access & PT_X) && !(v->prot & PROT_EXEC))
		return -EFAULT;
	if (!(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EFAULT;
	unsigned want = prot_to_pt(v->prot);
	uintptr_t pa;
	unsigned flags;
	if (pt_lookup(mm->root, va, &pa, &flags)) {
		if (!(access & PT_W) || (flags & PT_W))
			return 0;                /* spurious (another task fixed it) */
		/* write to a read-only private page: copy-on-write */
		if (page_refcount(pa) == 1)
			return pt_map(mm->root, va, pa, want);
		uintptr_t np = page_alloc();
		if (!np)
			return -ENOMEM;
		memcpy(p2v(np), p2v(pa), PAGE_SIZE);
		int r = pt_map(mm->root, va, np, want);
		if (r < 0) {
			page_free(np);
			return r;
		}
		page_free(pa);
		return 0;
	}
	uintptr_t np = page_alloc();
	if (!np)
		return -ENOMEM;
	fill_page(v, va, p2v(np));
	int r = pt_map(mm->root, va, np, want);
	if (r < 0) {
		page_free(np);
		return r;
	}
	mm->pages++;
	return 0;
}

/* Physical address of a user byte, faulting the page in for access. */
static int
user_page(struct mm *mm, uintptr_t va, unsigned access, uint8_t **kva)
{
	uintptr_t pa;
	unsigned flags;
	if (va >= ABI_USER_TOP)
		return -EFAULT;
	if (!pt_lookup(mm->root, va, &pa, &flags) || !(flags & PT_USER) ||
	    ((access & PT_W) && !(flags & PT_W))) {
		int code;
		if (vm_fault(mm, va, access, &code) < 0)
			return -EFAULT;
		if (!pt_lookup(mm->root, va, &pa, &flags))
			return -EFAULT;
	}
	*kva = (uint8_t *)p2v(pa) + (va & (PAGE_SIZE - 1));
	return 0;
}

int
mm_copy_in(struct mm *mm, void *dst, uintptr_t src, size_t n)
{
	uint8_t *d = dst;
	if (src + n < src)
		return -EFAULT;
	while (n) {
		uint8_t *k;
		if (user_page(mm, src, PT_R, &k) < 0)
			return -EFAULT;
		size_t chunk = MIN(n, PAGE_SIZE - (src & (PAGE_SIZE - 1)));
		memcpy(d, k, chunk);
		d += chunk;
		src += chunk;
		n -= chunk;
	}
	return 0;
}

int
mm_copy_out(struct mm *mm, uintptr_t dst, const void *src, size_t n)
{
	const uint8_t *s = src;
	if (dst + n < dst)
		return -EFAULT;
	while (n) {
		uint8_t *k;
		if (user_page(mm, dst, PT_W, &k) < 0)
			return -EFAULT;
		size_t chunk = MIN(n, PAGE_SIZE - (dst & (PAGE_SIZE - 1)));
		memcpy(k, s, chunk);
		s += chunk;
		dst += chunk;
		n -= chunk;
	}
	return 0;
}

int
copy_from_user(void *dst, uintptr_t src, size_t n)
{
	return mm_copy_in(current->mm, dst, src, n);
}

int
copy_to_user(uintptr_t dst, const void *src, size_t n)
{
	return mm_copy_out(current->mm, dst, src, n);
}

long
strncpy_from_user(char *dst, uintptr_t src, size_t max)
{
	size_t i = 0;
	while (i < max) {
		uint8_t *k;
		if (user_page(current->mm, src + i, PT_R, &k) < 0)
			return -EFAULT;
		size_t chunk = MIN(max - i, PAGE_SIZE - ((src + i) & (PAGE_SIZE - 1)));
		for (size_t j = 0; j < chunk; j++) {
			dst[i] = (char)k[j];
			if (!k[j])
				return (long)i;
			i++;
		}
	}
	return -ENAMETOOLONG;
}

int
user_readable(uintptr_t addr, size_t n)
{
	if (addr + n < addr || addr + n > ABI_USER_TOP)
		return 0;
	for (uintptr_t a = ALIGN_DOWN(addr, PAGE_SIZE); a < addr + n; a += PAGE_SIZE) {
		struct vma *v = vma_find(current->mm, a);
		if (!v || !(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
			return 0;
	}
	return 1;
}
