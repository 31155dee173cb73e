/* The tick counter, as Linux's include/linux/jiffies.h. */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>
#include <spindle/config.h>

extern volatile unsigned long jiffies;

#define TICK_NSEC ((1000000000UL + HZ / 2) / HZ)	/* one tick, in ns */

/* Catches jiffies up with the clock source (kernel/time/tick.c). */
void jiffies_sync(void);

#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)

static inline unsigned long msecs_to_jiffies(unsigned int ms)
{
	return ((unsigned long)ms * HZ + 999) / 1000;	/* never short */
}

static inline unsigned int jiffies_to_msecs(unsigned long j)
{
	return j * 1000 / HZ;
}

/* Rounds down, as Linux's nsecs_to_jiffies(); sleepers add one. */
static inline unsigned long nsecs_to_jiffies(u64 n)
{
	return n / TICK_NSEC;
}

#endif
