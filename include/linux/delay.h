/*
 * Sleeping for a while, as Linux's include/linux/delay.h and
 * kernel/time/timer.c. msleep() and ssleep() sleep at least as long as
 * asked, uninterruptibly: a wake-up (from kthread_stop(), say) does not
 * shorten them; they go back to sleep for what is left. mdelay()/udelay()
 * spin instead, for where sleeping is not allowed.
 */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/types.h>
#include <asm/delay.h>	/* udelay(), mdelay(): busy-waits */

void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range(unsigned long min, unsigned long max);

static inline void ssleep(unsigned int seconds)
{
	msleep(seconds * 1000);
}

static inline void ndelay(unsigned long nsecs)
{
	udelay((nsecs + 999) / 1000);
}

#endif
