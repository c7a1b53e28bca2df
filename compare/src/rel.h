/* rel.h: the regions of an address space (brk, mmaps, clone3 stacks) that
 * pointer symbols are named after, and the relations between them. */
#ifndef TD_REL_H
#define TD_REL_H

#include <stddef.h>
#include <stdint.h>

#include "trace.h"
#include "util.h"

#define MAX_REGIONS 4096

enum rkind { R_BRK, R_MMAP, R_STACK };

struct region {
	uint64_t base, size;
	uint64_t off0; /* the piece's offset in the region as made (a piece
			* left by munmap of the region's middle) */
	int kind, no;
	int owner; /* task that made it: numbers count per task, so names do
		    * not depend on how tasks interleave */
};

struct aspace {
	struct region *r;
	size_t n, cap;
	uint64_t *anchor;
	size_t na, acap;
	int nbrk;
};

struct aspace *td_as_new(void);
struct aspace *td_as_copy(const struct aspace *o);
void td_as_free(struct aspace *a);
/* td_as_add: a new region numbered ++*counter (brk: counter++), made by
 * task `owner`; one at the same base and kind is replaced.  NULL when the
 * space is full. */
struct region *td_as_add(struct aspace *a, int kind, uint64_t base, uint64_t size, int owner, int *counter);
/* td_as_unmap: [base, base+len) is no longer mapped: mmap regions inside
 * it are dropped, those it cuts are trimmed or split in two. */
void td_as_unmap(struct aspace *a, uint64_t base, uint64_t len);
/* td_as_overlaps: the live mmap and stack regions that [base, base+len)
 * overlaps, as " (over m1@1, stack2)" into out (nothing when none): a new
 * mapping's relation to what was mapped, which Linux keeps (a fresh mmap
 * overlaps nothing; MAP_FIXED may replace) and a kernel handing out one
 * address twice breaks.  Named as task `task` of t sees them. */
void td_as_overlaps(const struct aspace *a, uint64_t base, uint64_t len, const struct td_trace *t, int task,
		    struct td_sb *out);

#endif
