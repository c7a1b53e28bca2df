/* util.h: small helpers shared by the tracediff modules: error printing,
 * growable arrays, an arena for strings, a string builder, hashing, files. */
#ifndef TD_UTIL_H
#define TD_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define TD_PROG "tracediff"

/* Print "tracediff: <fmt>\n" to stderr; returns -1 so helpers can
 * `return td_err(...)`. */
int td_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void *td_xmalloc(size_t n);
void *td_xcalloc(size_t n, size_t sz);
void *td_xrealloc(void *p, size_t n);
char *td_xstrndup(const char *s, size_t n);

/* td_huge: a hint that p[0..n) be backed by huge pages where it is big
 * (TD_HUGE_MIN bytes or more); nothing else changes. */
#define TD_HUGE_MIN ((size_t)4 << 20)
void td_huge(void *p, size_t n);
/* td_huge_alloc: n bytes (freed with free()); from TD_HUGE_ALLOC_MIN bytes
 * on, starting on a 2 MiB boundary and rounded up to 2 MiB (*got, when not
 * NULL, says how many), all of them hinted as td_huge does: a block or
 * array that big is then faulted in 2 MiB at a time, not partly 4 KiB at
 * a time at its ends.  Smaller ones are plain td_xmalloc. */
#define TD_HUGE_ALLOC_MIN ((size_t)1 << 20)
void *td_huge_alloc(size_t n, size_t *got);

/* Grow *pp (elements of size sz) so that it holds at least need elements. */
void td_grow(void **pp, size_t *cap, size_t need, size_t sz);
#define TD_PUSH(arr, n, cap) \
	((n) < (cap) ? (void)0 : td_grow((void **)&(arr), &(cap), (n) + 1, sizeof(*(arr))), &(arr)[(n)++])

/* Arena: many small strings freed at once. */
struct td_arena {
	struct td_arena_blk *head;
};
void *td_arena_alloc(struct td_arena *a, size_t n);
char *td_arena_strndup(struct td_arena *a, const char *s, size_t n);
void td_arena_free(struct td_arena *a);
/* td_arena_take: from's strings join a (freed with it); from is left empty */
void td_arena_take(struct td_arena *a, struct td_arena *from);

/* String builder (always NUL-terminated). */
struct td_sb {
	char *s;
	size_t len, cap;
};
void td_sb_putn(struct td_sb *b, const char *s, size_t n);
void td_sb_putn_grow(struct td_sb *b, const char *s, size_t n);
/* the common case inline: the text fits (the normalizer appends a lot) */
static inline void
td_sb_putn_fast(struct td_sb *b, const char *s, size_t n)
{
	if (b->len + n < b->cap) {
		__builtin_memcpy(b->s + b->len, s, n);
		b->len += n;
		b->s[b->len] = 0;
	} else {
		td_sb_putn_grow(b, s, n);
	}
}
#define td_sb_putn(b, s, n) td_sb_putn_fast((b), (s), (n))
void td_sb_puts(struct td_sb *b, const char *s);
void td_sb_putc(struct td_sb *b, char c);
void td_sb_printf(struct td_sb *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void td_sb_reset(struct td_sb *b);
void td_sb_free(struct td_sb *b);

/* td_scan_num: strtoull(p, &end, 0) over p[0..n) without a copy: an
 * optional '-', then 0x hex, 0 octal or decimal digits; the value saturates
 * on overflow (*ovf set).  Returns the magnitude; *used is the number of
 * bytes taken (0: no digits), *neg whether a '-' came first. */
uint64_t td_scan_num(const char *p, size_t n, size_t *used, int *neg, int *ovf);
/* td_strtoull0 / td_strtoll0: strtoull/strtoll(text, NULL or &end, 0)
 * equivalents over a span; *ok (may be NULL) tells whether digits came. */
uint64_t td_strtoull0(const char *p, size_t n);
long long td_strtoll0(const char *p, size_t n, int *ok);
/* td_put_u64: decimal digits of v at out (at least 21 bytes); returns the
 * count written. */
size_t td_put_u64(char *out, uint64_t v);

uint64_t td_hash(const void *p, size_t n);
uint64_t td_hash_more(uint64_t h, const void *p, size_t n);

/* td_max_input: the largest file td_read_file and td_map_file take (the
 * CLI's --max-size); a larger one is an error "PATH: larger than N bytes". */
#define TD_MAX_INPUT_DEFAULT ((size_t)1 << 30)
extern size_t td_max_input;

/* Read a whole file into a NUL-terminated buffer; "-" is standard input;
 * -1 with message on error. */
int td_read_file(const char *path, char **buf, size_t *len);
/* td_map_file: like td_read_file, but a large regular file is mapped
 * read-only (page tables filled at once) instead of copied: *map is the
 * mapping's length to give td_unmap_file, 0 when the buffer came from
 * malloc.  The buffer must not be written.  Should the file shrink while
 * it is mapped, reading the lost part raises SIGBUS: a handler installed
 * here prints "tracediff: PATH: truncated while being read" and exits 2. */
int td_map_file(const char *path, char **buf, size_t *len, size_t *map);
void td_unmap_file(char *buf, size_t map);

/* Write a buffer to a file (created or truncated); -1 with message on error. */
int td_write_file(const char *path, const char *buf, size_t len);

#endif
