/*
 * The load average, as Linux's include/linux/sched/loadavg.h: the
 * number of runnable and uninterruptible tasks, decayed every 5 s into
 * three exponential averages (1, 5 and 15 minutes), fixed point with
 * FSHIFT fraction bits. /proc/loadavg, uptime and sysinfo() read it.
 */
#ifndef _LINUX_SCHED_LOADAVG_H
#define _LINUX_SCHED_LOADAVG_H

#include <spindle/config.h>

extern unsigned long avenrun[3];

#define FSHIFT 11
#define FIXED_1 (1 << FSHIFT)
#define LOAD_FREQ (5 * HZ + 1)	/* 5 s, off the tick's beat */
#define EXP_1 1884		/* 1 / exp(5 s / 1 min), fixed point */
#define EXP_5 2014
#define EXP_15 2037
#define SI_LOAD_SHIFT 16

#define LOAD_INT(x) ((x) >> FSHIFT)
#define LOAD_FRAC(x) LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

/* Copies the averages, rounded by @offset and shifted left by @shift. */
void get_avenrun(unsigned long *loads, unsigned long offset, int shift);
/* From the tick on the boot CPU: fold in a new sample every LOAD_FREQ. */
void calc_global_load_tick(void);

#endif
