/* The tick counter, as Linux's include/linux/jiffies.h. */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/typecheck.h>
#include <spindle/config.h>

extern volatile unsigned long jiffies;

#define TICK_NSEC ((1000000000UL + HZ / 2) / HZ)	/* one tick, in ns */

/* Catches jiffies up with the clock source (kernel/time/tick.c). */
void jiffies_sync(void);

/*
 * Comparing tick counts that wrap: @a is after @b when the signed
 * difference b - a is negative, right as long as the two are less than
 * LONG_MAX ticks apart. The arguments must be unsigned long (typecheck
 * warns otherwise): an int would wrap at another point.
 */
#define time_after(a, b)                                  \
	(typecheck(unsigned long, a) &&                   \
	 typecheck(unsigned long, b) &&                   \
	 ((long)((b) - (a)) < 0))
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b)                               \
	(typecheck(unsigned long, a) &&                   \
	 typecheck(unsigned long, b) &&                   \
	 ((long)((a) - (b)) >= 0))
#define time_before_eq(a, b) time_after_eq(b, a)

/* Is @a in [@b, @c] (or [@b, @c))? */
#define time_in_range(a, b, c) (time_after_eq(a, b) && time_before_eq(a, c))
#define time_in_range_open(a, b, c) (time_after_eq(a, b) && time_before(a, c))

/* The same on 64-bit counts (jiffies_64, get_jiffies_64()). */
#define time_after64(a, b)                                \
	(typecheck(u64, a) && typecheck(u64, b) &&        \
	 ((s64)((b) - (a)) < 0))
#define time_before64(a, b) time_after64(b, a)
#define time_after_eq64(a, b)                             \
	(typecheck(u64, a) && typecheck(u64, b) &&        \
	 ((s64)((a) - (b)) >= 0))
#define time_before_eq64(a, b) time_after_eq64(b, a)
#define time_in_range64(a, b, c) (time_after_eq64(a, b) && time_before_eq64(a, c))

/* Compared with now. */
#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)
#define time_is_before_eq_jiffies(a) time_after_eq(jiffies, a)
#define time_is_after_eq_jiffies(a) time_before_eq(jiffies, a)

/* Spindle's jiffies is 64 bits wide, as Linux's on 64-bit machines. */
static inline u64 get_jiffies_64(void)
{
	return READ_ONCE(jiffies);
}

/* The largest timeout that still compares right with time_after(). */
#define MAX_JIFFY_OFFSET ((__LONG_MAX__ >> 1) - 1)

#define MSEC_PER_SEC 1000L
#define USEC_PER_MSEC 1000L
#define USEC_PER_SEC 1000000L
#define NSEC_PER_USEC 1000L
#define NSEC_PER_MSEC 1000000L

static inline unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (MSEC_PER_SEC / HZ) * j;
}

static inline unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (USEC_PER_SEC / HZ) * j;
}

static inline u64 jiffies_to_nsecs(const unsigned long j)
{
	return (u64)j * TICK_NSEC;
}

static inline u64 jiffies64_to_nsecs(u64 j)
{
	return j * TICK_NSEC;
}

static inline u64 jiffies64_to_msecs(u64 j)
{
	return j * (MSEC_PER_SEC / HZ);
}

/**
 * msecs_to_jiffies - convert milliseconds to ticks, rounding up
 * @m: the time; a value that is negative as an int means "forever"
 *
 * Return: the ticks, never fewer than asked, at most MAX_JIFFY_OFFSET.
 */
static inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	if ((int)m < 0)
		return MAX_JIFFY_OFFSET;
	return ((unsigned long)m * HZ + MSEC_PER_SEC - 1) / MSEC_PER_SEC;
}

static inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	if ((int)u < 0)
		return MAX_JIFFY_OFFSET;
	return ((unsigned long)u * HZ + USEC_PER_SEC - 1) / USEC_PER_SEC;
}

/* Rounds down, as Linux's nsecs_to_jiffies(); sleepers add one. */
static inline u64 nsecs_to_jiffies64(u64 n)
{
	return n / TICK_NSEC;
}

static inline unsigned long nsecs_to_jiffies(u64 n)
{
	return n / TICK_NSEC;
}

#endif
