/* num.c: one spelling per number, and flag bits told from pointers. */
#include "num.h"

#include <stdint.h>

static int
is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static int
hex_val(char ch)
{
	if (is_digit(ch))
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* put_dec: v in decimal into buf, its length */
static size_t
put_dec(uint64_t v, char *buf)
{
	char t[TD_NUM_MAX];
	size_t n = 0, k = 0;

	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		buf[k++] = t[--n];
	return k;
}

/* canon_hex: "0x..." (n > 2 bytes, hex digits after the prefix) */
static size_t
canon_hex(const char *p, size_t n, int keep_hex, char *buf)
{
	uint64_t v = 0;
	size_t k = 2, o = 0;
	int lower = 1;

	while (k < n && p[k] == '0' && k + 1 < n)
		k++;
	if (n - k > 16)
		return 0;
	for (size_t m = k; m < n; m++) {
		int d = hex_val(p[m]);

		if (d < 0)
			return 0; /* not a number: left alone */
		lower &= !(p[m] >= 'A' && p[m] <= 'F');
		v = v << 4 | (uint64_t)d;
	}
	if (v < 0x10000 && !keep_hex)
		return put_dec(v, buf);
	if (k == 2 && lower)
		return 0;
	buf[o++] = '0';
	buf[o++] = 'x';
	for (size_t m = k; m < n; m++)
		buf[o++] = "0123456789abcdef"[hex_val(p[m])];
	return o;
}

size_t
td_num_canon(const char *p, size_t i, size_t j, size_t lo, int keep_hex, char *buf)
{
	size_t n = j - i;
	uint64_t v = 0;

	if (i > lo && p[i - 1] == '.')
		return 0;
	p += i;
	if (n < 2 || p[0] != '0')
		return 0;
	if (p[1] == 'x' || p[1] == 'X')
		return n > 2 ? canon_hex(p, n, keep_hex, buf) : 0;
	if (n > 22)
		return 0;
	for (size_t m = 1; m < n; m++) {
		if (p[m] < '0' || p[m] > '7')
			return 0; /* not octal (09, 0e3): left alone */
		v = v << 3 | (uint64_t)(p[m] - '0');
	}
	return put_dec(v, buf);
}

int
td_flag_bits(const char *p, size_t i, size_t j, size_t lo, size_t hi)
{
	size_t k;

	if ((i > lo && p[i - 1] == '|') || (j < hi && p[j] == '|'))
		return 1;
	if (hi - j < 3 || p[j] != ' ' || p[j + 1] != '/' || p[j + 2] != '*')
		return 0;
	for (k = j + 3; k + 1 < hi && !(p[k] == '*' && p[k + 1] == '/'); k++)
		if (p[k] == '?' && k + 2 < hi && p[k + 1] == '?' && p[k + 2] == '?')
			return 1;
	return 0;
}
