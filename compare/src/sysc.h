/* sysc.h: syscall names and numbers (from libseccomp) and the comparison
 * rules of rules.def. */
#ifndef TD_SYSC_H
#define TD_SYSC_H

#include <stddef.h>
#include <stdint.h>

enum td_mode {
	TD_M_AUTO = 'A',
	TD_M_EXACT = 'X',
	TD_M_SYM = 'S',
	TD_M_ID = 'I',
	TD_M_NONE = 'N',
};

#define TD_RULE_MAXARGS 8

struct td_rule {
	const char *name;
	char ret;
	int nargs;
	char argname[TD_RULE_MAXARGS][24];
	char argmode[TD_RULE_MAXARGS];
};

/* The row for a syscall name (n bytes), or the default row. */
const struct td_rule *td_rule_find(const char *name, size_t n);
/* The mode of a struct field, or 0 when no row names it. */
char td_field_mode(const char *name, size_t n);

/* Arch names: "x86_64", "riscv64".  -1 for an unknown name. */
int td_arch_known(const char *arch);
/* The syscall's name on arch (static storage, interned), or NULL. */
const char *td_sys_name(const char *arch, long nr);
/* The syscall's number on arch, or -1. */
long td_sys_nr(const char *arch, const char *name);

#endif
