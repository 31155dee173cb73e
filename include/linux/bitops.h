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

#endif
