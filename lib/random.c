/*
 * A small pseudo-random generator (xorshift64*, Vigna 2014) for fault
 * injection, tests and demo threads. Not for anything secret: Linux's
 * get_random_u32() is cryptographic; this only shares the name.
 */
#include <linux/random.h>

static u64 state = 0x9E3779B97F4A7C15ULL;

void prandom_seed(u64 seed)
{
	state = seed ? seed : 0x9E3779B97F4A7C15ULL;
}

u32 get_random_u32(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return (u32)((state * 0x2545F4914F6CDD1DULL) >> 32);
}
