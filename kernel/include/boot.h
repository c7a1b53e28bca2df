/* kernel/include/boot.h: the stack kmain runs on, shared by each arch's
 * boot.S (which points sp at its top) and core (main.c defines it).  Safe to
 * include from assembly. */
#ifndef BOOT_H
#define BOOT_H

#define BOOT_KSTACK_SIZE 16384

#ifndef __ASSEMBLY__
#include "types.h"
extern uint8_t boot_kstack[BOOT_KSTACK_SIZE];
#endif

#endif
