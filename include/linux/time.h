/*
 * Time values of the system-call ABI in the kernel, after Linux's
 * include/linux/time64.h and the jiffies conversions of time.c: checking
 * a timespec, and turning a relative one into a sleep in jiffies.
 */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/ktime.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <uapi/linux/time_types.h>

static inline bool timespec64_valid(const struct __kernel_timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < NSEC_PER_SEC;
}

static inline u64 timespec64_to_ns(const struct __kernel_timespec *ts)
{
	return (u64)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

/**
 * timeout_to_jiffies - a relative timeout as schedule_timeout() takes it
 * @sec: seconds
 * @nsec: nanoseconds, 0..999999999
 *
 * Rounded up, never short; 0 only for a zero time. Times too long to
 * count are MAX_SCHEDULE_TIMEOUT (for ever).
 * Return: jiffies, or -EINVAL for a negative or malformed time.
 */
static inline long timeout_to_jiffies(s64 sec, long nsec)
{
	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (sec >= MAX_SCHEDULE_TIMEOUT / HZ - 1)
		return MAX_SCHEDULE_TIMEOUT;
	return sec * HZ + (nsec + TICK_NSEC - 1) / TICK_NSEC;
}

#endif
