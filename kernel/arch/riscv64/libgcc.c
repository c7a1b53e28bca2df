/* kernel/arch/riscv64/libgcc.c: the few compiler helpers GCC calls for
 * bit operations on rv64imac (no Zbb).  The cross toolchain's libgcc is
 * built for the double-float ABI and cannot be linked into this
 * soft-float kernel, so they are here. */
#include "types.h"

int __ctzdi2(uint64_t x);
int __popcountdi2(uint64_t x);

/* Trailing zero bits of x (undefined for 0, like the builtin). */
int
__ctzdi2(uint64_t x)
{
	int n = 0;
	if (!(x & 0xffffffffUL)) { n += 32; x >>= 32; }
	if (!(x & 0xffff)) { n += 16; x >>= 16; }
	if (!(x & 0xff)) { n += 8; x >>= 8; }
	if (!(x & 0xf)) { n += 4; x >>= 4; }
	if (!(x & 0x3)) { n += 2; x >>= 2; }
	if (!(x & 0x1))
		n += 1;
	return n;
}

/* Set bits of x. */
int
__popcountdi2(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555UL);
	x = (x & 0x3333333333333333UL) + ((x >> 2) & 0x3333333333333333UL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fUL;
	return (int)((x * 0x0101010101010101UL) >> 56);
}
