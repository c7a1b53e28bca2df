/* kernel/include/boot.h: the stack kmain runs on, shared by each arch's
 * boot.S (which points sp at its top) and core (main.c defines it).  Safe to
 * include from assembly. */
#ifndef BOOT_H
#define BOOT_H

#define BOOT_KSTACK_SIZE 16384

#ifndef __ASSEMBLY__
#include "types.h"
extern uint8_t boot_kstack[BOOT_KSTACK_SIZE];

/*
 * __persist: a variable that survives a warm restart (main.c,
 * kernel_end_test): its section lies after .bss, neither zeroed by boot.S
 * nor restored from the first boot's .data.  Only meaningful once the first
 * boot has set it: give it no initializer (the loader zero-fills it).
 */
#define __persist __attribute__((section(".persist")))

/* The first boot's .data, copied at kmain's start; the warm restart puts it
 * back (kernel.ld sizes _data_copy to .data). */
extern char _data_start[], _data_end[], _data_copy[];

/* Warm restart: interrupts off, the kernel's own page table (root, its
 * physical address), then boot.S's high_entry: a fresh stack, .bss zeroed,
 * kmain again (which finds restart_magic set). */
void arch_restart_enter(uintptr_t root) __attribute__((noreturn));

/* The test is over (after its "#tdiff exit" line): "#tdiff poweroff", then
 * a batch's next test after a warm restart, or power off with status. */
void kernel_end_test(int status) __attribute__((noreturn));
#endif

#endif
