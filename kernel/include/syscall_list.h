/*
 * kernel/include/syscall_list.h: every syscall row of this arch, for the
 * X-macro users (syscall.h, core/syscall.c): define
 * SYSCALL(name, handler, decoder, rv), include this file, undefine it.
 * No include guard: it is meant to be included more than once.
 */
#include "../core/syscalls.def"  /* both arches (relative to this file) */
#include "syscalls.def"          /* this arch's own: kernel/arch/<arch>/, through -I */
