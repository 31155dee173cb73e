/* Bit counting without libgcc (the kernel links none), as Linux's hweight. */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/types.h>

/* Number of set bits (SWAR: add neighbouring bit counts in parallel). */
static inline unsigned int hweight64(u64 w)
{
	w -= (w >> 1) & 0x5555555555555555ULL;
	w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
	w = (w + (w >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (w * 0x0101010101010101ULL) >> 56;
}

#define hweight_long(w) hweight64(w)

/* The index of the lowest set bit; @word must not be 0 (Linux's __ffs). */
static inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

/* The index of the highest set bit; @word must not be 0 (Linux's __fls). */
static inline unsigned long __fls(unsigned long word)
{
	return 63 - __builtin_clzl(word);
}

#endif
