/*
 * Scheduler-wide counters for /proc/stat and /proc/loadavg, as Linux's
 * include/linux/sched/stat.h.
 */
#ifndef _LINUX_SCHED_STAT_H
#define _LINUX_SCHED_STAT_H

#include <linux/types.h>

extern unsigned long total_forks;	/* kernel/fork.c, under tasklist_lock */
extern unsigned long nr_threads;
unsigned int nr_running(void);
u64 nr_context_switches(void);

#endif
