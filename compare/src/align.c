/* align.c: Myers' greedy O(ND) diff with prefix/suffix trimming. */
#include "align.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct eds {
	struct td_edit *e;
	size_t n, cap;
};

static void
emit(struct eds *s, uint32_t op, size_t a, size_t b)
{
	struct td_edit *e = TD_PUSH(s->e, s->n, s->cap);

	e->op = op;
	e->a = (uint32_t)a;
	e->b = (uint32_t)b;
}

/* reverse edits [from, s->n) in place (backtracking emits them backwards) */
static void
reverse(struct eds *s, size_t from)
{
	for (size_t i = from, j = s->n; i + 1 < j; i++, j--) {
		struct td_edit t = s->e[i];

		s->e[i] = s->e[j - 1];
		s->e[j - 1] = t;
	}
}

/* myers: edits for a[0..n) vs b[0..m) (offsets oa, ob added to indices).
 * Returns 0, or -1 when more than max_d edits would be needed. */
static int
myers(const uint64_t *a, size_t n, const uint64_t *b, size_t m, size_t oa, size_t ob,
      size_t max_d, struct eds *out)
{
	long N = (long)n, M = (long)m, D = (long)(n + m), off;
	long dmax = D < (long)max_d ? D : (long)max_d;
	int32_t *v, *hist;
	size_t *hoff, from = out->n;
	long d, k, x = 0, y = 0, found = -1;

	if (labs(N - M) > dmax) /* every script has at least |N - M| edits */
		return -1;
	off = dmax + 1;
	v = td_xcalloc((size_t)(2 * off + 1), sizeof(*v));
	hoff = td_xmalloc((size_t)(dmax + 1) * sizeof(*hoff));
	hist = td_xmalloc((size_t)(dmax + 1) * (size_t)(dmax + 1) * sizeof(*hist) + sizeof(*hist));
	for (d = 0; d <= dmax && found < 0; d++) {
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			y = x - k;
			while (x < N && y < M && a[x] == b[y])
				x++, y++;
			v[off + k] = (int32_t)x;
			if (x >= N && y >= M) {
				found = d;
				break;
			}
		}
		/* snapshot V[-d..d] for backtracking */
		hoff[d] = (size_t)(d * d);
		memcpy(hist + hoff[d], v + off - d, (size_t)(2 * d + 1) * sizeof(*v));
	}
	free(v);
	if (found < 0) {
		free(hist);
		free(hoff);
		return -1;
	}
	x = N;
	y = M;
	for (d = found; d >= 0; d--) {
		int32_t *cur = hist + hoff[d] + d; /* cur[k] for k in [-d, d] */
		long pk, px, py;

		k = x - y;
		if (d == 0) {
			while (x > 0 && y > 0) {
				emit(out, TD_OP_EQ, oa + (size_t)x - 1, ob + (size_t)y - 1);
				x--, y--;
			}
			break;
		}
		{
			int32_t *prev = hist + hoff[d - 1] + (d - 1);

			if (k == -d || (k != d && prev[k - 1] < prev[k + 1]))
				pk = k + 1;
			else
				pk = k - 1;
			px = prev[pk];
			py = px - pk;
		}
		(void)cur;
		/* the snake after the move: diagonal back to where the move ended */
		while (x > (pk == k + 1 ? px : px + 1)) {
			emit(out, TD_OP_EQ, oa + (size_t)x - 1, ob + (size_t)y - 1);
			x--, y--;
		}
		if (pk == k + 1)
			emit(out, TD_OP_INS, oa + (size_t)x, ob + (size_t)y - 1);
		else
			emit(out, TD_OP_DEL, oa + (size_t)x - 1, ob + (size_t)y);
		x = px;
		y = py;
	}
	reverse(out, from);
	free(hist);
	free(hoff);
	return 0;
}

size_t
td_align(const uint64_t *a, size_t n, const uint64_t *b, size_t m, size_t max_d,
	 struct td_edit **out, int *truncated)
{
	size_t cap = 0;

	*out = NULL;
	return td_align_into(a, n, b, m, max_d, out, &cap, truncated);
}

size_t
td_align_into(const uint64_t *a, size_t n, const uint64_t *b, size_t m, size_t max_d,
	      struct td_edit **out, size_t *cap, int *truncated)
{
	struct eds s = {*out, 0, *cap};
	size_t p = 0, q = 0;

	*truncated = 0;
	while (p < n && p < m && a[p] == b[p])
		p++;
	while (q < n - p && q < m - p && a[n - 1 - q] == b[m - 1 - q])
		q++;
	for (size_t i = 0; i < p; i++)
		emit(&s, TD_OP_EQ, i, i);
	if (myers(a + p, n - p - q, b + p, m - p - q, p, p, max_d, &s) < 0) {
		size_t na = n - p - q, nb = m - p - q, i;

		*truncated = 1;
		for (i = 0; i < na || i < nb; i++) {
			if (i < na)
				emit(&s, TD_OP_DEL, p + i, p + (i < nb ? i : nb));
			if (i < nb)
				emit(&s, TD_OP_INS, p + (i + 1 < na ? i + 1 : na), p + i);
		}
	}
	for (size_t i = 0; i < q; i++)
		emit(&s, TD_OP_EQ, n - q + i, m - q + i);
	*out = s.e;
	*cap = s.cap;
	return s.n;
}
