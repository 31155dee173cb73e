/* Clocks and time structures of the time system calls, with Linux's
 * x86-64 values (include/uapi/linux/time.h, time_types.h). */
#ifndef _UAPI_LINUX_TIME_H
#define _UAPI_LINUX_TIME_H

#include <uapi/linux/time_types.h>

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7

#define TIMER_ABSTIME 0x01

/* setitimer(2) */
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

struct __kernel_old_itimerval {
	struct __kernel_old_timeval it_interval;	/* reload value */
	struct __kernel_old_timeval it_value;		/* time to the next expiry */
};

#endif
