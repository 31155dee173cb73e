/*
 * The lockup detectors, as Linux's include/linux/nmi.h: the soft-lockup
 * watchdog (kernel/watchdog.c) and the hung-task detector
 * (kernel/hung_task.c). Code that legitimately keeps a CPU busy for a
 * long time with preemption off calls touch_softlockup_watchdog().
 */
#ifndef _LINUX_NMI_H
#define _LINUX_NMI_H

#include <linux/types.h>

extern int watchdog_thresh;		/* seconds; a soft lockup is 2x this */
extern int softlockup_panic;
extern unsigned long sysctl_hung_task_timeout_secs;

/* This CPU is busy on purpose: do not count the time until now. */
void touch_softlockup_watchdog(void);
void touch_all_softlockup_watchdogs(void);

void lockup_detector_init(void);
/* The hotplug state CPUHP_AP_WATCHDOG_ONLINE (kernel/cpu.c). */
int lockup_detector_online_cpu(unsigned int cpu);
int lockup_detector_offline_cpu(unsigned int cpu);

/* For tests and LKDTM: is the soft-lockup watchdog running, how many
 * reports has it printed, how long after the last touch it reports. */
bool softlockup_enabled(void);
unsigned long softlockup_reports(void);
unsigned int softlockup_thresh_secs(void);
unsigned long hung_task_reports(void);

#endif
