/* Reading the time since boot, as Linux's include/linux/timekeeping.h. */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H

#include <linux/types.h>

/* Monotonic nanoseconds since boot; 0 until a clock source exists. */
u64 ktime_get_ns(void);

static inline ktime_t ktime_get(void)
{
	return (ktime_t)ktime_get_ns();
}

/* What printk and the scheduler stamp with (Linux's local_clock()). */
static inline u64 local_clock(void)
{
	return ktime_get_ns();
}

/* Wall-clock (CLOCK_REALTIME) nanoseconds since 1970, UTC. */
u64 ktime_get_real_ns(void);
/* Sets the wall clock (settimeofday, clock_settime). */
void do_settimeofday64(u64 real_ns);
/* Reads the battery-backed clock once (start_kernel, after time_init). */
void timekeeping_init(void);

#endif
