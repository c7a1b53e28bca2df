/* num.h: numbers as strace spells them: one spelling per value for the
 * comparison, and flag bits told from pointers. */
#ifndef TD_NUM_H
#define TD_NUM_H

#include <stddef.h>

/* Longest canonical number td_num_canon writes. */
#define TD_NUM_MAX 24

/* td_num_canon: the canonical spelling of the number p[i..j) (within
 * p[lo..]) into buf, its length; 0 when it is canonical already.  Octal is
 * decimal (022, 0022 and 0x12 are 18; 000 is 0), and so is hex below
 * 0x10000 (0x1 is 1) unless `keep_hex` (where a hex value says "an
 * address", as for ids); hex from 0x10000 up (a pointer, or flag bits) is
 * lower case without leading zeros.  Digits after a '.' are not a number
 * of their own. */
size_t td_num_canon(const char *p, size_t i, size_t j, size_t lo, int keep_hex, char *buf);

/* td_flag_bits: the number p[i..j) (within p[lo..hi)) is a flag value, not
 * a pointer: OR'd with other flags (SA_RESTORER|0x2000000), or followed
 * by strace's comment for bits it cannot name (0x400000 / * CLONE_??? * /;
 * other comments, such as envp's "/ * 3 vars * /", say nothing). */
int td_flag_bits(const char *p, size_t i, size_t j, size_t lo, size_t hi);

#endif
