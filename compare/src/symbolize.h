/* symbolize.h: addresses to function+offset and file:line with elfutils
 * libdw, on an ELF file read offline (never a running process). */
#ifndef TD_SYMBOLIZE_H
#define TD_SYMBOLIZE_H

#include <stddef.h>
#include <stdint.h>

#include "diverge.h"

/* "crash_here+0x4 (tdprog.c:33)" for addr in elf (link-time address; for a
 * position-independent file, the offset from its load base).  Returns 0, or
 * -1 with a message in buf when the file cannot be read or addr is in no
 * function. */
int td_sym_addr(const char *elf, uint64_t addr, char *buf, size_t n);

/* Attach symbolized fault pcs (from "#tdiff fault") and panic backtraces
 * (from "#tdiff bt") to r's divergences, using r->o->binary and
 * r->o->kernel_elf when given. */
void td_symbolize(struct td_result *r);

#endif
