/* Pseudo-random numbers (lib/random.c): fast, not for cryptography. */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H

#include <linux/types.h>

u32 get_random_u32(void);
void prandom_seed(u64 seed);

#endif
