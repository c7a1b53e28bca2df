/* kernel/include/kmalloc.h: kernel heap (small objects from pages, large ones
 * from a contiguous region). */
#ifndef KMALLOC_H
#define KMALLOC_H

#include "types.h"

struct boot_info;
/* Carve the contiguous region for large allocations out of free memory. */
void kmalloc_init(size_t region_bytes);
void *kmalloc(size_t n);            /* NULL when out of memory */
void *kzalloc(size_t n);
void kfree(void *p);
char *kstrdup(const char *s);

#endif
