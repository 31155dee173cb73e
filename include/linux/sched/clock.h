/*
 * The scheduler's clock, as Linux's include/linux/sched/clock.h: cheap
 * nanoseconds for run-time accounting, read on every wake-up and switch.
 * It may drift from the time of day (ktime_get_ns()) by the error of the
 * TSC's calibration; it never goes back on one CPU.
 */
#ifndef _LINUX_SCHED_CLOCK_H
#define _LINUX_SCHED_CLOCK_H

#include <linux/types.h>

/* Nanoseconds since boot. Context: any. */
u64 sched_clock(void);

#endif
