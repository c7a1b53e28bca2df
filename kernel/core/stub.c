#include "arch.h"
#include "lib.h"
#include "task.h"
#include "trap.h"
#include "trace.h"
struct task *current;
int trace_enabled;
void trap_user_fault(struct trapframe *tf, int sig, int code, uintptr_t addr, const char *cause) {(void)tf;(void)sig;(void)code;(void)addr;(void)cause;}
void trap_page_fault(struct trapframe *tf, uintptr_t addr, unsigned access, int present){(void)tf;(void)addr;(void)access;(void)present;}
void trap_timer_tick(int from_user){(void)from_user;}
void trap_console_input(int c){(void)c;}
void trap_return_to_user(struct trapframe *tf){(void)tf;}
void syscall_entry(struct trapframe *tf){(void)tf;}
struct trapframe *task_first_run(void){return 0;}
void trace_event(const char *fmt, ...) { char b[256]; va_list ap; va_start(ap, fmt); int n = kvsnprintf(b, 250, fmt, ap); va_end(ap); arch_trace_write("#tdiff ", 7); arch_trace_write(b, n); arch_trace_write("\n", 1);}
void trace_panic(const char *msg) { trace_event("panic %s", msg); }
