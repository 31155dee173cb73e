/*
 * Kernel time values, as Linux's include/linux/ktime.h: a ktime_t is
 * signed nanoseconds. The clock itself (ktime_get_ns() and friends) is in
 * linux/timekeeping.h, which Linux's ktime.h also pulls in.
 */
#ifndef _LINUX_KTIME_H
#define _LINUX_KTIME_H

#include <linux/types.h>
#include <linux/timekeeping.h>
#include <uapi/linux/time_types.h>

#define NSEC_PER_USEC 1000L
#define NSEC_PER_MSEC 1000000L
#define NSEC_PER_SEC 1000000000L
#define USEC_PER_SEC 1000000L

/* A duration for the ABI's microsecond structures (rusage, itimers). */
static inline struct __kernel_old_timeval ns_to_kernel_old_timeval(s64 ns)
{
	return (struct __kernel_old_timeval){
		.tv_sec = ns / NSEC_PER_SEC,
		.tv_usec = ns % NSEC_PER_SEC / NSEC_PER_USEC,
	};
}

static inline s64 ktime_to_ns(ktime_t kt)
{
	return kt;
}

static inline ktime_t ktime_sub(ktime_t a, ktime_t b)
{
	return a - b;
}

static inline s64 ktime_to_us(ktime_t kt)
{
	return kt / NSEC_PER_USEC;
}

#endif
