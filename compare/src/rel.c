/* rel.c: regions of an address space and their relations (rel.h). */
#include "rel.h"

#include <stdlib.h>
#include <string.h>

struct aspace *
td_as_new(void)
{
	return td_xcalloc(1, sizeof(struct aspace));
}

struct aspace *
td_as_copy(const struct aspace *o)
{
	struct aspace *a = td_as_new();

	*a = *o;
	a->r = td_xmalloc((o->cap ? o->cap : 1) * sizeof(*a->r));
	if (o->n)
		memcpy(a->r, o->r, o->n * sizeof(*a->r));
	a->anchor = td_xmalloc((o->acap ? o->acap : 1) * sizeof(*a->anchor));
	if (o->na)
		memcpy(a->anchor, o->anchor, o->na * sizeof(*a->anchor));
	return a;
}

void
td_as_free(struct aspace *a)
{
	if (!a)
		return;
	free(a->r);
	free(a->anchor);
	free(a);
}

struct region *
td_as_add(struct aspace *a, int kind, uint64_t base, uint64_t size, int owner, int *counter)
{
	struct region *r = NULL;

	for (size_t i = 0; i < a->n && !r; i++)
		if (a->r[i].base == base && a->r[i].kind == kind)
			r = &a->r[i];
	if (!r) {
		if (a->n == MAX_REGIONS)
			return NULL;
		r = TD_PUSH(a->r, a->n, a->cap);
	}
	r->kind = kind;
	r->base = base;
	r->size = size;
	r->off0 = 0;
	r->owner = owner;
	r->no = kind == R_BRK ? (*counter)++ : ++*counter;
	return r;
}

/* cut: what is left of region r outside [lo, hi): up to two pieces into
 * out (the upper one keeps its offset in the region as made); their count */
static int
cut(const struct region *r, uint64_t lo, uint64_t hi, struct region out[2])
{
	uint64_t end = r->base + r->size;
	int n = 0;

	if (r->base < lo) {
		out[n] = *r;
		out[n++].size = lo - r->base;
	}
	if (end > hi) {
		out[n] = *r;
		out[n].base = hi;
		out[n].size = end - hi;
		out[n++].off0 = r->off0 + (hi - r->base);
	}
	return n;
}

void
td_as_unmap(struct aspace *a, uint64_t base, uint64_t len)
{
	uint64_t hi = base + len < base ? UINT64_MAX : base + len;
	size_t n = a->n;

	for (size_t i = 0; i < n; i++) {
		struct region *r = &a->r[i], piece[2];
		int k;

		if (r->kind != R_MMAP || r->base >= hi || r->base + r->size <= base)
			continue;
		k = cut(r, base, hi, piece);
		if (k == 0) {
			r->size = 0; /* dropped below */
			continue;
		}
		*r = piece[0];
		if (k == 2 && a->n < MAX_REGIONS)
			*TD_PUSH(a->r, a->n, a->cap) = piece[1];
	}
	n = 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->r[i].size || a->r[i].kind != R_MMAP)
			a->r[n++] = a->r[i];
	a->n = n;
}

/* put_region: "m3", "stack1@1.2": a region as task `task` names it */
static void
put_region(const struct region *r, const struct td_trace *t, int task, struct td_sb *out)
{
	char buf[32];
	int n = 0, v = r->no;

	do {
		buf[sizeof(buf) - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	td_sb_puts(out, r->kind == R_MMAP ? "m" : "stack");
	td_sb_putn(out, buf + sizeof(buf) - n, (size_t)n);
	if (r->owner != task) {
		td_sb_putc(out, '@');
		td_sb_puts(out, t->task[r->owner].path);
	}
}

void
td_as_overlaps(const struct aspace *a, uint64_t base, uint64_t len, const struct td_trace *t, int task,
	       struct td_sb *out)
{
	int any = 0;

	for (size_t i = 0; i < a->n; i++) {
		const struct region *r = &a->r[i];

		/* brk's region is nominal (16 GiB past its base): not a mapping */
		if (r->kind == R_BRK || r->base >= base + len || r->base + r->size <= base || !len)
			continue;
		td_sb_puts(out, any ? ", " : " (over ");
		put_region(r, t, task, out);
		any = 1;
	}
	if (any)
		td_sb_putc(out, ')');
}
