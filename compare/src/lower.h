/* lower.h: the raw level's normalization (compare/README.md, "Levels").
 * Every event of a loaded trace, whatever its form, is lowered to what a
 * raw trace can show: the syscall, its integer and flag arguments (as
 * rawtab.def counts and kinds them; pointers, addresses and opaque values
 * become "*"), pids as fork-tree positions (@1.2), the return value or
 * "-1 ERRNO" (a pointer return: "*" or the error).  Fills norm, nret,
 * key and hash as td_normalize does for the full level, with the same
 * scheduling rules (wait for any child as a set, lock waits optional). */
#ifndef TD_LOWER_H
#define TD_LOWER_H

#include <stddef.h>

#include "trace.h"

struct td_lower_stats {
	size_t calls;	  /* calls lowered */
	size_t compared;  /* arguments compared */
	size_t left_out;  /* arguments left out (pointers, addresses ...) */
	size_t no_row;	  /* calls of syscalls the table does not have */
};

void td_lower(struct td_trace *t, struct td_lower_stats *st);

/* td_lower_argname: the name of argument i of syscall name at raw level
 * ("flags"), or NULL. */
const char *td_lower_argname(const char *arch, const char *name, int i);

#endif
