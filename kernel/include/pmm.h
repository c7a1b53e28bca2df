/* kernel/include/pmm.h: physical page allocator with per-page reference counts. */
#ifndef PMM_H
#define PMM_H

#include "types.h"

struct boot_info;
/* clear_fresh: a warm restart (main.c): never-used pages hold the last
 * test's data, so each is cleared when first handed out, as a cold boot's
 * RAM is zero */
void pmm_init(const struct boot_info *bi, int clear_fresh);
/* One page, refcount 1; 0 when memory is exhausted. */
uintptr_t page_alloc(void);
uintptr_t page_alloc_zeroed(void);
/* Drop one reference; the page is freed at zero. */
void page_free(uintptr_t pa);
void page_ref(uintptr_t pa);
int page_refcount(uintptr_t pa);
size_t pmm_free_pages(void);
size_t pmm_total_pages(void);

#endif
