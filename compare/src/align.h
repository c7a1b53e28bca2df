/* align.h: Myers' O(ND) difference of two key sequences.  The common prefix
 * and suffix are trimmed first (linear); the greedy forward search keeps
 * one V vector per edit step, so time is O((N+M)D) and memory O(D^2) for
 * at most max_d edits.  Beyond max_d the rest is paired by position and
 * *truncated is set, so the cost never grows quadratically with length. */
#ifndef TD_ALIGN_H
#define TD_ALIGN_H

#include <stddef.h>
#include <stdint.h>

enum td_op {
	TD_OP_EQ,  /* a[ai] and b[bi] have equal keys */
	TD_OP_DEL, /* a[ai] has no partner in b (missing in the kernel) */
	TD_OP_INS, /* b[bi] has no partner in a (extra in the kernel) */
};

struct td_edit {
	uint32_t op;
	uint32_t a, b; /* indices; for DEL b is where b stands, for INS a */
};

#define TD_ALIGN_MAX_D 4000

/* Align a[0..n) with b[0..m).  Returns the number of edits stored in *out
 * (malloc'd, caller frees).  The edits cover every element once, in order. */
size_t td_align(const uint64_t *a, size_t n, const uint64_t *b, size_t m, size_t max_d,
		struct td_edit **out, int *truncated);
/* td_align_into: td_align into *out, a buffer of *cap edits (NULL and 0
 * at first) grown as needed and kept: a caller aligning many pairs reuses
 * one, so that its pages are not asked for again each time. */
size_t td_align_into(const uint64_t *a, size_t n, const uint64_t *b, size_t m, size_t max_d,
		     struct td_edit **out, size_t *cap, int *truncated);

#endif
