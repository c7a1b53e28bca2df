/* kernel/include/exec.h: execve and the ELF loader. */
#ifndef EXEC_H
#define EXEC_H

#include "types.h"

/* Replace the current program.  argv/envp are kernel arrays (NULL ended).
 * 0 on success (the trapframe now starts the new program), or -errno with
 * the old program intact. */
int do_execve(const char *path, char *const argv[], char *const envp[]);

#endif
