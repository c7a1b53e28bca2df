/* util.c: error printing, allocation, arena, string builder, hashing, files. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int
td_err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, TD_PROG ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static void
td_oom(size_t n)
{
	fprintf(stderr, TD_PROG ": out of memory allocating %zu bytes\n", n);
	exit(2);
}

void *
td_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		td_oom(n);
	return p;
}

void *
td_xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (!p)
		td_oom(n * sz);
	return p;
}

void *
td_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		td_oom(n);
	return q;
}

char *
td_xstrndup(const char *s, size_t n)
{
	char *p = td_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

/* td_huge: ask for transparent huge pages over the 2 MiB pages that lie
 * wholly inside p[0..n).  A big trace's arrays are touched page by page as
 * they fill; in a virtual machine each 4 KiB page fault costs about as much
 * as parsing a few lines, one fault per 2 MiB does not.  Only a hint: the
 * contents and the result are the same with or without it. */
void
td_huge(void *p, size_t n)
{
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1), e = ((uintptr_t)p + n) & ~(huge - 1);

	if (n >= TD_HUGE_MIN && e > a)
		madvise((void *)a, e - a, MADV_HUGEPAGE);
}

void *
td_huge_alloc(size_t n, size_t *got)
{
	const size_t huge = (size_t)2 << 20;
	void *p;

	if (n < TD_HUGE_ALLOC_MIN) {
		if (got)
			*got = n;
		return td_xmalloc(n);
	}
	n = (n + huge - 1) & ~(huge - 1);
	if (!(p = aligned_alloc(huge, n)))
		td_oom(n);
	madvise(p, n, MADV_HUGEPAGE);
	if (got)
		*got = n;
	return p;
}

/* td_grow: make room for `need` elements, doubling the capacity. */
void
td_grow(void **pp, size_t *cap, size_t need, size_t sz)
{
	size_t c = *cap;

	if (need <= c)
		return;
	c = c ? c : 16;
	while (c < need)
		c *= 2;
	*pp = td_xrealloc(*pp, c * sz);
	*cap = c;
	td_huge(*pp, c * sz);
}

struct td_arena_blk {
	struct td_arena_blk *next;
	size_t used, size;
	_Alignas(16) char data[];
};

/* td_arena_alloc: 16-byte aligned storage that lives until td_arena_free. */
void *
td_arena_alloc(struct td_arena *a, size_t n)
{
	struct td_arena_blk *b = a->head;
	size_t pad = b ? (16 - (b->used & 15)) & 15 : 0; /* strings leave it unaligned */

	n = (n + 15) & ~(size_t)15;
	if (!b || b->size - b->used < n + pad) {
		/* blocks grow with the arena (64 KiB up to 8 MiB, four times
		 * bigger each below 1 MiB, then twice): small traces stay
		 * small, big ones call malloc rarely and soon take huge pages */
		size_t size = !b ? (64u << 10) : b->size < (1u << 20) ? b->size * 4
					       : b->size < (8u << 20) ? b->size * 2 : b->size, got;

		if (size < n)
			size = n;
		b = td_huge_alloc(sizeof(*b) + size, &got);
		b->size = got - sizeof(*b);
		b->used = 0;
		b->next = a->head;
		a->head = b;
		pad = 0;
	}
	b->used += pad + n;
	return b->data + b->used - n;
}

/* arena_bytes: n bytes without alignment (strings pack tightly). */
static char *
arena_bytes(struct td_arena *a, size_t n)
{
	struct td_arena_blk *b = a->head;

	if (!b || b->size - b->used < n)
		return td_arena_alloc(a, n);
	b->used += n;
	return b->data + b->used - n;
}

char *
td_arena_strndup(struct td_arena *a, const char *s, size_t n)
{
	char *p = arena_bytes(a, n + 1);

	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

void
td_arena_take(struct td_arena *a, struct td_arena *from)
{
	struct td_arena_blk **end = &from->head;

	while (*end)
		end = &(*end)->next;
	*end = a->head;
	a->head = from->head;
	from->head = NULL;
}

void
td_arena_free(struct td_arena *a)
{
	while (a->head) {
		struct td_arena_blk *n = a->head->next;

		free(a->head);
		a->head = n;
	}
}

void
td_sb_putn_grow(struct td_sb *b, const char *s, size_t n)
{
	td_grow((void **)&b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void
td_sb_puts(struct td_sb *b, const char *s)
{
	td_sb_putn(b, s, strlen(s));
}

void
td_sb_putc(struct td_sb *b, char c)
{
	td_sb_putn(b, &c, 1);
}

void
(td_sb_putn)(struct td_sb *b, const char *s, size_t n)
{
	td_sb_putn(b, s, n);
}

void
td_sb_printf(struct td_sb *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	td_grow((void **)&b->s, &b->cap, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
td_sb_reset(struct td_sb *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = 0;
}

void
td_sb_free(struct td_sb *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* td_hash_more: 8 bytes a step (multiply and xor-shift), then the tail;
 * a byte-wise hash was a tenth of tracediff's time on large traces. */
uint64_t
td_hash_more(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t len = n;
	uint64_t w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	w = 0;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (n && len >= 8) { /* the tail from one load ending at the end */
		memcpy(&w, s + n - 8, 8);
		w >>= 8 * (8 - n);
	} else if (n >= 4) { /* a short text (a call name, a return): two loads */
		uint32_t lo, hi;

		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		w = lo | ((uint64_t)hi >> (8 * (8 - n))) << 32;
	} else if (n) { /* 1 to 3 bytes: first, middle, last */
		w = s[0] | (uint64_t)s[n / 2] << (8 * (n / 2)) | (uint64_t)s[n - 1] << (8 * (n - 1));
	}
#else
	for (size_t i = 0; i < n; i++) /* the tail, little endian */
		w |= (uint64_t)s[i] << (8 * i);
#endif
	h = (h ^ w ^ ((uint64_t)n << 56)) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 32);
}

/* digit values of '0'-'9', 'a'-'f', 'A'-'F'; 99 for every other byte */
static const unsigned char digit_tab[256] = {
#define D99 99, 99, 99, 99, 99, 99, 99, 99
	D99, D99, D99, D99, D99, D99, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 99, 99, 99, 99, 99, 99,
	99, 10, 11, 12, 13, 14, 15, 99, D99, D99, D99, 99, 10, 11, 12, 13, 14, 15, 99, D99, D99, D99,
	D99, D99, D99, D99, D99, D99, D99, D99, D99, D99, D99, D99, D99, D99, D99, D99,
#undef D99
};

/* fast_end: where the digits from d0 may overflow (k in) or the text ends */
static inline size_t
fast_end(size_t d0, size_t k, size_t n)
{
	return d0 + k < n ? d0 + k : n;
}

uint64_t
td_scan_num(const char *p, size_t n, size_t *used, int *neg, int *ovf)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0, d0;
	uint64_t v = 0;

	*neg = 0;
	*ovf = 0;
	if (i < n && (p[i] == '-' || p[i] == '+'))
		*neg = p[i++] == '-';
	/* the first 16 hex, 21 octal or 19 decimal digits cannot overflow:
	 * they are taken without the test */
	if (i + 2 < n && p[i] == '0' && (p[i + 1] == 'x' || p[i + 1] == 'X') && digit_tab[u[i + 2]] < 16) {
		i += 2;
		d0 = i;
		for (unsigned d; i < fast_end(d0, 16, n) && (d = digit_tab[u[i]]) < 16; i++)
			v = v << 4 | d;
		for (unsigned d; i < n && (d = digit_tab[u[i]]) < 16; i++) {
			if (v >> 60)
				*ovf = 1;
			v = v << 4 | d;
		}
	} else {
		d0 = i;
		/* v * base + d overflows when v > (MAX - d) / base, that is
		 * v > MAX / base, or v == MAX / base and d > MAX % base:
		 * constant divisions, one loop per base */
		if (i < n && p[i] == '0') {
			for (unsigned d; i < fast_end(d0, 21, n) && (d = digit_tab[u[i]]) < 8; i++)
				v = v * 8 + d;
			for (unsigned d; i < n && (d = digit_tab[u[i]]) < 8; i++) {
				if (v > UINT64_MAX / 8 || (v == UINT64_MAX / 8 && d > UINT64_MAX % 8))
					*ovf = 1;
				v = v * 8 + d;
			}
		} else {
			for (unsigned d; i < fast_end(d0, 19, n) && (d = digit_tab[u[i]]) < 10; i++)
				v = v * 10 + d;
			for (unsigned d; i < n && (d = digit_tab[u[i]]) < 10; i++) {
				if (v > UINT64_MAX / 10 || (v == UINT64_MAX / 10 && d > UINT64_MAX % 10))
					*ovf = 1;
				v = v * 10 + d;
			}
		}
	}
	if (i == d0) {
		*used = 0;
		return 0;
	}
	*used = i;
	return *ovf ? UINT64_MAX : v;
}

uint64_t
td_strtoull0(const char *p, size_t n)
{
	size_t used;
	int neg, ovf;
	uint64_t v = td_scan_num(p, n, &used, &neg, &ovf);

	return neg && !ovf ? (uint64_t)0 - v : v;
}

long long
td_strtoll0(const char *p, size_t n, int *ok)
{
	size_t used;
	int neg, ovf;
	uint64_t v;

	if (n && n < 19 && p[0] >= '1' && p[0] <= '9') {
		/* most returns: a short decimal (no sign, no overflow) */
		v = 0;
		for (size_t i = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++)
			v = v * 10 + (uint64_t)(p[i] - '0');
		if (ok)
			*ok = 1;
		return (long long)v;
	}
	v = td_scan_num(p, n, &used, &neg, &ovf);

	if (ok)
		*ok = used > 0;
	if (!neg)
		return ovf || v > (uint64_t)INT64_MAX ? INT64_MAX : (long long)v;
	if (ovf || v > (uint64_t)INT64_MAX + 1)
		return INT64_MIN;
	return v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(long long)v;
}

size_t
td_put_u64(char *out, uint64_t v)
{
	char tmp[24];
	size_t i = sizeof(tmp), k = 0;

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (i < sizeof(tmp))
		out[k++] = tmp[i++];
	return k;
}

uint64_t
td_hash(const void *p, size_t n)
{
	return td_hash_more(0xcbf29ce484222325ULL, p, n);
}

size_t td_max_input = TD_MAX_INPUT_DEFAULT;

static int
too_large(const char *path)
{
	return td_err("%s: larger than %zu bytes (--max-size)", path, td_max_input);
}

int
td_read_file(const char *path, char **buf, size_t *len)
{
	int in = !strcmp(path, "-");
	FILE *f = in ? stdin : fopen(path, "rb");
	size_t cap = 0, n = 0;
	char *p = NULL;
	struct stat st;

	if (!f)
		return td_err("%s: %s", path, strerror(errno));
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		if ((uint64_t)st.st_size > td_max_input) {
			if (!in)
				fclose(f);
			return too_large(path);
		}
		cap = (size_t)st.st_size + 65536 + 1; /* one read, no regrowth */
		p = td_xmalloc(cap);
	}
	for (;;) {
		size_t got;

		if (n > td_max_input) { /* a pipe or device without end */
			if (!in)
				fclose(f);
			free(p);
			return too_large(path);
		}
		td_grow((void **)&p, &cap, n + 65536 + 1, 1);
		got = fread(p + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno;

		if (!in)
			fclose(f);
		free(p);
		return td_err("%s: read error: %s", path, strerror(e));
	}
	if (!in)
		fclose(f);
	p[n] = 0;
	*buf = p;
	*len = n;
	return 0;
}

#define MAP_MIN (4u << 20) /* smaller files are read: a mapping costs more */
#define MAP_SLOTS 8	   /* files mapped at once; more are read */

/* the files mapped now, for the SIGBUS handler: a slot is claimed (used),
 * filled, then published (p); the handler reads only published slots */
static struct map_slot {
	int used;
	char *p;
	size_t len;
	char name[512];
} map_slot[MAP_SLOTS];

/* put_stderr: s on stderr with write(2) alone (async-signal-safe). */
static void
put_stderr(const char *s)
{
	size_t n = strlen(s);

	while (n) {
		ssize_t w = write(2, s, n);

		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* on_sigbus: a mapped file shrank (truncated by someone else) and a page
 * past its new end was read: name it and exit 2.  Any other SIGBUS gets
 * the default action.  Only async-signal-safe calls. */
static void
on_sigbus(int sig, siginfo_t *si, void *uc)
{
	char *a = si->si_addr;

	(void)uc;
	for (int i = 0; i < MAP_SLOTS; i++) {
		char *p = __atomic_load_n(&map_slot[i].p, __ATOMIC_ACQUIRE);

		if (p && a >= p && a < p + map_slot[i].len) {
			put_stderr(TD_PROG ": ");
			put_stderr(map_slot[i].name);
			put_stderr(": truncated while being read\n");
			_exit(2);
		}
	}
	signal(sig, SIG_DFL); /* returning re-runs the access: default action */
}

static void
install_sigbus(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
}

/* map_guard: publish a mapping for on_sigbus (installed once, before any
 * mapping is read); -1 when every slot is taken. */
static int
map_guard(const char *path, char *p, size_t len)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, install_sigbus);
	for (int i = 0; i < MAP_SLOTS; i++) {
		int free_ = 0;

		if (!__atomic_compare_exchange_n(&map_slot[i].used, &free_, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			continue;
		snprintf(map_slot[i].name, sizeof(map_slot[i].name), "%s", path);
		map_slot[i].len = len;
		__atomic_store_n(&map_slot[i].p, p, __ATOMIC_RELEASE);
		return 0;
	}
	return -1;
}

static void
map_unguard(char *p)
{
	for (int i = 0; i < MAP_SLOTS; i++)
		if (__atomic_load_n(&map_slot[i].p, __ATOMIC_ACQUIRE) == p) {
			__atomic_store_n(&map_slot[i].p, NULL, __ATOMIC_RELEASE);
			__atomic_store_n(&map_slot[i].used, 0, __ATOMIC_RELEASE);
			return;
		}
}

int
td_map_file(const char *path, char **buf, size_t *len, size_t *map)
{
	struct stat st;
	size_t page = (size_t)sysconf(_SC_PAGESIZE), size, mlen;
	char *p, *q;
	int fd;

	*map = 0;
	fd = strcmp(path, "-") ? open(path, O_RDONLY) : -1;
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < (off_t)MAP_MIN) {
		if (fd >= 0)
			close(fd);
		return td_read_file(path, buf, len);
	}
	if ((uint64_t)st.st_size > td_max_input) {
		close(fd);
		return too_large(path);
	}
	size = (size_t)st.st_size;
	/* one byte more than the file, rounded to pages: the bytes after the
	 * end are zero, so the text is NUL-terminated without a write */
	mlen = (size + 1 + page - 1) / page * page;
	p = mmap(NULL, mlen, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		close(fd);
		return td_read_file(path, buf, len);
	}
	if (map_guard(path, p, mlen) < 0) {
		munmap(p, mlen);
		close(fd);
		return td_read_file(path, buf, len);
	}
	q = mmap(p, size, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, fd, 0);
	close(fd);
	if (q == MAP_FAILED) {
		map_unguard(p);
		munmap(p, mlen);
		return td_read_file(path, buf, len);
	}
	madvise(p, size, MADV_SEQUENTIAL);
	*buf = p;
	*len = size;
	*map = mlen;
	return 0;
}

void
td_unmap_file(char *buf, size_t map)
{
	if (map) {
		map_unguard(buf); /* first: the address may be mapped again */
		munmap(buf, map);
	} else
		free(buf);
}

int
td_write_file(const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return td_err("%s: %s", path, strerror(errno));
	if (fwrite(buf, 1, len, f) != len || fclose(f) != 0)
		return td_err("%s: write error: %s", path, strerror(errno));
	return 0;
}
