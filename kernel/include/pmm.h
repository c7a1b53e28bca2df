/* kernel/include/pmm.h: physical page allocator with per-page reference counts. */
#ifndef PMM_H
#define PMM_H

#include "types.h"

struct boot_info;
void pmm_init(const struct boot_info *bi);
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
