/* kernel/include/trap.h: what the arch trap code calls in shared code. */
#ifndef TRAP_H
#define TRAP_H

#include "types.h"

struct trapframe;
/* A user fault turned into a signal (trace line `#tdiff fault ...`). */
void trap_user_fault(struct trapframe *tf, int sig, int code, uintptr_t addr, const char *cause);
void trap_page_fault(struct trapframe *tf, uintptr_t addr, unsigned access, int present);
void trap_timer_tick(int from_user);
void trap_console_input(int c);
/* Work before returning to user mode: signals, rescheduling. */
void trap_return_to_user(struct trapframe *tf);
void syscall_entry(struct trapframe *tf);
struct trapframe *task_first_run(void);

#endif
