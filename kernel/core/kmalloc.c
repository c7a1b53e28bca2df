/* kernel/core/kmalloc.c: power-of-two size classes (32..2048 bytes) cut from
 * single pages, and multi-page blocks first-fit from one contiguous region
 * (kernel stacks, fd tables).  Each block starts with a 16-byte header. */
#include "kmalloc.h"
#include "arch.h"
#include "lib.h"
#include "pmm.h"
#include "pt.h"

#define KM_MAGIC 0x6b6d616cU
#define NCLASSES 7                   /* 32 << 0 .. 32 << 6 = 2048 */

struct km_hdr {
	uint32_t magic;
	uint32_t cls;                    /* class index, or 0xff for large */
	uint64_t npages;
};

struct km_free {
	struct km_free *next;
};

static struct km_free *freelist[NCLASSES];
static uint8_t *region;              /* contiguous large-block region */
static size_t region_pages;
static uint8_t *region_used;         /* one byte per page: 1 = used */

void
kmalloc_init(size_t region_bytes)
{
	/* take contiguous pages from the page allocator: it hands out pages in
	 * address order at boot, so consecutive allocations are adjacent */
	size_t n = region_bytes / PAGE_SIZE;
	uintptr_t first = page_alloc(), prev = first;
	size_t got = 1;
	while (got < n) {
		uintptr_t pa = page_alloc();
		if (pa != prev + PAGE_SIZE)
			panic("kmalloc_init: boot pages not contiguous");
		prev = pa;
		got++;
	}
	region = p2v(first);
	region_pages = n;
	/* the used map lives in the first pages of the region */
	region_used = region;
	size_t map_pages = ALIGN_UP(n, PAGE_SIZE) / PAGE_SIZE;
	memset(region_used, 0, n);
	for (size_t i = 0; i < map_pages; i++)
		region_used[i] = 1;
}

static void *
km_large(size_t n)
{
	size_t np = (n + sizeof(struct km_hdr) + PAGE_SIZE - 1) / PAGE_SIZE;
	for (size_t i = 0; i + np <= region_pages; i++) {
		size_t j = 0;
		while (j < np && !region_used[i + j])
			j++;
		if (j == np) {
			memset(region_used + i, 1, np);
			struct km_hdr *h = (struct km_hdr *)(region + i * PAGE_SIZE);
			h->magic = KM_MAGIC;
			h->cls = 0xff;
			h->npages = np;
			return h + 1;
		}
		i += j;
	}
	return NULL;
}

void *
kmalloc(size_t n)
{
	size_t need = n + sizeof(struct km_hdr);
	int cls = 0;
	while (cls < NCLASSES && (32UL << cls) < need)
		cls++;
	if (cls == NCLASSES)
		return km_large(n);
	if (!freelist[cls]) {
		uintptr_t pa = page_alloc();
		if (!pa)
			return NULL;
		uint8_t *p = p2v(pa);
		size_t sz = 32UL << cls;
		for (size_t off = 0; off + sz <= PAGE_SIZE; off += sz) {
			struct km_free *f = (struct km_free *)(p + off);
			f->next = freelist[cls];
			freelist[cls] = f;
		}
	}
	struct km_free *f = freelist[cls];
	freelist[cls] = f->next;
	struct km_hdr *h = (struct km_hdr *)f;
	h->magic = KM_MAGIC;
	h->cls = cls;
	h->npages = 0;
	return h + 1;
}

void *
kzalloc(size_t n)
{
	void *p = kmalloc(n);
	if (p)
		memset(p, 0, n);
	return p;
}

void
kfree(void *p)
{
	if (!p)
		return;
	struct km_hdr *h = (struct km_hdr *)p - 1;
	if (h->magic != KM_MAGIC)
		panic("kfree: bad block %p", p);
	h->magic = 0;
	if (h->cls == 0xff) {
		size_t i = ((uint8_t *)h - region) / PAGE_SIZE;
		memset(region_used + i, 0, h->npages);
		return;
	}
	struct km_free *f = (struct km_free *)h;
	f->next = freelist[h->cls];
	freelist[h->cls] = f;
}

char *
kstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = kmalloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}
